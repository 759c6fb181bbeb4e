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
pub mod dictionary;
mod dictionary_table;
pub mod format;
pub mod keywords;
pub mod limits;
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

/// Why an export could not be decoded: which format, what went wrong, and where. Names the
/// format and the place, never a patient value. Its sentence is made in one place, the
/// `Display` of [`DecodeError::detail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The format the decoder was reading (an Excel workbook is named as such, see
    /// [`DecodeError::label`]). The decoders of several formats word their errors apart,
    /// and the format tells which wording.
    pub format: ExportFormat,
    pub kind: DecodeErrorKind,
    /// Where in the input, when the decoder knows (boxed: errors travel in `Result`s).
    pub at: Option<Box<Position>>,
}

/// What went wrong while decoding an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// A bound on the work done for one input was reached.
    Limit {
        limit: Limit,
        /// The bound.
        max: usize,
        /// What the input has, when the decoder counted it (bytes of the input or the line,
        /// columns of the row); `None` when only "more than `max`" is known.
        found: Option<usize>,
    },
    /// The underlying parser refused the input; `text` is its message, without any value.
    Syntax { syntax: Syntax, text: String },
    /// The input parsed, but is not what the format holds; the format's own reason.
    Malformed(String),
    /// An Excel workbook's package, parts or sheets.
    Workbook(xlsx::WorkbookError),
}

/// Which bound of the work on one input was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// The input's size in bytes.
    InputBytes,
    /// One line's length in bytes.
    LineBytes,
    /// Records held from one input (data sets, rows, nmap hosts).
    Records,
    /// Sequence nesting.
    Depth,
    /// XML element nesting.
    XmlDepth,
    /// Columns of a table row.
    Columns,
}

/// The parser whose syntax an input broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    Json,
    Xml,
}

/// Where an error sits in the input: the fields the format knows, in the file (not the part).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: Option<usize>,
    /// Column, from 1 (JSON).
    pub column: Option<usize>,
    /// Byte offset, from 0.
    pub byte: Option<u64>,
    /// Row of a table, from 1 (CSV).
    pub row: Option<usize>,
    /// The record, as [`Record::location`] names it (JSON).
    pub record: Option<String>,
    /// The element (a sequence's tag path) in the record (JSON).
    pub element: Option<String>,
}

impl Position {
    pub fn line(line: usize) -> Self {
        Position {
            line: Some(line),
            ..Position::default()
        }
    }
}

impl DecodeError {
    /// The name of the format in a sentence (`CSV worklist`, `an Excel workbook`).
    pub fn label(&self) -> &'static str {
        match self.format {
            // The error comes before a sheet is read as a worklist: the file is named.
            ExportFormat::XlsxWorklist => "an Excel workbook",
            format => format.label(),
        }
    }

    /// What went wrong and where, without the format's name.
    pub fn detail(&self) -> Detail<'_> {
        Detail(self)
    }
}

/// The sentence of a [`DecodeError`] without the format's name, made by its `Display`.
pub struct Detail<'a>(&'a DecodeError);

/// The decoders whose messages are worded alike (they were written apart, and their
/// messages are kept as they were).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wording {
    TextDump,
    DicomXml,
    Json,
    Csv,
    Nmap,
    Workbook,
}

fn wording(format: ExportFormat) -> Wording {
    use ExportFormat as F;
    match format {
        F::DicomRsFindscu | F::Dcm4cheFindscu | F::DcmtkFindscu | F::DcmtkDcmdump => {
            Wording::TextDump
        }
        F::DcmtkXml | F::NativeXml | F::DicomXml => Wording::DicomXml,
        F::OrthancRest | F::DicomJson => Wording::Json,
        F::CsvWorklist | F::TsvWorklist => Wording::Csv,
        F::NmapXml | F::NmapText | F::NmapGrepable => Wording::Nmap,
        F::XlsxWorklist => Wording::Workbook,
    }
}

