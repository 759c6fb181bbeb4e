//! Large exports read in parts: cut at record boundaries, each part decoded by the format's
//! own decoder, all parts merged into one report. Memory holds about one part (plus one record
//! that straddles its end) and the report, never the whole file.
//!
//! A part is cut only where the whole-file decoder would have ended a record anyway, and each
//! part after the first is decoded with what it needs from the start of the file (where it
//! starts, a worklist's header row and delimiter), so the report is the one reading the whole
//! file would have given.

use std::io::{self, Read, Seek, SeekFrom};

use super::{
    undecodable, ExportReport, EXPORT_CHUNK_BYTES, MAX_EXPORT_PART_BYTES, MAX_STREAMED_EXPORT_BYTES,
};
use crate::decode::{
    csv, dcm4che_text, dcmtk_text, dicom_json, dicom_rs_text, dicom_xml, nmap, orthanc_json,
    DecodeError, Decoded, Origin, Warning,
};
use crate::detect::DetectOptions;
use crate::report::{FileReport, FileStatus};
use crate::sniff::PartKind;

/// How the parts of one file are cut and decoded, and where the next one starts.
enum Parts {
    DcmtkText {
        /// A dcmdump of many files (no findscu responses): also cut before each file.
        file_starts: bool,
    },
    /// Line-oriented logs whose parts start at a line `starts` accepts.
    Lines {
        starts: fn(&[u8]) -> bool,
        decode_at: fn(&[u8], usize) -> Result<Decoded, DecodeError>,
    },
    Worklist {
        delimiter: u8,
        /// The file's header record, line break included (and a byte order mark, if it is
        /// the first row; title lines above it are left out).
        header: Vec<u8>,
        /// Row number (from 1, the header being row 1) of the next part's first record.
        next_row: usize,
    },
    JsonArray {
        /// Index in the file's array of the next part's first element.
        next_index: usize,
        /// The format's decoder, told the index of the part's first element and where the
        /// part sits in the file.
        decode_at: fn(&[u8], usize, Origin) -> Result<Decoded, DecodeError>,
    },
    XmlResponses {
        /// The file up to its first `<data-set>`: the XML declaration and `<responses ...>`.
        opening: Vec<u8>,
        /// Responses in the parts before this one.
        next_response: usize,
    },
    XmlRoots {
        /// The file's XML declaration, if it starts with one.
        declaration: Vec<u8>,
        /// The end tag of the file's first root, as written (`</NativeDicomModel>`).
        end_tag: Vec<u8>,
        /// Roots in the parts before this one.
        roots: usize,
    },
    Nmap {
        output: nmap::Output,
        /// XML: the file up to the end of its `<nmaprun ...>` tag.
        opening: Vec<u8>,
        /// Hosts in the parts before this one.
        hosts: usize,
    },
}

/// Where a part sits in its file.
#[derive(Debug, Clone, Copy)]
struct PartAt {
    /// The file's first part; its last one.
    first: bool,
    last: bool,
    /// Byte offset and line number (from 1) of the part's first byte.
    byte: u64,
    line: usize,
}

impl PartAt {
    /// The part's place for its decoder, whose document has `prefix` (copied from the file's
    /// start) before the part.
    fn origin(self, prefix: &[u8]) -> Origin {
        Origin {
            prefix: prefix.len(),
            byte: self.byte,
            line: self.line,
        }
    }
}

/// What ends a response in DCMTK's XML (values are escaped, so it never occurs inside one).
const RESPONSE_END: &[u8] = b"</data-set>";
const RESPONSES_END: &[u8] = b"</responses>";
/// What ends a host in nmap's XML (`</hosthint>` and `</hostnames>` do not match).
const HOST_END: &[u8] = b"</host>";
const NMAPRUN_END: &[u8] = b"</nmaprun>";

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Scan an export of `size` bytes from `reader` in parts. `Ok(None)` when it cannot be cut
/// after all (no record boundary in its first chunk, a worklist with no header row in its
/// first chunk): the caller then reads it whole.
pub(super) fn scan_parts<R: Read + Seek>(
    file_name: &str,
    reader: &mut R,
    size: u64,
    kind: PartKind,
    options: &DetectOptions,
) -> io::Result<Option<FileReport>> {
    if size > MAX_STREAMED_EXPORT_BYTES {
        return Ok(Some(FileReport::failed(
            file_name,
            FileStatus::Unsupported,
            format!(
                "This export is larger than {} GiB, the most this tool reads; split it into \
                 smaller files.",
                (MAX_STREAMED_EXPORT_BYTES + 1) >> 30
            ),
        )));
    }
    reader.seek(SeekFrom::Start(0))?;
    match kind {
        PartKind::Utf16Worklist { little_endian } => {
            let mut utf8 = Utf16AsUtf8::new(reader, little_endian);
            read_parts(file_name, &mut utf8, PartKind::Worklist, options)
        }
        _ => read_parts(file_name, reader, kind, options),
    }
}

