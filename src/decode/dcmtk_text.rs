//! DCMTK console text: `findscu` logs and `dcmdump` output.
//!
//! Both tools print data sets the same way, one element a line:
//!
//! ```text
//! # Dicom-Data-Set
//! # Used TransferSyntax: Little Endian Explicit
//! (0010,0010) PN [DOE^JOHN]                               #   8, 1 PatientName
//! (0010,1002) SQ (Sequence with explicit length #=1)      #  18, 1 OtherPatientIDsSequence
//!   (fffe,e000) na (Item with explicit length #=1)          #  10, 1 Item
//!     (0010,0020) LO [ID1]                                    #   4, 1 PatientID
//! ```
//!
//! `findscu` prefixes each line with its log level (`I: `, `D: `, ...; older builds print no
//! prefix), echoes its request before the responses (`Request Identifiers:`), and announces
//! each response (`Find Response: 3 (Pending)`, or `Received Find Response 3` and
//! `Response Identifiers:` with `-d`). Every response data set becomes a
//! [`Record`](super::Record); the request echo does not. `dcmdump` prints one
//! `# Dicom-File-Format` block per file (meta header and data set), which becomes one record.
//!
//! Nesting follows DCMTK's indentation (two spaces for an item line, four for its elements),
//! so a dump that lost a delimitation line still nests correctly.

use super::dataset::{Dataset, Element, Value};
use super::limits::{Limits, LIMITS};
pub use super::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_RECORDS};
use super::text::{hex_text, latin1};
use super::text_dump::{self, is_command_set, record_at};
use super::ExportFormat;
use super::{DecodeError, Decoded, Failure};

/// Format name for `findscu` logs.
pub const FORMAT_FINDSCU: ExportFormat = ExportFormat::DcmtkFindscu;
/// Format name for `dcmdump` output (and bare data set dumps).
pub const FORMAT_DCMDUMP: ExportFormat = ExportFormat::DcmtkDcmdump;

/// How many bytes of the input [`sniff`] looks at.
const SNIFF_BYTES: usize = 1024;

/// Whether the start of `bytes` looks like DCMTK console output.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // DCMTK prints a UID's NUL padding as is, so a NUL or two is text; many are binary.
    if head.iter().filter(|&&b| b == 0).count() > head.len() / 16 {
        return false;
    }
    const MARKERS: [&[u8]; 9] = [
        b"# Dicom-Data-Set",
        b"# Dicom-File-Format",
        b"# Dicom-Meta-Information-Header",
        b"Find Response:",
        b"Request Identifiers:",
        b"Requesting Association",
        b"$dcmtk: findscu",
        b"$dcmtk: dcmdump",
        b"BEGIN A-ASSOCIATE-RQ",
    ];
    if MARKERS.iter().any(|m| find(head, m).is_some()) {
        return true;
    }
    // An element line counts only with DCMTK's `# length, VM Keyword` comment: dcm4che logs
    // print `(gggg,eeee) VR [value] Keyword` lines too, and are read by their own decoder.
    head.split(|&b| b == b'\n').any(|line| {
        let line = strip_prefix(latin1(line).trim_end_matches('\r').to_string());
        let body = line.trim_start();
        parse_element_head(body).is_some() && split_comment(body).is_some()
    })
}

/// Decode DCMTK console text into one record per response data set (or dumped file).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_at(bytes, 1)
}

/// Decode a part of a larger log that starts at line `first_line` of the file (1 for the
/// start), so that record locations (`line N`) and messages count from the file's start.
pub fn decode_at(bytes: &[u8], first_line: usize) -> Result<Decoded, DecodeError> {
    decode_with(bytes, first_line, LIMITS)
}

/// Whether a line opens a response (`Find Response: 3`, `Received Find Response 3`, ...),
/// or, with `file_starts`, a dumped file (`# Dicom-File-Format`). The log can be cut before
/// such a line: the decoder ends the data set before it there anyway, and starts afresh.
pub fn is_part_start(raw: &[u8], file_starts: bool) -> bool {
    // Bytes, not text: this runs on every line of a large log before it is decoded.
    let mut line = raw.trim_ascii();
    if line.len() >= 2
        && matches!(line[0], b'T' | b'D' | b'I' | b'W' | b'E' | b'F')
        && line[1] == b':'
    {
        line = line[2..].trim_ascii_start();
    }
    RESPONSE_STARTS
        .iter()
        .any(|m| line.starts_with(m.as_bytes()))
        || (file_starts && line == b"# Dicom-File-Format")
}

