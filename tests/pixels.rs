//! `scan --pixels` end to end on real files: text drawn into a real CT image is found, in a
//! file and in an archive member (ZIP, tar, gzip); the untouched image is clean; a "likely" guess drops to
//! information when the pixels show nothing; a damaged image is "not checked", never clean.
//! The detector's accuracy on real images with and without text is measured by
//! `tests/pixel_corpus.rs`.

// The pixel decoders are built natively (src/pixels/decode.rs).
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Cursor, Write};

use dicom_exposure_check::pixels::text_lines::Tuning;
use dicom_exposure_check::pixels::{check_dicom, test_font, NotChecked, PixelCheck};
use dicom_exposure_check::rules::Severity;
use dicom_exposure_check::scan::{scan_reader_each_with, LookAtPixels, PixelsToo, ReadExports};
use dicom_exposure_check::{DetectOptions, FileReport};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

struct Decode;

impl LookAtPixels for Decode {
    fn look(&self, bytes: &[u8]) -> Option<PixelCheck> {
        Some(check_dicom(bytes, &Tuning::default()))
    }
}

fn scan_with_pixels(name: &str, bytes: Vec<u8>) -> Vec<FileReport> {
    let mut reports = Vec::new();
    let readers = PixelsToo {
        exports: &ReadExports,
        pixels: &Decode,
    };
    scan_reader_each_with(
        name,
        Cursor::new(bytes),
        &DetectOptions::default(),
        &readers,
        &mut |r| reports.push(r.into_report()),
    );
    reports
}

/// CT_small (128 × 128, 16-bit signed) with "PATIENT JOHN" drawn at the image's maximum,
/// as scanners burn annotations, at (4, 100), 2 pixels per font pixel.
fn ct_with_text() -> Vec<u8> {
    test_font::draw_into_signed_16(&fixture("CT_small.dcm"), "PATIENT JOHN", 4, 100, 2)
}

fn burned_in_pixels(report: &FileReport) -> Vec<&str> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.id() == "F-BURNED-IN-PIXELS")
        .map(|f| f.excerpt.as_str())
        .collect()
}

#[test]
fn text_drawn_into_a_real_ct_is_found_where_it_was_drawn() {
    let reports = scan_with_pixels("ct_text.dcm", ct_with_text());
    let report = &reports[0];
    assert_eq!(
        burned_in_pixels(report),
        ["1 text line(s) in frame(s) 1 of the 1 checked"]
    );
    let Some(PixelCheck::Text { frames, boxes }) = &report.pixels else {
        panic!("{:?}", report.pixels);
    };
    assert_eq!(frames, &[0]);
    assert_eq!(boxes.len(), 1, "{boxes:?}");
    let b = boxes[0];
    assert!(b.x <= 6 && b.y.abs_diff(100) <= 3, "{b:?}");
    assert!(b.height.abs_diff(14) <= 4 && b.x + b.width >= 120, "{b:?}");
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.id() == "F-BURNED-IN-PIXELS")
        .unwrap();
    assert_eq!(finding.severity, Severity::High);
    // The JSON report carries the boxes.
    let json = report.to_export_json();
    assert_eq!(json["pixels"]["result"], "text");
    assert_eq!(json["pixels"]["boxes"][0]["frame"], 0);
}

#[test]
fn the_untouched_image_is_checked_and_clean() {
    let reports = scan_with_pixels("CT_small.dcm", fixture("CT_small.dcm"));
    assert_eq!(
        reports[0].pixels,
        Some(PixelCheck::NoText { frames: vec![0] })
    );
    assert!(burned_in_pixels(&reports[0]).is_empty());
}

