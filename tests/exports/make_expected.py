#!/usr/bin/env python3
"""Write tests/fixtures/exports/expected_people.json from the DICOM files produce.sh loads.

Needs pydicom (a developer tool only; check.py itself is stdlib-only). The distinct people
are computed from the files (PatientName + PatientID + PatientBirthDate); the per-output
counts follow from what each query returns: "all" = every loaded person, "one" = one
study/instance (CT_small or the first study), 0 = no patient identifiers in that output.

    python3 tests/exports/make_expected.py > tests/fixtures/exports/expected_people.json
"""
import json
import pathlib
import re
import sys

import pydicom

ROOT = pathlib.Path(__file__).resolve().parents[2]
script = (ROOT / "tests/exports/produce.sh").read_text()
block = re.search(r"LOAD_FILES=\(([^)]*)\)", script).group(1)
load_files = block.split()

people = {}
for name in load_files:
    ds = pydicom.dcmread(ROOT / "tests/fixtures" / name, stop_before_pixels=True)
    key = (str(ds.get("PatientName", "")), str(ds.get("PatientID", "")), str(ds.get("PatientBirthDate", "")))
    people.setdefault(key, []).append(name)
n = len(people)

ALL, ONE = "all", "one"
outputs = {}
for level in ("patientroot-PATIENT", "studyroot-STUDY", "studyroot-SERIES"):
    for sfx in ("", "-v", "-d"):
        outputs[f"findscu-{level}{sfx}.txt"] = ALL
outputs.update({
    # directories: every rsp*.* file in them is scanned in one CLI run
    "findscu-X-study/": ALL,
    "findscu-X-patient/": ALL,
    "findscu-Xx-study/": ALL,
    "findscu-Xs-study.xml": ALL,
    "findscu-Xs-patient.xml": ALL,
    "qido-studies.json": ALL,
    "qido-series.json": ALL,
    "qido-study-series.json": ONE,
    "qido-series-instances.json": ONE,
    "wado-study-metadata.json": ONE,
    "orthanc-patients-expand.json": ALL,
    "orthanc-studies-expand.json": ALL,
    "orthanc-tools-find-study.json": ALL,
    "orthanc-tools-find-patient.json": ALL,
    "orthanc-instance-tags.json": ONE,
    "orthanc-instance-tags-simplify.json": ONE,
    "orthanc-instance-tags-short.json": ONE,
    "orthanc-series-expand.json": 0,
    "orthanc-patients.json": 0,
    "orthanc-system.json": 0,
    "orthanc-statistics.json": 0,
    "worklist-en-utf8bom.csv": ALL,
    "worklist-de-cp1252.csv": ALL,
    "dcmdump-CT_small.txt": ONE,
    "dcmdump-chrFren.txt": ONE,
    "dcm2xml-CT_small.xml": ONE,
    "dcm2xml-native-CT_small.xml": ONE,
})
counts = {k: (n if v == ALL else 1 if v == ONE else 0) for k, v in outputs.items()}

expected = {
    "comment": "Patients loaded into Orthanc by tests/exports/produce.sh (pydicom test files, MIT). "
               "distinct_people = distinct (PatientName, PatientID, PatientBirthDate) over loaded_files. "
               "people_by_output: how many people each output reveals; check.py asserts summary.distinct_people "
               "for every entry > 0. None of these files carries a PatientBirthDate.",
    "loaded_files": load_files,
    "distinct_people": n,
    "files_per_person": sorted(len(v) for v in people.values()),
    "people_by_output": counts,
    "network": {
        "nmap-dicom.xml": [{"rule_id": "N-DICOM-ANY-AET", "port": 4242, "host": "127.0.0.1", "severity": "high"}],
        "nmap-dicom.txt": [{"rule_id": "N-DICOM-ANY-AET", "port": 4242, "host": "127.0.0.1", "severity": "high"}],
        "nmap-default-scripts.xml": [{"rule_id": "N-DICOM-ANY-AET", "port": 4242, "host": "127.0.0.1", "severity": "high"}],
        "nmap-default-scripts.txt": [{"rule_id": "N-DICOM-ANY-AET", "port": 4242, "host": "127.0.0.1", "severity": "high"}],
    },
}
json.dump(expected, sys.stdout, indent=2, ensure_ascii=True)
sys.stdout.write("\n")
