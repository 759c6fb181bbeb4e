//! Reading whole fixtures, damaged copies and hand-built objects through [`read_dicom`]: the
//! locator, the walk, UN sequences and character sets are tested together, as a file meets them.

use dicom_core::Tag;
use dicom_dictionary_std::{tags, uids};

use super::charset::Charset;
use super::locate::Encoding;
use super::*;
use crate::decode::dataset::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(bytes: &[u8], complete: bool) -> DicomRead {
    match read_dicom(bytes, complete) {
        ReadOutcome::Read(read) => read,
        other => panic!("expected a read, got {other:?}"),
    }
}

fn read_fixture(name: &str) -> DicomRead {
    read(&fixture(name), true)
}

/// Texts of every element with this tag, at any depth.
fn texts(read: &DicomRead, tag: Tag) -> Vec<String> {
    let tag = (tag.group(), tag.element());
    read.dataset
        .elements
        .iter()
        .filter(|e| e.tag() == tag)
        .filter_map(|e| e.value.text())
        .collect()
}

fn top(read: &DicomRead, tag: Tag) -> Option<String> {
    read.dataset.top_text(tag.group(), tag.element())
}

#[test]
fn part10_with_preamble() {
    let r = read_fixture("CT_small.dcm");
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(r.transfer_syntax, uids::EXPLICIT_VR_LITTLE_ENDIAN);
    assert_eq!(
        top(&r, tags::PATIENT_NAME).as_deref(),
        Some("CompressedSamples^CT1")
    );
    // The meta group is part of the data set.
    assert_eq!(
        top(&r, tags::TRANSFER_SYNTAX_UID).as_deref(),
        Some(uids::EXPLICIT_VR_LITTLE_ENDIAN)
    );
}

#[test]
fn part10_without_preamble() {
    let bytes = fixture("CT_small.dcm");
    let r = read(&bytes[128..], true);
    assert_eq!(r.status, ReadStatus::Ok);
    let whole = read_fixture("CT_small.dcm");
    assert_eq!(r.data_set_at + 128, whole.data_set_at);
    let pixel = r.pixel_data.expect("where the pixel data is");
    assert_eq!(pixel.value_at + 128, whole.pixel_data.unwrap().value_at);
    assert_eq!(
        DicomRead {
            data_set_at: whole.data_set_at,
            pixel_data: whole.pixel_data,
            ..r
        },
        whole
    );
}

#[test]
fn raw_datasets_without_meta_in_each_encoding() {
    let le = read_fixture("ExplVR_LitEndNoMeta.dcm");
    let be = read_fixture("ExplVR_BigEndNoMeta.dcm");
    assert_eq!(le.transfer_syntax, uids::EXPLICIT_VR_LITTLE_ENDIAN);
    assert_eq!(be.transfer_syntax, Encoding::ExplicitBe.uid());
    assert_eq!(
        (le.status.clone(), be.status.clone()),
        (ReadStatus::Ok, ReadStatus::Ok)
    );
    assert_eq!(le.dataset, be.dataset, "same content in both byte orders");
    assert!(le.dataset.elements.len() > 10);

    // Implicit VR: the data set of MR_small_implicit.dcm without preamble and meta group.
    let bytes = fixture("MR_small_implicit.dcm");
    let meta_len = u32::from_le_bytes(bytes[140..144].try_into().unwrap()) as usize;
    let r = read(&bytes[144 + meta_len..], true);
    assert_eq!(r.transfer_syntax, uids::IMPLICIT_VR_LITTLE_ENDIAN);
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(
        top(&r, tags::PATIENT_NAME).as_deref(),
        Some("CompressedSamples^MR1")
    );
}

#[test]
fn pydicom_no_meta_file_starts_one_byte_late() {
    // This file opens with one stray byte before its first element; it is skipped.
    let r = read_fixture("no_meta.dcm");
    assert_eq!(r.transfer_syntax, uids::EXPLICIT_VR_LITTLE_ENDIAN);
    assert_eq!(r.data_set_at, 1, "where a clean copy reads it from");
    assert_eq!(
        r.status,
        ReadStatus::Recovered("skipped 1 bytes of unexpected data before the DICOM header".into())
    );
    assert_eq!(
        top(&r, tags::PATIENT_NAME).as_deref(),
        Some("CompressedSamples^CT1")
    );
}

#[test]
fn junk_before_the_header_is_skipped() {
    let clean = read_fixture("CT_small.dcm");
    let bytes = fixture("CT_small.dcm");
    let junk: Vec<u8> = (0..37u8).map(|i| i.wrapping_mul(97) | 0x80).collect();
    let expected =
        ReadStatus::Recovered("skipped 37 bytes of unexpected data before the DICOM header".into());
    // Junk before the preamble, and junk before a file that has no preamble.
    for input in [
        [&junk[..], &bytes[..]].concat(),
        [&junk[..], &bytes[128..]].concat(),
    ] {
        let r = read(&input, true);
        assert_eq!(r.status, expected);
        assert_eq!(r.dataset, clean.dataset);
    }
    // Junk before a raw data set (no DICM at all): found by its first elements.
    let raw = fixture("ExplVR_LitEndNoMeta.dcm");
    let r = read(&[&junk[..], &raw[..]].concat(), true);
    assert_eq!(r.status, expected);
    assert_eq!(r.dataset, read_fixture("ExplVR_LitEndNoMeta.dcm").dataset);
}

