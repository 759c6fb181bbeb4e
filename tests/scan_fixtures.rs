//! Scanning real public files end to end: every transfer syntax we ship a fixture for yields
//! the masked identity and Annex E findings; non-DICOM input gets a specific message.

use dicom_exposure_check::report::render_text;
use dicom_exposure_check::{
    scan_complete, scan_file, DetectOptions, FileStatus, Report, ScanOutcome,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn scan(name: &str) -> dicom_exposure_check::FileReport {
    scan_complete(name, &fixture(name), &DetectOptions::default())
}

#[test]
fn explicit_little_endian_ct_reveals_masked_name_and_id() {
    let r = scan("CT_small.dcm");
    assert_eq!(r.status, FileStatus::Ok, "{:?}", r.message);
    let person = &r.people[0];
    assert_eq!(person.name.as_deref(), Some("C*** C***"));
    assert_eq!(person.id.as_deref(), Some("****"));
    assert_eq!(person.birth_date, None);
    let rule_ids: Vec<&str> = r.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert!(
        rule_ids.contains(&"E-00100010"),
        "PatientName rule: {rule_ids:?}"
    );
    assert!(
        rule_ids.contains(&"E-0020000D"),
        "StudyInstanceUID rule: {rule_ids:?}"
    );
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
        let r = scan(file);
        assert_eq!(r.status, FileStatus::Ok, "{file}: {:?}", r.message);
        assert_eq!(
            r.people.first().and_then(|p| p.name.as_deref()),
            name,
            "{file}"
        );
    }
}

#[test]
fn masked_output_never_contains_the_raw_name() {
    let r = scan("CT_small.dcm");
    let report = Report::build(vec![r], "2026-11-28", false);
    let json = report.to_export_json().to_string();
    assert!(!json.contains("CompressedSamples"), "{json}");
    assert!(!render_text(&report).contains("CompressedSamples"));
}

#[test]
fn a_prefix_asks_for_more_then_scans_the_same() {
    let bytes = fixture("CT_small.dcm");
    let options = DetectOptions::default();
    match scan_file("CT_small.dcm", &bytes[..1000], false, &options) {
        ScanOutcome::NeedMoreBytes { at_least } => assert!(at_least > 1000),
        other => panic!("expected a request for more bytes, got {other:?}"),
    }
}

#[test]
fn text_file_is_not_dicom_with_a_clear_message() {
    let r = scan_complete(
        "notes.txt",
        b"Patient: John Doe\n",
        &DetectOptions::default(),
    );
    assert_eq!(r.status, FileStatus::NotDicom);
    assert!(!r.message.unwrap().is_empty());
}

#[test]
fn two_files_of_the_same_patient_are_one_person() {
    let report = Report::build(
        vec![
            scan("MR_small_implicit.dcm"),
            scan("MR_small_bigendian.dcm"),
        ],
        "2026-11-28",
        false,
    );
    assert_eq!(report.summary.distinct_people, 1);
    assert_eq!(report.people[0].files, vec![0, 1]);
}

#[test]
fn a_file_report_survives_the_worker_codec() {
    // The page's worker sends reports with bincode codec, which needs every field.
    let report = scan("CT_small.dcm");
    let bytes = bincode::serialize(&report).expect("encode");
    let back: dicom_exposure_check::FileReport = bincode::deserialize(&bytes).expect("decode");
    assert_eq!(back, report);
}

#[test]
fn a_zip_with_a_nested_zip_and_a_stray_file_scans_every_member() {
    use std::io::Write;
    let zip_of = |files: &[(&str, Vec<u8>)]| {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in files {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    };
    let inner = zip_of(&[("MR/IM1", fixture("MR_small_implicit.dcm"))]);
    let outer = zip_of(&[
        ("CT/IM1", fixture("CT_small.dcm")),
        ("notes.txt", b"nothing to see".to_vec()),
        ("inner.zip", inner),
    ]);
    let reports =
        dicom_exposure_check::scan::scan_complete_all("cd.zip", &outer, &DetectOptions::default());
    let names: Vec<&str> = reports.iter().map(|r| r.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "cd.zip/CT/IM1",
            "cd.zip/notes.txt",
            "cd.zip/inner.zip/MR/IM1"
        ]
    );
    assert_eq!(reports[0].status, FileStatus::Ok);
    assert_eq!(reports[1].status, FileStatus::NotDicom);
    assert_eq!(reports[2].people[0].name.as_deref(), Some("C*** M***"));
}

#[test]
fn a_dicomdir_is_read_with_the_files_it_references() {
    let root = format!("{}/tests/fixtures/dicomdir-set", env!("CARGO_MANIFEST_DIR"));
    let mut names = vec!["DICOMDIR".to_string()];
    for series in ["CR1/6154", "CR2/6247", "CR3/6278", "CT2/17106", "CT2/17136"] {
        names.push(format!("77654033/{series}"));
    }
    let files = names
        .iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{root}/{name}")).unwrap();
            scan_complete(&format!("cd/{name}"), &bytes, &DetectOptions::default())
        })
        .collect();
    let report = Report::build(files, "2026-11-28", false);
    let set = &report.dicomdir_sets[0];
    assert_eq!(set.dicomdir, 0);
    assert_eq!(set.referenced, 31);
    assert_eq!(set.files, vec![1, 2, 3, 4, 5]);
    assert_eq!(set.missing_count, 26);
    assert!(set.missing.iter().all(|m| !m.starts_with("77654033/CR1")));
}

#[test]
fn a_worklist_column_nobody_mapped_is_scanned_but_not_called_private_vendor_data() {
    let csv = b"Patient Name,Patient ID,Ward note\nDOE^JOHN,12345,called 555-123-4567\n";
    let r = scan_complete("ward.csv", csv, &DetectOptions::default());
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert!(rules.contains(&"V-PHONE"), "{rules:?}");
    assert!(!rules.contains(&"F-PRIVATE"), "{rules:?}");
}