/// How a log line that opens a response starts.
const RESPONSE_STARTS: [&str; 4] = [
    "Find Response:",
    "Received Find Response",
    "Received Final Find Response",
    "RESPONSE:",
];

/// What the log said just before a data set: whose data set it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// No announcement (a dcmdump data set, or the request of a log without one).
    None,
    /// The request echo (`Request Identifiers:`): not a match.
    Request,
    /// A response (`Find Response: N`, `Response Identifiers:`).
    Response,
}

/// A data set being read.
struct Block {
    dump: text_dump::Block<Context>,
    /// Opened by `# Dicom-File-Format`: the meta header and the data set are one record.
    file_format: bool,
    seen_data_set: bool,
}

/// A finished data set.
struct Done {
    start_line: usize,
    context: Context,
    dataset: Dataset,
}

#[derive(Default)]
struct Warnings {
    common: text_dump::Warnings,
    unterminated_values: usize,
}

fn decode_with(bytes: &[u8], first_line: usize, limits: Limits) -> Result<Decoded, DecodeError> {
    let error = |format: ExportFormat, failure: Failure| failure.of(format);
    limits
        .check_input(bytes.len())
        .map_err(|m| error(FORMAT_FINDSCU, m))?;

    let mut warnings = Warnings::default();
    let mut findscu = false;
    let mut pending = Context::None;
    let mut block: Option<Block> = None;
    let mut done: Vec<Done> = Vec::new();

    let raw_lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let mut index = 0;
    while index < raw_lines.len() {
        let line_no = first_line + index;
        let raw = raw_lines[index];
        index += 1;
        let raw = limits.cut_line(raw, line_no, &mut warnings.common.long_lines);
        let text = strip_prefix(line_text(raw, &mut warnings));
        let trimmed = text.trim();

        if trimmed.is_empty() {
            // A blank line ends a data set, except between a file's meta header and data set.
            if block
                .as_ref()
                .is_some_and(|b| !b.file_format || b.seen_data_set)
            {
                finish(&mut block, &mut done, limits, findscu)?;
            }
            continue;
        }

        if let Some(head) = parse_element_head(text.trim_start()) {
            // Continuation lines of a value that holds line breaks.
            let mut full = text.clone();
            let mut consumed = 0;
            if head.needs_continuation(&full) {
                let mut extra = 0usize;
                let mut next = index;
                let mut joined = full.clone();
                let mut closed = false;
                while next < raw_lines.len() && extra < 64 {
                    let more = strip_prefix(line_text(raw_lines[next], &mut warnings));
                    joined.push('\n');
                    joined.push_str(&more);
                    next += 1;
                    extra += 1;
                    if joined.len() > limits.line_bytes {
                        break;
                    }
                    if split_comment(&more).is_some() {
                        closed = true;
                        break;
                    }
                }
                if closed {
                    full = joined;
                    consumed = extra;
                } else {
                    warnings.unterminated_values += 1;
                }
            }
            index += consumed;
            if block.is_none() {
                // Elements without a `# Dicom-Data-Set` header (a pasted dump): a data set
                // of their own.
                warnings.common.orphan_lines += 1;
                block = Some(new_block(line_no, Context::None, false));
            }
            if let Some(b) = block.as_mut() {
                add_element(&mut b.dump, &full, line_no, limits, &mut warnings).map_err(|m| {
                    error(
                        if findscu {
                            FORMAT_FINDSCU
                        } else {
                            FORMAT_DCMDUMP
                        },
                        m,
                    )
                })?;
            }
            continue;
        }

        if trimmed.starts_with('(') && block.is_some() {
            warnings.common.malformed_lines += 1;
            continue;
        }

        if let Some(comment) = trimmed.strip_prefix('#') {
            let comment = comment.trim();
            match comment {
                "Dicom-File-Format" => {
                    finish(&mut block, &mut done, limits, findscu)?;
                    block = Some(new_block(line_no, take(&mut pending), true));
                }
                "Dicom-Meta-Information-Header"
                    if !block
                        .as_ref()
                        .is_some_and(|b| b.file_format && !b.seen_data_set) =>
                {
                    finish(&mut block, &mut done, limits, findscu)?;
                    block = Some(new_block(line_no, take(&mut pending), true));
                }
                "Dicom-Data-Set" => {
                    if let Some(b) = block.as_mut().filter(|b| b.file_format && !b.seen_data_set) {
                        b.seen_data_set = true;
                        b.dump.nesting.clear();
                    } else {
                        finish(&mut block, &mut done, limits, findscu)?;
                        let mut b = new_block(line_no, take(&mut pending), false);
                        b.seen_data_set = true;
                        block = Some(b);
                    }
                }
                // `# Used TransferSyntax: ...`, `# dcmdump (1/2): file`, ...
                _ => {}
            }
            continue;
        }

        // Any other line is a log message: it ends a data set and may announce the next.
        finish(&mut block, &mut done, limits, findscu)?;
        if let Some((context, is_findscu)) = announcement(trimmed) {
            findscu |= is_findscu;
            if context != Context::None {
                pending = context;
            }
        }
    }
    finish(&mut block, &mut done, limits, findscu)?;

    let format = if findscu {
        FORMAT_FINDSCU
    } else {
        FORMAT_DCMDUMP
    };
    let mut decoded = Decoded::new(format);
    let mut seen_response = false;
    let mut request_level = None;
    let mut response_level = None;
    for d in done {
        let is_request = match d.context {
            Context::Request => true,
            Context::Response => false,
            // In a findscu log, a data set before any response is the request echo.
            Context::None => findscu && !seen_response,
        };
        let level = d.dataset.query_level();
        if is_request {
            request_level = request_level.or(level);
            continue;
        }
        // A command set (group 0000 only, printed at trace level) is not a match.
        if is_command_set(&d.dataset) {
            continue;
        }
        seen_response |= d.context == Context::Response;
        response_level = response_level.or(level);
        decoded.records.push(record_at(d.start_line, d.dataset));
    }
    decoded.query_level = request_level.or(response_level);

    warnings.common.push_to(
        &mut decoded.warnings,
        "element dump(s) without a `# Dicom-Data-Set` header read as data sets",
        text_dump::SHORTENED_BY_TOOL,
        &[(
            warnings.unterminated_values,
            "value(s) opened with `[` but never closed; read up to the line end",
        )],
    );
    Ok(decoded)
}

