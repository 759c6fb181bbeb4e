//! What each fuzz target checks, shared by the fuzzers (`fuzz_targets/`) and by the replay of
//! their regression inputs in the project's test command (`tests/fuzz_regressions.rs`).
//!
//! Beyond "no panic, no hang, no runaway memory" (libFuzzer's own checks, with the limits set
//! by `tests/fuzz/run`), every input must get an answer: a report for the file, and a report
//! built from it that renders in every output the tool has.

use std::io::Cursor;

use dicom_exposure_check::decode::{self, zip_archive::ZipLimits, DecodeError, Decoded};
use dicom_exposure_check::deidentify::{Options, Run};
use dicom_exposure_check::report::render_text;
use dicom_exposure_check::scan::{scan_archive, scan_complete_all, scan_file, scan_reader};
use dicom_exposure_check::{DetectOptions, FileReport, Report, ScanOutcome};

const NAME: &str = "fuzzed";

/// The whole pipeline on one input held in memory: sniff, decode, detect, report, render.
fn scan_whole(data: &[u8]) -> Vec<FileReport> {
    let files = scan_complete_all(NAME, data, &DetectOptions::default());
    assert!(!files.is_empty(), "an input got no report");
    render(files.clone());
    files
}

/// Build the report of these files and render it every way a user can get it.
fn render(files: Vec<FileReport>) {
    let count = files.len();
    let report = Report::build(files, "2026-01-01", false);
    assert_eq!(report.files.len(), count, "the report lost files");
    let _ = render_text(&report);
    let _ = report.findings_csv();
    let json = report.to_export_json();
    serde_json::to_string(&json).expect("a report serialises");
    let _ = report.redacted();
}

/// A DICOM file read as the CLI and the page read it: a prefix first, more when the reader
/// asks, the whole file last. What the prefixes give must be what the whole file gives.
pub fn dicom(data: &[u8]) {
    let options = DetectOptions::default();
    let whole = scan_whole(data);
    // The first byte picks where the first prefix ends, so the fuzzer explores the cuts.
    let mut have = data
        .first()
        .map_or(0, |&b| (b as usize) * 16)
        .min(data.len());
    let by_prefix = loop {
        let complete = have >= data.len();
        match scan_file(NAME, &data[..have], complete, &options) {
            ScanOutcome::Done(report) => break vec![*report],
            ScanOutcome::Archive(reports) => break reports,
            ScanOutcome::NeedMoreBytes { at_least } => {
                assert!(!complete, "asked for more bytes than the whole file");
                assert!(
                    at_least > have,
                    "asked for {at_least} bytes with {have} given"
                );
                have = at_least.min(data.len());
            }
        }
    };
    assert_eq!(
        by_prefix, whole,
        "a prefix read differs from the whole read"
    );
}

/// A DICOMDIR: the same reader; the seeds are directories, so the fuzzer works on records and
/// their offsets.
pub fn dicomdir(data: &[u8]) {
    dicom(data)
}

/// A ZIP archive walked member by member, with limits small enough for the fuzzer to reach.
pub fn zip(data: &[u8]) {
    let limits = ZipLimits {
        max_entries: 64,
        max_total_read: 8 << 20,
        entry_read: 1 << 20,
        max_nested_archive: 1 << 20,
        ..ZipLimits::default()
    };
    let reports = scan_archive(Cursor::new(data), NAME, &DetectOptions::default(), &limits);
    assert!(!reports.is_empty(), "an archive got no report");
    render(reports);
    scan_whole(data);
}

/// A tar archive or a gzip file (a `.tar.gz` too), read from memory as the page's export
/// worker reads it and from a reader as the CLI does: both must give the same reports.
pub fn tar_gzip(data: &[u8]) {
    let whole = scan_whole(data);
    let packed =
        dicom_exposure_check::sniff::is_tar(data) || dicom_exposure_check::sniff::is_gzip(data);
    if packed {
        let read = scan_reader(NAME, Cursor::new(data), &DetectOptions::default());
        assert_eq!(read, whole, "a reader gives other reports than the bytes");
    }
}

