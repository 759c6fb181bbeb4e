//! dicom-rs `dicom-findscu` console output: each C-FIND response printed by `dicom-dump`.
//!
//! Read from the sources (repository Enet4/dicom-rs, `findscu/src/main.rs` and
//! `dump/src/lib.rs`): for every pending response `dicom-findscu` prints a header line on
//! stdout, `------------------------ Match #0 ------------------------` (twelve dashes each side
//! in older releases), then the response data set, one element a line:
//!
//! ```text
//! (0008,0020) StudyDate                    DA (1,  8 bytes): 2024-01-05
//! (0010,0010) PatientName                  PN (1,  8 bytes): "DOE^JOHN"
//! (0010,1002) OtherPatientIDsSequence      SQ (1 Item)
//!     (FFFE,E000) na Item
//!       (0010,0020) PatientID                    LO (1,  4 bytes): "ID-1"
//!     (FFFE,E00D) ItemDelimitationItem
//! (FFFE,E0DD) SequenceDelimitationItem
//! ```
//!
//! With `-v` it also dumps each response's command set on stderr after `Match #0 Response
//! command:`, and logs through `tracing` (`2024-06-14T23:12:43Z  INFO dicom_findscu: ...`).
//! Text values are quoted (`"A"`, several as `["A", "B"]`, a `"` inside as `\"`), numbers are
//! not, dates and times are reformatted (`2024-01-05`, `10:00:00`), control characters become
//! `␊`/`␍`/`␀`, and values longer than the terminal allows (about 57 characters at the default
//! width of 120) end in `...` with the rest lost. On a terminal the output is coloured with
//! ANSI escape sequences, which are removed here. Every response data set becomes a
//! [`Record`](super::Record); command sets (group 0000) do not. No request is echoed.

use super::ExportFormat;
use std::borrow::Cow;

use super::dataset::{Dataset, Element, TagPath, Value};
use super::limits::{Limits, LIMITS};
pub use super::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_RECORDS};
use super::text::hex_text;
use super::text_dump::{self, is_command_set, keep_record, line_text, sniff_lines, Warnings};
use super::{DecodeError, Decoded, Failure};

pub const FORMAT: ExportFormat = ExportFormat::DicomRsFindscu;

const SNIFF_BYTES: usize = 4096;

/// Whether the start of `bytes` looks like `dicom-findscu` (or bare `dicom-dump`) output.
pub fn sniff(bytes: &[u8]) -> bool {
    sniff_lines(bytes, SNIFF_BYTES, |text| {
        let line = strip_ansi(text.trim_end_matches('\r'));
        let line = line.trim();
        header(line).is_some()
            // `tracing` lines (`INFO dicom_findscu: ...`), and env_logger's bracketed form
            // (`[... INFO  dicom_findscu] ...`) in case a build logs that way.
            || line.contains(" dicom_findscu: ")
            || line.contains(" dicom_findscu] ")
            || matches!(parse_element(line), Some(Line::Element { .. }))
    })
}

/// Decode `dicom-findscu` output into one record per response data set.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_at(bytes, 1)
}

/// Decode a part of a larger output that starts at line `first_line` of the file, so that
/// record locations count from the file's start.
pub fn decode_at(bytes: &[u8], first_line: usize) -> Result<Decoded, DecodeError> {
    decode_with(bytes, first_line, LIMITS)
}

/// Whether a line opens a response's command or data dump: a large output can be cut before
/// it, since the decoder ends the data set before such a line anyway.
pub fn is_part_start(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    header(strip_ansi(text.trim_end_matches('\r')).trim()).is_some()
}

/// What a `Match #N` header opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Elements with no header before them.
    None,
    /// `Match #N Response command:` (stderr, `-v`): the command set, not a match.
    Command,
    /// `---- Match #N ----`: the response data set.
    Data,
}

/// `Match #3 Response command:` or `------ Match #3 ------`.
fn header(line: &str) -> Option<Context> {
    fn numbered(rest: &str) -> Option<&str> {
        let rest = rest.strip_prefix("Match #")?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0).then(|| &rest[digits..])
    }
    if let Some(rest) = numbered(line) {
        return match rest {
            " Response command:" => Some(Context::Command),
            // Not in the releases read, but the obvious name for the data dump: accepted.
            " Response data:" => Some(Context::Data),
            _ => None,
        };
    }
    let inner = line.trim_matches('-');
    let dashed = line.starts_with("---") && line.ends_with("---");
    match numbered(inner.trim()) {
        Some("") if dashed => Some(Context::Data),
        _ => None,
    }
}

