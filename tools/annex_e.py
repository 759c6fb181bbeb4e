#!/usr/bin/env python3
"""Generate src/rules/annex_e_table.rs: DICOM PS3.15 Annex E Table E.1-1 as Rust data.

Usage:
    python3 tools/annex_e.py [--wheels DIR] [--out FILE]

Sources (never hand-typed):
  * Basic Profile rows and action codes, DICOM edition 2026c:
      dicom-anonymizer 2.1.0 wheel,
      dicomanonymizer/dicom_anonymization_databases/dicomfields_2026c.py
      (lists D_TAGS, Z_TAGS, X_TAGS, U_TAGS, Z_D_TAGS, X_Z_TAGS, X_D_TAGS, X_Z_D_TAGS,
      X_Z_U_STAR_TAGS of (group, element) or (group, element, group_mask, element_mask)).
  * Option columns and attribute names, DICOM edition 2020:
      dicom-standard 0.1.0 wheel,
      dicom_standard-0.1.0.data/data/standard/confidentiality_profile_attributes.json
  * Keyword, VR and Retired flag: pydicom's data dictionary (the JSON has no Retired column).

Without --wheels, the two wheels are fetched with `pip download` into a temporary folder.
Category and severity come from the CATEGORY_BY_KEY / CATEGORY_RULES tables below.
The output is run through rustfmt and is byte-for-byte deterministic.
"""

from __future__ import annotations

import argparse
import ast
import collections
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pydicom
from pydicom import datadict

EDITION = "2026c"
ANONYMIZER = ("dicom-anonymizer", "2.1.0", "dicom_anonymizer-2.1.0-*.whl")
STANDARD = ("dicom-standard", "0.1.0", "dicom_standard-0.1.0-*.whl")
ANONYMIZER_PATH = "dicomanonymizer/dicom_anonymization_databases/dicomfields_2026c.py"
STANDARD_PATH = "dicom_standard-0.1.0.data/data/standard/confidentiality_profile_attributes.json"
EXPECTED_BASIC_ROWS = 655

# List name in dicomfields_2026c.py -> Basic Profile action code.
ACTION_BY_LIST = {
    "D_TAGS": "D",
    "Z_TAGS": "Z",
    "X_TAGS": "X",
    "K_TAGS": "K",
    "C_TAGS": "C",
    "U_TAGS": "U",
    "Z_D_TAGS": "Z/D",
    "X_Z_TAGS": "X/Z",
    "X_D_TAGS": "X/D",
    "X_Z_D_TAGS": "X/Z/D",
    "X_Z_U_STAR_TAGS": "X/Z/U*",
}

# JSON option key -> AnnexEOptions field.
OPTION_FIELDS = [
    ("rtnSafePrivOpt", "safe_private"),
    ("rtnUIDsOpt", "uids"),
    ("rtnDevIdOpt", "device_identity"),
    ("rtnInstIdOpt", "institution_identity"),
    ("rtnPatCharsOpt", "patient_characteristics"),
    ("rtnLongFullDatesOpt", "full_dates"),
    ("rtnLongModifDatesOpt", "modified_dates"),
    ("cleanDescOpt", "clean_descriptors"),
    ("cleanStructContOpt", "clean_structured_content"),
    ("cleanGraphOpt", "clean_graphics"),
]

# The Table E.1-1 row "Private attributes (gggg,eeee) where gggg is odd" is not in the 2026c
# list (dicom-anonymizer handles private tags separately); it is taken from the 2020 JSON.
# It is encoded as group 0x0001 / group_mask 0x0001 / element 0 / element_mask 0, so it
# matches every odd group.
INCLUDE_PRIVATE_ROW = True
PRIVATE_JSON_TAG = "(GGGG,EEEE) WHERE GGGG IS ODD"

# Repeating groups (PS3.5 section 7.6) are the even groups 5000-501E and 6000-601E. The source
# encodes them with group_mask 0xFF00, which would also match odd (private) groups such as
# 6003; the table uses 0xFFE1 instead so only the even groups 0x..00-0x..1E match.
REPEATING_GROUP_MASK = 0xFFE1

