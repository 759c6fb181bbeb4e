//! Snapshots of the rendered, user-facing report: what a person reads, word for word.
//! Set UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, then review the diff.

use dicom_exposure_check::report::render_text;
use dicom_exposure_check::{scan_complete, DetectOptions, Report};

fn report_of(files: &[&str]) -> String {
    let reports = files
        .iter()
        .map(|name| {
            let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            scan_complete(name, &bytes, &DetectOptions::default())
        })
        .collect();
    render_text(&Report::build(reports, "2026-11-28", false))
}

fn assert_snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {path}; run with UPDATE_SNAPSHOTS=1"));
    assert!(
        expected == actual,
        "report {name} changed; rerun with UPDATE_SNAPSHOTS=1 and review.\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn report_of_a_ct_with_private_tags() {
    assert_snapshot("ct_small", &report_of(&["CT_small.dcm"]));
}

#[test]
fn report_of_a_dicomdir_names_every_patient_record() {
    assert_snapshot("dicomdir", &report_of(&["DICOMDIR"]));
}

#[test]
fn report_of_a_mixed_set_with_a_bad_file() {
    assert_snapshot(
        "mixed_set",
        &report_of(&[
            "MR_small_implicit.dcm",
            "MR_small_bigendian.dcm",
            "chrH31.dcm",
            "README.md",
        ]),
    );
}
