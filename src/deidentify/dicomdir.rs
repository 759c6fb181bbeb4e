//! A DICOMDIR for the copy (PS3.10 File-set, PS3.3 Annex F Basic Directory IOD), so that a
//! viewer that opens a CD finds the copied images. Its values come from the copies only
//! (replacement names and IDs, new UIDs), never from the originals.
//!
//! ```text
//! PATIENT ─► STUDY ─► SERIES ─► IMAGE (or SR DOCUMENT, RT PLAN, ...) with Referenced File ID
//! ```
//!
//! Records are encoded by dicom-rs one at a time; the sequence that holds them is laid out
//! here, item by item with explicit lengths, because each record must state the byte offsets
//! of its sibling and of its first child (PS3.3 F.3.2.2), which dicom-rs's writer does not
//! compute. The offsets are UL values, so a record's size does not depend on them: each record
//! is encoded once to measure it, then again with its offsets.

use std::collections::BTreeMap;

use dicom_core::header::Header;
use dicom_core::{DataElement, PrimitiveValue, Tag, VR};
use dicom_dictionary_std::uids;
use dicom_encoding::transfer_syntax::TransferSyntaxIndex;
use dicom_object::meta::FileMetaTableBuilder;
use dicom_object::InMemDicomObject;
use dicom_transfer_syntax_registry::TransferSyntaxRegistry;
use serde::{Deserialize, Serialize};

/// Media Storage SOP Class of a DICOMDIR.
pub const DICOMDIR_CLASS: &str = "1.2.840.10008.1.3.10";
/// File-set ID (0004,1130) of the copy.
pub const FILE_SET_ID: &str = "CLEAN_COPY";
/// Name of the DICOMDIR file at the top of the copy.
pub const DICOMDIR_NAME: &str = "DICOMDIR";

/// An item's tag and explicit length.
const ITEM_HEADER: usize = 8;

/// What a DICOMDIR needs to know of one copied file: its place and its keys (PS3.3 F.5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirEntry {
    pub patient_name: String,
    pub patient_id: String,
    pub study_uid: String,
    pub study_date: String,
    pub study_time: String,
    pub study_description: String,
    pub study_id: String,
    pub accession: String,
    pub series_uid: String,
    pub modality: String,
    pub series_number: String,
    pub sop_class: String,
    pub sop_instance: String,
    pub transfer_syntax: String,
    pub instance_number: String,
}

impl DirEntry {
    /// The keys of a copy, read from its data set.
    pub fn of(object: &InMemDicomObject, transfer_syntax: &str) -> DirEntry {
        let text = |group: u16, element: u16| {
            object
                .get(Tag(group, element))
                .and_then(|e| e.value().to_str().ok())
                .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
                .unwrap_or_default()
        };
        DirEntry {
            patient_name: text(0x0010, 0x0010),
            patient_id: text(0x0010, 0x0020),
            study_uid: text(0x0020, 0x000D),
            study_date: text(0x0008, 0x0020),
            study_time: text(0x0008, 0x0030),
            study_description: text(0x0008, 0x1030),
            study_id: text(0x0020, 0x0010),
            accession: text(0x0008, 0x0050),
            series_uid: text(0x0020, 0x000E),
            modality: text(0x0008, 0x0060),
            series_number: text(0x0020, 0x0011),
            sop_class: text(0x0008, 0x0016),
            sop_instance: text(0x0008, 0x0018),
            transfer_syntax: transfer_syntax.trim_end_matches('\0').to_string(),
            instance_number: text(0x0020, 0x0013),
        }
    }
}

/// Why no DICOMDIR was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DicomdirError {
    /// No copy fits a Referenced File ID (PS3.10 8.2: at most 8 components of at most 8
    /// characters, upper case, digits and `_`).
    NothingToIndex,
    Encode(String),
}

impl std::fmt::Display for DicomdirError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DicomdirError::NothingToIndex => {
                f.write_str("no copy sits where a DICOMDIR can name it")
            }
            DicomdirError::Encode(detail) => {
                write!(f, "the DICOMDIR could not be encoded: {detail}")
            }
        }
    }
}

/// How many of `entries` a DICOMDIR names (a copy deeper than 8 levels cannot be).
pub fn indexable(entries: &[(Vec<String>, DirEntry)]) -> u64 {
    entries.iter().filter(|(path, _)| is_file_id(path)).count() as u64
}