# ---------------------------------------------------------------------------------------------
# Category and severity, as data.
#
# CATEGORY_BY_KEY is consulted first: the key is the row id ("E-00100012") or the keyword.
# Then CATEGORY_RULES, in order: (field, regex, category, severity). Field "key" is the keyword,
# or for attributes unknown to pydicom the name squashed to CamelCase ("Name to Use" ->
# "NameToUse"); field "vr" is the VR. Regexes are case-sensitive and use re.search.
# The last rule is the fallback.
# ---------------------------------------------------------------------------------------------
NAMES_CRIT = ("Names", "Critical")
NAMES_HIGH = ("Names", "High")
CONTEXT_LOW = ("Context", "Low")
MRN_CRIT = ("MedicalRecord", "Critical")
DATES_HIGH = ("Dates", "High")
DATES_MED = ("Dates", "Medium")
DATES_LOW = ("Dates", "Low")
GEO_HIGH = ("Geography", "High")
GEO_MED = ("Geography", "Medium")
GEO_LOW = ("Geography", "Low")
PHONE_HIGH = ("Phone", "High")
PHONE_MED = ("Phone", "Medium")
ACCOUNT_MED = ("Account", "Medium")
ACCOUNT_LOW = ("Account", "Low")
UNIQUE_MED = ("OtherUnique", "Medium")
UNIQUE_LOW = ("OtherUnique", "Low")
DEVICE_LOW = ("Device", "Low")
URL_LOW = ("Url", "Low")
TEXT_HIGH = ("FreeText", "High")
TEXT_MED = ("FreeText", "Medium")
TEXT_LOW = ("FreeText", "Low")