/// Remove ANSI escape sequences (`ESC [ ... letter`), which colour the output on a terminal.
fn strip_ansi(line: &str) -> Cow<'_, str> {
    if !line.contains('\u{1b}') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    Cow::Owned(out)
}

/// One parsed element line.
#[derive(Debug, PartialEq)]
enum Line<'a> {
    /// `(FFFE,E000) na Item`.
    Item,
    /// Item and sequence delimiters, pixel fragments: nothing to read.
    Delimiter,
    Sequence {
        group: u16,
        element: u16,
        items: u32,
    },
    Element {
        group: u16,
        element: u16,
        vr: &'a str,
        len: u64,
        value: &'a str,
    },
}

/// Parse `(gggg,eeee) Alias VR (vm, len bytes): value` and its sequence and item forms
/// (indentation already removed).
fn parse_element(line: &str) -> Option<Line<'_>> {
    let b = line.as_bytes();
    if b.len() < 12 || b[0] != b'(' || b[5] != b',' || b[10] != b')' {
        return None;
    }
    let hex = |s: &str| -> Option<u16> {
        (s.len() == 4 && s.bytes().all(|c| c.is_ascii_hexdigit()))
            .then(|| u16::from_str_radix(s, 16).ok())
            .flatten()
    };
    let group = hex(line.get(1..5)?)?;
    let element = hex(line.get(6..10)?)?;
    let rest = line.get(11..)?;
    if !rest.starts_with(' ') && !rest.is_empty() {
        return None;
    }
    let rest = rest.trim_start();
    if group == 0xFFFE {
        return Some(if element == 0xE000 && rest.starts_with("na ") {
            Line::Item
        } else {
            Line::Delimiter
        });
    }
    // The alias is padded to 28 columns and may hold a space (`«Unknown Attribute»`): the VR
    // is the first two capitals followed by ` (` that open a size this dump writes.
    let mut from = 0;
    while let Some(at) = rest[from..].find(" (").map(|i| from + i) {
        from = at + 2;
        let Some(vr) = at
            .checked_sub(3)
            .and_then(|s| rest.get(s..at))
            .and_then(|s| s.strip_prefix(' '))
        else {
            continue;
        };
        if !vr.bytes().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let inside = &rest[at + 2..];
        if vr == "SQ" {
            if let Some((count, _)) = inside.split_once(" Item") {
                if let Ok(items) = count.trim().parse() {
                    return Some(Line::Sequence {
                        group,
                        element,
                        items,
                    });
                }
            }
        }
        if inside.starts_with("PixelSequence") {
            return Some(Line::Element {
                group,
                element,
                vr,
                len: 0,
                value: "",
            });
        }
        let Some((size, value)) = inside.split_once(" bytes):") else {
            continue;
        };
        let Some((vm, len)) = size.split_once(',') else {
            continue;
        };
        let (Ok(_), Ok(len)) = (vm.trim().parse::<u32>(), len.trim().parse::<u64>()) else {
            continue;
        };
        return Some(Line::Element {
            group,
            element,
            vr,
            len,
            value: value.strip_prefix(' ').unwrap_or(value),
        });
    }
    None
}

type Block = text_dump::Block<Context>;

fn error(failure: Failure) -> DecodeError {
    failure.of(FORMAT)
}

fn decode_with(bytes: &[u8], first_line: usize, limits: Limits) -> Result<Decoded, DecodeError> {
    limits.check_input(bytes.len()).map_err(error)?;
    let mut warnings = Warnings::default();
    let mut block: Option<Block> = None;
    let mut decoded = Decoded::new(FORMAT);

    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = first_line + index;
        let raw = limits.cut_line(raw, line_no, &mut warnings.long_lines);
        let text = line_text(raw, &mut warnings.latin1_lines);
        let text = strip_ansi(&text);
        let body = text.trim_start_matches(' ');
        let indent = text.len() - body.len();
        let body = body.trim_end();

        if let Some(context) = header(body) {
            finish(&mut block, &mut decoded, limits)?;
            block = Some(Block::new(line_no, context));
            continue;
        }
        if !body.starts_with('(') {
            // A log line, a blank line, anything else: the dump is over.
            finish(&mut block, &mut decoded, limits)?;
            continue;
        }
        let Some(line) = parse_element(body) else {
            warnings.malformed_lines += 1;
            continue;
        };
        let b = block.get_or_insert_with(|| {
            warnings.orphan_lines += 1;
            Block::new(line_no, Context::None)
        });
        add_line(b, line, indent, line_no, limits, &mut warnings).map_err(error)?;
    }
    finish(&mut block, &mut decoded, limits)?;

    decoded.query_level = decoded.records.iter().find_map(|r| r.dataset.query_level());
    warnings.push_to(
        &mut decoded.warnings,
        "element dump(s) without a `Match #N` header read as data sets",
        text_dump::SHORTENED_BY_TOOL,
        &[],
    );
    Ok(decoded)
}