fn take(pending: &mut Context) -> Context {
    std::mem::replace(pending, Context::None)
}

fn new_block(start_line: usize, context: Context, file_format: bool) -> Block {
    Block {
        dump: text_dump::Block::new(start_line, context),
        file_format,
        seen_data_set: false,
    }
}

fn finish(
    block: &mut Option<Block>,
    done: &mut Vec<Done>,
    limits: Limits,
    findscu: bool,
) -> Result<(), DecodeError> {
    if let Some(Block { dump: b, .. }) = block.take() {
        // Request echoes count too: the limit bounds the data sets held, kept or not.
        limits
            .check_records(done.len(), b.start_line)
            .map_err(|failure| {
                failure.of(if findscu {
                    FORMAT_FINDSCU
                } else {
                    FORMAT_DCMDUMP
                })
            })?;
        done.push(Done {
            start_line: b.start_line,
            context: b.context,
            dataset: b.dataset,
        });
    }
    Ok(())
}

/// Whether a log line announces a request or a response, and whether it is findscu's.
fn announcement(line: &str) -> Option<(Context, bool)> {
    if line.ends_with("Request Identifiers:") || line == "REQUEST:" {
        return Some((Context::Request, true));
    }
    if RESPONSE_STARTS.iter().any(|m| line.starts_with(m))
        || line.ends_with("Response Identifiers:")
    {
        return Some((Context::Response, true));
    }
    const FINDSCU: [&str; 6] = [
        "Requesting Association",
        "Association Accepted",
        "Sending Find Request",
        "Find SCU RQ",
        "Releasing Association",
        "$dcmtk: findscu",
    ];
    if FINDSCU.iter().any(|m| line.starts_with(m)) {
        return Some((Context::None, true));
    }
    None
}

/// The text of a line: UTF-8, or Latin-1 when it is not (counted).
fn line_text(raw: &[u8], warnings: &mut Warnings) -> String {
    text_dump::line_text(raw, &mut warnings.common.latin1_lines).into_owned()
}