CATEGORY_BY_KEY = {
    # The patient's own names.
    "PatientName": NAMES_CRIT,
    "OtherPatientNames": NAMES_CRIT,
    "PatientBirthName": NAMES_CRIT,
    "PatientMotherBirthName": NAMES_CRIT,
    "E-00100011": NAMES_CRIT,  # Person Names to Use Sequence (not in pydicom 3.0.2)
    "E-00100012": NAMES_CRIT,  # Name to Use (not in pydicom 3.0.2)
    # The patient's circle, or persons who may be the patient.
    "ResponsiblePerson": NAMES_HIGH,
    "PersonName": NAMES_HIGH,  # SR person name: observer, subject or relative
    "SelectorPNValue": NAMES_HIGH,
    "VerbalSourceTrial": NAMES_HIGH,  # who gave a verbal account (often a relative)
    # Medical record numbers.
    "PatientID": MRN_CRIT,
    "OtherPatientIDs": MRN_CRIT,
    "OtherPatientIDsSequence": MRN_CRIT,
    "MedicalRecordLocator": MRN_CRIT,
    "IssuerOfPatientID": ("MedicalRecord", "Medium"),
    "ReferencedPatientAliasSequence": ("MedicalRecord", "Medium"),
    # Dates about the patient.
    "PatientBirthDate": DATES_HIGH,
    "PatientBirthTime": DATES_HIGH,
    "PatientAge": DATES_LOW,
    "SelectorASValue": DATES_LOW,
    # Dates about equipment or coding schemes, not the patient.
    "ContextGroupVersion": DATES_LOW,
    "ContextGroupLocalVersion": DATES_LOW,
    "TemplateVersion": DATES_LOW,
    "TemplateLocalVersion": DATES_LOW,
    # Where the patient lives.
    "PatientAddress": GEO_HIGH,
    "RegionOfResidence": GEO_HIGH,
    "CountryOfResidence": GEO_LOW,
    "PatientInstitutionResidence": GEO_HIGH,
    "ScheduledPatientInstitutionResidence": GEO_HIGH,
    "PersonAddress": GEO_MED,  # may be the patient's or a staff member's
    "AddressTrial": GEO_MED,
    "TimezoneOffsetFromUTC": GEO_LOW,
    "GPSDateStamp": DATES_MED,
    "GPSTimeStamp": DATES_MED,
    "InstitutionAddress": CONTEXT_LOW,
    "ReferringPhysicianAddress": CONTEXT_LOW,
    "DistributionAddress": CONTEXT_LOW,
    # Phones.
    "PatientTelephoneNumbers": PHONE_HIGH,
    "PatientTelecomInformation": PHONE_HIGH,
    "PersonTelephoneNumbers": PHONE_MED,
    "PersonTelecomInformation": PHONE_MED,
    "TelephoneNumberTrial": PHONE_MED,
    # Health plan, accounts.
    "InsurancePlanIdentification": ("HealthPlan", "High"),
    "PatientInsurancePlanCodeSequence": ("HealthPlan", "Medium"),
    "AdmissionID": ACCOUNT_MED,
    "ServiceEpisodeID": ACCOUNT_MED,
    "IssuerOfAdmissionID": ACCOUNT_LOW,
    "IssuerOfAdmissionIDSequence": ACCOUNT_LOW,
    "IssuerOfServiceEpisodeID": ACCOUNT_LOW,
    "IssuerOfServiceEpisodeIDSequence": ACCOUNT_LOW,
    # Identifiers that are not IDs by keyword.
    "PersonIdentificationCodeSequence": UNIQUE_MED,
    "BarcodeValue": UNIQUE_MED,
    "FillerOrderNumberImagingServiceRequest": UNIQUE_MED,
    "PlacerOrderNumberImagingServiceRequest": UNIQUE_MED,
    "RTAccessoryDeviceSlotID": UNIQUE_LOW,
    "RTAccessoryHolderSlotID": UNIQUE_LOW,
    # Devices.
    "DeviceSerialNumber": DEVICE_LOW,
    "DeviceUID": DEVICE_LOW,
    "ManufacturerDeviceClassUID": DEVICE_LOW,
    "UniqueDeviceIdentifier": DEVICE_LOW,
    "UDISequence": DEVICE_LOW,
    "DeviceAlternateIdentifier": DEVICE_LOW,
    "ManufacturerDeviceIdentifier": DEVICE_LOW,
    "HardcopyCreationDeviceID": DEVICE_LOW,
    "SecondaryCaptureDeviceID": DEVICE_LOW,
    "ModifyingDeviceID": DEVICE_LOW,
    "TransducerIdentificationSequence": DEVICE_LOW,
    "SourceManufacturer": DEVICE_LOW,
    "LensMake": DEVICE_LOW,
    "LensModel": DEVICE_LOW,
    "LensSpecification": DEVICE_LOW,
    "XRayDetectorLabel": DEVICE_LOW,
    # Web addresses.
    "E-0040E012": URL_LOW,  # Display URI (not in pydicom 3.0.2)
    "SelectorURValue": URL_LOW,
    # Patient characteristics.
    "PatientSex": CONTEXT_LOW,
    "PatientSexNeutered": CONTEXT_LOW,
    "PatientSize": CONTEXT_LOW,
    "PatientWeight": CONTEXT_LOW,
    "EthnicGroup": CONTEXT_LOW,
    "E-00102162": CONTEXT_LOW,  # Ethnic Groups (not in pydicom 3.0.2)
    "Occupation": CONTEXT_LOW,
    "SmokingStatus": CONTEXT_LOW,
    "PregnancyStatus": CONTEXT_LOW,
    "Allergies": CONTEXT_LOW,
    "MedicalAlerts": CONTEXT_LOW,
    "AdditionalPatientHistory": CONTEXT_LOW,
    "PatientReligiousPreference": CONTEXT_LOW,
    "PatientState": CONTEXT_LOW,
    "SpecialNeeds": CONTEXT_LOW,
    "PatientTransportArrangements": CONTEXT_LOW,
    "PreMedication": CONTEXT_LOW,
    "ContrastBolusAgent": CONTEXT_LOW,
    "RequestedContrastAgent": CONTEXT_LOW,
    "BranchOfService": CONTEXT_LOW,
    "MilitaryRank": CONTEXT_LOW,
    # Care setting, systems, staff.
    "TreatmentMachineName": CONTEXT_LOW,
    "TreatmentSite": CONTEXT_LOW,  # a body site
    "TreatmentSites": CONTEXT_LOW,
    "ClinicalTrialSiteID": CONTEXT_LOW,
    "IssuerOfClinicalTrialSiteID": CONTEXT_LOW,
    "CameraOwnerName": CONTEXT_LOW,  # UT, the photographer
    "ModifyingSystem": CONTEXT_LOW,
    "SourceOfPreviousValues": CONTEXT_LOW,
    "ResultsDistributionListSequence": CONTEXT_LOW,
    "CertificateOfSigner": CONTEXT_LOW,
    "VerbalSourceIdentifierCodeSequenceTrial": CONTEXT_LOW,
    # Content that may hold anything, including the patient's name.
    "ContentSequence": TEXT_MED,
    "EncapsulatedDocument": TEXT_HIGH,
    "OriginalAttributesSequence": TEXT_MED,
    "ModifiedAttributesSequence": TEXT_MED,
    "NonconformingModifiedAttributesSequence": TEXT_MED,
    "NonconformingDataElementValue": TEXT_LOW,
    "SelectorLOValue": TEXT_MED,
    "SelectorSHValue": TEXT_MED,
    "ReasonForTheAttributeModification": TEXT_LOW,  # CS: COERCE, CORRECT, ...
    "AcquisitionContextSequence": TEXT_LOW,
    "MakerNote": TEXT_LOW,
    "DeviceSettingDescription": TEXT_LOW,
    # Images that may show the face.
    "ReferencedPatientPhotoSequence": ("FaceImage", "High"),
    "IconImageSequence": ("FaceImage", "Low"),
    # Overlays, curves, graphics.
    "E-50XXXXXX": TEXT_LOW,
    "E-60XX3000": TEXT_LOW,
    "E-60XX4000": TEXT_LOW,
    "GraphicAnnotationSequence": TEXT_LOW,
    "WaveformAnnotationSequence": TEXT_LOW,
    # Private attributes.
    "E-GGGGEEEE": UNIQUE_LOW,
}