fn finish(
    block: &mut Option<Block>,
    decoded: &mut Decoded,
    limits: Limits,
) -> Result<(), DecodeError> {
    let Some(b) = block.take() else {
        return Ok(());
    };
    if b.context == Context::Command || is_command_set(&b.dataset) {
        return Ok(());
    }
    keep_record(&mut decoded.records, limits, b.start_line, b.dataset).map_err(error)
}

const BINARY_VRS: [&str; 7] = ["OB", "OW", "OF", "OD", "OL", "OV", "UN"];

/// Add one element line to the data set, nested by its indentation: an item's elements sit
/// deeper than its sequence's line, a sequence ends at the first line that does not.
fn add_line(
    block: &mut Block,
    line: Line<'_>,
    indent: usize,
    line_no: usize,
    limits: Limits,
    warnings: &mut Warnings,
) -> Result<(), Failure> {
    block.nesting.close_from_column(indent);
    let (group, element) = match line {
        Line::Delimiter => return Ok(()),
        Line::Item => {
            if !block.nesting.next_item() {
                warnings.malformed_lines += 1;
            }
            return Ok(());
        }
        Line::Sequence { group, element, .. } | Line::Element { group, element, .. } => {
            (group, element)
        }
    };
    let Some(path) = block.nesting.path(group, element) else {
        warnings.malformed_lines += 1;
        return Ok(());
    };
    match line {
        Line::Sequence { items, .. } => {
            block.nesting.open_sequence(
                &mut block.dataset,
                path,
                items,
                indent,
                line_no,
                limits,
                &mut warnings.deep,
            );
        }
        Line::Element { vr, len, value, .. } => {
            add_value(&mut block.dataset, path, vr, len, value, warnings);
        }
        Line::Item | Line::Delimiter => {}
    }
    Ok(())
}

fn add_value(
    dataset: &mut Dataset,
    path: TagPath,
    vr: &str,
    len: u64,
    value: &str,
    warnings: &mut Warnings,
) {
    if value == "(no value)" || value.is_empty() {
        dataset.push_text(path, vr, Vec::new());
        return;
    }
    let (values, shortened) = parse_values(value);
    if shortened {
        warnings.shortened_values += 1;
    }
    if BINARY_VRS.contains(&vr) {
        // Bytes print as hex (`4A, 6F`); words (OW) too, but in an order that is not the
        // file's, so only bytes are read back as text.
        let text = if shortened || !matches!(vr, "OB" | "UN") {
            None
        } else {
            let hex: Vec<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
            hex_text(&hex.join("\\"))
        };
        dataset.elements.push(Element {
            path,
            vr: vr.into(),
            value: Value::Binary { len, text },
        });
        return;
    }
    let values = values
        .into_iter()
        .map(|(text, quoted)| {
            let text = if quoted {
                text
            } else {
                undo_date_format(vr, &text)
            };
            text.replace('␊', "\n").replace('␍', "\r").replace('␀', "")
        })
        .collect();
    dataset.push_text(path, vr, values);
}