/// Drop a log-level prefix (`I: `, `D: `, ...; `I:` alone on an empty message line).
fn strip_prefix(line: String) -> String {
    let b = line.as_bytes();
    if b.len() >= 2
        && matches!(b[0], b'T' | b'D' | b'I' | b'W' | b'E' | b'F')
        && b[1] == b':'
        && (b.len() == 2 || b[2] == b' ')
    {
        line[b.len().min(3)..].to_string()
    } else {
        line
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The start of an element line: tag and VR.
struct ElementHead {
    group: u16,
    element: u16,
    vr: String,
}

impl ElementHead {
    /// A `[` value whose `]` and comment are on a later line (a value with line breaks).
    fn needs_continuation(&self, line: &str) -> bool {
        let rest = value_part(line.trim_start());
        rest.starts_with('[') && split_comment(line).is_none()
    }
}

/// Parse `(gggg,eeee) VR ` at the start of `line` (indentation already removed).
fn parse_element_head(line: &str) -> Option<ElementHead> {
    let b = line.as_bytes();
    if b.len() < 15 || b[0] != b'(' || b[5] != b',' || b[10] != b')' || b[11] != b' ' {
        return None;
    }
    let hex = |s: &str| -> Option<u16> {
        if s.len() == 4 && s.bytes().all(|c| c.is_ascii_hexdigit()) {
            u16::from_str_radix(s, 16).ok()
        } else {
            None
        }
    };
    let group = hex(line.get(1..5)?)?;
    let element = hex(line.get(6..10)?)?;
    let vr = line.get(12..14)?;
    if !vr.bytes().all(|c| c.is_ascii_alphabetic() || c == b'?') || b.get(14) != Some(&b' ') {
        return None;
    }
    Some(ElementHead {
        group,
        element,
        vr: vr.to_ascii_uppercase(),
    })
}

/// The part of an element line after `(gggg,eeee) VR `.
fn value_part(line: &str) -> &str {
    line.get(15..).unwrap_or("")
}

/// Split `value   #  8, 1 Name` at the comment; returns (value, length) when the line ends
/// with DCMTK's `# length, multiplicity name` comment.
fn split_comment(line: &str) -> Option<(&str, Option<u64>)> {
    let mut end = line.len();
    while let Some(pos) = line[..end].rfind('#') {
        if pos > 0 && line.as_bytes()[pos - 1] == b' ' {
            if let Some(len) = parse_comment(&line[pos + 1..]) {
                return Some((line[..pos].trim_end(), len));
            }
        }
        end = pos;
    }
    None
}

/// `  8, 1 PatientName` → Some(Some(8)); `u/l, 1 Name` → Some(None).
fn parse_comment(text: &str) -> Option<Option<u64>> {
    let text = text.trim_start();
    let (len, rest) = text.split_once(',')?;
    let len = match len.trim() {
        "u/l" | "?" => None,
        digits if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) => {
            Some(digits.parse().ok()?)
        }
        _ => return None,
    };
    let rest = rest.trim_start();
    let vm_end = rest.find(' ').unwrap_or(rest.len());
    let vm = &rest[..vm_end];
    if vm.is_empty() || !vm.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(len)
}

const BINARY_VRS: [&str; 7] = ["OB", "OW", "OF", "OD", "OL", "OV", "UN"];
const SINGLE_VALUE_VRS: [&str; 4] = ["LT", "ST", "UT", "UR"];

/// Read one element line (with any continuation lines) into the block.
fn add_element(
    block: &mut text_dump::Block<Context>,
    line: &str,
    line_no: usize,
    limits: Limits,
    warnings: &mut Warnings,
) -> Result<(), Failure> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let body = line.trim_start_matches(' ');
    let Some(head) = parse_element_head(body) else {
        warnings.common.malformed_lines += 1;
        return Ok(());
    };
    let (value, len) = match split_comment(body) {
        Some((before, len)) => (value_part(before).trim(), len),
        None => (value_part(body).trim(), None),
    };

    // Items and delimiters: DCMTK indents an item line two spaces past its sequence.
    if head.group == 0xFFFE {
        if head.element == 0xE000 && head.vr != "PI" {
            let level = indent.saturating_sub(2) / 4;
            if !block.nesting.next_item_at(level) {
                warnings.common.malformed_lines += 1;
            }
        }
        return Ok(());
    }

    if !block.nesting.close_to(indent / 4) {
        // Deeper than any open sequence item (an indentation the dump never opened).
        warnings.common.malformed_lines += 1;
        return Ok(());
    }
    let Some(path) = block.nesting.path(head.group, head.element) else {
        warnings.common.malformed_lines += 1;
        return Ok(());
    };

    if let Some(items) = sequence_items(value) {
        let (dataset, deep) = (&mut block.dataset, &mut warnings.common.deep);
        block
            .nesting
            .open_sequence(dataset, path, items, 0, line_no, limits, deep);
        return Ok(());
    }

    let vr = head.vr.as_str();
    let element = |value: Value| Element {
        path: path.clone(),
        vr: vr.into(),
        value,
    };
    if value == "(no value available)" || value.is_empty() {
        block.dataset.push_text(path.clone(), vr, Vec::new());
    } else if value.starts_with("(PixelSequence") || value == "(not loaded)" {
        block.dataset.elements.push(element(Value::Binary {
            len: len.unwrap_or(0),
            text: None,
        }));
    } else if let Some(inner) = value.strip_prefix('[') {
        let text = match inner.strip_suffix(']') {
            Some(t) => t,
            None => {
                if let Some(t) = inner.strip_suffix("...") {
                    warnings.common.shortened_values += 1;
                    t
                } else {
                    warnings.unterminated_values += 1;
                    inner
                }
            }
        };
        let values = if SINGLE_VALUE_VRS.contains(&vr) {
            vec![text.to_string()]
        } else {
            text.split('\\').map(str::to_string).collect()
        };
        block.dataset.push_text(path.clone(), vr, values);
    } else if let Some(name) = value.strip_prefix('=') {
        // A UID DCMTK knows by name (`=CTImageStorage`): the name is kept.
        block
            .dataset
            .push_text(path.clone(), vr, vec![name.to_string()]);
    } else if BINARY_VRS.contains(&vr) {
        let shortened = value.ends_with("...");
        if shortened {
            warnings.common.shortened_values += 1;
        }
        let text = if shortened { None } else { hex_text(value) };
        block.dataset.elements.push(element(Value::Binary {
            len: len.unwrap_or(0),
            text,
        }));
    } else if value.starts_with('(') && value.ends_with(')') {
        // `(unknown value format)` and the like.
        block.dataset.elements.push(element(Value::Binary {
            len: len.unwrap_or(0),
            text: None,
        }));
    } else {
        let value = value.strip_suffix("...").unwrap_or(value);
        block.dataset.push_text(
            path.clone(),
            vr,
            value.split('\\').map(str::to_string).collect(),
        );
    }
    Ok(())
}