STAFF = (
    r"Physician|Operator|Performer|Observer|Interpret|Author|Reviewer|Recorder|Transcriber"
    r"|Creator|Recipient|Reading|Requesting|Entered|Verifying|Owner|Distribution|Approv"
)
CATEGORY_RULES = [
    ("key", r"^GPS(Dest)?(Latitude|Longitude)$|^GPSAreaInformation$", *GEO_HIGH),
    ("key", r"^GPS", *GEO_LOW),
    ("key", r"Telephone|Telecom|PhoneNumber", *CONTEXT_LOW),  # patient's/person's: explicit
    ("vr", r"^PN$", "Context", "Low", STAFF),  # PN of staff (5th item: extra key regex)
    ("vr", r"^PN$", *NAMES_HIGH),
    (
        "key",
        r"^(SexParametersForClinicalUse|GenderIdentity|Pronoun|ThirdPersonPronouns)"
        r"(?!.*Comment)",
        *CONTEXT_LOW,
    ),
    ("vr", r"^AE$", *CONTEXT_LOW),
    ("key", r"SerialNumber", *DEVICE_LOW),
    (
        "key",
        r"^(Device|Detector|XRayDetector|Plate|Cassette|Gantry|Generator|XRaySource|Source)"
        r"(ID|Identifier|UID|Label)$",
        *DEVICE_LOW,
    ),
    ("key", r"Calibration|Manufacture|Installation", *DATES_LOW),
    ("vr", r"^(DA|DT|TM)$", *DATES_MED),
    ("key", r"(Date|Time|DateTime|Timestamp)(Trial)?$", *DATES_MED),
    ("vr", r"^UI$", *UNIQUE_MED),
    ("key", r"^IssuerOf|Issuer$", *UNIQUE_LOW),
    ("key", r"(ID|IDs|Identifier|Number|Numbers)(Trial)?$", *UNIQUE_MED),
    ("key", r"CodeSequence", *CONTEXT_LOW),
    (
        "key",
        r"Description|Comment|Text|Remark|Note|Narrative|Reason|Impression|Diagnos|History"
        r"|Keywords|Title|Subject|Arbitrary",
        *TEXT_MED,
    ),
    ("vr", r"^(LT|ST|UT|UC)$", *TEXT_MED),
    (
        "key",
        STAFF + r"|Institution|Department|Station|Organization|Sponsor|TrialSite"
        r"|CoordinatingCenter|EthicsCommittee|Location|Service|Custodial|Participant|Signer"
        r"|Signature",
        *CONTEXT_LOW,
    ),
    ("key", r"(Label|Name)$", *TEXT_LOW),
    ("key", r"Overlay|Curve|Graphic|Annotation|Waveform|Icon", *TEXT_LOW),
    ("key", r"", *UNIQUE_LOW),  # fallback
]

