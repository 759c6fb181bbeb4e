//! Decode: turn the bytes of an input into [`dataset::Dataset`]s, the one shape detectors read.
//!
//! A DICOM file is one dataset. An export (a query answer, a worklist, a scan result) is many
//! [`Record`]s, each a dataset with a [`Record::location`] in its input (a line, a JSON pointer,
//! a CSV row, an XPath), so that one detector serves every format.

use serde::{Deserialize, Serialize};

use crate::rules::network::NetworkRule;
use crate::rules::Severity;

pub use format::{ExportFormat, InputKind};
pub use warning::Warning;

pub mod csv;
pub mod csv_conquest;
pub mod dataset;
pub mod dcm4che_text;
pub mod dcmtk_text;
pub mod dicom;
pub mod dicom_json;
pub mod dicom_rs_text;
pub mod dicom_xml;
pub mod format;
pub mod keywords;
mod limits;
pub mod nmap;
pub mod orthanc_json;
mod text;
mod text_dump;
pub mod warning;
pub mod xlsx;
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
    /// The rule; written as its stable id (`N-DICOM-ANY-AET`, ...).
    #[serde(rename = "rule_id")]
    pub rule: NetworkRule,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoded {
    /// The format as the decoder recognised it.
    pub format: ExportFormat,
    pub records: Vec<Record>,
    pub network: Vec<NetworkFinding>,
    /// Query/retrieve level when the export says (`PATIENT`, `STUDY`, `SERIES`, `IMAGE`).
    pub query_level: Option<String>,
    /// What the export says about the server (Orthanc `/system`: name, version; counts).
    pub server: Option<String>,
    /// Problems that did not stop decoding (a malformed line skipped, ...). No patient values.
    pub warnings: Vec<Warning>,
}

impl Decoded {
    /// Nothing decoded yet, in `format`.
    pub fn new(format: ExportFormat) -> Self {
        Decoded {
            format,
            records: Vec::new(),
            network: Vec::new(),
            query_level: None,
            server: None,
            warnings: Vec::new(),
        }
    }
}

/// Where a part of a larger file sits in that file, so that a decoder of the part names
/// positions in the file, not in the part. The decoded text is `prefix` bytes copied from the
/// file's start (an XML root's opening, a header row), then the file's bytes from `byte` on,
/// which start on line `line` (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub prefix: usize,
    pub byte: u64,
    pub line: usize,
}

impl Origin {
    /// A whole file.
    pub const FILE: Origin = Origin {
        prefix: 0,
        byte: 0,
        line: 1,
    };

    /// Line (from 1) and byte offset in the file of offset `at` in the decoded `text`.
    pub fn locate(&self, text: &[u8], at: usize) -> (usize, u64) {
        let at = at.min(text.len());
        let newlines = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count();
        if at < self.prefix {
            (newlines(&text[..at]) + 1, at as u64)
        } else {
            let from = self.prefix.min(at);
            (
                self.line + newlines(&text[from..at]),
                self.byte + (at - from) as u64,
            )
        }
    }
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