/// Scan the export `reader` holds from its start, in parts. See [`scan_parts`].
fn read_parts<R: Read>(
    file_name: &str,
    reader: &mut R,
    kind: PartKind,
    options: &DetectOptions,
) -> io::Result<Option<FileReport>> {
    let mut buf = Vec::new();
    let mut target = EXPORT_CHUNK_BYTES;
    let mut at_end = read_up_to(reader, &mut buf, target)?;
    let Some(mut parts) = Parts::start(kind, &buf) else {
        return Ok(None);
    };
    let mut report = ExportReport::new(file_name, options);
    // Where in the file `buf` starts.
    let (mut byte, mut line) = (0u64, 1usize);
    loop {
        let cut = if at_end {
            Some(buf.len())
        } else {
            parts.cut(&buf)
        };
        let Some(cut) = cut else {
            if report.parts_read() == 0 {
                return Ok(None);
            }
            if buf.len() >= MAX_EXPORT_PART_BYTES {
                return Ok(Some(too_long_record(file_name)));
            }
            // One record is longer than a chunk: read on until it ends.
            target += EXPORT_CHUNK_BYTES;
            at_end = read_up_to(reader, &mut buf, target)?;
            continue;
        };
        let at = PartAt {
            first: report.parts_read() == 0,
            last: at_end && cut == buf.len(),
            byte,
            line,
        };
        match parts.decode(&buf[..cut], at) {
            Ok(decoded) => report.add(decoded),
            Err(e) => return Ok(Some(undecodable(file_name, &e))),
        }
        // Parts end at a line start or a record end, so their line breaks are their lines.
        line += buf[..cut].iter().filter(|&&b| b == b'\n').count();
        byte += cut as u64;
        buf.drain(..cut);
        if at_end {
            report.add_warnings(parts.closing_warnings());
            return Ok(Some(report.finish()));
        }
        target = EXPORT_CHUNK_BYTES;
        at_end = read_up_to(reader, &mut buf, target)?;
    }
}

/// UTF-16 text (after its byte order mark) read as UTF-8, without the mark. Unpaired
/// surrogates and an odd last byte become U+FFFD, as when the file is decoded whole.
struct Utf16AsUtf8<'a, R> {
    inner: &'a mut R,
    little_endian: bool,
    /// Raw bytes read but not yet decoded (an odd byte, a high surrogate's two).
    raw: Vec<u8>,
    /// Decoded UTF-8 not yet handed out, from `out_at` on.
    out: Vec<u8>,
    out_at: usize,
    started: bool,
    ended: bool,
}

impl<'a, R: Read> Utf16AsUtf8<'a, R> {
    fn new(inner: &'a mut R, little_endian: bool) -> Self {
        Utf16AsUtf8 {
            inner,
            little_endian,
            raw: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            started: false,
            ended: false,
        }
    }