/// Split a printed value into its values, each with whether it was quoted, and whether the
/// dump cut it short (`...` in place of its end).
fn parse_values(value: &str) -> (Vec<(String, bool)>, bool) {
    let (mut rest, list) = match value.strip_prefix('[') {
        Some(inner) => (inner, true),
        None => (value, false),
    };
    let mut values = Vec::new();
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut text = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' if quoted[i + 1..].starts_with('"') => {
                        text.push('"');
                        chars.next();
                    }
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    c => text.push(c),
                }
            }
            let Some(end) = end else {
                // The closing quote was cut off with the rest of the value.
                let text = text.strip_suffix("...").unwrap_or(&text).to_string();
                values.push((text, true));
                return (values, true);
            };
            values.push((text, true));
            rest = &quoted[end..];
        } else {
            let end = if list {
                rest.find(", ").or_else(|| rest.rfind(']'))
            } else {
                None
            }
            .unwrap_or(rest.len());
            values.push((rest[..end].to_string(), false));
            rest = &rest[end..];
        }
        if let Some(next) = rest.strip_prefix(", ") {
            rest = next;
            continue;
        }
        let rest = rest.strip_prefix(']').unwrap_or(rest);
        if rest.is_empty() {
            // An unquoted value cut short ends in `...` too.
            let cut = values
                .last_mut()
                .filter(|(text, quoted)| !quoted && text.ends_with("..."));
            if let Some((text, _)) = cut {
                text.truncate(text.len() - 3);
                return (values, true);
            }
            return (values, false);
        }
        return (values, rest.starts_with("..."));
    }
}

