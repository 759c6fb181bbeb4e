//! Column names of the Conquest DICOM server's database, for worklists exported from its tables
//! (DICOMPatients, DICOMStudies, DICOMSeries, DICOMImages, DICOMWorkList) as CSV.
//!
//! Conquest names its columns itself in `dicom.sql`, one line per column: `{ group, element,
//! "ColumnName", length, SQL type, DICOM type }`. Most names are not DICOM keywords
//! (`ReferPhysician`, `PatientsAge`, `SeriesPat`, `AcqDate`), and its built-in dBase III driver
//! cuts every name to 10 characters and upper-cases it (`dbase_create` in
//! `src/dgate/src/odbci.cpp`: `strupr`, then `"%-10.10s"`), so a dBase table exported as CSV
//! has `PATIENTNAM`, `PATIENTBIR`, `ACCESSIONN`, `REFERPHYSI`. Without this table a file's most
//! identifying columns would be read as free text.
//!
//! A header is matched as written apart from case and surrounding spaces (`PatientNam`,
//! `PATIENTNAM`): these are database identifiers, not words a person typed, so no other
//! normalisation is needed and none risks catching a hand-written header.
//!
//! [`truncated_keyword`] applies the same 10-character cut to the identifying attributes of
//! PS3.15 Annex E, for other dBase-style exports, where the cut name is unambiguous.

use crate::rules::annex_e::AnnexERow;
use crate::rules::annex_e_table::ROWS;

/// dBase III keeps at most this many characters of a field name.
pub const DBASE_NAME_LEN: usize = 10;

/// One line of Conquest's `dicom.sql`: its table section, the column name, and the tag stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConquestColumn {
    pub table: &'static str,
    pub name: &'static str,
    pub group: u16,
    pub element: u16,
}

const fn col(table: &'static str, name: &'static str, group: u16, element: u16) -> ConquestColumn {
    ConquestColumn {
        table,
        name,
        group,
        element,
    }
}