#[test]
fn a_text_that_names_the_dicm_marker_is_not_a_damaged_dicom_file() {
    // A note about DICOM files, and the same words before a real file: the marker counts only
    // where a file meta group follows it.
    let note = b"Notes on the export\nEvery Part 10 file has DICM at byte 128, after its \
                 preamble.\nNothing else here.\n";
    assert!(
        matches!(read_dicom(note, true), ReadOutcome::NotDicom(_)),
        "a text is not read as DICOM for naming the marker"
    );
    let bytes = fixture("CT_small.dcm");
    let r = read(&[&note[..], &bytes[..]].concat(), true);
    assert_eq!(r.dataset, read_fixture("CT_small.dcm").dataset);
    assert_eq!(
        r.status,
        ReadStatus::Recovered(format!(
            "skipped {} bytes of unexpected data before the DICOM header",
            note.len()
        ))
    );
}

#[test]
fn every_transfer_syntax_reads_up_to_pixel_data() {
    let cases = [
        (
            "CT_small.dcm",
            uids::EXPLICIT_VR_LITTLE_ENDIAN,
            "CompressedSamples^CT1",
        ),
        (
            "MR_small_bigendian.dcm",
            Encoding::ExplicitBe.uid(),
            "CompressedSamples^MR1",
        ),
        (
            "MR_small_implicit.dcm",
            uids::IMPLICIT_VR_LITTLE_ENDIAN,
            "CompressedSamples^MR1",
        ),
        (
            "image_dfl.dcm",
            uids::DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            "^^^^",
        ),
        (
            "MR_small_RLE.dcm",
            uids::RLE_LOSSLESS,
            "CompressedSamples^MR1",
        ),
        ("JPEG2000.dcm", uids::JPEG2000, "CompressedSamples^NM1"),
    ];
    for (name, ts, patient) in cases {
        let r = read_fixture(name);
        assert_eq!(r.status, ReadStatus::Ok, "{name}");
        assert_eq!(r.transfer_syntax, ts, "{name}");
        assert_eq!(
            top(&r, tags::PATIENT_NAME).as_deref(),
            Some(patient),
            "{name}"
        );
        assert!(top(&r, tags::SOP_CLASS_UID).is_some(), "{name}");
        let pixel = (tags::PIXEL_DATA.group(), tags::PIXEL_DATA.element());
        assert!(
            r.dataset.top(pixel.0, pixel.1).is_none(),
            "{name}: pixel data read"
        );
        // Everything before the pixel data is there, up to the last element before it.
        let last = r.dataset.elements.last().map(|e| e.tag()).unwrap();
        assert!(last < pixel, "{name}");
    }
}

#[test]
fn prefix_asks_for_more_and_complete_file_is_salvaged() {
    let bytes = fixture("CT_small.dcm");
    let cut = &bytes[..1000];
    assert_eq!(
        read_dicom(cut, false),
        ReadOutcome::NeedMoreBytes {
            at_least: MIN_PREFIX
        }
    );
    let r = read(cut, true);
    assert_eq!(
        r.status,
        ReadStatus::Truncated("the file ends inside the header at byte 1000".into())
    );
    assert!(top(&r, tags::SOP_CLASS_UID).is_some());
    // A prefix that holds the whole header reads like the whole file.
    let whole = read_fixture("CT_small.dcm");
    let header_end = bytes.len() - 128 * 128 * 2;
    assert_eq!(read(&bytes[..header_end + 64], false), whole);
    // A prefix shorter than a preamble cannot be judged yet.
    assert_eq!(read_dicom(&bytes[..100], false), more_bytes(100, 0));
}

#[test]
fn truncated_pydicom_file_keeps_what_was_read() {
    let r = read_fixture("rtplan_truncated.dcm");
    assert_eq!(
        r.status,
        ReadStatus::Truncated("the file ends inside the header at byte 2129".into())
    );
    assert_eq!(
        top(&r, tags::PATIENT_NAME).as_deref(),
        Some("Last^First^mid^pre")
    );
    let bytes = fixture("rtplan_truncated.dcm");
    assert!(matches!(
        read_dicom(&bytes, false),
        ReadOutcome::NeedMoreBytes { at_least } if at_least >= 2 * bytes.len()
    ));
}

#[test]
fn nested_sequences_are_flattened_with_paths() {
    let r = read_fixture("rtplan.dcm");
    assert_eq!(r.status, ReadStatus::Ok);
    let paths: Vec<String> = r
        .dataset
        .elements
        .iter()
        .map(|e| e.path.to_string())
        .collect();
    assert!(paths.contains(&"(300A,00B0)[0].(300A,0111)[1].(300A,0112)".to_string()));
    let beams = r.dataset.top(0x300A, 0x00B0).unwrap();
    assert_eq!(beams.vr, "SQ");
    assert!(matches!(beams.value, Value::Sequence { items } if items >= 1));
    let index = r
        .dataset
        .elements
        .iter()
        .find(|e| e.path.to_string() == "(300A,00B0)[0].(300A,0111)[1].(300A,0112)")
        .unwrap();
    assert_eq!(index.value, Value::Text(vec!["1".into()]));
}

#[test]
fn private_sequences_and_un_values() {
    // Implicit VR private sequences (undefined lengths) are read as sequences.
    let r = read_fixture("nested_priv_SQ.dcm");
    assert_eq!(r.status, ReadStatus::Ok);
    assert!(r.dataset.elements.iter().any(|e| e.path.depth() == 2));
    // Private text in an implicit VR file arrives as UN bytes; its text is kept.
    let text: Vec<_> = r
        .dataset
        .elements
        .iter()
        .filter(|e| e.vr == "UN")
        .map(|e| (e.path.to_string(), e.value.text()))
        .collect();
    assert!(text.contains(&(
        "(0001,0001)[0].(0001,0001)[0].(0001,0001)".to_string(),
        Some("Double Nested SQ".to_string())
    )));
    // A defined-length UN value that holds a sequence stays bytes (as in pydicom).
    let r = read_fixture("priv_SQ.dcm");
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(
        r.dataset.top_text(0x3F03, 0x0010).as_deref(),
        Some("aaabbbccc MEDICAL SYSTEMS")
    );
    assert!(matches!(
        r.dataset.top(0x3F03, 0x1001).unwrap().value,
        Value::Binary { len: 166, .. }
    ));
}