    /// Decode the next block of the file into `out`.
    fn fill(&mut self) -> io::Result<()> {
        const BLOCK: u64 = 64 * 1024;
        let got = self.inner.by_ref().take(BLOCK).read_to_end(&mut self.raw)?;
        self.ended = got == 0;
        let mut units: Vec<u16> = self
            .raw
            .chunks_exact(2)
            .map(|c| {
                if self.little_endian {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let mut used = units.len() * 2;
        if !self.started {
            self.started = true;
            if units.first().is_some_and(|&u| u == 0xFEFF) {
                units.remove(0);
            }
        }
        // A high surrogate at the end waits for its pair, unless the file ended.
        if !self.ended && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
            used -= 2;
        }
        let mut text = String::with_capacity(units.len());
        text.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
        if self.ended && self.raw.len() > used {
            text.push(char::REPLACEMENT_CHARACTER);
            used = self.raw.len();
        }
        self.raw.drain(..used);
        self.out = text.into_bytes();
        self.out_at = 0;
        Ok(())
    }
}

impl<R: Read> Read for Utf16AsUtf8<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_at == self.out.len() {
            if self.ended {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

/// Read on until `buf` holds `target` bytes or the file ends; whether it ended. Each read
/// asks for at most `target - buf.len()` bytes, never the rest of the file.
fn read_up_to<R: Read>(reader: &mut R, buf: &mut Vec<u8>, target: usize) -> io::Result<bool> {
    let want = target.saturating_sub(buf.len());
    let got = reader.by_ref().take(want as u64).read_to_end(buf)?;
    Ok(got < want)
}

fn too_long_record(file_name: &str) -> FileReport {
    FileReport::failed(
        file_name,
        FileStatus::Unsupported,
        format!(
            "This export has a record longer than {} MiB (no place to cut it was found); \
             it cannot be read in parts.",
            MAX_EXPORT_PART_BYTES >> 20
        ),
    )
}

impl Parts {
    /// How to cut a file that starts with `first` (its first chunk), if it can be cut.
    fn start(kind: PartKind, first: &[u8]) -> Option<Parts> {
        match kind {
            PartKind::DcmtkText => {
                let findscu = lines(first).any(|(_, line)| dcmtk_text::is_part_start(line, false));
                Some(Parts::DcmtkText {
                    file_starts: !findscu,
                })
            }
            PartKind::DicomRsText => Some(Parts::Lines {
                starts: dicom_rs_text::is_part_start,
                decode_at: dicom_rs_text::decode_at,
            }),
            PartKind::Dcm4cheText => Some(Parts::Lines {
                starts: dcm4che_text::is_part_start,
                decode_at: dcm4che_text::decode_at,
            }),
            PartKind::Worklist | PartKind::Utf16Worklist { .. } => {
                let (delimiter, header) = csv::part_header(first)?;
                Some(Parts::Worklist {
                    delimiter,
                    header: first.get(header)?.to_vec(),
                    next_row: 1,
                })
            }
            PartKind::DicomXml => {
                let (root_at, root) = first_root(first)?;
                if root.rsplit(|&b| b == b':').next() == Some(b"responses") {
                    let first_response = root_at + find(&first[root_at..], b"<data-set")?;
                    return Some(Parts::XmlResponses {
                        opening: first[..first_response].to_vec(),
                        next_response: 0,
                    });
                }
                let body = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
                let declaration = if body.starts_with(b"<?xml") {
                    body[..find(body, b"?>")? + 2].to_vec()
                } else {
                    Vec::new()
                };
                Some(Parts::XmlRoots {
                    declaration,
                    end_tag: [b"</", root, b">"].concat(),
                    roots: 0,
                })
            }
            PartKind::Nmap => {
                let output = nmap::output_of(first)?;
                let opening = match output {
                    nmap::Output::Xml => first[..nmaprun_tag_end(first)?].to_vec(),
                    _ => Vec::new(),
                };
                Some(Parts::Nmap {
                    output,
                    opening,
                    hosts: 0,
                })
            }
            // Only an array can be cut; a single data set or other JSON is read whole.
            PartKind::JsonArray | PartKind::OrthancArray => {
                let first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
                let decode_at = match kind {
                    PartKind::OrthancArray => orthanc_json::decode_at,
                    _ => dicom_json::decode_at,
                };
                (first.trim_ascii_start().first() == Some(&b'[')).then_some(Parts::JsonArray {
                    next_index: 0,
                    decode_at,
                })
            }
        }
    }

    /// Where to end the part that `buf` starts (the last boundary in it, so parts are as large
    /// as a chunk allows); `None` when `buf` holds no boundary past its start.
    fn cut(&self, buf: &[u8]) -> Option<usize> {
        match self {
            Parts::DcmtkText { file_starts, .. } => lines(buf)
                .filter(|&(start, line)| start > 0 && dcmtk_text::is_part_start(line, *file_starts))
                .last()
                .map(|(start, _)| start),
            Parts::Lines { starts, .. } => lines(buf)
                .filter(|&(start, line)| start > 0 && starts(line))
                .last()
                .map(|(start, _)| start),
            // The last record may be cut off by the end of the chunk: the part ends before it.
            Parts::Worklist { delimiter, .. } => {
                let ends = csv::record_ends(buf, *delimiter);
                let last_whole = ends.len().checked_sub(2)?;
                ends.get(last_whole).copied().filter(|&end| end > 0)
            }
            Parts::JsonArray { next_index, .. } => {
                element_ends(buf, start_depth(*next_index)).last().copied()
            }
            Parts::XmlResponses { .. } => after_last(buf, RESPONSE_END),
            Parts::XmlRoots { end_tag, .. } => after_last(buf, end_tag),
            Parts::Nmap { output, .. } => match output {
                nmap::Output::Xml => after_last(buf, HOST_END),
                nmap::Output::Normal => lines(buf)
                    .filter(|&(start, line)| {
                        start > 0 && line.starts_with(nmap::HOST_REPORT.as_bytes())
                    })
                    .last()
                    .map(|(start, _)| start),
                nmap::Output::Grepable => lines(buf)
                    .last()
                    .map(|(start, line)| start + line.len() + 1),
            },
        }
    }

    /// Warnings about the whole file, known once every part is decoded.
    fn closing_warnings(&self) -> Vec<Warning> {
        match self {
            Parts::Nmap { hosts: 0, .. } => vec![nmap::NO_HOST.into()],
            _ => Vec::new(),
        }
    }

    /// Decode one part, which sits in the file `at`, and move past it.
    fn decode(&mut self, part: &[u8], at: PartAt) -> Result<Decoded, DecodeError> {
        let first = at.first;
        match self {
            Parts::DcmtkText { .. } => dcmtk_text::decode_at(part, at.line),
            Parts::Lines { decode_at, .. } => decode_at(part, at.line),
            Parts::Worklist {
                delimiter,
                header,
                next_row,
            } => {
                let records = csv::record_ends(part, *delimiter).len();
                let decoded = if first {
                    csv::decode_at(part, 1, Some(*delimiter))
                } else {
                    // The header row goes first, numbered just before the part's first row,
                    // so the part's rows keep their numbers in the file.
                    let mut with_header = Vec::with_capacity(header.len() + part.len());
                    with_header.extend_from_slice(header);
                    with_header.extend_from_slice(part);
                    csv::decode_at(&with_header, next_row.saturating_sub(1), Some(*delimiter))
                };
                *next_row += records;
                decoded
            }
            Parts::XmlResponses {
                opening,
                next_response,
            } => {
                let prefix = if first { &[][..] } else { &opening[..] };
                let document = enclosed(prefix, part, RESPONSES_END);
                let decoded = dicom_xml::decode_part(
                    &document,
                    dicom_xml::Part {
                        origin: at.origin(prefix),
                        responses_before: *next_response,
                        roots_before: 0,
                    },
                );
                *next_response += count(part, RESPONSE_END);
                decoded
            }
            Parts::XmlRoots {
                declaration,
                end_tag,
                roots,
            } => {
                let prefix = if first { &[][..] } else { &declaration[..] };
                let document = [prefix, part].concat();
                let decoded = dicom_xml::decode_part(
                    &document,
                    dicom_xml::Part {
                        origin: at.origin(prefix),
                        responses_before: 0,
                        roots_before: *roots,
                    },
                );
                *roots += count(part, end_tag);
                decoded
            }
            Parts::Nmap {
                output,
                opening,
                hosts,
            } => {
                let prefix = if first { &[][..] } else { &opening[..] };
                // The last part keeps the file's own end: an interrupted scan's XML has none,
                // and is read as the whole file would be.
                let document = match (*output, at.last) {
                    (nmap::Output::Xml, false) => enclosed(prefix, part, NMAPRUN_END),
                    _ => [prefix, part].concat(),
                };
                let (decoded, found) =
                    nmap::decode_part(&document, *output, at.origin(prefix), *hosts)?;
                *hosts += found;
                Ok(decoded)
            }
            Parts::JsonArray {
                next_index,
                decode_at,
            } => {
                let ends = element_ends(part, start_depth(*next_index));
                // A later part gets a `[` before it (on its first line).
                let prefix: &[u8] = if first { b"" } else { b"[" };
                let decoded = decode_at(&as_array(part, first), *next_index, at.origin(prefix));
                // Each element but the last one of the file ends with its comma.
                *next_index += ends.len();
                decoded
            }
        }
    }
}

/// `prefix`, `part`, and `end_tag` when the part does not hold it (a part of the middle).
fn enclosed(prefix: &[u8], part: &[u8], end_tag: &[u8]) -> Vec<u8> {
    let mut document = Vec::with_capacity(prefix.len() + part.len() + end_tag.len());
    document.extend_from_slice(prefix);
    document.extend_from_slice(part);
    if find(part, end_tag).is_none() {
        document.extend_from_slice(end_tag);
    }
    document
}

/// Just past the last `end` in `buf` and the blank space after it (the line break after an
/// end tag stays with its part).
fn after_last(buf: &[u8], end: &[u8]) -> Option<usize> {
    let after = buf.windows(end.len()).rposition(|w| w == end)? + end.len();
    let rest = &buf[after..];
    Some(after + rest.len() - rest.trim_ascii_start().len())
}

/// The first element of an XML document: where its `<` is and its name as written
/// (`NativeDicomModel`, `dcm:NativeDicomModel`, `responses`).
fn first_root(xml: &[u8]) -> Option<(usize, &[u8])> {
    let mut from = 0;
    loop {
        let open = from + find(&xml[from..], b"<")?;
        let rest = &xml[open + 1..];
        if rest.starts_with(b"?") || rest.starts_with(b"!") {
            from = open + 1;
            continue;
        }
        let end = rest
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')?;
        return Some((open, &rest[..end]));
    }
}

/// Just past the `>` of the `<nmaprun ...>` tag (quotes followed: a value may hold `>`).
fn nmaprun_tag_end(xml: &[u8]) -> Option<usize> {
    let start = find(xml, b"<nmaprun")?;
    let mut quote = None;
    for (i, &b) in xml.iter().enumerate().skip(start) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Depth a JSON array part starts at: 0 at the file's start (before its `[`), else 1 (inside
/// the top-level array, between elements).
fn start_depth(next_index: usize) -> usize {
    usize::from(next_index > 0)
}

/// A part of the top-level array made an array of its own: the file's first part has the
/// `[`, the last the `]`; a comma that ends a part (the end of one element) is dropped.
fn as_array(part: &[u8], first: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(part.len() + 2);
    if !first {
        out.push(b'[');
    }
    match part.strip_suffix(b",") {
        Some(elements) => {
            out.extend_from_slice(elements);
            out.push(b']');
        }
        None => out.extend_from_slice(part),
    }
    out
}

/// Offsets just past each comma between elements of the top-level array in `buf`, which
/// starts at `depth` (0: before the array, 1: between its elements). Strings are skipped,
/// escapes included, so a comma or bracket in a value never counts. Scanning stops where the
/// array closes: what follows (another JSON document) is not cut.
fn element_ends(buf: &[u8], mut depth: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in buf.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => ends.push(i + 1),
            _ => {}
        }
    }
    ends
}

/// The complete lines of `buf` (ended by a line break), each with the offset it starts at.
fn lines(buf: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    buf.split_inclusive(|&b| b == b'\n')
        .filter_map(move |piece| {
            let at = start;
            start += piece.len();
            piece.strip_suffix(b"\n").map(|line| (at, line))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_elements_end_at_top_level_commas_only() {
        let json = br#"[{"a":"x,]\"},"},{"b":[1,2]},3] , [4,5]"#;
        let ends = element_ends(json, 0);
        let cut: Vec<&[u8]> = ends.iter().map(|&e| &json[..e]).collect();
        assert_eq!(
            cut,
            [
                &br#"[{"a":"x,]\"},"},"#[..],
                &br#"[{"a":"x,]\"},"},{"b":[1,2]},"#[..]
            ]
        );
        // A later part starts between elements.
        assert_eq!(element_ends(br#"{"c":","},{}]"#, 1), [10]);
    }

    #[test]
    fn utf16_is_read_as_utf8_across_blocks() {
        // The emoji's two units straddle the first 64 KiB block; the file ends on an odd byte.
        let text = format!("{}\u{1F600}b\u{e9}", "a".repeat(32766));
        for little_endian in [true, false] {
            let mut raw: Vec<u8> = Vec::new();
            for unit in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
                raw.extend(match little_endian {
                    true => unit.to_le_bytes(),
                    false => unit.to_be_bytes(),
                });
            }
            raw.push(b'x');
            let mut cursor = std::io::Cursor::new(raw);
            let mut utf8 = String::new();
            Utf16AsUtf8::new(&mut cursor, little_endian)
                .read_to_string(&mut utf8)
                .expect("UTF-8");
            assert_eq!(utf8, format!("{text}\u{FFFD}"));
        }
    }

    #[test]
    fn parts_of_an_array_are_arrays() {
        assert_eq!(as_array(b"[{},{},", true), b"[{},{}]");
        assert_eq!(as_array(b"\n{},{},", false), b"[\n{},{}]");
        assert_eq!(as_array(b"\n{}\n]\n", false), b"[\n{}\n]\n");
    }

    #[test]
    fn complete_lines_with_their_offsets() {
        let found: Vec<(usize, &[u8])> = lines(b"ab\n\ncd\nef").collect();
        assert_eq!(found, [(0, &b"ab"[..]), (3, &b""[..]), (4, &b"cd"[..])]);
    }

    #[test]
    fn a_worklist_without_a_header_or_in_utf16_bytes_is_not_cut() {
        let title = b"Export of 2024\nPatient Name,MRN\nDoe^Jane,1\n";
        let Some(Parts::Worklist { header, .. }) = Parts::start(PartKind::Worklist, title) else {
            panic!("a header below a title line");
        };
        assert_eq!(header, b"Patient Name,MRN\n");
        assert!(Parts::start(PartKind::Worklist, b"12,34\n56,78\n").is_none());
        // UTF-16 bytes are never cut as they are: they are read as UTF-8 first.
        let utf16 = b"\xFF\xFEP\0a\0";
        assert!(Parts::start(PartKind::Worklist, utf16).is_none());
        let plain = b"Patient Name,MRN\nDoe^Jane,1\n";
        assert!(Parts::start(PartKind::Worklist, plain).is_some());
        assert!(Parts::start(PartKind::JsonArray, b"  {\"a\":1}").is_none());
    }

    #[test]
    fn dicom_xml_is_cut_after_a_response_or_a_root() {
        let answer = b"<?xml version=\"1.0\"?>\n<responses type=\"C-FIND\">\n<data-set>";
        assert!(matches!(
            Parts::start(PartKind::DicomXml, answer),
            Some(Parts::XmlResponses { .. })
        ));
        // Roots are cut after their end tag as written, namespace prefix included.
        let native = b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- x -->\n\
            <dcm:NativeDicomModel xmlns:dcm=\"u\"><DicomAttribute/></dcm:NativeDicomModel>\n\
            <?xml version=\"1.0\"?><dcm:NativeDicomModel>";
        let parts = Parts::start(PartKind::DicomXml, native).expect("cut between roots");
        let Parts::XmlRoots {
            declaration,
            end_tag,
            ..
        } = &parts
        else {
            panic!("not cut between roots");
        };
        assert_eq!(declaration, b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assert_eq!(end_tag, b"</dcm:NativeDicomModel>");
        let cut = parts.cut(native).expect("a root ends");
        assert!(native[..cut].ends_with(b"</dcm:NativeDicomModel>\n"));
        // One dumped file holds no end before the end of the file: it is read whole.
        let dump = b"<?xml version=\"1.0\"?><file-format><data-set><element>";
        let parts = Parts::start(PartKind::DicomXml, dump).expect("a root");
        assert_eq!(parts.cut(dump), None);
    }

    #[test]
    fn nmap_output_is_cut_between_hosts() {
        let xml = b"<?xml version=\"1.0\"?>\n<nmaprun args=\"nmap -oX - a>b\" v='>'>\n\
            <host><address addr=\"10.0.0.1\"/></host>\n<hosthint><status/></hosthint>\n<host>";
        let parts = Parts::start(PartKind::Nmap, xml).expect("nmap XML");
        let Parts::Nmap { opening, .. } = &parts else {
            panic!("not nmap");
        };
        assert!(
            opening.ends_with(b"v='>'>"),
            "{}",
            String::from_utf8_lossy(opening)
        );
        let cut = parts.cut(xml).expect("a host ends");
        assert!(xml[..cut].ends_with(b"</host>\n"));

        let normal = b"# Nmap 7.93 scan initiated\nNmap scan report for a (10.0.0.1)\n\
            4242/tcp open dicom\nNmap scan report for b (10.0.0.2)\n4242/tcp open";
        let parts = Parts::start(PartKind::Nmap, normal).expect("nmap output");
        let cut = parts.cut(normal).expect("a second host");
        assert!(normal[cut..].starts_with(b"Nmap scan report for b"));

        let grepable = b"# Nmap 7.93\nHost: 10.0.0.1 ()\tPorts: 4242/open/tcp//dicom///\nHost: 10";
        let parts = Parts::start(PartKind::Nmap, grepable).expect("grepable output");
        let cut = parts.cut(grepable).expect("a whole line");
        assert_eq!(&grepable[cut..], b"Host: 10");
    }

    #[test]
    fn a_worklist_part_ends_before_its_possibly_cut_last_record() {
        let parts = Parts::start(PartKind::Worklist, b"Name,MRN\n\"Doe,\nJane\",1\n\"Ro")
            .expect("a header first");
        let buf = b"\"Doe,\nJane\",1\n\"Roe\n";
        assert_eq!(parts.cut(buf), Some(14));
        assert_eq!(parts.cut(b"\"Doe,\nJa"), None);
    }
}
