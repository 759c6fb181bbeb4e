//! The thin slice on real public files: every transfer syntax we ship a fixture for yields
//! the masked identity, and non-DICOM input gets a specific message.

use dicom_exposure_check::{scan_bytes, ScanStatus};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

#[test]
fn explicit_little_endian_ct_reveals_masked_name_and_id() {
    let r = scan_bytes("CT_small.dcm", &fixture("CT_small.dcm"));
    assert_eq!(r.status, ScanStatus::Ok, "{:?}", r.message);
    assert_eq!(r.patient_name.as_deref(), Some("C*** C***"));
    assert_eq!(r.patient_id.as_deref(), Some("****"));
    assert_eq!(r.patient_birth_date, None);
}

#[test]
fn every_fixture_transfer_syntax_is_read() {
    for (file, name) in [
        ("MR_small_bigendian.dcm", Some("C*** M***")),
        ("MR_small_implicit.dcm", Some("C*** M***")),
        ("MR_small_RLE.dcm", Some("C*** M***")),
        ("JPEG2000.dcm", Some("C*** N***")),
        // Deflated; its name is only separators (`^^^^`), which is no name at all.
        ("image_dfl.dcm", None),
    ] {
        let r = scan_bytes(file, &fixture(file));
        assert_eq!(r.status, ScanStatus::Ok, "{file}: {:?}", r.message);
        assert_eq!(r.patient_name.as_deref(), name, "{file}");
    }
}

#[test]
fn masked_output_never_contains_the_raw_name() {
    let r = scan_bytes("CT_small.dcm", &fixture("CT_small.dcm"));
    let shown = format!("{r:?}");
    assert!(!shown.contains("CompressedSamples"), "{shown}");
}

#[test]
fn text_file_is_not_dicom_with_a_clear_message() {
    let r = scan_bytes("notes.txt", b"Patient: John Doe\n");
    assert_eq!(r.status, ScanStatus::NotDicom);
    assert!(r.message.unwrap().contains("not a DICOM file"));
}

#[test]
fn truncated_header_is_unreadable_not_a_panic() {
    let bytes = fixture("CT_small.dcm");
    let r = scan_bytes("cut.dcm", &bytes[..200]);
    assert_eq!(r.status, ScanStatus::Unreadable);
    assert!(r
        .message
        .unwrap()
        .starts_with("could not read the DICOM header"));
}
