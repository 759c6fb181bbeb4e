//! Code that only runs in the browser, tested in headless Chromium with wasm-bindgen-test:
//! reading the start of a `File` through `Blob.slice`, and the core compiled to wasm32.
#![cfg(all(target_arch = "wasm32", feature = "web"))]

use dicom_exposure_check::web::read::read_prefix;
use dicom_exposure_check::{scan_complete, DetectOptions, FileStatus};

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CT_SMALL: &[u8] = include_bytes!("fixtures/CT_small.dcm");

#[wasm_bindgen_test]
async fn read_prefix_reads_only_the_requested_start() {
    let file = gloo_file::File::new("CT_small.dcm", CT_SMALL);
    let (head, complete) = read_prefix(&file, 1024).await.expect("read");
    assert_eq!(head.len(), 1024);
    assert!(!complete);
    assert_eq!(&head[..], &CT_SMALL[..1024]);
}

#[wasm_bindgen_test]
async fn read_prefix_of_a_small_file_is_the_whole_file() {
    let file = gloo_file::File::new("CT_small.dcm", CT_SMALL);
    let (all, complete) = read_prefix(&file, 16 * 1024 * 1024).await.expect("read");
    assert_eq!(all.len(), CT_SMALL.len());
    assert!(complete);
}

#[wasm_bindgen_test]
async fn a_prefix_read_in_the_browser_scans_to_the_masked_name() {
    let file = gloo_file::File::new("CT_small.dcm", CT_SMALL);
    let (bytes, _) = read_prefix(&file, 16 * 1024 * 1024).await.expect("read");
    let report = scan_complete("CT_small.dcm", &bytes, &DetectOptions::default());
    assert_eq!(report.status, FileStatus::Ok);
    assert_eq!(report.people[0].name.as_deref(), Some("C*** C***"));
}

#[wasm_bindgen_test]
fn bad_bytes_give_a_status_not_a_trap() {
    let report = scan_complete("x.dcm", &[0u8; 300], &DetectOptions::default());
    assert!(!report.status.was_scanned());
}
