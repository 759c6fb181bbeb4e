//! Native command line. `dicom-exposure-check scan [--json] FILE...` prints the report (masked);
//! `rules` lists every rule; `explain RULE` prints one rule's documentation.

use std::io::Read;
use std::process::ExitCode;

use dicom_exposure_check::decode::zip_archive::{self, ZipLimits};
use dicom_exposure_check::detect::DetectOptions;
use dicom_exposure_check::report::{render_text, FileReport, FileStatus, Report};
use dicom_exposure_check::rules::catalog::{all_rules, rule_info};
use dicom_exposure_check::rules::Severity;
use dicom_exposure_check::scan::{scan_archive, scan_file, ScanOutcome, FIRST_READ_BYTES};

const USAGE: &str =
    "usage: dicom-exposure-check scan [--json] PATH...   (files, folders, ZIP archives, exports)
       dicom-exposure-check rules
       dicom-exposure-check explain RULE-ID

exit codes of scan: 0 nothing identifying, 1 identifiers found, 2 some input could not be read";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("scan") => scan(&args[1..]),
        Some("rules") => {
            for rule in all_rules() {
                println!(
                    "{:<12} {:<8} {:<32} {}",
                    rule.id,
                    rule.severity.label(),
                    rule.category.label(),
                    rule.title
                );
            }
            ExitCode::SUCCESS
        }
        Some("explain") => match args.get(1).and_then(|id| rule_info(id)) {
            Some(rule) => {
                println!(
                    "{} — {}\ncategory: {}\nseverity: {}\n\nWhy it matters: {}\nWhat to do: {}\nReference: {}",
                    rule.id,
                    rule.title,
                    rule.category.label(),
                    rule.severity.label(),
                    rule.why,
                    rule.fix,
                    rule.reference
                );
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("no such rule; `dicom-exposure-check rules` lists them");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn scan(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    // Raw values only on explicit request; the report says so (`values_revealed`).
    let reveal = args.iter().any(|a| a == "--reveal");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let options = DetectOptions {
        reveal_values: reveal,
    };
    let files: Vec<FileReport> = collect_files(&paths)
        .iter()
        .flat_map(|p| scan_path(p, &options))
        .collect();
    let report = Report::build(files, "", reveal);
    if json {
        match serde_json::to_string_pretty(&report.to_export_json()) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("could not write JSON: {e}"),
        }
    } else {
        print!("{}", render_text(&report));
    }
    let unreadable = report.files.iter().any(|f| !f.status.was_scanned());
    let found = report.summary.worst_severity > Some(Severity::Info);
    ExitCode::from(if unreadable {
        2
    } else if found {
        1
    } else {
        0
    })
}

/// Every file under the given paths (folders are walked recursively, in name order).
fn collect_files(paths: &[&String]) -> Vec<String> {
    fn walk(path: &std::path::Path, out: &mut Vec<String>) {
        if path.is_dir() {
            let mut children: Vec<_> = match std::fs::read_dir(path) {
                Ok(dir) => dir.filter_map(Result::ok).map(|e| e.path()).collect(),
                Err(_) => {
                    out.push(path.display().to_string());
                    return;
                }
            };
            children.sort();
            for child in children {
                walk(&child, out);
            }
        } else {
            out.push(path.display().to_string());
        }
    }
    let mut out = Vec::new();
    for path in paths {
        walk(std::path::Path::new(path.as_str()), &mut out);
    }
    out
}

/// Scan one file, reading only as much of it as the header needs. An archive is read
/// member by member straight from disk.
fn scan_path(path: &str, options: &DetectOptions) -> Vec<FileReport> {
    let mut want = FIRST_READ_BYTES;
    loop {
        let (bytes, complete) = match read_prefix(path, want) {
            Ok(read) => read,
            Err(e) => {
                return vec![FileReport::failed(
                    path,
                    FileStatus::Unreadable,
                    format!("cannot read: {e}"),
                )]
            }
        };
        if zip_archive::sniff(&bytes) {
            return match std::fs::File::open(path) {
                Ok(file) => scan_archive(
                    std::io::BufReader::new(file),
                    path,
                    options,
                    &ZipLimits::default(),
                ),
                Err(e) => vec![FileReport::failed(
                    path,
                    FileStatus::Unreadable,
                    format!("cannot read: {e}"),
                )],
            };
        }
        match scan_file(path, &bytes, complete, options) {
            ScanOutcome::Done(report) => return vec![*report],
            ScanOutcome::Archive(reports) => return reports,
            ScanOutcome::NeedMoreBytes { at_least } if at_least > want && !complete => {
                want = at_least
            }
            ScanOutcome::NeedMoreBytes { .. } => {
                return vec![FileReport::failed(
                    path,
                    FileStatus::Truncated,
                    "the header did not end within the limit".to_string(),
                )]
            }
        }
    }
}

fn read_prefix(path: &str, limit: usize) -> std::io::Result<(Vec<u8>, bool)> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::new();
    file.by_ref().take(limit as u64).read_to_end(&mut bytes)?;
    let complete = bytes.len() as u64 >= size;
    Ok((bytes, complete))
}