impl std::fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MIB: usize = 1 << 20;
        let e = self.0;
        let wording = wording(e.format);
        let at = e.at.as_deref().cloned().unwrap_or_default();
        let line = at.line.unwrap_or(0);
        let byte = at.byte.unwrap_or(0);
        // Where, as a suffix, in the words of the decoder.
        let suffix = |f: &mut std::fmt::Formatter<'_>| match (&e.at, wording) {
            (None, _) => Ok(()),
            (Some(_), Wording::Json) => match (at.line, at.column) {
                (Some(l), Some(c)) => write!(f, " at line {l} column {c}"),
                _ => Ok(()),
            },
            (Some(_), Wording::Nmap) => write!(f, " at line {line} (byte {byte})"),
            (Some(_), Wording::DicomXml) => write!(f, " (line {line})"),
            (Some(_), _) => write!(f, " at line {line}"),
        };
        match &e.kind {
            DecodeErrorKind::Limit { limit, max, found } => {
                let found = found.unwrap_or(0);
                match (limit, wording) {
                    (Limit::InputBytes, Wording::Json) => write!(
                        f,
                        "input is {found} bytes, more than the {} MiB limit for JSON exports",
                        max >> 20
                    ),
                    (Limit::InputBytes, Wording::Csv | Wording::Nmap) => {
                        write!(f, "input is {found} bytes; the limit is {} MiB", max / MIB)
                    }
                    (Limit::InputBytes, _) => write!(
                        f,
                        "input of {found} bytes is larger than the {max} bytes this decoder reads"
                    ),
                    (Limit::LineBytes, Wording::Nmap) => {
                        write!(f, "line {line} is longer than {} MiB", max / MIB)
                    }
                    (Limit::LineBytes, _) => write!(
                        f,
                        "line {line} is {found} bytes long, more than the {max} bytes allowed"
                    ),
                    (Limit::Records, Wording::Json) => write!(
                        f,
                        "more than {max} records (the record limit); split the export"
                    ),
                    (Limit::Records, Wording::Csv) => {
                        write!(f, "more than {max} rows; split the file to check it")
                    }
                    (Limit::Records, Wording::Nmap) => {
                        write!(f, "more than {max} hosts; split the scan to check it")
                    }
                    (Limit::Records, Wording::DicomXml) => {
                        write!(f, "more than {max} data sets")?;
                        suffix(f)
                    }
                    (Limit::Records, _) => write!(
                        f,
                        "more than {max} data sets (the one at line {line} is past the limit)"
                    ),
                    (Limit::Depth, Wording::Json) => write!(
                        f,
                        "sequence {} in record {} is nested deeper than {max} levels \
                         (the depth limit)",
                        at.element.as_deref().unwrap_or_default(),
                        at.record.as_deref().unwrap_or_default(),
                    ),
                    (Limit::Depth, _) => {
                        write!(f, "sequences nested deeper than {max} levels")?;
                        suffix(f)
                    }
                    (Limit::XmlDepth, Wording::Nmap) => {
                        write!(f, "XML nested deeper than {max} elements")?;
                        suffix(f)
                    }
                    (Limit::XmlDepth, _) => {
                        write!(f, "XML elements nested deeper than {max} levels")?;
                        suffix(f)
                    }
                    (Limit::Columns, _) => write!(
                        f,
                        "row {} has {found} columns; the limit is {max}",
                        at.row.unwrap_or(0)
                    ),
                }
            }
            DecodeErrorKind::Syntax {
                syntax: Syntax::Json,
                text,
            } => {
                write!(f, "invalid JSON: {text}")?;
                suffix(f)
            }
            DecodeErrorKind::Syntax {
                syntax: Syntax::Xml,
                text,
            } => match wording {
                Wording::Nmap => write!(f, "XML syntax error at line {line} (byte {byte}): {text}"),
                _ => write!(f, "XML syntax error at byte {byte} (line {line}): {text}"),
            },
            DecodeErrorKind::Malformed(reason) => {
                f.write_str(reason)?;
                suffix(f)
            }
            DecodeErrorKind::Workbook(error) => write!(f, "{error}"),
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.label(), self.detail())
    }
}

/// A decode error before its format is attached: what the shared helpers (limits, text
/// dumps) return, and the decoder names the format (DCMTK's depends on what it has read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub kind: DecodeErrorKind,
    pub at: Option<Box<Position>>,
}

impl Failure {
    pub fn limit(limit: Limit, max: usize, found: Option<usize>, at: Option<Position>) -> Self {
        Failure {
            kind: DecodeErrorKind::Limit { limit, max, found },
            at: at.map(Box::new),
        }
    }

    pub fn malformed(reason: impl Into<String>, at: Option<Position>) -> Self {
        Failure {
            kind: DecodeErrorKind::Malformed(reason.into()),
            at: at.map(Box::new),
        }
    }

    pub fn syntax(syntax: Syntax, text: String, at: Position) -> Self {
        Failure {
            kind: DecodeErrorKind::Syntax { syntax, text },
            at: Some(Box::new(at)),
        }
    }

