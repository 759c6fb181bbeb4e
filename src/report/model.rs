//! The report's model: what one file reveals, and the whole report with its groups.

use std::collections::BTreeMap;
use std::hash::Hash;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::decode::dicom::PixelData;
use crate::decode::{InputKind, NetworkFinding, Warning};
use crate::detect::Finding;
use crate::pixels::PixelCheck;
use crate::rules::catalog::RuleInfo;
use crate::rules::{Category, Severity};

use super::{FileMessage, VerdictFacts};

/// Version of the JSON report layout. Bump the major part on any breaking change.
pub const SCHEMA_VERSION: &str = "1.0";

/// How reading a file went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Read completely.
    Ok,
    /// Read, after working around a problem (junk skipped, missing meta group, ...).
    Recovered,
    /// The file ends early; what came before was scanned.
    Truncated,
    /// Not a format this version reads.
    NotDicom,
    /// DICOM, but in a form this build cannot read.
    Unsupported,
    /// The file could not be read at all (browser or disk error).
    Unreadable,
}

impl FileStatus {
    /// Whether the file's content was scanned (fully or in part).
    pub fn was_scanned(self) -> bool {
        matches!(
            self,
            FileStatus::Ok | FileStatus::Recovered | FileStatus::Truncated
        )
    }
}

/// Hashes of one person's normalised name, ID and birth date (0 = not given). Never exported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonKey {
    pub name: u64,
    pub id: u64,
    pub birth_date: u64,
}

/// A person as a file names them: masked for display, keyed for grouping.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonRef {
    pub name: Option<String>,
    pub id: Option<String>,
    pub birth_date: Option<String>,
    /// Sent from the worker to the page; removed by [`Report::to_export_json`].
    pub key: PersonKey,
}

/// What one file reveals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub file_name: String,
    pub status: FileStatus,
    /// A specific, human message when the status is not `ok` (English in JSON; the page
    /// words it in its language where it can).
    // Every field is always serialized: the worker's bincode codec is not self-describing.
    pub message: Option<FileMessage>,
    pub warnings: Vec<Warning>,
    /// What the file is; written as its label (`DICOM`, `nmap XML`, ...) under the name
    /// `format`, as the schema has always had it.
    #[serde(rename = "format")]
    pub kind: InputKind,
    pub transfer_syntax: String,
    pub modality: String,
    /// Records in an export (rows, responses, objects); 1 for a DICOM file.
    pub records: usize,
    /// Distinct people this file alone reveals (an export's exposure in one number).
    pub distinct_people: usize,
    /// Query/retrieve level of an export, when it says.
    pub query_level: Option<String>,
    /// What an export says about the server that produced it.
    pub server: Option<String>,
    /// Network exposure from a scan result (nmap).
    pub network: Vec<NetworkFinding>,
    /// For a DICOMDIR: the files its records reference, relative to its folder.
    pub referenced_files: Vec<String>,
    pub findings: Vec<Finding>,
    pub people: Vec<PersonRef>,
    /// Masked study identification (UID root, date year) and its grouping key.
    pub study: Option<StudyRef>,
    /// What looking at the pixels found (`scan --pixels`); `null` when they were not looked at.
    #[serde(with = "crate::pixels::wire")]
    pub pixels: Option<PixelCheck>,
    /// Where a DICOM file's top-level pixel data is, so that the reader of the file can
    /// look past it for data appended after the data set. Never exported.
    #[serde(skip)]
    pub pixel_data: Option<PixelData>,
    /// Where a whole DICOM file's data set stopped being readable (see
    /// [`DicomRead::unread_from`](crate::decode::dicom::DicomRead::unread_from)), for the same
    /// look. Never exported.
    #[serde(skip)]
    pub unread_from: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyRef {
    pub study_uid: String,
    pub study_date: String,
    /// Sent from the worker to the page; removed by [`Report::to_export_json`].
    pub key: u64,
}