/// Elements as `path vr value-text` lines, for comparisons.
fn listing(r: &DicomRead) -> Vec<String> {
    r.dataset
        .elements
        .iter()
        .map(|e| {
            let value = match &e.value {
                Value::Sequence { items } => format!("{items} item(s)"),
                other => other.text().unwrap_or_default(),
            };
            format!("{} {} {value}", e.path, e.vr)
        })
        .collect()
}

#[test]
fn un_sequence_in_explicit_file_is_read_as_implicit_vr() {
    // An undefined-length UN element holds implicit VR items (PS3.5 6.2.2); as
    // `pydicom.dcmread("UN_sequence.dcm")` (pydicom 3.0.2) prints them.
    let r = read_fixture("UN_sequence.dcm");
    assert_eq!(r.status, ReadStatus::Ok);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let data: Vec<String> = listing(&r)
        .into_iter()
        .filter(|l| !l.starts_with("(0002,"))
        .collect();
    assert_eq!(
        data,
        [
            "(4453,100C) SQ 1 item(s)",
            "(4453,100C)[0].(0008,1115) SQ 1 item(s)",
            "(4453,100C)[0].(0008,1115)[0].(0008,1199) SQ 1 item(s)",
            "(4453,100C)[0].(0008,1115)[0].(0008,1199)[0].(0008,1150) UI \
             1.2.840.10008.5.1.4.1.1.2",
            "(4453,100C)[0].(0008,1115)[0].(0008,1199)[0].(0008,1155) UI \
             1.2.840.113619.2.327.3.185221411.476.1398588726.278.80",
            "(4453,100C)[0].(0008,1115)[0].(0020,000E) UI \
             1.2.840.113619.2.327.3.185221411.476.1398588726.276",
            "(4453,100C)[0].(0020,000D) UI \
             1.2.840.113619.2.327.3.185221411.476.1398588725.795",
        ]
    );
    // The file ends with the sequence; with an element after it, that one is read too.
    let mut bytes = fixture("UN_sequence.dcm");
    bytes.extend_from_slice(b"\x55\x44\x10\x00LO\x06\x00VENDOR");
    let r = read(&bytes, true);
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(
        r.dataset.top_text(0x4455, 0x0010).as_deref(),
        Some("VENDOR")
    );
    assert_eq!(r.dataset.elements.len(), data.len() + 9);
}

/// A Part 10 file: preamble, meta group with this transfer syntax (even length), `body`.
fn part10(ts: &str, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; 128];
    out.extend_from_slice(b"DICM");
    out.extend_from_slice(b"\x02\x00\x00\x00UL\x04\x00");
    out.extend_from_slice(&(8 + ts.len() as u32).to_le_bytes());
    out.extend_from_slice(b"\x02\x00\x10\x00UI");
    out.extend_from_slice(&(ts.len() as u16).to_le_bytes());
    out.extend_from_slice(ts.as_bytes());
    out.extend_from_slice(body);
    out
}

/// An implicit VR little endian element with a defined length.
fn implicit(group: u16, element: u16, value: &[u8]) -> Vec<u8> {
    let mut out = group.to_le_bytes().to_vec();
    out.extend_from_slice(&element.to_le_bytes());
    out.extend_from_slice(&(value.len() as u32).to_le_bytes());
    out.extend_from_slice(value);
    out
}

const ITEM: &[u8] = b"\xfe\xff\x00\xe0\xff\xff\xff\xff";
const ITEM_END: &[u8] = b"\xfe\xff\x0d\xe0\0\0\0\0";
const SEQ_END: &[u8] = b"\xfe\xff\xdd\xe0\0\0\0\0";

/// The contents of the (0009,1010) UN sequence, in implicit VR: two items, the first
/// with a name, a value holding a sequence delimiter pattern, and a nested
/// undefined-length sequence (one defined-length and one undefined-length item).
fn un_contents() -> Vec<u8> {
    let defined_item = implicit(0x0009, 0x1012, b"ABCD");
    let mut nested = implicit(0x0009, 0x1011, b"");
    nested.truncate(4);
    nested.extend_from_slice(&u32::MAX.to_le_bytes());
    nested.extend_from_slice(b"\xfe\xff\x00\xe0");
    nested.extend_from_slice(&(defined_item.len() as u32).to_le_bytes());
    nested.extend_from_slice(&defined_item);
    nested.extend_from_slice(ITEM);
    nested.extend_from_slice(&implicit(0x0008, 0x0100, b"CODE01"));
    nested.extend_from_slice(ITEM_END);
    nested.extend_from_slice(SEQ_END);

    let mut out = ITEM.to_vec();
    out.extend_from_slice(&implicit(0x0009, 0x1003, SEQ_END));
    out.extend_from_slice(&implicit(0x0010, 0x0010, b"DOE^JOHN"));
    out.extend_from_slice(&nested);
    out.extend_from_slice(ITEM_END);
    let second = implicit(0x0010, 0x0020, b"ID0001");
    out.extend_from_slice(b"\xfe\xff\x00\xe0");
    out.extend_from_slice(&(second.len() as u32).to_le_bytes());
    out.extend_from_slice(&second);
    out.extend_from_slice(SEQ_END);
    out
}