/// Every column of `linux/conf/dicom.sql.dbase` in marcelvanherk/Conquest-DICOM-Server (commit
/// ce5449a06435b401e2743c8e45147b8c5071e511, layout revision 19, the denormalised dBase layout:
/// a superset of the SQLite/MySQL `dicom.sql`, which leave out the patient and study copies in
/// the lower tables), in the file's order. The `DT_STARTSEQUENCE`/`DT_ENDSEQUENCE` lines of the
/// worklist (`"--------"`) mark the Scheduled Procedure Step Sequence and are no columns.
/// The last block holds the names that revision 19 renamed (`Rows`, `Colums` became `QRows`,
/// `QColumns`), as older installations (`linux/conf/dicom.sql.mysql`, commit
/// a2cf59b958960150c953abf8ac0d7753ac500711) still have them.
pub const CONQUEST_COLUMNS: &[ConquestColumn] = &[
    // *Patient*
    col("Patient", "PatientID", 0x0010, 0x0020),
    col("Patient", "PatientName", 0x0010, 0x0010),
    col("Patient", "PatientBirthDate", 0x0010, 0x0030),
    col("Patient", "PatientSex", 0x0010, 0x0040),
    // *Study*
    col("Study", "StudyInstanceUID", 0x0020, 0x000D),
    col("Study", "StudyDate", 0x0008, 0x0020),
    col("Study", "StudyTime", 0x0008, 0x0030),
    col("Study", "StudyID", 0x0020, 0x0010),
    col("Study", "StudyDescription", 0x0008, 0x1030),
    col("Study", "AccessionNumber", 0x0008, 0x0050),
    col("Study", "ReferPhysician", 0x0008, 0x0090),
    col("Study", "PatientsAge", 0x0010, 0x1010),
    col("Study", "PatientsWeight", 0x0010, 0x1030),
    col("Study", "StudyModality", 0x0008, 0x0061),
    col("Study", "PatientName", 0x0010, 0x0010),
    col("Study", "PatientBirthDate", 0x0010, 0x0030),
    col("Study", "PatientSex", 0x0010, 0x0040),
    col("Study", "PatientID", 0x0010, 0x0020),
    // *Series*
    col("Series", "SeriesInstanceUID", 0x0020, 0x000E),
    col("Series", "SeriesNumber", 0x0020, 0x0011),
    col("Series", "SeriesDate", 0x0008, 0x0021),
    col("Series", "SeriesTime", 0x0008, 0x0031),
    col("Series", "SeriesDescription", 0x0008, 0x103E),
    col("Series", "Modality", 0x0008, 0x0060),
    col("Series", "PatientPosition", 0x0018, 0x5100),
    col("Series", "ContrastBolusAgent", 0x0018, 0x0010),
    col("Series", "Manufacturer", 0x0008, 0x0070),
    col("Series", "ModelName", 0x0008, 0x1090),
    col("Series", "BodyPartExamined", 0x0018, 0x0015),
    col("Series", "ProtocolName", 0x0018, 0x1030),
    col("Series", "StationName", 0x0008, 0x1010),
    col("Series", "Institution", 0x0008, 0x0080),
    col("Series", "FrameOfReferenceUID", 0x0020, 0x0052),
    col("Series", "SeriesPat", 0x0010, 0x0020),
    col("Series", "PatientName", 0x0010, 0x0010),
    col("Series", "PatientBirthDate", 0x0010, 0x0030),
    col("Series", "PatientSex", 0x0010, 0x0040),
    col("Series", "StudyDate", 0x0008, 0x0020),
    col("Series", "StudyTime", 0x0008, 0x0030),
    col("Series", "StudyID", 0x0020, 0x0010),
    col("Series", "StudyDescription", 0x0008, 0x1030),
    col("Series", "StudyInstanceUID", 0x0020, 0x000D),
    // *Image*
    col("Image", "SOPInstanceUID", 0x0008, 0x0018),
    col("Image", "SOPClassUID", 0x0008, 0x0016),
    col("Image", "ImageNumber", 0x0020, 0x0013),
    col("Image", "ImageDate", 0x0008, 0x0023),
    col("Image", "ImageTime", 0x0008, 0x0033),
    col("Image", "EchoNumber", 0x0018, 0x0086),
    col("Image", "NumberOfFrames", 0x0028, 0x0008),
    col("Image", "AcqDate", 0x0008, 0x0022),
    col("Image", "AcqTime", 0x0008, 0x0032),
    col("Image", "ReceivingCoil", 0x0018, 0x1250),
    col("Image", "AcqNumber", 0x0020, 0x0012),
    col("Image", "SliceLocation", 0x0020, 0x1041),
    col("Image", "SamplesPerPixel", 0x0028, 0x0002),
    col("Image", "PhotoMetricInterpretation", 0x0028, 0x0004),
    col("Image", "QRows", 0x0028, 0x0010),
    col("Image", "QColumns", 0x0028, 0x0011),
    col("Image", "BitsStored", 0x0028, 0x0101),
    col("Image", "ImageType", 0x0008, 0x0008),
    col("Image", "ImageID", 0x0054, 0x0400),
    col("Image", "ImagePat", 0x0010, 0x0020),
    col("Image", "PatientName", 0x0010, 0x0010),
    col("Image", "PatientBirthDate", 0x0010, 0x0030),
    col("Image", "PatientSex", 0x0010, 0x0040),
    col("Image", "StudyInstanceUID", 0x0020, 0x000D),
    col("Image", "StudyDate", 0x0008, 0x0020),
    col("Image", "StudyTime", 0x0008, 0x0030),
    col("Image", "StudyID", 0x0020, 0x0010),
    col("Image", "StudyDescription", 0x0008, 0x1030),
    col("Image", "SeriesNumber", 0x0020, 0x0011),
    col("Image", "SeriesDate", 0x0008, 0x0021),
    col("Image", "SeriesTime", 0x0008, 0x0031),
    col("Image", "SeriesDescription", 0x0008, 0x103E),
    col("Image", "Modality", 0x0008, 0x0060),
    col("Image", "PatientPosition", 0x0018, 0x5100),
    col("Image", "FrameOfReferenceUID", 0x0020, 0x0052),
    col("Image", "Manufacturer", 0x0008, 0x0070),
    col("Image", "SeriesInstanceUID", 0x0020, 0x000E),
    // *WorkList*
    col("WorkList", "AccessionNumber", 0x0008, 0x0050),
    col("WorkList", "PatientID", 0x0010, 0x0020),
    col("WorkList", "PatientName", 0x0010, 0x0010),
    col("WorkList", "PatientBirthDate", 0x0010, 0x0030),
    col("WorkList", "PatientSex", 0x0010, 0x0040),
    col("WorkList", "MedicalAlerts", 0x0010, 0x2000),
    col("WorkList", "ContrastAllergies", 0x0010, 0x2110),
    col("WorkList", "StudyInstanceUID", 0x0020, 0x000D),
    col("WorkList", "ReqPhysician", 0x0032, 0x1032),
    col("WorkList", "ReqProcDescription", 0x0032, 0x1060),
    col("WorkList", "Modality", 0x0008, 0x0060),
    col("WorkList", "ReqContrastAgent", 0x0032, 0x1070),
    col("WorkList", "ScheduledAE", 0x0040, 0x0001),
    col("WorkList", "StartDate", 0x0040, 0x0002),
    col("WorkList", "StartTime", 0x0040, 0x0003),
    col("WorkList", "PerfPhysician", 0x0040, 0x0006),
    col("WorkList", "SchedPSDescription", 0x0040, 0x0007),
    col("WorkList", "SchedPSID", 0x0040, 0x0009),
    col("WorkList", "SchedStationName", 0x0040, 0x0010),
    col("WorkList", "SchedPSLocation", 0x0040, 0x0011),
    col("WorkList", "PreMedication", 0x0040, 0x0012),
    col("WorkList", "SchedPSComments", 0x0040, 0x0400),
    col("WorkList", "ReqProcID", 0x0040, 0x1001),
    col("WorkList", "ReqProcPriority", 0x0040, 0x1003),
    // Names before revision 19.
    col("Image", "Rows", 0x0028, 0x0010),
    col("Image", "Colums", 0x0028, 0x0011),
];

