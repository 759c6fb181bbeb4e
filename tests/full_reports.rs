//! The full reports of every fixture and export, pinned: a refactor must not change what is
//! found. Each fixture is scanned held whole and through a reader (the CLI's path), revealed
//! and masked, and the set is grouped into one report rendered as JSON, text and CSV. Damaged
//! variants (cut, bytes overwritten) and exports large enough to be read in parts are pinned
//! by a hash of their full reports (they are too large to keep word for word).
//!
//! After an intended change: `UPDATE_SNAPSHOTS=1 cargo test --test full_reports`, then review
//! the diff of `tests/snapshots/full_reports/`.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use dicom_exposure_check::report::render_text;
use dicom_exposure_check::scan::{scan_complete_all, scan_reader};
use dicom_exposure_check::{DetectOptions, FileReport, Report};

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut stack = vec![root.clone()];
    let mut files = Vec::new();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            files.push((name, std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

fn scan_both_ways(name: &str, bytes: &[u8], reveal: bool) -> serde_json::Value {
    let options = DetectOptions {
        reveal_values: reveal,
    };
    let whole = scan_complete_all(name, bytes, &options);
    let read = scan_reader(name, Cursor::new(bytes), &options);
    if whole == read {
        serde_json::json!({ "reports": whole })
    } else {
        serde_json::json!({ "whole": whole, "reader": read })
    }
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/full_reports")
}

/// Compare `actual` with the stored snapshot `name`, or store it when asked to.
fn check(name: &str, actual: &str, failures: &mut Vec<String>) {
    let path = snapshot_dir().join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => {}
        Ok(_) => {
            let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, actual).unwrap();
            failures.push(format!(
                "{name} changed: diff {} {}",
                path.display(),
                out.display()
            ));
        }
        Err(_) => failures.push(format!("no snapshot {}", path.display())),
    }
}

fn finish(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "reports changed (UPDATE_SNAPSHOTS=1 after an intended change):\n{}",
        failures.join("\n")
    );
}

/// FNV-1a, 64 bits: stable across runs and platforms, enough to notice a change.
fn fnv(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[test]
fn every_fixture_reports_as_pinned() {
    let mut failures = Vec::new();
    for (name, bytes) in fixtures() {
        let mut text = String::new();
        for reveal in [false, true] {
            let value = scan_both_ways(&name, &bytes, reveal);
            text.push_str(&serde_json::to_string_pretty(&value).unwrap());
            text.push('\n');
        }
        check(&format!("files/{name}.json"), &text, &mut failures);
    }
    finish(failures);
}

#[test]
fn the_whole_set_reports_as_pinned() {
    let mut failures = Vec::new();
    for reveal in [false, true] {
        let options = DetectOptions {
            reveal_values: reveal,
        };
        let files: Vec<FileReport> = fixtures()
            .iter()
            .flat_map(|(name, bytes)| scan_complete_all(name, bytes, &options))
            .collect();
        let report = Report::build(files, "2026-12-03", reveal);
        let suffix = if reveal { "revealed" } else { "masked" };
        // Masked: the report as the code holds it, and as a person reads it; revealed: as
        // exported; the redacted export by hash (it is the export with files numbered).
        if reveal {
            let export = serde_json::to_string_pretty(&report.to_export_json()).unwrap();
            check("set-revealed.export.json", &export, &mut failures);
        } else {
            let json = serde_json::to_string_pretty(&report).unwrap();
            check("set-masked.json", &json, &mut failures);
            check("set-masked.txt", &render_text(&report), &mut failures);
        }
        check(
            &format!("set-{suffix}.csv"),
            &report.findings_csv(),
            &mut failures,
        );
        let redacted = serde_json::to_string(&report.redacted().to_export_json()).unwrap();
        check(
            &format!("set-{suffix}.redacted.hash"),
            &fnv(&redacted),
            &mut failures,
        );
    }
    finish(failures);
}

/// Damaged copies of every fixture: cut at several places, and runs of bytes overwritten.
#[test]
fn damaged_fixtures_report_as_pinned() {
    let mut lines = String::new();
    for (name, bytes) in fixtures() {
        let len = bytes.len();
        let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
        for cut in [7, 64, 200, 1000, len / 3, len / 2, len * 9 / 10] {
            if cut < len {
                variants.push((format!("cut {cut}"), bytes[..cut].to_vec()));
            }
        }
        for (at, fill) in [(len / 4, 0xFFu8), (len / 2, 0x00), (len * 3 / 4, b'A')] {
            let mut damaged = bytes.clone();
            let end = (at + 16).min(len);
            damaged[at..end].iter_mut().for_each(|b| *b = fill);
            variants.push((format!("{fill:02X} at {at}"), damaged));
        }
        for (label, variant) in variants {
            let value = scan_both_ways(&name, &variant, true);
            let text = serde_json::to_string(&value).unwrap();
            lines.push_str(&format!("{name}\t{label}\t{}\n", fnv(&text)));
        }
    }
    let mut failures = Vec::new();
    check("damaged.tsv", &lines, &mut failures);
    finish(failures);
}

/// One export of each kind that is read in parts.
const PART_KINDS: &[&str] = &[
    "exports/nmap-dicom.xml",
    "exports/nmap-dicom.txt",
    "exports/nmap-dicom.gnmap",
    "exports/orthanc-patients-expand.json",
    "exports/qido-studies.json",
    "exports/findscu_Xs_responses.xml",
    "exports/dicom-rs-findscu-study-v.txt",
    "exports/dcm4che-findscu-study-debug.txt",
    "exports/findscu_study_v.txt",
    "exports/worklist-de-cp1252.csv",
];

/// Exports repeated past the size from which they are read in parts (8 MiB): the parts'
/// report must stay what it was.
#[test]
fn exports_read_in_parts_report_as_pinned() {
    let mut lines = String::new();
    for (name, bytes) in fixtures() {
        if !PART_KINDS.contains(&name.as_str()) {
            continue;
        }
        let big = repeat_to(&bytes, 9 * 1024 * 1024);
        let options = DetectOptions::default();
        let read = scan_reader(&name, Cursor::new(&big), &options);
        let json = serde_json::to_string(&read).unwrap();
        lines.push_str(&format!("{name}\t{}\t{}\n", read.len(), fnv(&json)));
    }
    let mut failures = Vec::new();
    check("parts.tsv", &lines, &mut failures);
    finish(failures);
}

fn repeat_to(bytes: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + bytes.len());
    while out.len() < size {
        out.extend_from_slice(bytes);
        if !bytes.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    out
}