/// Whether `parts` fit a Referenced File ID (a copy deeper than 8 levels does not, and is
/// left out of the DICOMDIR).
fn is_file_id(parts: &[String]) -> bool {
    !parts.is_empty()
        && parts.len() <= 8
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 8
                && p.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// The record type of a file's leaf record, by its SOP Class (PS3.3 F.4, F.5).
fn leaf_type(sop_class: &str) -> &'static str {
    const STORAGE: &str = "1.2.840.10008.5.1.4.1.1.";
    let Some(class) = sop_class.strip_prefix(STORAGE) else {
        return "IMAGE";
    };
    match class {
        "88.59" => "KEY OBJECT DOC",
        c if c.starts_with("88.") => "SR DOCUMENT",
        c if c.starts_with("104.") => "ENCAP DOC",
        c if c.starts_with("11.") => "PRESENTATION",
        c if c.starts_with("9.") => "WAVEFORM",
        "481.2" => "RT DOSE",
        "481.3" => "RT STRUCTURE SET",
        "481.5" | "481.8" => "RT PLAN",
        "481.4" | "481.6" | "481.7" | "481.9" => "RT TREAT RECORD",
        "4.2" => "SPECTROSCOPY",
        "66" => "RAW DATA",
        "66.1" | "66.3" => "REGISTRATION",
        "66.2" => "FIDUCIAL",
        _ => "IMAGE",
    }
}

/// One directory record before layout: its keys, and its children (indices into the list).
struct Record {
    object: InMemDicomObject,
    children: Vec<usize>,
}

/// The records, and which of them are at the root (PATIENT).
#[derive(Default)]
struct Tree {
    records: Vec<Record>,
    roots: Vec<usize>,
}

impl Tree {
    /// A record of `kind` with `keys`, under `parent` (at the root when `None`); its index.
    fn add(
        &mut self,
        parent: Option<usize>,
        kind: &str,
        keys: Vec<DataElement<InMemDicomObject>>,
    ) -> usize {
        let index = self.records.len();
        self.records.push(Record {
            object: record(kind, keys),
            children: Vec::new(),
        });
        match parent {
            Some(parent) => self.records[parent].children.push(index),
            None => self.roots.push(index),
        }
        index
    }
}

fn text(tag: Tag, vr: VR, value: &str) -> DataElement<InMemDicomObject> {
    DataElement::new(tag, vr, PrimitiveValue::from(value))
}

fn record(kind: &str, keys: Vec<DataElement<InMemDicomObject>>) -> InMemDicomObject {
    let mut object = InMemDicomObject::from_element_iter(keys);
    // A value outside ASCII needs the record to say its character set (Type 1C).
    let non_ascii = object
        .iter()
        .any(|e| e.value().to_str().is_ok_and(|s| !s.is_ascii()));
    if non_ascii {
        object.put(text(Tag(0x0008, 0x0005), VR::CS, "ISO_IR 192"));
    }
    object.put(text(Tag(0x0004, 0x1430), VR::CS, kind));
    object.put(DataElement::new(
        Tag(0x0004, 0x1410),
        VR::US,
        PrimitiveValue::from(0xFFFF_u16),
    ));
    object
}