#[test]
fn an_image_in_an_archive_is_read_whole_and_checked() {
    let mut archive = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(Cursor::new(&mut archive));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("study/ct_text.dcm", options).unwrap();
        zip.write_all(&ct_with_text()).unwrap();
        zip.start_file("study/ct_clean.dcm", options).unwrap();
        zip.write_all(&fixture("CT_small.dcm")).unwrap();
        zip.finish().unwrap();
    }
    let reports = scan_with_pixels("study.zip", archive);
    assert_eq!(reports.len(), 2);
    assert_eq!(burned_in_pixels(&reports[0]).len(), 1, "{:?}", reports[0]);
    assert!(matches!(reports[1].pixels, Some(PixelCheck::NoText { .. })));

    // The same in a tar archive, a .tar.gz and a .dcm.gz: a gzip file's content had its
    // header scanned and its pixels never looked at.
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in [
        ("study/ct_text.dcm", ct_with_text()),
        ("study/ct_clean.dcm", fixture("CT_small.dcm")),
    ] {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_cksum();
        builder.append_data(&mut header, name, &bytes[..]).unwrap();
    }
    let tar = builder.into_inner().unwrap();
    let gzip = |bytes: &[u8]| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    };
    for (name, bytes) in [("study.tar", tar.clone()), ("study.tgz", gzip(&tar))] {
        let reports = scan_with_pixels(name, bytes);
        assert_eq!(reports.len(), 2, "{name}");
        assert_eq!(
            burned_in_pixels(&reports[0]).len(),
            1,
            "{name}: {:?}",
            reports[0].pixels
        );
        assert!(
            matches!(reports[1].pixels, Some(PixelCheck::NoText { .. })),
            "{name}"
        );
    }
    let reports = scan_with_pixels("ct_text.dcm.gz", gzip(&ct_with_text()));
    assert_eq!(reports[0].file_name, "ct_text.dcm.gz/ct_text.dcm");
    assert_eq!(
        burned_in_pixels(&reports[0]).len(),
        1,
        "{:?}",
        reports[0].pixels
    );
}

#[test]
fn a_likely_guess_drops_to_information_once_the_pixels_show_nothing() {
    // chrArab: an OT image that does not say whether text is burned in.
    let before = dicom_exposure_check::scan_complete(
        "chrArab.dcm",
        &fixture("chrArab.dcm"),
        &DetectOptions::default(),
    );
    let likely = |r: &FileReport| {
        r.findings
            .iter()
            .find(|f| f.rule.id() == "F-BURNED-IN-LIKELY")
            .map(|f| (f.severity, f.excerpt.clone()))
            .unwrap()
    };
    assert_eq!(likely(&before).0, Severity::Medium);
    let after = &scan_with_pixels("chrArab.dcm", fixture("chrArab.dcm"))[0];
    let (severity, excerpt) = likely(after);
    assert_eq!(severity, Severity::Info);
    assert!(
        excerpt.ends_with("pixels checked (1 frame(s)): no text found"),
        "{excerpt}"
    );
}

#[test]
fn a_damaged_image_is_not_checked_never_clean() {
    // Cut inside the pixel data: the header is scanned, the frame cannot be read.
    let mut bytes = fixture("CT_small.dcm");
    bytes.truncate(bytes.len() - 10_000);
    let report = &scan_with_pixels("cut.dcm", bytes)[0];
    assert!(
        matches!(
            report.pixels,
            Some(PixelCheck::NotChecked {
                reason: NotChecked::Undecodable { .. }
            })
        ),
        "{:?}",
        report.pixels
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.starts_with("pixels not checked: ")),
        "{:?}",
        report.warnings
    );
    // Files without an image say nothing about pixels.
    let plan = &scan_with_pixels("rtplan.dcm", fixture("rtplan.dcm"))[0];
    assert_eq!(plan.pixels, None);
    assert!(!plan.warnings.iter().any(|w| w.contains("pixels")));
}

/// MAROTECH's CT scout (pylibjpeg-data, tests/pixels/README.md): a file meta group dicom-rs's
/// file reader rejects, which the scanner reads; the data set is read where the scanner found
/// it, so the JPEG 2000 frame is still decoded and looked at.
#[test]
fn a_file_meta_group_dicom_rs_rejects_does_not_stop_the_check() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/pixels/tune/ct_scout_j2ki_philips.dcm"
    );
    let bytes = std::fs::read(path).unwrap();
    assert!(
        dicom_object::OpenFileOptions::new()
            .from_reader(&bytes[128..])
            .is_err(),
        "dicom-rs reads it as it is: this test no longer tests the fallback"
    );
    assert_eq!(
        check_dicom(&bytes, &Tuning::default()),
        PixelCheck::NoText { frames: vec![0] }
    );
}