/// Dates and times as DICOM writes them: the dump prints `2024-01-05`, `10:00:00.5` and
/// `2024-01-05 10:00:00 +01:00`.
fn undo_date_format(vr: &str, text: &str) -> String {
    let digits_of = |part: &str, sep: char| part.replace(sep, "");
    match vr {
        "DA" => digits_of(text, '-'),
        "TM" => digits_of(text, ':'),
        "DT" => {
            let mut parts = text.split(' ');
            let mut out = digits_of(parts.next().unwrap_or(""), '-');
            for part in parts {
                out.push_str(&digits_of(part, ':'));
            }
            out
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::text_dump::test_support::texts;

    // Modelled on the sources of dicom-findscu (Enet4/dicom-rs findscu/src/main.rs: headers,
    // `-v` command dumps on stderr) and dicom-dump (dump/src/lib.rs `dump_element`,
    // `dump_item`, `value_summary`: columns, indentation, quoting, dates), and on the `-v`
    // output quoted in Enet4/dicom-rs#522 (tracing lines, `(1,  4 bytes)` sizes).
    const VERBOSE: &str = "\
2026-11-28T10:00:00.000000Z  INFO dicom_findscu: Establishing association with '127.0.0.1:4242'...
2026-11-28T10:00:00.010000Z  INFO dicom_findscu: Association established
2026-11-28T10:00:00.010100Z DEBUG dicom_findscu: Transfer Syntax: Implicit VR Little Endian
2026-11-28T10:00:00.010200Z DEBUG dicom_findscu: Sending query (98 B)...
2026-11-28T10:00:00.010300Z DEBUG dicom_findscu: Awaiting response...
Match #0 Response command:
(0000,0000) CommandGroupLength           UL (1,  4 bytes): 76
(0000,0002) AffectedSOPClassUID          UI (1, 28 bytes): \"1.2.840.10008.5.1.4.1.2.2.1\"
(0000,0100) CommandField                 US (1,  2 bytes): 32800
(0000,0900) Status                       US (1,  2 bytes): 65280
2026-11-28T10:00:00.020000Z DEBUG dicom_findscu: Operation pending: ff00
------------------------ Match #0 ------------------------
(0008,0020) StudyDate                    DA (1,  8 bytes): 2024-01-05
(0008,0052) QueryRetrieveLevel           CS (1,  6 bytes): \"STUDY\"
(0010,0010) PatientName                  PN (1,  8 bytes): \"DOE^JOHN\"
(0010,0020) PatientID                    LO (1,  6 bytes): \"MRN001\"
(0010,1002) OtherPatientIDsSequence      SQ (2 Items)
    (FFFE,E000) na Item
      (0010,0020) PatientID                    LO (1,  4 bytes): \"ID-1\"
    (FFFE,E00D) ItemDelimitationItem
    (FFFE,E000) na Item
      (0010,0010) PatientName                  PN (1,  8 bytes): \"ROE^JANE\"
    (FFFE,E00D) ItemDelimitationItem
(FFFE,E0DD) SequenceDelimitationItem
(0010,1001) OtherPatientNames            PN (2, 18 bytes): [\"DOE^J\", \"DOE^JOHNNY\"]
(0020,1208) NumberOfStudyRelatedInstances IS (1,  2 bytes): \"12\"
Match #1 Response command:
(0000,0900) Status                       US (1,  2 bytes): 65280
------------------------ Match #1 ------------------------
(0010,0010) PatientName                  PN (1,  8 bytes): \"ROE^JANE\"
(0010,0020) PatientID                    LO (1,  6 bytes): \"MRN002\"
Match #2 Response command:
(0000,0900) Status                       US (1,  2 bytes): 0
2026-11-28T10:00:00.030000Z DEBUG dicom_findscu: Matching is complete
";

    #[test]
    fn each_response_data_set_is_a_record_and_command_sets_are_not() {
        let d = decode(VERBOSE.as_bytes()).unwrap();
        assert_eq!(d.format, FORMAT);
        assert_eq!(d.records.len(), 2);
        assert_eq!(d.records[0].location, "line 12");
        assert_eq!(d.records[1].location, "line 29");
        assert_eq!(texts(&d, 0x0010, 0x0010), ["DOE^JOHN", "ROE^JANE"]);
        assert_eq!(texts(&d, 0x0010, 0x0020), ["MRN001", "MRN002"]);
        assert_eq!(texts(&d, 0x0008, 0x0020), ["20240105"]);
        assert_eq!(d.query_level.as_deref(), Some("STUDY"));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let ds = &d.records[0].dataset;
        assert_eq!(
            ds.top(0x0010, 0x1001).unwrap().value,
            Value::Text(vec!["DOE^J".into(), "DOE^JOHNNY".into()])
        );
        assert_eq!(ds.top_text(0x0020, 0x1208).as_deref(), Some("12"));
    }

    #[test]
    fn sequence_items_nest_by_indentation() {
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
                "(0008,0020)",
                "(0008,0052)",
                "(0010,0010)",
                "(0010,0020)",
                "(0010,1002)",
                "(0010,1002)[0].(0010,0020)",
                "(0010,1002)[1].(0010,0010)",
                "(0010,1001)",
                "(0020,1208)",
            ]
        );
        let ds = &d.records[0].dataset;
        assert_eq!(ds.elements[4].value, Value::Sequence { items: 2 });
        assert_eq!(ds.elements[6].value.text().as_deref(), Some("ROE^JANE"));
    }

    #[test]
    fn colour_codes_are_removed() {
        // dicom-dump on a terminal: tag dimmed, alias bold, strings yellow, dates green.
        let coloured = "------------------------ Match #0 ------------------------\n\
            \x1b[2m(0010,0010)\x1b[0m \x1b[1mPatientName\x1b[0m                  PN (1,  8 bytes): \
            \x1b[33m\"DOE^JOHN\"\x1b[0m\n\
            \x1b[2m(0010,0030)\x1b[0m \x1b[1mPatientBirthDate\x1b[0m             DA (1,  8 bytes): \
            \x1b[32m1970-02-03\x1b[0m\n\
            \x1b[2m2026-11-28T10:00:00Z\x1b[0m \x1b[32m INFO\x1b[0m \x1b[2mdicom_findscu\x1b[0m: done\n";
        assert!(sniff(coloured.as_bytes()));
        let d = decode(coloured.as_bytes()).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(texts(&d, 0x0010, 0x0010), ["DOE^JOHN"]);
        assert_eq!(texts(&d, 0x0010, 0x0030), ["19700203"]);
    }

    #[test]
    fn older_header_quotes_escapes_and_shortened_values() {
        let text = "------------ Match #0 ------------\n\
            (0008,1030) StudyDescription             LO (1, 70 bytes): \"CHEST \\\"PA\\\" AND LATERAL VIEWS, WITH A VERY LONG D...\n\
            (0010,0010) PatientName                  PN (1,  8 bytes): \"DOE^JOHN\"\n\
            (0010,1000) OtherPatientIDs              LO (3, 20 bytes): [\"A1\", \"B2\", \"C3...\n\
            (0020,4000) ImageComments                LT (1, 12 bytes): \"one␊two\"\n\
            (0008,0030) StudyTime                    TM (1,  6 bytes): 10:20:30\n\
            (0009,1001) «Unknown Attribute»          UN (1,  8 bytes): [44, 4F, 45, 5E, 4A, 4F, 48, 4E]\n\
            (0028,0010) Rows                         US (1,  2 bytes): 512\n\
            (0008,0090) ReferringPhysicianName       PN (0,  0 bytes): (no value)\n";
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].location, "line 1");
        let ds = &d.records[0].dataset;
        assert_eq!(
            ds.top_text(0x0008, 0x1030).as_deref(),
            Some("CHEST \"PA\" AND LATERAL VIEWS, WITH A VERY LONG D")
        );
        assert_eq!(ds.top_text(0x0010, 0x0010).as_deref(), Some("DOE^JOHN"));
        assert_eq!(
            ds.top(0x0010, 0x1000).unwrap().value,
            Value::Text(vec!["A1".into(), "B2".into(), "C3".into()])
        );
        assert_eq!(ds.top_text(0x0020, 0x4000).as_deref(), Some("one\ntwo"));
        assert_eq!(ds.top_text(0x0008, 0x0030).as_deref(), Some("102030"));
        assert_eq!(
            ds.top(0x0009, 0x1001).unwrap().value,
            Value::Binary {
                len: 8,
                text: Some("DOE^JOHN".into())
            }
        );
        assert_eq!(ds.top_text(0x0028, 0x0010).as_deref(), Some("512"));
        assert_eq!(ds.top(0x0008, 0x0090).unwrap().value, Value::Empty);
        assert_eq!(
            d.warnings,
            ["2 value(s) were shortened by the tool (`...`); only their start was read"]
        );
    }

    #[test]
    fn garbage_lines_are_skipped_and_counted_without_content() {
        let text = "------------ Match #0 ------------\n\
            (0010,0010) PatientName                  PN (1,  8 bytes): \"DOE^JOHN\"\n\
            (0010,00ZZ) PatientName                  PN (1, 11 bytes): \"SECRET^NAME\"\n\
            (0010,0020) PatientID                    LO BROKEN \"SECRET^ID\"\n\
            (0010,0030) PatientBirthDate             DA (1,  8 bytes): 1970-02-03\n";
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(d.records[0].dataset.elements.len(), 2);
        assert_eq!(d.warnings, ["2 malformed element line(s) skipped"]);
        assert!(!d.warnings.iter().any(|w| w.contains("SECRET")));
    }

    #[test]
    fn garbage_never_panics() {
        let inputs: [&[u8]; 9] = [
            b"",
            b"\n\n",
            b"(0010,0010)",
            b"(0010,0010) PatientName PN (",
            b"(0010,0010) PatientName PN (1, 8 bytes): \"",
            b"(0010,0010) PatientName PN (1, 8 bytes): [\"A\\",
            b"(0010,0010) PatientName PN (1, 8 bytes): [",
            b"    (FFFE,E000) na Item\n      (0010,0010) X PN (1, 1 bytes): \"\xe9\"\n\x1b[",
            b"Match #\n--- Match #x ---\n(0010,1002) S SQ (x Items)\n",
        ];
        for input in inputs {
            let _ = decode(input);
        }
    }

    #[test]
    fn a_part_counts_its_lines_from_where_it_starts_in_the_file() {
        let part = b"------------ Match #7 ------------\n\
            (0010,0010) PatientName                  PN (1,  8 bytes): \"DOE^JOHN\"\n";
        let d = decode_at(part, 501).unwrap();
        assert_eq!(d.records[0].location, "line 501");
        assert!(is_part_start(
            b"------------------------ Match #12 ------------------------\r"
        ));
        assert!(is_part_start(b"Match #3 Response command:"));
        assert!(!is_part_start(
            b"(0010,0010) PatientName PN (1, 8 bytes): \"Match #3\""
        ));
        assert!(!is_part_start(b"--- Match #3 Response command: ---"));
    }

    #[test]
    fn limits() {
        text_dump::test_support::assert_limits(
            decode_with,
            "------------ Match #0 ------------\n\
             (0010,0020) PatientID                    LO (1,  2 bytes): \"X1\"\n",
            |level| {
                let pad = " ".repeat(level * 6);
                format!(
                    "{pad}(0040,A730) ContentSequence              SQ (1 Item)\n\
                     {pad}    (FFFE,E000) na Item\n"
                )
            },
        );
    }

    #[test]
    fn sniff_accepts_dicom_rs_output_and_rejects_other_text_dumps() {
        assert!(sniff(VERBOSE.as_bytes()));
        assert!(sniff(
            b"(0010,0010) PatientName                  PN (1,  8 bytes): \"DOE^JOHN\"\n"
        ));
        assert!(!sniff(
            b"# Dicom-Data-Set\n(0010,0010) PN [DOE^JOHN]   #   8, 1 PatientName\n"
        ));
        assert!(!sniff(b"(0010,0010) PN [DOE^JOHN] PatientName\n"));
        assert!(sniff(
            b"[2026-11-28T10:00:00Z INFO  dicom_findscu] Association established\n"
        ));
        assert!(!sniff(b"PatientName,PatientID\nDOE^JOHN,1\n"));
    }
}
