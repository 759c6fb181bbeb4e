//! Scan: the single entry point shared by the browser worker and the CLI.

use serde::{Deserialize, Serialize};

use crate::decode::dicom::read_identity;
use crate::mask::{mask_date, mask_id, mask_person_name};
use crate::sniff::{sniff, Kind};

/// How reading a file went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanStatus {
    /// The file was read.
    Ok,
    /// The bytes are not a format this version reads.
    NotDicom,
    /// It looked like DICOM but its header could not be read.
    Unreadable,
}

/// What one file reveals, masked. Safe to show, send to the page and write to a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileResult {
    pub file_name: String,
    pub status: ScanStatus,
    /// A plain-language explanation when the status is not `Ok`.
    pub message: Option<String>,
    pub patient_name: Option<String>,
    pub patient_birth_date: Option<String>,
    pub patient_id: Option<String>,
}

impl FileResult {
    /// A file that could not even be read from disk or from the browser.
    pub fn unreadable(file_name: &str, message: String) -> Self {
        Self::failed(file_name, ScanStatus::Unreadable, message)
    }

    fn failed(file_name: &str, status: ScanStatus, message: String) -> Self {
        FileResult {
            file_name: file_name.to_string(),
            status,
            message: Some(message),
            patient_name: None,
            patient_birth_date: None,
            patient_id: None,
        }
    }
}

/// Scan the bytes of one file. Never panics on bad input; a failure is a status and a message.
pub fn scan_bytes(file_name: &str, bytes: &[u8]) -> FileResult {
    let kind = sniff(bytes);
    if kind == Kind::Unknown {
        return FileResult::failed(
            file_name,
            ScanStatus::NotDicom,
            "This is not a DICOM file: it has no DICM marker at byte 128 or at its start."
                .to_string(),
        );
    }
    match read_identity(bytes, kind) {
        Ok(identity) => FileResult {
            file_name: file_name.to_string(),
            status: ScanStatus::Ok,
            message: None,
            patient_name: identity.patient_name.as_deref().map(mask_person_name),
            patient_birth_date: identity.patient_birth_date.as_deref().map(mask_date),
            patient_id: identity.patient_id.as_deref().map(mask_id),
        },
        Err(e) => FileResult::failed(file_name, ScanStatus::Unreadable, e.to_string()),
    }
}