    /// The failure, placed on `line`.
    pub fn at_line(self, line: usize) -> Self {
        Failure {
            at: Some(Box::new(Position::line(line))),
            ..self
        }
    }

    /// The error, in `format`.
    pub fn of(self, format: ExportFormat) -> DecodeError {
        DecodeError {
            format,
            kind: self.kind,
            at: self.at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::limits::LIMITS;
    use super::*;

    #[test]
    fn an_oversize_input_is_a_limit_worded_by_its_format() {
        let failure = LIMITS.check_input(LIMITS.input_bytes + 1).unwrap_err();
        assert!(matches!(
            failure.kind,
            DecodeErrorKind::Limit {
                limit: Limit::InputBytes,
                found: Some(n),
                ..
            } if n == LIMITS.input_bytes + 1
        ));
        let text = failure.clone().of(ExportFormat::DcmtkDcmdump).to_string();
        assert!(
            text.starts_with("DCMTK dcmdump output: input of "),
            "{text}"
        );
        let text = failure.of(ExportFormat::CsvWorklist).to_string();
        assert!(text.ends_with("bytes; the limit is 256 MiB"), "{text}");
    }

    #[test]
    fn a_long_line_is_read_up_to_the_limit_and_too_many_records_say_their_line() {
        let mut long = limits::LongLines::default();
        let line = vec![b'a'; LIMITS.line_bytes + 7];
        assert_eq!(
            LIMITS.cut_line(&line, 12, &mut long).len(),
            LIMITS.line_bytes
        );
        assert_eq!(LIMITS.cut_line(b"short", 13, &mut long), b"short");
        assert_eq!(
            LIMITS.cut_line(&line, 14, &mut long).len(),
            LIMITS.line_bytes
        );
        let warning = long.warning().expect("a warning").to_string();
        assert_eq!(
            warning,
            "2 line(s) longer than 1024 KiB (the first at line 12): only their first 1024 KiB \
             were read"
        );
        let e = LIMITS.check_records(LIMITS.records, 40).unwrap_err();
        assert_eq!(e.at.as_ref().and_then(|p| p.line), Some(40));
        let text = e.of(ExportFormat::DicomRsFindscu).detail().to_string();
        assert_eq!(
            text,
            "more than 1000000 data sets (the one at line 40 is past the limit)"
        );
    }

    #[test]
    fn broken_json_is_a_syntax_error_with_line_and_column() {
        let e = dicom_json::decode(b"[\n  {\"00100010\": }\n]").unwrap_err();
        let DecodeErrorKind::Syntax { syntax, text } = &e.kind else {
            panic!("{e:?}");
        };
        assert_eq!(*syntax, Syntax::Json);
        assert!(!text.contains("line"), "{text}");
        let at = e.at.clone().expect("a position");
        assert_eq!(at.line, Some(2));
        assert!(at.column.is_some());
        assert!(e.to_string().contains("invalid JSON: "), "{e}");
    }

    #[test]
    fn broken_xml_is_a_syntax_error_with_line_and_byte() {
        let e = dicom_xml::decode(b"<NativeDicomModel>\n<DicomAttribute></Oops>").unwrap_err();
        assert!(
            matches!(
                e.kind,
                DecodeErrorKind::Syntax {
                    syntax: Syntax::Xml,
                    ..
                }
            ),
            "{e:?}"
        );
        let at = e.at.clone().expect("a position");
        assert_eq!(at.line, Some(2));
        assert!(at.byte.is_some());
        let e = nmap::decode(b"<?xml version=\"1.0\"?>\n<nmaprun>\n<host></nmaprun>").unwrap_err();
        assert!(matches!(e.kind, DecodeErrorKind::Syntax { .. }), "{e:?}");
        assert!(
            e.to_string().contains("XML syntax error at line 3 (byte "),
            "{e}"
        );
    }

    #[test]
    fn a_workbook_is_named_as_such_and_its_reasons_are_typed() {
        let e = xlsx::decode(std::io::Cursor::new(b"not a zip".to_vec())).unwrap_err();
        assert!(
            matches!(
                e.kind,
                DecodeErrorKind::Workbook(xlsx::WorkbookError::NotZip(_))
            ),
            "{e:?}"
        );
        assert_eq!(e.label(), "an Excel workbook");
        assert!(e
            .to_string()
            .starts_with("an Excel workbook: not a readable ZIP"));
    }
}