/// The tag a Conquest column header stores: its full name or its 10-character dBase cut, any
/// case. `None` for anything else (Conquest's own bookkeeping columns, such as `AccessTime`
/// or `ObjectFile`, hold no tag and stay free text).
pub fn conquest_tag(header: &str) -> Option<(u16, u16)> {
    let header = header.trim();
    if header.is_empty() || !header.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    CONQUEST_COLUMNS
        .iter()
        .find(|c| {
            c.name.eq_ignore_ascii_case(header) || dbase_name(c.name).eq_ignore_ascii_case(header)
        })
        .map(|c| (c.group, c.element))
}

/// A name as dBase III stores it, before upper-casing: its first 10 characters.
pub fn dbase_name(name: &str) -> &str {
    &name[..name.len().min(DBASE_NAME_LEN)]
}

/// Cuts that only one Annex E keyword fits but that other standard keywords fit too
/// (`SeriesDesc`: SeriesDescription, SeriesDescriptionCodeSequence), among the cuts inside a word. dicom-rs cannot list its
/// keywords, so this is worked out once, by `a_mapped_cut_fits_no_other_standard_keyword`,
/// which fails when the list misses one or holds one that is no longer ambiguous.
const AMBIGUOUS_CUTS: &[&str] = &[
    "ApprovalSt",
    "BeamHoldTr",
    "Certificat",
    "CertifiedT",
    "Compensato",
    "Concatenat",
    "Confidenti",
    "ContainerC",
    "DecayCorre",
    "Decomposit",
    "DeviceAlte",
    "DimensionO",
    "Displaceme",
    "EffectiveD",
    "Encapsulat",
    "EquipmentF",
    "FillerOrde",
    "FilterLook",
    "FixationDe",
    "FractionGr",
    "FrameAcqui",
    "FrameOfRef",
    "GraphicAnn",
    "HL7Documen",
    "HangingPro",
    "Identifyin",
    "ImpedanceM",
    "Informatio",
    "Instructio",
    "InterlockO",
    "Irradiatio",
    "IssuerOfPa",
    "MediaStora",
    "ModifyingD",
    "Multienerg",
    "Participat",
    "PatientAdd",
    "PatientMot",
    "PatientSiz",
    "PlacerOrde",
    "PriorTreat",
    "ProcedureS",
    "ROIGenerat",
    "RTPhysicia",
    "RTPrescrip",
    "RTToleranc",
    "ReasonForO",
    "ReasonForR",
    "Respirator",
    "SOPAuthori",
    "SOPInstanc",
    "SecondaryC",
    "SeriesDesc",
    "SeriesInst",
    "SetupTechn",
    "ShieldingD",
    "SourceConc",
    "SourceImag",
    "SourceSeri",
    "SpecimenDe",
    "SpecimenPr",
    "StorageMed",
    "SubstanceA",
    "Synchroniz",
    "Transactio",
    "TreatmentD",
    "TreatmentM",
    "Verificati",
    "WaveformAn",
    "WaveformFi",
];