/// `(Sequence with explicit length #=2)` → 2.
fn sequence_items(value: &str) -> Option<u32> {
    if !value.starts_with("(Sequence with") {
        return None;
    }
    let count = value.rsplit_once("#=")?.1.trim_end_matches(')').trim();
    Some(count.parse().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/exports/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    use crate::decode::text_dump::test_support::texts;

    const VERBOSE: &str = "\
I: Requesting Association
I: Association Accepted (Max Send PDV: 16372)
I: Sending Find Request (MsgID 1)
I: Request Identifiers:
I: 
I: # Dicom-Data-Set
I: # Used TransferSyntax: Little Endian Explicit
I: (0008,0052) CS [STUDY]                                  #   6, 1 QueryRetrieveLevel
I: (0010,0010) PN [REQUEST^ECHO]                           #  12, 1 PatientName
I: 
I: ---------------------------
I: Find Response: 1 (Pending)
I: 
I: # Dicom-Data-Set
I: # Used TransferSyntax: Little Endian Explicit
I: (0008,0052) CS [STUDY ]                                 #   6, 1 QueryRetrieveLevel
I: (0010,0010) PN [DOE^JOHN]                               #   8, 1 PatientName
I: (0010,1002) SQ (Sequence with explicit length #=2)      #  40, 1 OtherPatientIDsSequence
I:   (fffe,e000) na (Item with explicit length #=1)          #  10, 1 Item
I:     (0010,0020) LO [ID1]                                    #   4, 1 PatientID
I:   (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem
I:   (fffe,e000) na (Item with explicit length #=1)          #  14, 1 Item
I:     (0010,0010) PN [ROE^JANE]                               #   8, 1 PatientName
I:   (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem
I: (fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem
I: (0010,0020) LO [PID1]                                   #   4, 1 PatientID
I: 
I: Received Final Find Response (Success)
I: Releasing Association
";

    #[test]
    fn request_echo_is_not_a_record() {
        let d = decode(VERBOSE.as_bytes()).unwrap();
        assert_eq!(d.format, FORMAT_FINDSCU);
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].location, "line 14");
        assert_eq!(texts(&d, 0x0010, 0x0010), ["DOE^JOHN"]);
        assert_eq!(d.query_level.as_deref(), Some("STUDY"));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn sequence_item_patient_name_gets_its_path() {
        let d = decode(VERBOSE.as_bytes()).unwrap();
        let paths: Vec<String> = d.records[0]
            .dataset
            .elements
            .iter()
            .map(|e| e.path.to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "(0008,0052)",
                "(0010,0010)",
                "(0010,1002)",
                "(0010,1002)[0].(0010,0020)",
                "(0010,1002)[1].(0010,0010)",
                "(0010,0020)",
            ]
        );
        let inner = &d.records[0].dataset.elements[4];
        assert_eq!(inner.vr, "PN");
        assert_eq!(inner.value.text().as_deref(), Some("ROE^JANE"));
        assert_eq!(
            d.records[0].dataset.elements[2].value,
            Value::Sequence { items: 2 }
        );
    }

    #[test]
    fn unprefixed_output_of_older_builds() {
        let old: String = VERBOSE
            .lines()
            .map(|l| format!("{}\n", &l[3.min(l.len())..]))
            .collect();
        let d = decode(old.as_bytes()).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(texts(&d, 0x0010, 0x0010), ["DOE^JOHN"]);
    }

    #[test]
    fn first_dataset_without_announcement_is_the_request() {
        let text = "\
Requesting Association
# Dicom-Data-Set
(0010,0010) PN [ECHO^ONLY]                              #  10, 1 PatientName

Find Response: 1 (Pending)
# Dicom-Data-Set
(0010,0010) PN [DOE^JOHN]                               #   8, 1 PatientName
";
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(texts(&d, 0x0010, 0x0010), ["DOE^JOHN"]);
    }

    #[test]
    fn real_findscu_plain_verbose_and_debug_agree() {
        let plain = decode(&fixture("findscu_study.txt")).unwrap();
        let verbose = decode(&fixture("findscu_study_v.txt")).unwrap();
        let debug = decode(&fixture("findscu_study_d.txt")).unwrap();
        assert_eq!(plain.records.len(), 6);
        for d in [&plain, &verbose, &debug] {
            assert_eq!(d.format, FORMAT_FINDSCU);
            assert_eq!(d.query_level.as_deref(), Some("STUDY"));
            let a: Vec<_> = d.records.iter().map(|r| &r.dataset).collect();
            let b: Vec<_> = plain.records.iter().map(|r| &r.dataset).collect();
            assert_eq!(a, b);
        }
        let names = texts(&plain, 0x0010, 0x0010);
        assert_eq!(names[0], "CompressedSamples^CT1");
        // Response 6 is UTF-8 (ISO_IR 192); responses 4 and 5 were printed in their own
        // single-byte character sets and are read as Latin-1 with a warning.
        assert_eq!(names[5], "Wang^XiaoDong=王^小東=");
        assert_eq!(names[3], "Buc^Jérôme");
        assert!(plain.warnings.iter().any(|w| w.contains("Latin-1")));
        assert_eq!(plain.records[0].location, "line 4");
        assert!(verbose.records[0].location != "line 4");
    }

    #[test]
    fn real_orthanc_findscu_outputs_agree() {
        let plain = decode(&fixture("orthanc_findscu_study.txt")).unwrap();
        assert!(!plain.records.is_empty());
        for name in ["orthanc_findscu_study_v.txt", "orthanc_findscu_study_d.txt"] {
            let other = decode(&fixture(name)).unwrap();
            let a: Vec<_> = other.records.iter().map(|r| &r.dataset).collect();
            let b: Vec<_> = plain.records.iter().map(|r| &r.dataset).collect();
            assert_eq!(a, b, "{name}");
            assert_eq!(other.query_level.as_deref(), Some("STUDY"));
        }
        let patient = decode(&fixture("orthanc_findscu_patient.txt")).unwrap();
        assert_eq!(patient.query_level.as_deref(), Some("PATIENT"));
        assert!(patient
            .records
            .iter()
            .all(|r| r.dataset.top_text(0x0010, 0x0020).is_some()));
    }

    #[test]
    fn real_findscu_series_level() {
        let d = decode(&fixture("findscu_series.txt")).unwrap();
        assert_eq!(d.query_level.as_deref(), Some("SERIES"));
        assert_eq!(d.records.len(), 1);
    }

    #[test]
    fn real_dcmdump_is_one_record_with_meta_and_sequences() {
        let d = decode(&fixture("dcmdump_ct_small.txt")).unwrap();
        assert_eq!(d.format, FORMAT_DCMDUMP);
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].location, "line 2");
        let ds = &d.records[0].dataset;
        assert_eq!(
            ds.top_text(0x0002, 0x0002).as_deref(),
            Some("CTImageStorage")
        );
        assert_eq!(
            ds.top_text(0x0010, 0x0010).as_deref(),
            Some("CompressedSamples^CT1")
        );
        let nested: Vec<String> = ds
            .elements
            .iter()
            .filter(|e| e.path.depth() == 1 && e.tag() == (0x0010, 0x0020))
            .filter_map(|e| e.value.text())
            .collect();
        assert_eq!(nested, ["ABCD1234", "1234ABCD"]);
        let version = ds.top(0x0002, 0x0001).unwrap();
        assert_eq!(version.value, Value::Binary { len: 2, text: None });
        assert_eq!(ds.top(0x0008, 0x0050).unwrap().value, Value::Empty);
        // Pixel data is shortened by dcmdump.
        assert!(matches!(
            ds.top(0x7FE0, 0x0010).unwrap().value,
            Value::Binary { len: 32768, .. }
        ));
    }

    #[test]
    fn real_dcmdump_deep_nesting() {
        let d = decode(&fixture("dcmdump_rtplan.txt")).unwrap();
        assert_eq!(d.records.len(), 1);
        let deepest = d.records[0]
            .dataset
            .elements
            .iter()
            .map(|e| e.path.depth())
            .max();
        assert_eq!(deepest, Some(3));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn values_with_line_breaks_truncation_and_hex_text() {
        let text = "\
# Dicom-Data-Set
(0020,4000) LT [line one
line two ] # 3, 1 Fake]        #  32, 1 ImageComments
(0008,1030) LO [AAAAAAAA... #  70, 1 StudyDescription
(0009,1001) UN 44\\4f\\45\\5e\\4a\\4f\\48\\4e                 #   8, 1 Unknown Tag & Data
(0010,1000) LO [OTHER1\\OTHER2]                          #  14, 2 RETIRED_OtherPatientIDs
(0028,0010) US 512                                      #   2, 1 Rows
";
        let d = decode(text.as_bytes()).unwrap();
        let ds = &d.records[0].dataset;
        assert_eq!(
            ds.top_text(0x0020, 0x4000).as_deref(),
            Some("line one\nline two ] # 3, 1 Fake")
        );
        assert_eq!(ds.top_text(0x0008, 0x1030).as_deref(), Some("AAAAAAAA"));
        assert_eq!(
            ds.top(0x0009, 0x1001).unwrap().value,
            Value::Binary {
                len: 8,
                text: Some("DOE^JOHN".into())
            }
        );
        assert_eq!(
            ds.top(0x0010, 0x1000).unwrap().value,
            Value::Text(vec!["OTHER1".into(), "OTHER2".into()])
        );
        assert_eq!(ds.top_text(0x0028, 0x0010).as_deref(), Some("512"));
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    }

    #[test]
    fn malformed_lines_are_skipped_and_counted_without_content() {
        let text = "\
# Dicom-Data-Set
(0010,0010) PN [DOE^JOHN]                               #   8, 1 PatientName
(0010,00ZZ) PN [SECRET^NAME]                            #  11, 1 PatientName
(0010,0020) LO [PID1]                                   #   4, 1 PatientID
";
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].dataset.elements.len(), 2);
        assert_eq!(d.warnings, ["1 malformed element line(s) skipped"]);
        assert!(!d.warnings.iter().any(|w| w.contains("SECRET")));
    }

    #[test]
    fn garbage_never_panics() {
        let inputs: [&[u8]; 8] = [
            b"",
            b"\n\n\n",
            b"(0010,0010) PN",
            b"(0010,0010) PN [",
            b"      (fffe,e000) na (Item with explicit length #=1)\n(0010,0010) SQ (Sequence with",
            b"# Dicom-File-Format\n# Dicom-Data-Set\n# Dicom-Data-Set\n",
            b"I:\nI: \n\xff\xfe\x00(0010,0010) PN [\xe9]  #\n",
            b"        (0010,0010) PN [DEEP]   #  4, 1 PatientName\n",
        ];
        for input in inputs {
            let _ = decode(input);
        }
    }

    #[test]
    fn a_part_counts_its_lines_from_where_it_starts_in_the_file() {
        let part = b"I: Find Response: 7 (Pending)\nI: \nI: # Dicom-Data-Set\n\
                     I: (0010,0010) PN [DOE^JOHN]   #   8, 1 PatientName\n";
        let d = decode_at(part, 1001).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].location, "line 1003");
        assert_eq!(d.format, FORMAT_FINDSCU);
    }

    #[test]
    fn parts_start_at_responses_and_with_dumps_at_files() {
        assert!(is_part_start(b"I: Find Response: 3 (Pending)\r", false));
        assert!(is_part_start(b"I: Received Find Response 3", false));
        assert!(is_part_start(b"Find Response: 3 (Pending)", false));
        assert!(!is_part_start(b"D: Response Identifiers:", false));
        assert!(!is_part_start(b"I: (0010,0010) PN [Find Response:]", false));
        assert!(!is_part_start(b"# Dicom-File-Format", false));
        assert!(is_part_start(b"# Dicom-File-Format", true));
    }

    #[test]
    fn limits() {
        text_dump::test_support::assert_limits(
            decode_with,
            "# Dicom-Data-Set\n(0010,0020) LO [X]   #   2, 1 PatientID\n",
            |level| {
                let pad = " ".repeat(level * 4);
                format!(
                    "{pad}(0040,a730) SQ (Sequence with undefined length #=1)  # u/l, 1 ContentSequence\n\
                     {pad}  (fffe,e000) na (Item with undefined length #=1)  # u/l, 1 Item\n"
                )
            },
        );
    }

    #[test]
    fn a_line_over_the_limit_costs_only_its_tail() {
        let record = |name: &str| {
            format!("# Dicom-Data-Set\n(0010,0010) PN [{name}]   #   8, 1 PatientName\n\n")
        };
        let long = format!(
            "# Dicom-Data-Set\n(0010,4000) LT [DOB 1970-01-01 {}]   # 9, 1 PatientComments\n\n",
            "x".repeat(MAX_LINE_BYTES)
        );
        let text = [record("DOE^JOHN"), long, record("ROE^JANE")].concat();
        let decoded = decode(text.as_bytes()).unwrap();
        assert_eq!(decoded.records.len(), 3);
        assert_eq!(texts(&decoded, 0x0010, 0x0010), ["DOE^JOHN", "ROE^JANE"]);
        let comment = decoded.records[1].dataset.top_text(0x0010, 0x4000).unwrap();
        assert!(comment.starts_with("DOB 1970-01-01 xxx"));
        assert!(decoded
            .warnings
            .iter()
            .any(|w| w.contains("(the first at line 5)")));
    }

    #[test]
    fn sniff_accepts_dcmtk_text_and_rejects_other_formats() {
        assert!(sniff(VERBOSE.as_bytes()));
        assert!(sniff(&fixture("findscu_study.txt")));
        assert!(sniff(&fixture("findscu_study_d.txt")));
        assert!(sniff(&fixture("dcmdump_ct_small.txt")));
        assert!(sniff(b"(0010,0010) PN [DOE^JOHN]   #   8, 1 PatientName\n"));
        assert!(!sniff(
            br#"[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"DOE^JOHN"}]}}]"#
        ));
        assert!(!sniff(b"PatientName,PatientID\nDOE^JOHN,1\n"));
        assert!(!sniff(
            b"<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\"><host></host></nmaprun>"
        ));
        assert!(!sniff(&fixture("dcm2xml_ct_small.xml")));
        assert!(!sniff(b"(0010,0010) PN [DOE^JOHN] PatientName\n"));
        let dicom = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/CT_small.dcm"
        ))
        .unwrap();
        assert!(!sniff(&dicom));
    }
}