/// Explicit VR LE: a private creator, the UN sequence (`contents`), then two names.
fn un_file(contents: &[u8]) -> Vec<u8> {
    let mut body = b"\x08\x00\x60\x00CS\x02\x00OT".to_vec();
    body.extend_from_slice(b"\x09\x00\x10\x00LO\x08\x00ACME 1.0");
    body.extend_from_slice(b"\x09\x00\x10\x10UN\0\0\xff\xff\xff\xff");
    body.extend_from_slice(contents);
    body.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00ROE^JANE");
    body.extend_from_slice(b"\x10\x00\x20\x00LO\x06\x0012345 ");
    part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body)
}

fn text_at(r: &DicomRead, path: &str) -> Option<String> {
    r.dataset
        .elements
        .iter()
        .find(|e| e.path.to_string() == path)
        .and_then(|e| e.value.text())
}

#[test]
fn un_sequence_items_are_flattened_and_reading_goes_on_after_it() {
    let r = read(&un_file(&un_contents()), true);
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN", "ROE^JANE"]);
    assert_eq!(
        text_at(&r, "(0009,1010)[0].(0010,0010)").as_deref(),
        Some("DOE^JOHN")
    );
    assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("ROE^JANE"));
    assert_eq!(top(&r, tags::PATIENT_ID).as_deref(), Some("12345"));
    assert_eq!(
        text_at(&r, "(0009,1010)[0].(0009,1011)[0].(0009,1012)").as_deref(),
        Some("ABCD")
    );
    assert_eq!(
        text_at(&r, "(0009,1010)[0].(0009,1011)[1].(0008,0100)").as_deref(),
        Some("CODE01")
    );
    assert_eq!(
        text_at(&r, "(0009,1010)[1].(0010,0020)").as_deref(),
        Some("ID0001")
    );
    let un = r.dataset.top(0x0009, 0x1010).unwrap();
    assert_eq!(un.value, Value::Sequence { items: 2 });
    let nested = r
        .dataset
        .elements
        .iter()
        .find(|e| e.path.to_string() == "(0009,1010)[0].(0009,1011)")
        .unwrap();
    assert_eq!(nested.value, Value::Sequence { items: 2 });
    assert_eq!(
        r.dataset.top_text(0x0009, 0x0010).as_deref(),
        Some("ACME 1.0")
    );
}

#[test]
fn un_sequence_inside_explicit_sequences_keeps_their_structure() {
    let un = {
        let mut un = b"\x09\x00\x10\x10UN\0\0\xff\xff\xff\xff".to_vec();
        un.extend_from_slice(&un_contents());
        un
    };
    let name = b"\x10\x00\x10\x00PN\x08\x00ROE^JANE";
    // Inside a defined-length item of a defined-length sequence: the explicit VR stream
    // tracks those lengths across the UN sequence.
    let mut item = un.clone();
    item.extend_from_slice(b"\x08\x00\x50\x00SH\x04\x00ACC1");
    let mut defined = b"\x08\x00\x15\x11SQ\0\0".to_vec();
    defined.extend_from_slice(&(item.len() as u32 + 8).to_le_bytes());
    defined.extend_from_slice(b"\xfe\xff\x00\xe0");
    defined.extend_from_slice(&(item.len() as u32).to_le_bytes());
    defined.extend_from_slice(&item);
    // Inside an undefined-length item of an undefined-length sequence.
    let mut undefined = b"\x08\x00\x15\x11SQ\0\0\xff\xff\xff\xff".to_vec();
    undefined.extend_from_slice(ITEM);
    undefined.extend_from_slice(&un);
    undefined.extend_from_slice(b"\x08\x00\x50\x00SH\x04\x00ACC1");
    undefined.extend_from_slice(ITEM_END);
    undefined.extend_from_slice(SEQ_END);
    for outer in [defined, undefined] {
        let mut body = outer;
        body.extend_from_slice(name);
        let r = read(&part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body), true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(
            text_at(&r, "(0008,1115)[0].(0009,1010)[0].(0010,0010)").as_deref(),
            Some("DOE^JOHN")
        );
        assert_eq!(
            text_at(&r, "(0008,1115)[0].(0009,1010)[1].(0010,0020)").as_deref(),
            Some("ID0001")
        );
        assert_eq!(
            text_at(&r, "(0008,1115)[0].(0008,0050)").as_deref(),
            Some("ACC1")
        );
        assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("ROE^JANE"));
    }
}

#[test]
fn consecutive_un_sequences_are_each_read() {
    let mut body = Vec::new();
    for element in [0x1010u16, 0x1020] {
        body.extend_from_slice(b"\x09\x00");
        body.extend_from_slice(&element.to_le_bytes());
        body.extend_from_slice(b"UN\0\0\xff\xff\xff\xff");
        body.extend_from_slice(&un_contents());
    }
    body.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00ROE^JANE");
    let r = read(&part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body), true);
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(
        texts(&r, tags::PATIENT_NAME),
        ["DOE^JOHN", "DOE^JOHN", "ROE^JANE"]
    );
    assert_eq!(
        text_at(&r, "(0009,1020)[1].(0010,0020)").as_deref(),
        Some("ID0001")
    );
}

#[test]
fn un_sequence_in_explicit_big_endian() {
    let mut body = b"\x00\x09\x10\x10UN\0\0\xff\xff\xff\xff".to_vec();
    body.extend_from_slice(&un_contents());
    body.extend_from_slice(b"\x00\x10\x00\x10PN\x00\x08ROE^JANE");
    let r = read(&part10(Encoding::ExplicitBe.uid(), &body), true);
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN", "ROE^JANE"]);
}