impl FileReport {
    /// A file that could not be scanned, with the reason.
    pub fn failed(file_name: &str, status: FileStatus, message: impl Into<FileMessage>) -> Self {
        FileReport {
            file_name: file_name.to_string(),
            status,
            message: Some(message.into()),
            warnings: Vec::new(),
            kind: InputKind::Unknown,
            transfer_syntax: String::new(),
            modality: String::new(),
            records: 0,
            distinct_people: 0,
            query_level: None,
            server: None,
            network: Vec::new(),
            referenced_files: Vec::new(),
            findings: Vec::new(),
            people: Vec::new(),
            study: None,
            pixels: None,
            pixel_data: None,
            unread_from: None,
        }
    }

    /// The worst severity of any finding, network findings included.
    pub fn worst_severity(&self) -> Option<Severity> {
        let findings = self.findings.iter().map(|f| f.severity);
        findings
            .chain(self.network.iter().map(|n| n.severity))
            .max()
    }
}

/// A person, grouped over every file that names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: Option<String>,
    pub id: Option<String>,
    pub birth_date: Option<String>,
    /// Indices into `files`.
    pub files: Vec<usize>,
    pub categories: Vec<Category>,
    pub worst_severity: Option<Severity>,
    #[serde(skip)]
    pub(super) key: PersonKey,
}

impl Person {
    /// No field contradicts (both given and different), and one given field agrees.
    pub(super) fn matches(&self, key: &PersonKey) -> bool {
        let agree = |a: u64, b: u64| a == 0 || b == 0 || a == b;
        let compatible = agree(self.key.name, key.name)
            && agree(self.key.id, key.id)
            && agree(self.key.birth_date, key.birth_date);
        // An empty ID or name never makes two records the same person; only a shared value does.
        let shared =
            (key.id != 0 && self.key.id == key.id) || (key.name != 0 && self.key.name == key.name);
        compatible && shared
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Study {
    pub study_uid: String,
    pub study_date: String,
    pub modalities: Vec<String>,
    pub files: Vec<usize>,
    /// Indices into `people`.
    pub people: Vec<usize>,
}

/// A DICOMDIR read together with the files it references (a CD or USB export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DicomdirSet {
    /// Index of the DICOMDIR in `files`.
    pub dicomdir: usize,
    /// How many files its records reference.
    pub referenced: usize,
    /// Indices in `files` of the referenced files that were scanned.
    pub files: Vec<usize>,
    /// Referenced files that were not among the scanned ones (at most 50 listed).
    pub missing: Vec<String>,
    pub missing_count: usize,
}

/// The exposure summary: the numbers behind the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The verdict in English.
    pub verdict: String,
    /// What the verdict rests on, for wording it in another language.
    #[serde(skip)]
    pub verdict_facts: VerdictFacts,
    pub files: usize,
    pub files_scanned: usize,
    pub files_failed: usize,
    pub files_with_findings: usize,
    pub distinct_people: usize,
    pub studies: usize,
    /// Open DICOM or PACS web services that scan results show (host and port pairs).
    pub network_exposures: usize,
    pub worst_severity: Option<Severity>,
    pub findings_by_severity: BTreeMap<Severity, usize>,
    /// How many files hold each category.
    pub files_by_category: BTreeMap<Category, usize>,
    /// What looking at the pixels found, when the scan looked (`scan --pixels`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pixels: Option<PixelSummary>,
}

/// Images whose pixels were looked at, in a scan that did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PixelSummary {
    /// Images whose frames were decoded and looked at.
    pub images_checked: usize,
    /// Of those, images where text was found.
    pub with_text: usize,
    /// Images that could not be looked at (see each file's warning).
    pub not_checked: usize,
}

/// The whole report, as exported to JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    pub tool: String,
    pub tool_version: String,
    /// Supplied by the caller (the core has no clock), e.g. `2026-11-28`.
    pub generated: String,
    pub values_revealed: bool,
    pub summary: Summary,
    pub people: Vec<Person>,
    pub studies: Vec<Study>,
    /// DICOMDIRs with the files they reference, read as one set each.
    pub dicomdir_sets: Vec<DicomdirSet>,
    /// Shared with whoever keeps the files' reports (the page's file list), not copied.
    pub files: Vec<Arc<FileReport>>,
    /// Every rule that fired, described once.
    pub rules: Vec<RuleInfo>,
}
