//! Decode: turn the bytes of an input into [`dataset::Dataset`]s, the one shape detectors read.
//!
//! A DICOM file is one dataset. An export (a query answer, a worklist, a scan result) is many
//! [`Record`]s, each a dataset with a [`Record::location`] in its input (a line, a JSON pointer,
//! a CSV row, an XPath), so that one detector serves every format.

use serde::{Deserialize, Serialize};

use crate::rules::Severity;

pub mod csv;
pub mod dataset;
pub mod dcmtk_text;
pub mod dicom;
pub mod dicom_json;
pub mod dicom_xml;
pub mod keywords;
pub mod nmap;
pub mod orthanc_json;
pub mod zip_archive;

/// One record of an export: a dataset and where it sits in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Human-readable place: `line 42`, `/3/00100010`, `row 7`, `/NativeDicomModel[2]`.
    pub location: String,
    pub dataset: dataset::Dataset,
}

/// A fact about the network that an outsider can learn, from a scan result (nmap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkFinding {
    /// Stable rule id (`N-DICOM-ANY-AET`, ...), described in `rules::network`.
    pub rule_id: String,
    pub host: String,
    pub port: u16,
    /// Service as the scanner named it (`dicom`, `http`, ...).
    pub service: String,
    /// What the scanner printed that shows it, verbatim (no patient data is in scan output).
    pub evidence: String,
    pub severity: Severity,
    /// Whether `host` is a public Internet address (critical) rather than a private one.
    pub public_address: bool,
}

/// What a decoder of an export makes of its input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoded {
    /// Format name as shown to users: `DCMTK findscu output`, `DICOM JSON`, `nmap XML`, ...
    pub format: String,
    pub records: Vec<Record>,
    pub network: Vec<NetworkFinding>,
    /// Query/retrieve level when the export says (`PATIENT`, `STUDY`, `SERIES`, `IMAGE`).
    pub query_level: Option<String>,
    /// What the export says about the server (Orthanc `/system`: name, version; counts).
    pub server: Option<String>,
    /// Problems that did not stop decoding (a malformed line skipped, ...). No patient values.
    pub warnings: Vec<String>,
}

/// Why an export could not be decoded. Names the format and the place, never a patient value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodeError {
    pub format: String,
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.format, self.message)
    }
}