/// The DICOMDIR of the copied files at `entries` (path components below the copy's top
/// folder). `sop_instance` is the DICOMDIR's own new UID; `marks` are the de-identification
/// attributes every copy carries, so that a scan of the DICOMDIR knows its replacements too.
pub fn build(
    entries: &[(Vec<String>, DirEntry)],
    sop_instance: &str,
    marks: &[DataElement<InMemDicomObject>],
) -> Result<Vec<u8>, DicomdirError> {
    let mut tree = Tree::default();
    // (patient) → record, (patient, study) → record, (patient, study, series) → record.
    let mut patients: BTreeMap<&str, usize> = BTreeMap::new();
    let mut studies: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut series: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for (path, e) in entries.iter().filter(|(path, _)| is_file_id(path)) {
        let patient = *patients.entry(&e.patient_id).or_insert_with(|| {
            tree.add(
                None,
                "PATIENT",
                vec![
                    text(Tag(0x0010, 0x0010), VR::PN, &e.patient_name),
                    text(Tag(0x0010, 0x0020), VR::LO, &e.patient_id),
                ],
            )
        });
        let study_key = (e.patient_id.as_str(), e.study_uid.as_str());
        let study = *studies.entry(study_key).or_insert_with(|| {
            tree.add(
                Some(patient),
                "STUDY",
                vec![
                    text(Tag(0x0008, 0x0020), VR::DA, &e.study_date),
                    text(Tag(0x0008, 0x0030), VR::TM, &e.study_time),
                    text(Tag(0x0008, 0x1030), VR::LO, &e.study_description),
                    text(Tag(0x0020, 0x000D), VR::UI, &e.study_uid),
                    text(Tag(0x0020, 0x0010), VR::SH, &e.study_id),
                    text(Tag(0x0008, 0x0050), VR::SH, &e.accession),
                ],
            )
        });
        let series_key = (study_key.0, study_key.1, e.series_uid.as_str());
        let series_record = *series.entry(series_key).or_insert_with(|| {
            tree.add(
                Some(study),
                "SERIES",
                vec![
                    text(Tag(0x0008, 0x0060), VR::CS, &e.modality),
                    text(Tag(0x0020, 0x000E), VR::UI, &e.series_uid),
                    text(Tag(0x0020, 0x0011), VR::IS, &e.series_number),
                ],
            )
        });
        tree.add(
            Some(series_record),
            leaf_type(&e.sop_class),
            vec![
                DataElement::new(
                    Tag(0x0004, 0x1500),
                    VR::CS,
                    PrimitiveValue::Strs(path.iter().cloned().collect()),
                ),
                text(Tag(0x0004, 0x1510), VR::UI, &e.sop_class),
                text(Tag(0x0004, 0x1511), VR::UI, &e.sop_instance),
                text(Tag(0x0004, 0x1512), VR::UI, &e.transfer_syntax),
                text(Tag(0x0020, 0x0013), VR::IS, &e.instance_number),
            ],
        );
    }
    if tree.roots.is_empty() {
        return Err(DicomdirError::NothingToIndex);
    }
    lay_out(tree.records, &tree.roots, sop_instance, marks)
}

/// Depth first, as a CD's DICOMDIR lists them: each record, then its children.
fn order(records: &[Record], level: &[usize], out: &mut Vec<usize>) {
    for &i in level {
        out.push(i);
        order(records, &records[i].children, out);
    }
}

fn encode(object: &InMemDicomObject) -> Result<Vec<u8>, DicomdirError> {
    let syntax = TransferSyntaxRegistry
        .get(uids::EXPLICIT_VR_LITTLE_ENDIAN)
        .ok_or_else(|| DicomdirError::Encode("no Explicit VR Little Endian".into()))?;
    let mut out = Vec::new();
    object
        .write_dataset_with_ts(&mut out, syntax)
        .map_err(|e| DicomdirError::Encode(e.to_string()))?;
    Ok(out)
}

fn set_offset(object: &mut InMemDicomObject, element: u16, offset: usize) {
    object.put(DataElement::new(
        Tag(0x0004, element),
        VR::UL,
        PrimitiveValue::from(offset as u32),
    ));
}

