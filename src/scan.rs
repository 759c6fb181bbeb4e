//! Scan: the single entry point shared by the browser worker and the CLI.
//!
//! The caller hands in a prefix of a file; when the header runs past it, the answer is
//! [`ScanOutcome::NeedMoreBytes`] and the caller reads a longer prefix. A 500 MB series is
//! thus read only as far as its header goes.

use serde::{Deserialize, Serialize};

use crate::decode::dicom::{read_dicom, ReadOutcome, ReadStatus};
use crate::detect::{detect, DetectOptions};
use crate::report::{person_ref, study_ref, FileReport, FileStatus};

/// How many bytes to offer first: most headers fit in a few KiB.
pub const FIRST_READ_BYTES: usize = 256 * 1024;

/// No header is read past this size; a larger one is reported as truncated.
pub const MAX_HEADER_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScanOutcome {
    Done(Box<FileReport>),
    /// Call again with a prefix of at least this many bytes (or the whole file).
    NeedMoreBytes {
        at_least: usize,
    },
}

/// Scan one file from `bytes`, which is the whole file when `complete`, else a prefix of it.
pub fn scan_file(
    file_name: &str,
    bytes: &[u8],
    complete: bool,
    options: &DetectOptions,
) -> ScanOutcome {
    // Past the limit we stop asking for more and report what the prefix held.
    let complete = complete || bytes.len() >= MAX_HEADER_BYTES;
    let read = match read_dicom(bytes, complete) {
        ReadOutcome::NeedMoreBytes { at_least } => {
            return ScanOutcome::NeedMoreBytes {
                at_least: at_least.min(MAX_HEADER_BYTES),
            }
        }
        ReadOutcome::NotDicom(message) => {
            return done(FileReport::failed(
                file_name,
                FileStatus::NotDicom,
                format!("Not a DICOM file: {message}."),
            ))
        }
        ReadOutcome::Unsupported(message) => {
            return done(FileReport::failed(
                file_name,
                FileStatus::Unsupported,
                message,
            ))
        }
        ReadOutcome::Read(read) => read,
    };
    let detection = detect(&read.dataset, options);
    let (status, message) = match read.status {
        ReadStatus::Ok => (FileStatus::Ok, None),
        ReadStatus::Recovered(m) => (FileStatus::Recovered, Some(m)),
        ReadStatus::Truncated(m) => (FileStatus::Truncated, Some(m)),
    };
    done(FileReport {
        file_name: file_name.to_string(),
        status,
        message,
        warnings: read.warnings,
        transfer_syntax: read.transfer_syntax,
        modality: detection.study.modality.clone(),
        people: detection.identities.iter().map(person_ref).collect(),
        study: study_ref(&detection.study),
        findings: detection.findings,
    })
}

fn done(report: FileReport) -> ScanOutcome {
    ScanOutcome::Done(Box::new(report))
}

/// Scan a file held whole in memory (tests, small inputs).
pub fn scan_complete(file_name: &str, bytes: &[u8], options: &DetectOptions) -> FileReport {
    match scan_file(file_name, bytes, true, options) {
        ScanOutcome::Done(report) => *report,
        // With `complete` the reader never asks for more; say so rather than panic.
        ScanOutcome::NeedMoreBytes { .. } => FileReport::failed(
            file_name,
            FileStatus::Truncated,
            "the header did not end within the file".to_string(),
        ),
    }
}