/// The tag of the one identifying attribute (an exact row of Annex E) whose keyword, cut to
/// 10 characters, is `header` (any case): `PatientNam` → PatientName, `AccessionN` →
/// AccessionNumber. `None` when the header is not exactly 10 letters and digits, or the cut
/// fits several attributes (`PatientBir`: PatientBirthDate, PatientBirthTime,
/// PatientBirthName); guessing one of them would put a value under the wrong attribute.
pub fn truncated_keyword(header: &str) -> Option<(u16, u16)> {
    let header = header.trim();
    if header.len() != DBASE_NAME_LEN || !header.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    if AMBIGUOUS_CUTS
        .iter()
        .any(|c| c.eq_ignore_ascii_case(header))
    {
        return None;
    }
    let mut found: Option<&AnnexERow> = None;
    for row in ROWS.iter().filter(|r| is_cut_of(r, header)) {
        match found {
            Some(f) if (f.group, f.element) != (row.group, row.element) => return None,
            _ => found = Some(row),
        }
    }
    // A cut between two words (`Performing|PhysicianName`, `Annotation|Sequence`) leaves a
    // whole word that a person may well use as a header for something else; a cut inside a
    // word (`PatientNam|e`) is plainly a cut name.
    let row = found.filter(|r| !r.keyword.as_bytes()[DBASE_NAME_LEN].is_ascii_uppercase())?;
    Some((row.group, row.element))
}