CATEGORIES = {
    "Names", "Geography", "Dates", "Phone", "Fax", "Email", "Ssn", "MedicalRecord",
    "HealthPlan", "Account", "License", "Vehicle", "Device", "Url", "Ip", "Biometric",
    "FaceImage", "OtherUnique", "FreeText", "Context",
}
SEVERITIES = {"Info", "Low", "Medium", "High", "Critical"}


def classify(row: dict) -> tuple[str, str]:
    for key in (row["id"], row["keyword"]):
        if key and key in CATEGORY_BY_KEY:
            return CATEGORY_BY_KEY[key]
    key = row["keyword"] or squash(row["name"])
    for rule in CATEGORY_RULES:
        field, pattern, category, severity = rule[:4]
        value = key if field == "key" else row["vr"]
        if not re.search(pattern, value):
            continue
        if len(rule) > 4 and not re.search(rule[4], key):
            continue
        return category, severity
    raise AssertionError("no fallback rule")


def squash(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", name))


# ---------------------------------------------------------------------------------------------
# Sources.
# ---------------------------------------------------------------------------------------------


def find_wheels(directory: Path | None) -> tuple[Path, Path, tempfile.TemporaryDirectory | None]:
    tmp = None
    if directory is None:
        tmp = tempfile.TemporaryDirectory(prefix="annex-e-")
        directory = Path(tmp.name)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "-d", str(directory),
             f"{ANONYMIZER[0]}=={ANONYMIZER[1]}", f"{STANDARD[0]}=={STANDARD[1]}"],
            check=True,
        )
    found = []
    for _, _, pattern in (ANONYMIZER, STANDARD):
        matches = sorted(directory.glob(pattern))
        if len(matches) != 1:
            sys.exit(f"expected one {pattern} in {directory}, found {matches}")
        found.append(matches[0])
    return found[0], found[1], tmp


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_basic_rows(wheel: Path) -> list[dict]:
    """Rows of dicomfields_2026c.py: (group, element[, group_mask, element_mask]) + action."""
    with zipfile.ZipFile(wheel) as z:
        text = z.read(ANONYMIZER_PATH).decode("utf-8")
    # The attribute name is in the comment after each tuple (possibly after a multi-line tuple).
    comments = {}
    for m in re.finditer(
        r"\(\s*0x([0-9A-Fa-f]{4}),\s*0x([0-9A-Fa-f]{4})\s*(?:,\s*0x([0-9A-Fa-f]{4})\s*,"
        r"\s*0x([0-9A-Fa-f]{4})\s*)?,?\s*\),?[ \t]*#[ \t]*(.+)",
        text,
    ):
        key = tuple(int(g, 16) for g in m.groups()[:4] if g is not None)
        comments[key] = m.group(5).strip()
    rows = []
    for node in ast.parse(text).body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.List):
            continue
        (target,) = node.targets
        if target.id == "ALL_TAGS":
            continue
        if target.id not in ACTION_BY_LIST:
            sys.exit(f"unknown list {target.id} in {ANONYMIZER_PATH}")
        for entry in ast.literal_eval(node.value):
            if len(entry) == 2:
                group, element = entry
                gmask = emask = 0xFFFF
            elif len(entry) == 4:
                group, element, gmask, emask = entry
            else:
                sys.exit(f"odd entry {entry!r} in {target.id}")
            rows.append({
                "group": group, "element": element, "src_gmask": gmask, "emask": emask,
                "basic": ACTION_BY_LIST[target.id], "comment": comments[tuple(entry)],
            })
    keys = [(r["group"], r["element"], r["src_gmask"], r["emask"]) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate tag in the 2026c lists"
    return rows


def read_options(wheel: Path) -> dict[str, dict]:
    """confidentiality_profile_attributes.json, keyed by its tag text, e.g. "(0010,0010)"."""
    with zipfile.ZipFile(wheel) as z:
        items = json.loads(z.read(STANDARD_PATH))
    by_tag: dict[str, dict] = {}
    for item in items:
        prev = by_tag.get(item["tag"])
        if prev is not None:
            # The 2020 JSON lists Source Serial Number twice (X/Z and X); names and options
            # agree, only the basic code differs, and the basic code is taken from 2026c.
            for k in ["name"] + [k for k, _ in OPTION_FIELDS]:
                assert prev.get(k) == item.get(k), (prev, item)
            continue
        by_tag[item["tag"]] = item
    return by_tag


def tag_text(row: dict) -> str:
    """"(gggg,eeee)" with 'x' for masked nibbles, as the standard writes it."""
    def part(value: int, mask: int) -> str:
        return "".join(
            f"{(value >> s) & 0xF:X}" if (mask >> s) & 0xF else "x" for s in (12, 8, 4, 0)
        )
    return f"({part(row['group'], row['src_gmask'])},{part(row['element'], row['emask'])})"


def dictionary_entry(row: dict) -> tuple[str, str, str, bool]:
    """(keyword, vr, description, retired) from pydicom; "" when unknown."""
    if row["src_gmask"] == 0xFFFF and row["emask"] == 0xFFFF:
        tag = (row["group"] << 16) | row["element"]
        if not datadict.keyword_for_tag(tag):
            return "", "", "", False
        return (datadict.keyword_for_tag(tag), datadict.dictionary_VR(tag),
                datadict.dictionary_description(tag), datadict.dictionary_is_retired(tag))
    if row["emask"] == 0xFFFF:
        # A repeating group with a fixed element, e.g. (60xx,4000): the repeater dictionary.
        tag = (row["group"] << 16) | row["element"]
        try:
            keyword = datadict.dictionary_keyword(tag)
        except KeyError:
            return "", "", "", False
        assert datadict.repeater_has_keyword(keyword), keyword
        return (keyword, datadict.dictionary_VR(tag), datadict.dictionary_description(tag),
                datadict.dictionary_is_retired(tag))
    # Whole repeating group (50xx,xxxx): no single keyword or VR; retired when every
    # repeater entry of that group family is retired.
    prefix = tag_text(row)[1:5].lower()
    family = [v for k, v in datadict.RepeatersDictionary.items() if k.startswith(prefix)]
    retired = bool(family) and all(v[3] for v in family)
    return "", "", "", retired


def build_rows(basic: list[dict], options: dict[str, dict]) -> tuple[list[dict], dict]:
    stats = collections.Counter()
    rows = []
    for b in basic:
        row = dict(b)
        row["tag"] = tag_text(row)
        masked = row["src_gmask"] != 0xFFFF or row["emask"] != 0xFFFF
        row["id"] = "E-" + re.sub(r"[(),]", "", row["tag"]).upper()
        row["gmask"] = row["src_gmask"]
        if masked and row["src_gmask"] == 0xFF00 and row["group"] in (0x5000, 0x6000):
            row["gmask"] = REPEATING_GROUP_MASK
            stats["tightened_masks"] += 1
        keyword, vr, description, retired = dictionary_entry(row)
        item = options.get(row["tag"].upper())
        if item is None:
            stats["no_2020_entry"] += 1
            name = description or row["comment"]
            if not description:
                stats["name_from_source_comment"] += 1
        else:
            # The standard's table cells carry line breaks ("Icon Image Sequence\n\n(see
            # Note 12)"); a rule title is one line.
            name = " ".join(item["name"].split())
            if item["basicProfile"] != row["basic"]:
                stats["basic_changed_since_2020"] += 1
        if not keyword:
            stats["no_keyword"] += 1
        row.update(keyword=keyword, vr=vr, retired=retired, name=name,
                   options={f: (item or {}).get(k) for k, f in OPTION_FIELDS})
        rows.append(row)
    assert len(rows) == EXPECTED_BASIC_ROWS, f"{len(rows)} basic rows, expected {EXPECTED_BASIC_ROWS}"
    if INCLUDE_PRIVATE_ROW:
        item = options[PRIVATE_JSON_TAG]
        rows.append({
            "group": 0x0001, "gmask": 0x0001, "element": 0x0000, "emask": 0x0000,
            "tag": "(gggg,eeee) where gggg is odd", "id": "E-GGGGEEEE",
            "name": " ".join(item["name"].split()), "keyword": "", "vr": "", "retired": False,
            "basic": item["basicProfile"],
            "options": {f: item.get(k) for k, f in OPTION_FIELDS},
        })
    used = {PRIVATE_JSON_TAG} | {r["tag"].upper() for r in rows}
    unused = sorted(set(options) - used)
    assert not unused, f"2020 rows missing from 2026c: {unused}"
    for row in rows:
        row["category"], row["severity"] = classify(row)
        assert row["category"] in CATEGORIES and row["severity"] in SEVERITIES, row
    for key in CATEGORY_BY_KEY:
        assert any(key in (r["id"], r["keyword"]) for r in rows), f"unused key {key}"

    def order(r: dict) -> tuple:
        exact = r["gmask"] == 0xFFFF and r["emask"] == 0xFFFF
        specificity = bin(r["gmask"]).count("1") + bin(r["emask"]).count("1")
        return (not exact, -specificity, r["group"], r["element"])

    rows.sort(key=order)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    return rows, stats


# ---------------------------------------------------------------------------------------------
# Rust output.
# ---------------------------------------------------------------------------------------------


def rust_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rust_opt(s: str | None) -> str:
    return "None" if s is None else f"Some({rust_str(s)})"


def render(rows: list[dict], stats: dict, anonymizer: Path, standard: Path) -> str:
    n_basic = sum(1 for r in rows if r["id"] != "E-GGGGEEEE")
    source = (
        f"{ANONYMIZER[0]} {ANONYMIZER[1]} ({ANONYMIZER_PATH}, DICOM {EDITION} Basic Profile) + "
        f"{STANDARD[0]} {STANDARD[1]} ({STANDARD_PATH}, DICOM 2020 option columns and names)"
    )
    header = f"""\
//! DICOM PS3.15 Annex E Table E.1-1, edition {EDITION}: generated by tools/annex_e.py — do not edit.
//!
//! Regenerate with `python3 tools/annex_e.py [--wheels DIR]`.
//!
//! Sources:
//! - Basic Profile rows and action codes (DICOM {EDITION}): {ANONYMIZER[0]} {ANONYMIZER[1]},
//!   `{ANONYMIZER_PATH}`,
//!   wheel `{anonymizer.name}` sha256 {sha256(anonymizer)}.
//! - Option columns and attribute names (DICOM 2020): {STANDARD[0]} {STANDARD[1]},
//!   `{STANDARD_PATH}`,
//!   wheel `{standard.name}` sha256 {sha256(standard)}.
//! - Keyword, VR and Retired flag: pydicom {pydicom.__version__} data dictionary ("" when unknown).
//! - Category and severity: the mapping tables in tools/annex_e.py.
//!
//! Rows: {len(rows)} = {n_basic} Basic Profile rows of {EDITION} + {len(rows) - n_basic} "Private attributes" row from the
//! 2020 JSON (absent from the {EDITION} list).
//! {stats["no_2020_entry"]} rows are newer than the 2020 JSON: their option columns are all None and their
//! name comes from pydicom's dictionary ({stats["name_from_source_comment"]} unknown to pydicom take the source's comment).
//! {stats["basic_changed_since_2020"]} rows changed their Basic Profile code since 2020; the {EDITION} code is used.
//!
//! Matching: a row matches (g, e) when `g & group_mask == group && e & element_mask == element`.
//! Exact rows come first, sorted by tag; masked rows follow.
//! - Repeating groups (50xx,xxxx), (60xx,3000), (60xx,4000): the source uses group_mask 0xFF00;
//!   here 0xFFE1, so that only the even groups 5000-501E / 6000-601E match (PS3.5 7.6) and odd
//!   (private) groups such as 6003 do not.
//! - Private attributes "(gggg,eeee) where gggg is odd": group 0x0001, group_mask 0x0001,
//!   element 0x0000, element_mask 0x0000.
"""
    out = [header, "use super::annex_e::{AnnexEOptions, AnnexERow};\nuse super::{Category, Severity};\n\n"]
    out.append(f"pub const EDITION: &str = {rust_str(EDITION)};\n")
    out.append(f"pub const SOURCE: &str = {rust_str(source)};\n\n")
    out.append("pub static ROWS: &[AnnexERow] = &[\n")
    for r in rows:
        opts = ", ".join(f"{f}: {rust_opt(r['options'][f])}" for _, f in OPTION_FIELDS)
        out.append(
            f"AnnexERow {{ id: {rust_str(r['id'])}, tag: {rust_str(r['tag'])}, "
            f"group: 0x{r['group']:04X}, group_mask: 0x{r['gmask']:04X}, "
            f"element: 0x{r['element']:04X}, element_mask: 0x{r['emask']:04X}, "
            f"name: {rust_str(r['name'])}, keyword: {rust_str(r['keyword'])}, "
            f"vr: {rust_str(r['vr'])}, retired: {'true' if r['retired'] else 'false'}, "
            f"basic: {rust_str(r['basic'])}, options: AnnexEOptions {{ {opts} }}, "
            f"category: Category::{r['category']}, severity: Severity::{r['severity']} }},\n"
        )
    out.append("];\n")
    text = "".join(out)
    result = subprocess.run(
        ["rustfmt", "--edition", "2021", "--emit", "stdout", "--quiet"],
        input=text.encode("utf-8"), capture_output=True, check=True,
    )
    return result.stdout.decode("utf-8")


def main() -> None:
    # This script lives in tools/; the table it writes is src/rules/annex_e_table.rs of the repo.
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheels", type=Path, help="folder holding the two wheels")
    parser.add_argument("--out", type=Path, default=root / "src" / "rules" / "annex_e_table.rs")
    args = parser.parse_args()

    anonymizer, standard, tmp = find_wheels(args.wheels)
    try:
        rows, stats = build_rows(read_basic_rows(anonymizer), read_options(standard))
        text = render(rows, stats, anonymizer, standard)
    finally:
        if tmp is not None:
            tmp.cleanup()
    args.out.write_text(text, encoding="utf-8")

    print(f"wrote {args.out}: {len(rows)} rows", file=sys.stderr)
    for label, key in (("basic", "basic"), ("category", "category"), ("severity", "severity")):
        counts = collections.Counter(r[key] for r in rows)
        print(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
              file=sys.stderr)
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}", file=sys.stderr)


if __name__ == "__main__":
    main()