#[test]
fn un_sequence_with_garbage_stops_with_a_precise_message() {
    let garbage: Vec<u8> = (0..300u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let r = read(&un_file(&garbage), true);
    let ReadStatus::Truncated(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(message.contains("(0009,1010)"), "{message}");
    assert!(
        message.contains("does not hold an implicit VR sequence"),
        "{message}"
    );
    assert!(!message.contains("file ends"), "{message}");
    assert_eq!(top(&r, tags::MODALITY).as_deref(), Some("OT"));
    assert_eq!(
        r.dataset.top_text(0x0009, 0x0010).as_deref(),
        Some("ACME 1.0")
    );

    // An item, then a length that runs past the end of the file.
    let mut contents = ITEM.to_vec();
    contents.extend_from_slice(b"\x10\x00\x10\x00\x00\x00\x01\x00DOE");
    let r = read(&un_file(&contents), true);
    let ReadStatus::Truncated(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(
        message.contains("runs past the end of the file"),
        "{message}"
    );
    assert!(!message.contains("DOE"), "{message}");

    // Garbage inside a defined-length item: the item is dropped, reading goes on.
    let mut contents = b"\xfe\xff\x00\xe0\x10\x00\x00\x00".to_vec();
    contents.extend_from_slice(b"\x10\x00\x10\x00\x20\x00\x00\x00ABCDEFGH");
    contents.extend_from_slice(SEQ_END);
    let r = read(&un_file(&contents), true);
    let ReadStatus::Recovered(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(message.contains("(0009,1010)"), "{message}");
    assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("ROE^JANE"));
    assert_eq!(top(&r, tags::PATIENT_ID).as_deref(), Some("12345"));
}

#[test]
fn un_sequence_cut_short_needs_more_bytes_or_says_the_file_ends() {
    let whole = un_file(&un_contents());
    let cut_at = 128 + 4 + 12 + 28 + 10 + 16 + 12 + 40;
    let cut = &whole[..cut_at];
    assert!(matches!(
        read_dicom(cut, false),
        ReadOutcome::NeedMoreBytes { .. }
    ));
    let r = read(cut, true);
    assert!(
        matches!(&r.status, ReadStatus::Truncated(m) if m.contains("end of the file") || m.contains("file ends")),
        "{:?}",
        r.status
    );
    assert_eq!(
        r.dataset.top_text(0x0009, 0x0010).as_deref(),
        Some("ACME 1.0")
    );
}

#[test]
fn un_sequence_with_explicit_vr_items_is_read_as_such() {
    let mut contents = ITEM.to_vec();
    contents.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00DOE^JOHN");
    contents.extend_from_slice(ITEM_END);
    contents.extend_from_slice(SEQ_END);
    let r = read(&un_file(&contents), true);
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN", "ROE^JANE"]);
    assert!(r.warnings.iter().any(|w| w.contains("explicit VR items")));
}

#[test]
fn derailed_header_is_not_called_the_end_of_the_file() {
    // An element with no valid VR whose length runs past the end: the reader lost track.
    let mut body = b"\x08\x00\x60\x00CS\x02\x00OT".to_vec();
    body.extend_from_slice(b"\x08\x00\x15\x11\xff\xff\0\0\xfe\xff\x00\xe0");
    body.extend_from_slice(&[0u8; 40]);
    let r = read(&part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body), true);
    let ReadStatus::Truncated(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(message.contains("no valid VR"), "{message}");
    assert!(message.contains("(0008,1115)"), "{message}");
    assert_eq!(top(&r, tags::MODALITY).as_deref(), Some("OT"));
}

#[test]
fn character_sets_decode_like_pydicom() {
    // Expected values as `pydicom.dcmread(f).PatientName` (pydicom 3.0.2) prints them.
    let cases = [
        ("chrFren.dcm", "Buc^Jérôme"),
        ("chrGreek.dcm", "Διονυσιος"),
        ("chrRuss.dcm", "Люкceмбypг"),
        ("chrArab.dcm", "قباني^لنزار"),
        ("chrHbrw.dcm", "שרון^דבורה"),
        ("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
        ("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
        ("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동"),
        ("chrX1.dcm", "Wang^XiaoDong=王^小東"),
        ("chrX2.dcm", "Wang^XiaoDong=王^小东"),
    ];
    for (name, expected) in cases {
        let r = read_fixture(name);
        let name_value = top(&r, tags::PATIENT_NAME).unwrap();
        // pydicom drops an empty trailing component group (`...=`).
        assert_eq!(name_value.trim_end_matches('='), expected, "{name}");
        assert!(r.warnings.is_empty(), "{name}: {:?}", r.warnings);
    }
}

#[test]
fn character_set_of_an_item_applies_to_that_item_only() {
    let r = read_fixture("chrSQEncoding.dcm");
    let nested = r
        .dataset
        .elements
        .iter()
        .find(|e| e.path.to_string() == "(0032,1064)[0].(0010,0010)")
        .unwrap();
    assert_eq!(
        nested.value.text().unwrap(),
        "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"
    );
    assert_eq!(
        top(&r, tags::REQUESTING_PHYSICIAN).as_deref(),
        Some("Doctor^Who^^MD")
    );
}

/// Replace the value of the top-level Specific Character Set, keeping its length.
fn with_charset(bytes: &[u8], term: &[u8; 10]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = out.windows(10).position(|w| w == b"ISO_IR 192").unwrap();
    out[at..at + 10].copy_from_slice(term);
    out
}

#[test]
fn misdeclared_and_unknown_charsets_degrade_with_a_warning() {
    let utf8 = fixture("chrX1.dcm");
    // Declares Latin-1 but holds UTF-8.
    let r = read(&with_charset(&utf8, b"ISO_IR 100"), true);
    assert_eq!(
        top(&r, tags::PATIENT_NAME).unwrap().trim_end_matches('='),
        "Wang^XiaoDong=王^小東"
    );
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("ISO_IR 100") && w.contains("UTF-8")));
    // An unknown term.
    let r = read(&with_charset(&utf8, b"ISO_IR 999"), true);
    assert_eq!(r.status, ReadStatus::Ok);
    assert!(top(&r, tags::PATIENT_NAME)
        .unwrap()
        .starts_with("Wang^XiaoDong=王"));
    assert!(r.warnings.iter().any(|w| w.contains("ISO_IR 999")));
    // Declares UTF-8 but holds Latin-1 bytes: decoded as Latin-1, with a warning.
    let latin = fixture("chrFren.dcm");
    let mut bytes = latin.clone();
    let at = bytes.windows(10).position(|w| w == b"ISO_IR 100").unwrap();
    bytes[at..at + 10].copy_from_slice(b"ISO_IR 192");
    let r = read(&bytes, true);
    assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("Buc^Jérôme"));
    assert!(r.warnings.iter().any(|w| w.contains("ISO_IR 192")));
    // Warnings never carry the value.
    assert!(r.warnings.iter().all(|w| !w.contains("Buc")));
}

#[test]
fn unsupported_iso2022_escape_degrades_with_a_warning() {
    let (text, warning) = Charset::from_terms(&["".into(), "ISO 2022 IR 159".into()])
        .0
        .decode(b"Abc\x1b$(D\x30\x21\x1b(B=x");
    assert!(text.starts_with("Abc") && text.ends_with("=x"));
    assert!(warning.unwrap().contains("ISO 2022 IR 159"));
}

#[test]
fn dicomdir_records_are_read_with_paths() {
    let r = read_fixture("DICOMDIR");
    assert_eq!(r.status, ReadStatus::Ok);
    let names = texts(&r, tags::PATIENT_NAME);
    assert_eq!(names, ["Doe^Archibald", "Doe^Peter"]);
    let first = r
        .dataset
        .elements
        .iter()
        .find(|e| e.tag() == (0x0010, 0x0010))
        .unwrap();
    assert_eq!(first.path.to_string(), "(0004,1220)[0].(0010,0010)");
    assert!(matches!(
        r.dataset.top(0x0004, 0x1220).unwrap().value,
        Value::Sequence { items } if items > 10
    ));
}

/// An explicit VR LE raw data set of `depth` nested undefined-length sequences, with a
/// patient name at the bottom.
fn nested(depth: usize) -> Vec<u8> {
    let mut out = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100".to_vec();
    for _ in 0..depth {
        out.extend_from_slice(b"\x08\x00\x15\x11SQ\0\0\xff\xff\xff\xff");
        out.extend_from_slice(b"\xfe\xff\x00\xe0\xff\xff\xff\xff");
    }
    out.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00DOE^JOHN");
    for _ in 0..depth {
        out.extend_from_slice(b"\xfe\xff\x0d\xe0\0\0\0\0\xfe\xff\xdd\xe0\0\0\0\0");
    }
    out.extend_from_slice(b"\x10\x00\x20\x00LO\x04\x00ID42");
    out
}

#[test]
fn nesting_deeper_than_the_limit_is_read_under_the_cut() {
    let r = read(&nested(MAX_DEPTH), true);
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN"]);

    let r = read(&nested(MAX_DEPTH + 5), true);
    let ReadStatus::Recovered(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(message.contains("nested deeper than 32"), "{message}");
    assert!(message.contains("read and scanned"), "{message}");
    assert!(!message.contains("DOE"));
    // The name at depth 37 is read, its path cut at the limit.
    assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN"]);
    let name = r
        .dataset
        .elements
        .iter()
        .find(|e| e.tag() == (0x0010, 0x0010))
        .unwrap();
    assert_eq!(name.path.depth(), MAX_DEPTH);
    // However deep: 5,000 levels cost paths of the limit's length only.
    let r = read(&nested(5_000), true);
    assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN"]);
    assert!(r
        .dataset
        .elements
        .iter()
        .all(|e| e.path.depth() <= MAX_DEPTH));
    // Reading goes on after the deep sequence.
    assert_eq!(top(&r, tags::PATIENT_ID).as_deref(), Some("ID42"));
}

#[test]
fn element_count_is_limited() {
    let mut bytes = Vec::new();
    for i in 0..(MAX_ELEMENTS + 10) as u32 {
        // Private elements (0009,xxxx) then (0011,xxxx): tags keep increasing.
        let group: u16 = if i < 0x10000 {
            0x0009
        } else {
            0x0011 + 2 * (i >> 16) as u16
        };
        bytes.extend_from_slice(&group.to_le_bytes());
        bytes.extend_from_slice(&(i as u16).to_le_bytes());
        bytes.extend_from_slice(b"US\x02\x00\x01\x00");
    }
    let mut input = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100".to_vec();
    input.extend_from_slice(&bytes);
    let r = read(&input, true);
    assert_eq!(r.dataset.elements.len(), MAX_ELEMENTS);
    assert!(matches!(&r.status, ReadStatus::Truncated(m) if m.contains("element limit")));
}

#[test]
fn long_text_values_are_scanned_up_to_the_limit() {
    let mut input = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100".to_vec();
    let len = (MAX_TEXT_LEN + 2) as u32;
    input.extend_from_slice(b"\x10\x00\x00\x40UT\0\0");
    input.extend_from_slice(&len.to_le_bytes());
    let lead = b"SSN 123-45-6789 ";
    input.extend_from_slice(lead);
    input.extend(std::iter::repeat_n(b'A', len as usize - lead.len()));
    let r = read(&input, true);
    assert_eq!(r.status, ReadStatus::Ok);
    let comment = r.dataset.top(0x0010, 0x4000).unwrap();
    let Value::Text(values) = &comment.value else {
        panic!("not decoded: {:?}", comment.value);
    };
    assert_eq!(values.len(), 1);
    assert!(values[0].starts_with("SSN 123-45-6789 AAA"));
    assert_eq!(values[0].len(), MAX_TEXT_LEN);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("(0010,4000)") && w.contains("limit") && w.contains("first 1 MiB")));
}

#[test]
fn garbage_is_not_dicom_or_a_flagged_read() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    for input in [&b""[..], &png[..], &[0u8; 300][..], &[0xAB; 70_000][..]] {
        assert!(
            matches!(read_dicom(input, true), ReadOutcome::NotDicom(_)),
            "{:?}",
            &input[..input.len().min(8)]
        );
    }
    let mut dicm = b"DICM".to_vec();
    dicm.extend((0..500u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    match read_dicom(&dicm, true) {
        ReadOutcome::Read(r) => assert_ne!(r.status, ReadStatus::Ok),
        ReadOutcome::NotDicom(_) | ReadOutcome::Unsupported(_) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn mutations_never_panic() {
    let original = fixture("CT_small.dcm");
    let head = &original[..2048];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..200 {
        let mut bytes = head.to_vec();
        for _ in 0..1 + round % 8 {
            let at = (next() % bytes.len() as u64) as usize;
            bytes[at] = next() as u8;
        }
        let complete = round % 2 == 0;
        let outcome = read_dicom(&bytes, complete);
        if let ReadOutcome::Read(r) = outcome {
            assert!(r.dataset.elements.len() <= MAX_ELEMENTS);
            assert!(r.warnings.iter().all(|w| !w.contains("CompressedSamples")));
        }
    }
}

#[test]
fn messages_name_tag_and_offset_but_never_values() {
    let bytes = fixture("CT_small.dcm");
    for cut in [300, 700, 1000, 1500] {
        let r = read(&bytes[..cut], true);
        let ReadStatus::Truncated(message) = &r.status else {
            panic!("{cut}: {:?}", r.status);
        };
        assert!(message.contains(&format!("byte {cut}")));
        assert!(!message.contains("CompressedSamples"));
    }
}

/// A file that ends inside Patient's Name: the part of the name that is there is read,
/// scanned and said to be cut (a cut name is still an identifier).
#[test]
fn a_value_cut_by_the_end_of_the_file_is_read_as_far_as_it_goes() {
    let bytes = fixture("CT_small.dcm");
    let at = bytes
        .windows(17)
        .position(|w| w == b"CompressedSamples")
        .expect("the name in the fixture");
    let r = read(&bytes[..at + 10], true);
    assert!(
        matches!(r.status, ReadStatus::Truncated(_)),
        "{:?}",
        r.status
    );
    assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("Compressed"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("(0010,0010)") && w.contains("the value is cut")),
        "{:?}",
        r.warnings
    );
    let report = crate::scan::scan_complete(
        "cut.dcm",
        &bytes[..at + 10],
        &crate::DetectOptions::default(),
    );
    assert!(
        report.findings.iter().any(|f| f.keyword == "PatientName"),
        "{:?}",
        report.findings
    );
    assert_eq!(report.people.len(), 1, "the cut name still names a person");
}

/// An SSN in a note at depth 50 (an SR tree, say) is found: below the nesting limit values are
/// still scanned, and the report says where the structure was cut.
#[test]
fn an_identifier_below_the_nesting_limit_is_found() {
    let mut bytes = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100".to_vec();
    for _ in 0..50 {
        bytes.extend_from_slice(b"\x40\x00\x30\xa7SQ\0\0\xff\xff\xff\xff");
        bytes.extend_from_slice(b"\xfe\xff\x00\xe0\xff\xff\xff\xff");
    }
    let note = b"SSN 536-22-1234, born 1961-04-12 ";
    bytes.extend_from_slice(b"\x40\x00\x60\xa1UT\0\0");
    bytes.extend_from_slice(&(note.len() as u32).to_le_bytes());
    bytes.extend_from_slice(note);
    for _ in 0..50 {
        bytes.extend_from_slice(b"\xfe\xff\x0d\xe0\0\0\0\0\xfe\xff\xdd\xe0\0\0\0\0");
    }
    let report = crate::scan::scan_complete("deep.dcm", &bytes, &crate::DetectOptions::default());
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.id()).collect();
    assert!(rules.contains(&"V-SSN"), "{rules:?}");
    assert!(
        report
            .message
            .as_deref()
            .is_some_and(|m| m.contains("nested deeper than 32")),
        "{:?}",
        report.message
    );
}

/// A data set written in another encoding than its file meta names (explicit VR labelled
/// implicit, and the reverse) is read in its own, as other readers do, and the report says so.
#[test]
fn a_data_set_labelled_with_the_wrong_encoding_is_read_in_its_own() {
    let mut explicit_as_implicit = fixture("CT_small.dcm");
    let at = explicit_as_implicit
        .windows(20)
        .position(|w| w == b"1.2.840.10008.1.2.1\0")
        .expect("the transfer syntax in the meta");
    explicit_as_implicit[at..at + 20].copy_from_slice(b"1.2.840.10008.1.2\0\0\0");
    let r = read(&explicit_as_implicit, true);
    assert_eq!(
        top(&r, tags::PATIENT_NAME).as_deref(),
        Some("CompressedSamples^CT1")
    );
    let ReadStatus::Recovered(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(
        message.contains("but the data set is written in"),
        "{message}"
    );

    // The meta of an explicit VR file before the data set of an implicit VR one.
    let ct = fixture("CT_small.dcm");
    let mr = fixture("MR_small_implicit.dcm");
    let (ct_at, mr_at) = (read(&ct, true).data_set_at, read(&mr, true).data_set_at);
    let mut implicit_as_explicit = ct[..ct_at].to_vec();
    implicit_as_explicit.extend_from_slice(&mr[mr_at..]);
    let r = read(&implicit_as_explicit, true);
    assert_eq!(
        top(&r, tags::PATIENT_NAME),
        top(&read(&mr, true), tags::PATIENT_NAME)
    );
    assert!(top(&r, tags::PATIENT_NAME).is_some());
    assert!(
        matches!(r.status, ReadStatus::Recovered(_)),
        "{:?}",
        r.status
    );
}

/// image_dfl.dcm's meta group, and its data set inflated.
fn deflated_fixture() -> (Vec<u8>, Vec<u8>) {
    use std::io::Read;
    let bytes = fixture("image_dfl.dcm");
    let at = read(&bytes, true).data_set_at;
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(&bytes[at..])
        .read_to_end(&mut inflated)
        .unwrap();
    (bytes[..at].to_vec(), inflated)
}

#[test]
fn a_zlib_wrapped_deflated_data_set_is_read_as_zlib_and_said() {
    use std::io::Write;
    let (meta, inflated) = deflated_fixture();
    let mut zlib = flate2::write::ZlibEncoder::new(meta, flate2::Compression::default());
    zlib.write_all(&inflated).unwrap();
    let r = read(&zlib.finish().unwrap(), true);
    let ReadStatus::Recovered(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(message.contains("wrapped in zlib"), "{message}");
    assert_eq!(r.dataset, read_fixture("image_dfl.dcm").dataset);
}

#[test]
fn a_damaged_deflate_stream_is_read_as_far_as_it_inflates() {
    use std::io::Write;
    let (meta, inflated) = deflated_fixture();
    let at = meta.len();
    // The first 400 inflated bytes, flushed to a byte boundary, then a block of the reserved
    // type 3, which every inflater rejects.
    let mut raw = flate2::write::DeflateEncoder::new(meta, flate2::Compression::fast());
    raw.write_all(&inflated[..400]).unwrap();
    raw.flush().unwrap();
    let mut bytes = raw.finish().unwrap();
    let end = bytes.len();
    bytes.truncate(end.max(at + 8) - 2);
    bytes.extend_from_slice(&[0x07, 0x00, 0x00, 0x00]);
    let r = read(&bytes, true);
    let ReadStatus::Truncated(message) = &r.status else {
        panic!("{:?}", r.status);
    };
    assert!(
        message.contains("deflated data is damaged after byte 400 "),
        "{message}"
    );
    let whole = read_fixture("image_dfl.dcm");
    let read = r.dataset.elements.len();
    assert!(read > 10 && read < whole.dataset.elements.len(), "{read}");
    assert_eq!(whole.dataset.elements[..10], r.dataset.elements[..10]);
}

#[test]
fn a_deflated_data_set_inflates_whole_within_its_limit_or_says_why_not() {
    use flate2::{write::DeflateEncoder, Compression};
    use std::io::Write;
    let data: Vec<u8> = (0..100_000u32).flat_map(|i| i.to_le_bytes()).collect();
    let mut deflate = DeflateEncoder::new(Vec::new(), Compression::fast());
    deflate.write_all(&data).unwrap();
    let stream = deflate.finish().unwrap();
    assert_eq!(inflate_data_set(&stream, data.len()).unwrap(), data);
    assert_eq!(
        inflate_data_set(&stream, data.len() - 1),
        Err(InflateError::TooLarge {
            limit: data.len() - 1
        })
    );
    assert_eq!(
        inflate_data_set(&stream[..stream.len() / 2], data.len()),
        Err(InflateError::Cut)
    );
    assert!(is_deflated("1.2.840.10008.1.2.1.99"));
    assert!(!is_deflated(uids::EXPLICIT_VR_LITTLE_ENDIAN));
}

#[test]
fn a_meta_group_naming_no_transfer_syntax_before_a_private_sequence_is_read_as_implicit_vr() {
    // pydicom's meta_missing_tsyntax.dcm: the meta group has no (0002,0010), and the data set
    // opens with a private sequence of undefined length in implicit VR, which the stricter
    // guess for raw data sets does not take; read as explicit VR it broke at its first byte.
    let r = read_fixture("meta_missing_tsyntax.dcm");
    assert!(
        matches!(&r.status, ReadStatus::Recovered(m) if m.contains(uids::IMPLICIT_VR_LITTLE_ENDIAN)),
        "{:?}",
        r.status
    );
    let innermost: Vec<String> = r
        .dataset
        .elements
        .iter()
        .filter(|e| e.path.0.len() == 3)
        .map(|e| format!("{} {:?}", e.path.text(), e.value.text()))
        .collect();
    assert_eq!(
        innermost,
        ["(0001,0001)[0].(0001,0001)[0].(0001,0001) Some(\"Double Nested SQ\")"]
    );
}
