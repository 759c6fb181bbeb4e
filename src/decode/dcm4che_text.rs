//! dcm4che `findscu` console output: the DIMSE log, with data sets at DEBUG level.
//!
//! Read from the sources (repository dcm4che/dcm4che): `dcm4che-net/.../PDUDecoder.java`
//! logs each received message at INFO (`FINDSCU->PACS(1) >> 1:C-FIND-RSP[pcid=1, status=ff00H`
//! and continuation lines) and at DEBUG its command (`>> 1:C-FIND-RSP Command:`) and data set
//! (`>> 1:C-FIND-RSP Dataset:`), each followed by `Attributes.toString()` and a blank line;
//! sent messages are logged the same way with `<<` (the request, `<< 1:C-FIND-RQ Dataset:`,
//! is not a match). Some releases log `>> 1:N-EVENT-REPORT-RQ Dataset receiving...` and then
//! `Dataset:` on a line of its own. `Attributes.toString()` (`dcm4che-core/.../Attributes.java`,
//! `appendAttribute`, `appendItems`) prints one element a line, items with one `>` per level:
//!
//! ```text
//! (0010,0010) PN [DOE^JOHN] PatientName
//! (0010,1002) SQ [1 Items] OtherPatientIDsSequence
//! >Item #1
//! >(0010,0020) LO [ID-1] PatientID
//! ```
//!
//! Values are trimmed and backslash-separated; a line is cut at 78 characters, so a long value
//! loses its `] Keyword` and its end, and a long keyword its end; after 50 lines the dump
//! stops with a `...` line. Every response data set becomes a [`Record`](super::Record).

use super::dataset::{Element, Value};
use super::limits::{Limits, LIMITS};
pub use super::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_RECORDS};
use super::text_dump::{self, is_command_set, keep_record, line_text, sniff_lines};
use super::ExportFormat;
use super::{DecodeError, Decoded, Failure};

pub const FORMAT: ExportFormat = ExportFormat::Dcm4cheFindscu;

const SNIFF_BYTES: usize = 4096;

/// Whether the start of `bytes` looks like a dcm4che tool's log or `Attributes` dump.
pub fn sniff(bytes: &[u8]) -> bool {
    const MARKERS: [&str; 5] = [
        "A-ASSOCIATE-RQ[",
        "A-ASSOCIATE-AC[",
        ":C-FIND-RQ[",
        ":C-FIND-RSP[",
        "enter state: Sta",
    ];
    sniff_lines(bytes, SNIFF_BYTES, |line| {
        let line = line.trim();
        MARKERS.iter().any(|m| line.contains(m))
            || matches!(
                parse_line(line),
                Some(Line::Element {
                    keyword: Some(_),
                    ..
                })
            )
    })
}

/// Decode a dcm4che log into one record per response data set.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_at(bytes, 1)
}

/// Decode a part of a larger log that starts at line `first_line` of the file, so that
/// record locations count from the file's start.
pub fn decode_at(bytes: &[u8], first_line: usize) -> Result<Decoded, DecodeError> {
    decode_with(bytes, first_line, LIMITS)
}

/// Whether a log line names a DIMSE message (`>> 1:C-FIND-RSP[...`, `<< 1:C-FIND-RQ
/// Dataset:`): a large log can be cut before it, since such a line ends any dump and says by
/// itself whose data set follows.
pub fn is_part_start(raw: &[u8]) -> bool {
    let line = String::from_utf8_lossy(raw);
    let start = line.trim_start();
    !start.starts_with('(') && !start.starts_with('>') && message_kind(&line).is_some()
}

/// Whose data set a dump is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// A dump with no log line before it.
    None,
    Command,
    Request,
    Response,
}