/// The file: the header dicom-rs writes (preamble, meta group, the top-level attributes),
/// then the Directory Record Sequence laid out here.
fn lay_out(
    mut records: Vec<Record>,
    roots: &[usize],
    sop_instance: &str,
    marks: &[DataElement<InMemDicomObject>],
) -> Result<Vec<u8>, DicomdirError> {
    let mut sequence_order = Vec::new();
    order(&records, roots, &mut sequence_order);
    // Every record states both offsets (0 when it has no sibling or child), so its size is
    // known before the offsets are.
    for record in &mut records {
        for element in [0x1400, 0x1420] {
            set_offset(&mut record.object, element, 0);
        }
    }
    // The marks (group 0012 and after) follow the sequence; the header holds group 0004 only.
    if marks.iter().any(|m| m.tag() < Tag(0x0004, 0x1220)) {
        return Err(DicomdirError::Encode(
            "a mark sorts before the records".into(),
        ));
    }
    let bare = {
        let mut top = InMemDicomObject::new_empty();
        top.put(text(Tag(0x0004, 0x1130), VR::CS, FILE_SET_ID));
        set_offset(&mut top, 0x1200, 0);
        set_offset(&mut top, 0x1202, 0);
        top.put(DataElement::new(
            Tag(0x0004, 0x1212),
            VR::US,
            PrimitiveValue::from(0_u16),
        ));
        top
    };
    let header_len = header(&bare, sop_instance)?.len();
    // Sequence element header: tag, VR, 2 reserved bytes, undefined length.
    let mut position = header_len + 12;
    let mut at = vec![0usize; records.len()];
    let mut sizes = vec![0usize; records.len()];
    for &i in &sequence_order {
        at[i] = position;
        sizes[i] = encode(&records[i].object)?.len();
        position += ITEM_HEADER + sizes[i];
    }
    let link = |siblings: &[usize], records: &mut Vec<Record>| {
        for pair in siblings.windows(2) {
            set_offset(&mut records[pair[0]].object, 0x1400, at[pair[1]]);
        }
    };
    link(roots, &mut records);
    for i in 0..records.len() {
        let children = records[i].children.clone();
        if let Some(&first) = children.first() {
            set_offset(&mut records[i].object, 0x1420, at[first]);
        }
        link(&children, &mut records);
    }
    let (first, last) = (
        roots.first().map_or(0, |&i| at[i]),
        roots.last().map_or(0, |&i| at[i]),
    );
    let mut top_only = bare;
    set_offset(&mut top_only, 0x1200, first);
    set_offset(&mut top_only, 0x1202, last);
    let mut out = header(&top_only, sop_instance)?;
    out.extend_from_slice(&[
        0x04, 0x00, 0x20, 0x12, b'S', b'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    for &i in &sequence_order {
        let bytes = encode(&records[i].object)?;
        if bytes.len() != sizes[i] {
            return Err(DicomdirError::Encode("a record changed size".into()));
        }
        out.extend_from_slice(&[0xFE, 0xFF, 0x00, 0xE0]);
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(&bytes);
    }
    // Sequence Delimitation Item.
    out.extend_from_slice(&[0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
    // The de-identification marks (group 0012) follow the records.
    let tail = InMemDicomObject::from_element_iter(marks.iter().cloned());
    out.extend_from_slice(&encode(&tail)?);
    Ok(out)
}

/// Preamble, `DICM`, the file meta group and the top-level attributes of group 0004 that
/// precede the Directory Record Sequence.
fn header(top: &InMemDicomObject, sop_instance: &str) -> Result<Vec<u8>, DicomdirError> {
    let meta = FileMetaTableBuilder::new()
        .media_storage_sop_class_uid(DICOMDIR_CLASS)
        .media_storage_sop_instance_uid(sop_instance)
        .transfer_syntax(uids::EXPLICIT_VR_LITTLE_ENDIAN)
        .implementation_class_uid(super::IMPLEMENTATION_CLASS_UID)
        .implementation_version_name(super::IMPLEMENTATION_VERSION)
        .build()
        .map_err(|e| DicomdirError::Encode(e.to_string()))?;
    let mut out = Vec::new();
    top.clone()
        .with_exact_meta(meta)
        .write_all(&mut out)
        .map_err(|e| DicomdirError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(patient: &str, study: &str, series: &str, instance: &str, class: &str) -> DirEntry {
        DirEntry {
            patient_name: format!("Patient {patient}"),
            patient_id: format!("ANON{patient}"),
            study_uid: format!("2.25.{study}"),
            series_uid: format!("2.25.{series}"),
            sop_instance: format!("2.25.{instance}"),
            sop_class: class.to_string(),
            transfer_syntax: uids::EXPLICIT_VR_LITTLE_ENDIAN.to_string(),
            modality: "CT".to_string(),
            ..DirEntry::default()
        }
    }

    fn parts(path: &str) -> Vec<String> {
        path.split('/').map(str::to_string).collect()
    }

    /// The record whose item starts at `offset`, read by dicom-rs from its explicit length.
    fn record_at(bytes: &[u8], offset: usize) -> InMemDicomObject {
        assert_eq!(
            &bytes[offset..offset + 4],
            &[0xFE, 0xFF, 0x00, 0xE0],
            "item at {offset}"
        );
        let len = u32::from_le_bytes(bytes[offset + 4..offset + 8].try_into().unwrap()) as usize;
        let syntax = TransferSyntaxRegistry
            .get(uids::EXPLICIT_VR_LITTLE_ENDIAN)
            .unwrap();
        InMemDicomObject::read_dataset_with_ts(&bytes[offset + 8..offset + 8 + len], syntax)
            .unwrap()
    }

    fn number(object: &InMemDicomObject, element: u16) -> usize {
        object
            .get(Tag(0x0004, element))
            .and_then(|e| e.to_int::<u32>().ok())
            .unwrap_or(0) as usize
    }

    fn kind(object: &InMemDicomObject) -> String {
        object
            .get(Tag(0x0004, 0x1430))
            .and_then(|e| e.to_str().ok())
            .unwrap()
            .trim()
            .to_string()
    }

    /// Every record of one level, following the next-record offsets from `first`.
    fn level(bytes: &[u8], first: usize) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut at = first;
        while at != 0 {
            let record = record_at(bytes, at);
            out.push((kind(&record), number(&record, 0x1420)));
            at = number(&record, 0x1400);
        }
        out
    }

    #[test]
    fn offsets_lead_from_the_root_through_every_level_to_each_file() {
        let ct = "1.2.840.10008.5.1.4.1.1.2";
        let sr = "1.2.840.10008.5.1.4.1.1.88.22";
        let entries = vec![
            (
                parts("DIR00001/IM000001"),
                entry("1", "10", "100", "1000", ct),
            ),
            (
                parts("DIR00001/IM000002"),
                entry("1", "10", "100", "1001", ct),
            ),
            (
                parts("DIR00001/IM000003"),
                entry("1", "10", "101", "1002", sr),
            ),
            (
                parts("DIR00002/IM000001"),
                entry("2", "20", "200", "2000", ct),
            ),
            // Nine levels deep: no Referenced File ID can name it; it is left out.
            (
                parts("A/B/C/D/E/F/G/H/IM000001"),
                entry("3", "30", "300", "3000", ct),
            ),
        ];
        let bytes = build(&entries, "2.25.1", &[]).unwrap();
        let file = dicom_object::OpenFileOptions::new()
            .read_preamble(dicom_object::file::ReadPreamble::Always)
            .from_reader(&bytes[..])
            .expect("dicom-rs reads the DICOMDIR");
        let first = number(&file, 0x1200);
        let patients = level(&bytes, first);
        assert_eq!(
            patients.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["PATIENT", "PATIENT"]
        );
        let studies = level(&bytes, patients[0].1);
        assert_eq!(studies.len(), 1);
        let series = level(&bytes, studies[0].1);
        assert_eq!(series.len(), 2);
        let images = level(&bytes, series[0].1);
        assert_eq!(images.len(), 2);
        assert_eq!(level(&bytes, series[1].1)[0].0, "SR DOCUMENT");
        let leaf = record_at(&bytes, series[0].1);
        assert_eq!(
            leaf.get(Tag(0x0004, 0x1500))
                .unwrap()
                .to_multi_str()
                .unwrap()
                .to_vec(),
            ["DIR00001", "IM000001"]
        );
        // The last root record is the second patient's.
        let second = level(&bytes, number(&file, 0x1202));
        assert_eq!(second.len(), 1);
        assert_eq!(
            record_at(&bytes, number(&file, 0x1202))
                .get(Tag(0x0010, 0x0020))
                .unwrap()
                .to_str()
                .unwrap()
                .trim(),
            "ANON2"
        );
    }

    #[test]
    fn leaf_records_follow_the_sop_class() {
        assert_eq!(leaf_type("1.2.840.10008.5.1.4.1.1.2"), "IMAGE");
        assert_eq!(leaf_type("1.2.840.10008.5.1.4.1.1.88.59"), "KEY OBJECT DOC");
        assert_eq!(leaf_type("1.2.840.10008.5.1.4.1.1.104.1"), "ENCAP DOC");
        assert_eq!(leaf_type("1.2.840.10008.5.1.4.1.1.481.5"), "RT PLAN");
        assert_eq!(leaf_type("1.2.3"), "IMAGE");
    }

    #[test]
    fn file_ids_are_short_upper_case_components() {
        assert!(is_file_id(&parts("DIR00001/IM000001")));
        assert!(!is_file_id(&parts("DIR00001/IM000001.dcm")));
        assert!(!is_file_id(&parts("dir/IM1")));
        assert!(!is_file_id(&parts("A/B/C/D/E/F/G/H/I")));
        assert_eq!(
            build(&[(parts("x.dcm"), DirEntry::default())], "2.25.1", &[]),
            Err(DicomdirError::NothingToIndex)
        );
    }
}