/// An Excel workbook (a ZIP of XML parts).
pub fn xlsx(data: &[u8]) {
    checked(decode::xlsx::decode(Cursor::new(data)));
    scan_whole(data);
}

/// One export decoder on its own, then the whole pipeline on the same bytes.
fn export(decode: fn(&[u8]) -> Result<Decoded, DecodeError>, data: &[u8]) {
    checked(decode(data));
    scan_whole(data);
}

/// A decoder's answer: records with places, or an error that can be shown.
fn checked(decoded: Result<Decoded, DecodeError>) {
    match decoded {
        Ok(decoded) => {
            for record in &decoded.records {
                assert!(!record.location.is_empty(), "a record without a place");
            }
            for warning in &decoded.warnings {
                let _ = warning.to_string();
            }
        }
        Err(e) => assert!(!e.to_string().is_empty(), "an error without words"),
    }
}

pub fn dcmtk_text(data: &[u8]) {
    export(decode::dcmtk_text::decode, data)
}

pub fn dicom_xml(data: &[u8]) {
    export(decode::dicom_xml::decode, data)
}

pub fn dcm4che_text(data: &[u8]) {
    export(decode::dcm4che_text::decode, data)
}

pub fn dicom_rs_text(data: &[u8]) {
    export(decode::dicom_rs_text::decode, data)
}

pub fn dicom_json(data: &[u8]) {
    export(decode::dicom_json::decode, data)
}

pub fn orthanc_json(data: &[u8]) {
    export(decode::orthanc_json::decode, data)
}

pub fn csv(data: &[u8]) {
    export(decode::csv::decode, data)
}

pub fn nmap(data: &[u8]) {
    export(decode::nmap::decode, data)
}

/// Several inputs in one report: the input is cut at each `--8<--` into files, so people,
/// studies and DICOMDIR sets are grouped across files.
pub fn report(data: &[u8]) {
    let mut files = Vec::new();
    for (i, part) in split(data).into_iter().take(8).enumerate() {
        files.extend(scan_complete_all(
            &format!("part{i}"),
            part,
            &DetectOptions::default(),
        ));
    }
    render(files);
}

const CUT: &[u8] = b"--8<--";

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(CUT.len()).position(|w| w == CUT) {
        parts.push(&rest[..at]);
        rest = &rest[at + CUT.len()..];
    }
    parts.push(rest);
    parts
}

/// A clean copy: made or left out with a reason; a copy made scans as a DICOM file again.
pub fn clean_copy(data: &[u8]) {
    let run = Run::new(Options::default(), [7; 32]).expect("the default options are valid");
    match run.copy(data) {
        Ok(copy) => {
            let again = scan_complete_all(NAME, &copy.bytes, &DetectOptions::default());
            assert_eq!(again.len(), 1);
            assert!(again[0].status.was_scanned(), "a copy that does not scan");
        }
        Err(reason) => assert!(!reason.to_string().is_empty()),
    }
}

/// The pixel check of one file (`scan --pixels`, the page's pixel worker): the token reader of
/// `src/pixels/source.rs`, the codecs and the detector. Whatever the input, a check comes
/// back: text, no text, or "not checked" with a reason that says something.
pub fn pixels(data: &[u8]) {
    use dicom_exposure_check::pixels::{check_dicom, text_lines::Tuning, PixelCheck};
    match check_dicom(data, &Tuning::default()) {
        PixelCheck::Text { frames, boxes } => {
            assert!(
                !frames.is_empty() && !boxes.is_empty(),
                "text without a frame or box"
            )
        }
        PixelCheck::NoText { frames } => assert!(!frames.is_empty(), "no frame checked"),
        PixelCheck::NotChecked { reason } => assert!(!reason.to_string().is_empty()),
    }
}