/// The kind of the DIMSE message a log line names (`1:C-FIND-RSP`, `3:N-EVENT-REPORT-RQ`).
fn message_kind(line: &str) -> Option<Context> {
    line.split_whitespace().find_map(|word| {
        let word = word.split('[').next().unwrap_or(word);
        let (id, name) = word.split_once(':')?;
        if id.is_empty() || !id.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if name.ends_with("-RSP") {
            Some(Context::Response)
        } else if name.ends_with("-RQ") {
            Some(Context::Request)
        } else {
            None
        }
    })
}

#[derive(Debug, PartialEq)]
enum Line<'a> {
    /// `>Item #1`, at this many `>`.
    Item { depth: usize },
    Element {
        depth: usize,
        group: u16,
        element: u16,
        vr: &'a str,
        value: &'a str,
        /// The keyword after the value; `None` when the line was cut inside the value.
        keyword: Option<&'a str>,
    },
}

/// Parse `>>(gggg,eeee) VR [value] Keyword` or `>Item #N`.
fn parse_line(line: &str) -> Option<Line<'_>> {
    let body = line.trim_start_matches('>');
    let depth = line.len() - body.len();
    if let Some(n) = body.strip_prefix("Item #") {
        return (depth > 0 && !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
            .then_some(Line::Item { depth });
    }
    let b = body.as_bytes();
    if b.len() < 16 || b[0] != b'(' || b[5] != b',' || b[10] != b')' || b[11] != b' ' {
        return None;
    }
    if b[14] != b' ' || b[15] != b'[' {
        return None;
    }
    let hex = |s: &str| -> Option<u16> {
        (s.len() == 4 && s.bytes().all(|c| c.is_ascii_hexdigit()))
            .then(|| u16::from_str_radix(s, 16).ok())
            .flatten()
    };
    let group = hex(body.get(1..5)?)?;
    let element = hex(body.get(6..10)?)?;
    let vr = body.get(12..14)?;
    if !vr.bytes().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let rest = &body[16..];
    // A value may itself hold `]`: it ends at the last `]` followed by nothing but a keyword
    // (cut short, or none for an unknown private tag).
    let end = rest.rmatch_indices(']').map(|(i, _)| i).find(|&i| {
        let tail = &rest[i + 1..];
        tail.is_empty()
            || tail
                .strip_prefix(' ')
                .is_some_and(|k| k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_'))
    });
    let (value, keyword) = match end {
        Some(i) => (&rest[..i], Some(rest[i + 1..].trim())),
        None => (rest, None),
    };
    Some(Line::Element {
        depth,
        group,
        element,
        vr,
        value,
        keyword,
    })
}

type Block = text_dump::Block<Context>;

#[derive(Default)]
struct Warnings {
    common: text_dump::Warnings,
    cut_data_sets: usize,
}

fn error(failure: Failure) -> DecodeError {
    failure.of(FORMAT)
}

fn decode_with(bytes: &[u8], first_line: usize, limits: Limits) -> Result<Decoded, DecodeError> {
    limits.check_input(bytes.len()).map_err(error)?;
    let mut warnings = Warnings::default();
    let mut block: Option<Block> = None;
    let mut pending = Context::None;
    let mut request_level = None;
    let mut decoded = Decoded::new(FORMAT);

    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = first_line + index;
        let raw = limits.cut_line(raw, line_no, &mut warnings.common.long_lines);
        let text = line_text(raw, &mut warnings.common.latin1_lines);
        let line = text.trim_end();
        // Indented only when pasted into a document or mail; dcm4che itself does not indent.
        let element = line.trim_start();

        if element.starts_with('(') || element.starts_with('>') {
            let Some(parsed) = parse_line(element) else {
                warnings.common.malformed_lines += 1;
                continue;
            };
            let b = block.get_or_insert_with(|| {
                warnings.common.orphan_lines += 1;
                Block::new(line_no, Context::None)
            });
            add_line(b, parsed, line_no, limits, &mut warnings).map_err(error)?;
            continue;
        }
        if line == "..." && block.is_some() {
            // `Attributes.toString()` stops after 50 lines.
            warnings.cut_data_sets += 1;
            continue;
        }

        // Any other line is a log message (or its continuation): it ends a dump.
        finish(&mut block, &mut decoded, &mut request_level, limits)?;
        let kind = message_kind(line);
        if line.ends_with("Command:") {
            block = Some(Block::new(line_no, Context::Command));
        } else if line.ends_with("Dataset:") {
            block = Some(Block::new(line_no, kind.unwrap_or(pending)));
        }
        if let Some(kind) = kind {
            pending = kind;
        }
    }
    finish(&mut block, &mut decoded, &mut request_level, limits)?;

    let response_level = decoded.records.iter().find_map(|r| r.dataset.query_level());
    decoded.query_level = request_level.or(response_level);
    warnings.common.push_to(
        &mut decoded.warnings,
        "element dump(s) without a `Dataset:` log line read as data sets",
        "value(s) were cut at the log's line width; only their start was read",
        &[(
            warnings.cut_data_sets,
            "data set(s) were cut by the tool after 50 lines (`...`); the rest was not logged",
        )],
    );
    Ok(decoded)
}