fn is_cut_of(row: &AnnexERow, header: &str) -> bool {
    row.is_exact()
        && row.keyword.len() > DBASE_NAME_LEN
        && row.keyword.is_char_boundary(DBASE_NAME_LEN)
        && row.keyword[..DBASE_NAME_LEN].eq_ignore_ascii_case(header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::keywords::keyword_for_tag;

    #[test]
    fn every_column_is_a_standard_attribute_and_its_cut_is_unambiguous() {
        for c in CONQUEST_COLUMNS {
            assert!(
                keyword_for_tag(c.group, c.element).is_some(),
                "{} ({:04X},{:04X})",
                c.name,
                c.group,
                c.element
            );
            // The same name, cut or not, stores one tag in every table.
            for other in CONQUEST_COLUMNS {
                if dbase_name(other.name).eq_ignore_ascii_case(dbase_name(c.name)) {
                    assert_eq!(
                        (other.group, other.element),
                        (c.group, c.element),
                        "{} / {}",
                        c.name,
                        other.name
                    );
                }
            }
        }
    }

    #[test]
    fn every_column_maps_by_full_name_and_by_dbase_name() {
        for c in CONQUEST_COLUMNS {
            let tag = Some((c.group, c.element));
            assert_eq!(conquest_tag(c.name), tag, "{}", c.name);
            let cut = dbase_name(c.name);
            assert_eq!(conquest_tag(cut), tag, "{cut}");
            assert_eq!(conquest_tag(&cut.to_ascii_uppercase()), tag, "{cut}");
        }
        for (header, tag) in [
            ("PatientNam", (0x0010, 0x0010)),
            ("PATIENTBIR", (0x0010, 0x0030)),
            ("AccessionN", (0x0008, 0x0050)),
            ("ReferPhysi", (0x0008, 0x0090)),
            ("StudyInsta", (0x0020, 0x000D)),
            ("SeriesInst", (0x0020, 0x000E)),
            ("SOPInstanc", (0x0008, 0x0018)),
            ("StationNam", (0x0008, 0x1010)),
            ("Institutio", (0x0008, 0x0080)),
            ("PatientsAg", (0x0010, 0x1010)),
            ("SeriesPat", (0x0010, 0x0020)),
            ("ImagePat", (0x0010, 0x0020)),
            ("ReqPhysici", (0x0032, 0x1032)),
            ("PerfPhysic", (0x0040, 0x0006)),
        ] {
            assert_eq!(conquest_tag(header), Some(tag), "{header}");
        }
    }

    #[test]
    fn only_database_identifiers_match() {
        for header in [
            "",
            "Patient Nam",
            "Refer Physician",
            "AccessTime",
            "ObjectFile",
            "DeviceName",
            "--------",
        ] {
            assert_eq!(conquest_tag(header), None, "{header:?}");
        }
    }

    #[test]
    fn cut_keywords_map_only_when_one_attribute_fits() {
        assert_eq!(truncated_keyword("PatientNam"), Some((0x0010, 0x0010)));
        assert_eq!(truncated_keyword("ACCESSIONN"), Some((0x0008, 0x0050)));
        assert_eq!(truncated_keyword("OperatorsN"), Some((0x0008, 0x1070)));
        for ambiguous in ["PatientBir", "Institutio", "ReferringP"] {
            assert_eq!(truncated_keyword(ambiguous), None, "{ambiguous}");
        }
        // Not 10 characters, or not a cut name.
        for header in ["PatientNa", "PatientName", "Patient Na", "Department"] {
            assert_eq!(truncated_keyword(header), None, "{header}");
        }
    }

    /// Annex E lists only identifying attributes; a cut that is unique there must also be
    /// unique among all standard keywords of the same groups, or a non-identifying attribute's
    /// column would be read as an identifying one.
    #[test]
    fn a_mapped_cut_fits_no_other_standard_keyword() {
        let mut groups: Vec<u16> = ROWS
            .iter()
            .filter(|r| r.is_exact())
            .map(|r| r.group)
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let mut dictionary: Vec<(&str, (u16, u16))> = Vec::new();
        for &group in &groups {
            for element in 0..=u16::MAX {
                if let Some((keyword, _)) = keyword_for_tag(group, element) {
                    dictionary.push((keyword, (group, element)));
                }
            }
        }
        let fits = |cut: &str| -> Vec<(u16, u16)> {
            let mut tags: Vec<(u16, u16)> = dictionary
                .iter()
                .filter(|(k, _)| {
                    k.len() > DBASE_NAME_LEN && k[..DBASE_NAME_LEN].eq_ignore_ascii_case(cut)
                })
                .map(|(_, tag)| *tag)
                .collect();
            tags.sort_unstable();
            tags.dedup();
            tags
        };
        let mut mapped = 0;
        for row in ROWS
            .iter()
            .filter(|r| r.is_exact() && r.keyword.len() > DBASE_NAME_LEN)
        {
            let cut = &row.keyword[..DBASE_NAME_LEN];
            if let Some(tag) = truncated_keyword(cut) {
                mapped += 1;
                assert_eq!(
                    fits(cut),
                    [tag],
                    "{cut} is ambiguous: add it to AMBIGUOUS_CUTS"
                );
            }
        }
        assert!(mapped > 150, "{mapped}");
        for cut in AMBIGUOUS_CUTS {
            assert!(fits(cut).len() > 1, "{cut} is no longer ambiguous");
        }
    }
}