fn finish(
    block: &mut Option<Block>,
    decoded: &mut Decoded,
    request_level: &mut Option<String>,
    limits: Limits,
) -> Result<(), DecodeError> {
    let Some(b) = block.take() else {
        return Ok(());
    };
    let command_only = is_command_set(&b.dataset);
    match b.context {
        Context::Command => return Ok(()),
        Context::Request => {
            if request_level.is_none() {
                *request_level = b.dataset.query_level();
            }
            return Ok(());
        }
        Context::None | Context::Response if command_only => return Ok(()),
        Context::None | Context::Response => {}
    }
    keep_record(&mut decoded.records, limits, b.start_line, b.dataset).map_err(error)
}

const BINARY_VRS: [&str; 7] = ["OB", "OW", "OF", "OD", "OL", "OV", "UN"];
const SINGLE_VALUE_VRS: [&str; 4] = ["LT", "ST", "UT", "UR"];

fn add_line(
    block: &mut Block,
    line: Line<'_>,
    line_no: usize,
    limits: Limits,
    warnings: &mut Warnings,
) -> Result<(), Failure> {
    let (depth, group, element, vr, value, keyword) = match line {
        Line::Item { depth } => {
            // `parse_line` gives an item at least one `>`.
            if !block.nesting.next_item_at(depth - 1) {
                warnings.common.malformed_lines += 1;
            }
            return Ok(());
        }
        Line::Element {
            depth,
            group,
            element,
            vr,
            value,
            keyword,
        } => (depth, group, element, vr, value, keyword),
    };
    let path = if block.nesting.close_to(depth) {
        block.nesting.path(group, element)
    } else {
        None
    };
    let Some(path) = path else {
        // Deeper than any open item.
        warnings.common.malformed_lines += 1;
        return Ok(());
    };
    if keyword.is_none() {
        warnings.common.shortened_values += 1;
    }
    if vr == "SQ" {
        let items = value
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let (dataset, deep) = (&mut block.dataset, &mut warnings.common.deep);
        block
            .nesting
            .open_sequence(dataset, path, items, 0, line_no, limits, deep);
        return Ok(());
    }
    if BINARY_VRS.contains(&vr) {
        // Printed as numbers, one a byte or word; whether they spell text is not known.
        let count = if value.is_empty() {
            0
        } else {
            value.split('\\').count() as u64
        };
        block.dataset.elements.push(Element {
            path,
            vr: vr.into(),
            value: Value::Binary {
                len: count,
                text: None,
            },
        });
        return Ok(());
    }
    let values = if SINGLE_VALUE_VRS.contains(&vr) {
        vec![value.to_string()]
    } else {
        value.split('\\').map(str::to_string).collect()
    };
    block.dataset.push_text(path, vr, values);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::text_dump::test_support::texts;

    // Modelled on dcm4che 5 sources (dcm4che/dcm4che: dcm4che-net PDUDecoder.java log lines,
    // dcm4che-core Attributes.java `toString`/`appendAttribute`/`appendItems`) and on a
    // published dcm4che 5.23 movescu DEBUG log (same Association logging): `<<` for what the
    // tool sends, `>>` for what it receives, a blank line after each dump.
    const DEBUG_LOG: &str = "\
10:00:00,100 INFO  - Initiate connection from 0.0.0.0/0.0.0.0:0 to 127.0.0.1:11112
10:00:00,110 INFO  - FINDSCU->PACS(1) << A-ASSOCIATE-RQ
10:00:00,150 INFO  - FINDSCU->PACS(1) << 1:C-FIND-RQ[pcid=1, prior=0
  cuid=1.2.840.10008.5.1.4.1.2.2.1 - Study Root Query/Retrieve Information Model - FIND
  tsuid=1.2.840.10008.1.2 - Implicit VR Little Endian]
10:00:00,151 DEBUG - FINDSCU->PACS(1) << 1:C-FIND-RQ Command:
(0000,0002) UI [1.2.840.10008.5.1.4.1.2.2.1] AffectedSOPClassUID
(0000,0100) US [32] CommandField

10:00:00,152 DEBUG - FINDSCU->PACS(1) << 1:C-FIND-RQ Dataset:
(0008,0052) CS [STUDY] QueryRetrieveLevel
(0010,0010) PN [REQUEST^ECHO] PatientName

10:00:00,200 INFO  - FINDSCU->PACS(1) >> 1:C-FIND-RSP[pcid=1, status=ff00H
  tsuid=1.2.840.10008.1.2 - Implicit VR Little Endian]
10:00:00,201 DEBUG - FINDSCU->PACS(1) >> 1:C-FIND-RSP Command:
(0000,0100) US [32800] CommandField
(0000,0900) US [65280] Status

10:00:00,202 DEBUG - FINDSCU->PACS(1) >> 1:C-FIND-RSP Dataset:
(0008,0020) DA [20240105] StudyDate
(0008,0052) CS [STUDY] QueryRetrieveLevel
(0008,1030) LO [KNEE [LEFT] MRI] StudyDescription
(0010,0010) PN [DOE^JOHN] PatientName
(0010,0020) LO [MRN001] PatientID
(0010,1001) PN [DOE^J\\DOE^JOHNNY] OtherPatientNames
(0010,1002) SQ [2 Items] OtherPatientIDsSequence
>Item #1
>(0010,0020) LO [ID-1] PatientID
>Item #2
>(0010,0010) PN [ROE^JANE] PatientName
(0020,000D) UI [1.2.826.0.1.3680043.8.498.12345678901234567890123456789012
(0020,1208) IS [12] NumberOfStudyRelatedInstances

10:00:00,300 INFO  - FINDSCU->PACS(1) >> 1:C-FIND-RSP[pcid=1, status=ff00H
  tsuid=1.2.840.10008.1.2 - Implicit VR Little Endian]
10:00:00,301 DEBUG - FINDSCU->PACS(1) >> 1:C-FIND-RSP Dataset:
(0010,0010) PN [ROE^JANE] PatientName
(0010,0020) LO [MRN002] PatientID

10:00:00,400 INFO  - FINDSCU->PACS(1) >> 1:C-FIND-RSP[pcid=1, status=0H
  tsuid=1.2.840.10008.1.2 - Implicit VR Little Endian]
10:00:00,401 DEBUG - FINDSCU->PACS(1) >> 1:C-FIND-RSP Command:
(0000,0900) US [0] Status

10:00:00,500 INFO  - FINDSCU->PACS(1) << A-RELEASE-RQ
";

    #[test]
    fn each_response_data_set_is_a_record_and_the_request_is_not() {
        let d = decode(DEBUG_LOG.as_bytes()).unwrap();
        assert_eq!(d.format, FORMAT);
        assert_eq!(d.records.len(), 2);
        assert_eq!(d.records[0].location, "line 20");
        assert_eq!(d.records[1].location, "line 37");
        assert_eq!(texts(&d, 0x0010, 0x0010), ["DOE^JOHN", "ROE^JANE"]);
        assert_eq!(texts(&d, 0x0010, 0x0020), ["MRN001", "MRN002"]);
        assert_eq!(d.query_level.as_deref(), Some("STUDY"));
        let ds = &d.records[0].dataset;
        assert_eq!(
            ds.top_text(0x0008, 0x1030).as_deref(),
            Some("KNEE [LEFT] MRI")
        );
        assert_eq!(
            ds.top(0x0010, 0x1001).unwrap().value,
            Value::Text(vec!["DOE^J".into(), "DOE^JOHNNY".into()])
        );
        assert_eq!(
            ds.top_text(0x0020, 0x000D).as_deref(),
            Some("1.2.826.0.1.3680043.8.498.12345678901234567890123456789012")
        );
        assert_eq!(
            d.warnings,
            ["1 value(s) were cut at the log's line width; only their start was read"]
        );
    }

    #[test]
    fn sequence_items_nest_by_their_markers() {
        let d = decode(DEBUG_LOG.as_bytes()).unwrap();
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
                "(0008,1030)",
                "(0010,0010)",
                "(0010,0020)",
                "(0010,1001)",
                "(0010,1002)",
                "(0010,1002)[0].(0010,0020)",
                "(0010,1002)[1].(0010,0010)",
                "(0020,000D)",
                "(0020,1208)",
            ]
        );
        let ds = &d.records[0].dataset;
        assert_eq!(ds.elements[6].value, Value::Sequence { items: 2 });
        assert_eq!(ds.elements[8].value.text().as_deref(), Some("ROE^JANE"));
    }

    #[test]
    fn older_dataset_line_takes_its_message_from_the_line_before() {
        let log = "\
18:14:22,949 DEBUG - STGCMTSCU<-PACS(2) >> 1:N-EVENT-REPORT-RQ Dataset receiving...
18:14:22,949 DEBUG - Dataset:
(0008,1195) UI [2.25.1] TransactionUID

10:00:00,200 INFO  - FINDSCU->PACS(1) >> 1:C-FIND-RSP[pcid=1, status=ff00H
10:00:00,201 DEBUG - Dataset:
(0010,0010) PN [DOE^JOHN] PatientName
(0010,0020) LO [] PatientID
(0009,1001) LO [X] 
(0011,3654) SQ [] 
";
        let d = decode(log.as_bytes()).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].location, "line 6");
        let ds = &d.records[0].dataset;
        assert_eq!(ds.top_text(0x0010, 0x0010).as_deref(), Some("DOE^JOHN"));
        assert_eq!(ds.top(0x0010, 0x0020).unwrap().value, Value::Empty);
        assert_eq!(ds.top_text(0x0009, 0x1001).as_deref(), Some("X"));
        assert_eq!(
            ds.top(0x0011, 0x3654).unwrap().value,
            Value::Sequence { items: 0 }
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn a_log_pasted_with_indentation_is_read_the_same() {
        let indented: String = DEBUG_LOG.lines().map(|l| format!("  {l}\n")).collect();
        let a = decode(DEBUG_LOG.as_bytes()).unwrap();
        let b = decode(indented.as_bytes()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_dump_cut_after_50_lines_is_counted() {
        let mut log =
            String::from("10:00:00,201 DEBUG - FINDSCU->PACS(1) >> 1:C-FIND-RSP Dataset:\n");
        for i in 0..50 {
            log.push_str(&format!("(0011,{:04X}) LO [V{i}] \n", 0x1000 + i));
        }
        log.push_str("...\n\n");
        let d = decode(log.as_bytes()).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].dataset.elements.len(), 50);
        assert_eq!(
            d.warnings,
            ["1 data set(s) were cut by the tool after 50 lines (`...`); the rest was not logged"]
        );
    }

    #[test]
    fn garbage_lines_are_skipped_and_counted_without_content() {
        let log = "10:00:00,201 DEBUG - FINDSCU->PACS(1) >> 1:C-FIND-RSP Dataset:\n\
            (0010,0010) PN [DOE^JOHN] PatientName\n\
            (0010,00ZZ) PN [SECRET^NAME] PatientName\n\
            >>(0010,0020) LO [SECRET^ID] PatientID\n\
            (0010,0030) DA [19700203] PatientBirthDate\n";
        let d = decode(log.as_bytes()).unwrap();
        assert_eq!(d.records[0].dataset.elements.len(), 2);
        assert_eq!(d.warnings, ["2 malformed element line(s) skipped"]);
        assert!(!d.warnings.iter().any(|w| w.contains("SECRET")));
    }

    #[test]
    fn garbage_never_panics() {
        let inputs: [&[u8]; 8] = [
            b"",
            b"\n\n",
            b"(0010,0010) PN [",
            b"(0010,0010) PN []]]] ]",
            b">Item #",
            b">Item #1\n>>>(0010,0010) PN [A] B\n",
            b"Dataset:\n(0010,1002) SQ [x Items] S\n>Item #1\n>Item #2\n\xff\xfe",
            b"1:-RSP 2:C-FIND-RQ[ :[ Dataset:\n...\n",
        ];
        for input in inputs {
            let _ = decode(input);
        }
    }

    #[test]
    fn a_part_counts_its_lines_from_where_it_starts_in_the_file() {
        let part = b"10:00:00,301 DEBUG - FINDSCU->PACS(1) >> 7:C-FIND-RSP Dataset:\n\
            (0010,0010) PN [DOE^JOHN] PatientName\n";
        let d = decode_at(part, 901).unwrap();
        assert_eq!(d.records[0].location, "line 901");
        assert!(is_part_start(
            b"10:00:00,300 INFO  - FINDSCU->PACS(1) >> 12:C-FIND-RSP[pcid=1, status=ff00H\r"
        ));
        assert!(is_part_start(
            b"10:00:00,152 DEBUG - FINDSCU->PACS(1) << 1:C-FIND-RQ Dataset:"
        ));
        assert!(!is_part_start(b"10:00:00,201 DEBUG - Dataset:"));
        assert!(!is_part_start(
            b"(0000,0902) LO [see 1:C-FIND-RSP] ErrorComment"
        ));
        assert!(!is_part_start(
            b"  (0000,0902) LO [1:C-FIND-RSP] ErrorComment"
        ));
        assert!(!is_part_start(
            b"  tsuid=1.2.840.10008.1.2 - Implicit VR Little Endian]"
        ));
    }

    #[test]
    fn limits() {
        text_dump::test_support::assert_limits(
            decode_with,
            "10:00:00,201 DEBUG - A(1) >> 1:C-FIND-RSP Dataset:\n\
             (0010,0020) LO [X1] PatientID\n\n",
            |level| {
                let marks = ">".repeat(level);
                format!("{marks}(0040,A730) SQ [1 Items] ContentSequence\n>{marks}Item #1\n")
            },
        );
    }

    #[test]
    fn sniff_accepts_dcm4che_logs_and_rejects_dcmtk_dumps() {
        assert!(sniff(DEBUG_LOG.as_bytes()));
        assert!(sniff(b"(0010,0010) PN [DOE^JOHN] PatientName\n"));
        assert!(!sniff(
            b"# Dicom-Data-Set\n(0010,0010) PN [DOE^JOHN]   #   8, 1 PatientName\n"
        ));
        assert!(!sniff(
            b"I: (0010,0010) PN [DOE^JOHN]                               #   8, 1 PatientName\n"
        ));
        assert!(!sniff(
            b"(0010,0010) PatientName                  PN (1,  8 bytes): \"DOE^JOHN\"\n"
        ));
        assert!(!sniff(b"PatientName,PatientID\nDOE^JOHN,1\n"));
    }
}
