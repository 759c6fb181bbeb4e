//! DICOM as XML: DCMTK's own format and the PS3.19 Native DICOM Model.
//!
//! * DCMTK (`dcm2xml`, `findscu -Xx`): `<file-format>` (meta header and data set, one record),
//!   a bare `<data-set>`, or `<responses>` holding one `<data-set>` per C-FIND response
//!   (`findscu -Xs`). Elements are `<element tag="0010,0010" vr="PN" ...>DOE^JOHN</element>`,
//!   sequences `<sequence tag=...><item>...</item></sequence>`.
//! * Native DICOM Model (dcm4che `findscu -X`, `dcm2xml --native-format`): `<NativeDicomModel>`
//!   with `<DicomAttribute tag="00100010" vr="PN">`, `<Value>`, `<PersonName>` (rebuilt as the
//!   DICOM string `Family^Given^Middle^Prefix^Suffix`, groups joined by `=`), `<Item>`,
//!   `<BulkData>` and `<InlineBinary>` (length only). Several roots may follow each other
//!   (dcm4che `--out-cat`); each is a record.
//!
//! The reader streams (quick-xml events); nothing but the records is kept.

use super::ExportFormat;
use super::Warning;
use std::collections::HashMap;

use dicom_encoding::text::{SpecificCharacterSet, TextCodec};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::dataset::{Dataset, Element, PathStep, TagPath, Value};
use super::keywords::parse_tag;
use super::limits::{Limits, LIMITS};
use super::text::{hex_text, latin1};
use super::{DecodeError, Decoded, Failure, Limit, Origin, Position, Record, Syntax};

/// Format name for DCMTK's XML (`dcm2xml`, `findscu -Xx`/`-Xs`).
pub const FORMAT_DCMTK: ExportFormat = ExportFormat::DcmtkXml;
/// Format name for the PS3.19 Native DICOM Model.
pub const FORMAT_NATIVE: ExportFormat = ExportFormat::NativeXml;
/// Format name before the root element says which.
const FORMAT_ANY: ExportFormat = ExportFormat::DicomXml;

pub use super::limits::MAX_DICOM_XML_DEPTH as MAX_XML_DEPTH;
pub use super::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_RECORDS};
/// How many bytes of the input [`sniff`] looks at.
const SNIFF_BYTES: usize = 1024;

const ROOTS: [&str; 4] = ["file-format", "data-set", "responses", "NativeDicomModel"];

/// Whether the start of `bytes` is a DCMTK or Native DICOM Model XML document.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    if !text.trim_start().starts_with('<') {
        return false;
    }
    let mut rest = text.as_ref();
    while let Some(pos) = rest.find('<') {
        rest = &rest[pos + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let local = name.rsplit(':').next().unwrap_or(name);
        return ROOTS.contains(&local);
    }
    false
}

/// Decode DCMTK or Native DICOM Model XML into one record per data set.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, None, LIMITS)
}

/// Where a part of a larger XML file starts, so that locations and error positions count
/// from the file's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub origin: Origin,
    /// `findscu -Xs` responses (`<data-set>`s in `<responses>`) in the parts before.
    pub responses_before: usize,
    /// Roots (`<NativeDicomModel>`s of a concatenation, ...) in the parts before. A part of
    /// concatenated roots always numbers them (`/NativeDicomModel[7]`): the file has several.
    pub roots_before: usize,
}

/// Decode a part of a larger file: a `<responses>` document holding some of the file's
/// responses, or some of its concatenated roots.
pub fn decode_part(bytes: &[u8], part: Part) -> Result<Decoded, DecodeError> {
    decode_with(bytes, Some(part), LIMITS)
}

/// What an open XML element is to the decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Opens a record (`file-format`, a top-level or response `data-set`, `NativeDicomModel`).
    Record,
    /// `responses`: holds records.
    Responses,
    /// Inside a record but not a record itself (`meta-header`, `data-set` in `file-format`).
    Group,
    /// A leaf attribute (`element`, non-SQ `DicomAttribute`).
    Attribute,
    /// A sequence (its frame is on the frame stack).
    Sequence,
    /// An item of the innermost sequence.
    Item,
    /// Text to capture into the current attribute (`Value`, a PN component, `InlineBinary`).
    Capture(CaptureKind),
    /// A PN group (`Alphabetic`, `Ideographic`, `Phonetic`).
    PnGroup(usize),
    /// `PersonName`.
    PersonName,
    /// Anything else (ignored with its text).
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaptureKind {
    Value,
    Component(usize),
    InlineBinary,
}

/// A PN being rebuilt: three groups of five components.
#[derive(Debug, Default)]
struct PersonName {
    groups: [[String; 5]; 3],
    group: usize,
}

impl PersonName {
    fn to_dicom(&self) -> String {
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|g| {
                let mut comps: Vec<&str> = g.iter().map(String::as_str).collect();
                while comps.last().is_some_and(|c| c.is_empty()) {
                    comps.pop();
                }
                comps.join("^")
            })
            .collect();
        let mut groups: Vec<&str> = groups.iter().map(String::as_str).collect();
        while groups.last().is_some_and(|g| g.is_empty()) {
            groups.pop();
        }
        groups.join("=")
    }
}

/// A leaf attribute being read.
struct Attribute {
    path: TagPath,
    vr: String,
    values: Vec<String>,
    /// DCMTK `element` text (one string, values split by `\`).
    dcmtk_text: Option<String>,
    /// Binary per DCMTK's `binary`/`loaded` attributes, or a Native `BulkData`/`InlineBinary`.
    binary: bool,
    /// DCMTK `binary="yes"`: the text is hex bytes.
    hex: bool,
    len: Option<u64>,
    pn: Option<PersonName>,
    /// A DCMTK `element`, whose own text is the value.
    dcmtk: bool,
}

struct Frame {
    path: TagPath,
    /// Index of the sequence element in the data set (its item count is set at the end).
    index: usize,
    items: u32,
    /// A DCMTK pixel sequence (`<sequence vr="OB">` of `pixel-item`s): contents ignored.
    pixel: bool,
}

struct Open {
    location: String,
    dataset: Dataset,
    frames: Vec<Frame>,
    /// Private creators seen: (parent path steps, group, creator) → block.
    creators: HashMap<(Vec<PathStep>, u16, String), u16>,
}

#[derive(Default)]
struct Warnings {
    latin1_texts: usize,
    bad_entities: usize,
    bad_tags: usize,
    stray: usize,
    unknown_encoding: Option<String>,
    unfinished: bool,
}

enum Charset {
    Utf8,
    Dicom(SpecificCharacterSet),
}

struct State {
    limits: Limits,
    format: Option<ExportFormat>,
    roles: Vec<Role>,
    open: Option<Open>,
    attr: Option<Attribute>,
    capture: Vec<u8>,
    records: Vec<Record>,
    /// Root counts by name, to write `[n]` when a name repeats.
    roots: Vec<(String, usize)>,
    /// Roots in the parts of the file before this one.
    roots_before: usize,
    /// Number roots even when one of a name is seen (a part of a file that has several).
    indexed: bool,
    responses: usize,
    charset: Charset,
    warnings: Warnings,
}

/// Where XML stopped parsing: the error, and its offset in the bytes decoded.
struct Damage {
    error: DecodeError,
    at: usize,
}

/// Most restarts after damaged XML in one input (each a parse from the next record on).
const MAX_RESTARTS: usize = 10_000;

/// Decode, and past damaged XML go on from the next record's start tag: one bad spot costs
/// only the record it is in. The damage is said with its place.
fn decode_with(bytes: &[u8], part: Option<Part>, limits: Limits) -> Result<Decoded, DecodeError> {
    let (mut decoded, mut damage) = decode_run(bytes, part, limits)?;
    let Some(first) = damage.as_ref().map(|d| d.error.clone()) else {
        return Ok(decoded);
    };
    // Nothing read before the damage, in the file or in the parts before this one: the input
    // is not (readable) XML of this kind, and says so as an error.
    let read_before = part.is_some_and(|p| p.responses_before + p.roots_before > 0)
        || decoded
            .records
            .iter()
            .any(|r| !r.dataset.elements.is_empty());
    if !read_before {
        return Err(first);
    }
    let origin = part.map_or(Origin::FILE, |p| p.origin);
    let mut after = 0usize;
    // What the restarts parse is bounded, so that many damaged records cannot make it
    // quadratic.
    let mut budget = bytes.len().saturating_mul(2).saturating_add(1 << 20);
    for _ in 0..MAX_RESTARTS {
        let Some(d) = damage.take() else { break };
        if budget == 0 {
            break;
        }
        let Some(start) = next_record_start(bytes, d.at + 1) else {
            break;
        };
        let (line, byte) = origin.locate(bytes, start);
        let resumed = Part {
            origin: Origin {
                prefix: 0,
                byte,
                line,
            },
            responses_before: decoded.records.len(),
            roots_before: decoded.records.len(),
        };
        match decode_run(&bytes[start..], Some(resumed), limits) {
            Ok((more, next)) => {
                after += more.records.len();
                decoded.records.extend(more.records);
                more.warnings
                    .into_iter()
                    .for_each(|w| w.merge_into(&mut decoded.warnings));
                damage = next.map(|d| Damage {
                    at: d.at + start,
                    ..d
                });
                let parsed = damage.as_ref().map_or(bytes.len(), |d| d.at) - start;
                budget = budget.saturating_sub(parsed.max(1));
            }
            Err(error) => {
                damage = Some(Damage { error, at: start });
                budget = budget.saturating_sub(1);
            }
        }
    }
    let rest = match after {
        0 => "nothing after it could be read".to_string(),
        n => format!("{n} data set(s) after it were read"),
    };
    decoded.warnings.push(Warning::note(format!(
        "the XML is damaged ({}): what comes before it was read, {rest}",
        first.detail()
    )));
    Ok(decoded)
}

/// The next start tag of a record (a response's `data-set`, a `file-format`, a
/// `NativeDicomModel`) at or after `from`.
fn next_record_start(bytes: &[u8], from: usize) -> Option<usize> {
    const STARTS: [&[u8]; 3] = [b"<data-set", b"<file-format", b"<NativeDicomModel"];
    let rest = bytes.get(from..)?;
    (0..rest.len())
        .find(|&i| rest[i] == b'<' && STARTS.iter().any(|s| rest[i..].starts_with(s)))
        .map(|i| from + i)
}

fn decode_run(
    bytes: &[u8],
    part: Option<Part>,
    limits: Limits,
) -> Result<(Decoded, Option<Damage>), DecodeError> {
    limits
        .check_input(bytes.len())
        .map_err(|failure| failure.of(FORMAT_ANY))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let origin = part.map_or(Origin::FILE, |p| p.origin);
    // Line and byte in the file of a position in `body`.
    let locate = |at: u64| {
        let at = usize::try_from(at).unwrap_or(usize::MAX);
        origin.locate(bytes, at.saturating_add(bytes.len() - body.len()))
    };
    let mut reader = Reader::from_reader(body);
    reader.config_mut().check_end_names = true;
    let mut st = State {
        limits,
        format: None,
        roles: Vec::new(),
        open: None,
        attr: None,
        capture: Vec::new(),
        records: Vec::new(),
        roots: Vec::new(),
        roots_before: part.map_or(0, |p| p.roots_before),
        indexed: part.is_some(),
        responses: part.map_or(0, |p| p.responses_before),
        charset: Charset::Utf8,
        warnings: Warnings::default(),
    };
    let fail = |st: &State, failure: Failure| failure.of(st.format.unwrap_or(FORMAT_ANY));
    let mut damage = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let (line, pos) = locate(reader.error_position());
                let what = match &e {
                    quick_xml::Error::Syntax(s) => s.to_string(),
                    quick_xml::Error::IllFormed(i) => i.to_string(),
                    _ => "malformed XML".to_string(),
                };
                let at = Position {
                    line: Some(line),
                    byte: Some(pos),
                    ..Position::default()
                };
                let error = fail(&st, Failure::syntax(Syntax::Xml, what, at));
                let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                damage = Some(Damage {
                    error,
                    at: offset.saturating_add(bytes.len() - body.len()),
                });
                break;
            }
        };
        let at = || locate(reader.buffer_position()).0;
        match event {
            Event::Eof => break,
            Event::Decl(decl) => {
                if let Some(Ok(enc)) = decl.encoding() {
                    st.set_charset(&String::from_utf8_lossy(&enc));
                }
            }
            // The line is counted only for an error: counting it for every element made a
            // file of n responses cost n² (12 s for 2 MB).
            Event::Start(start) => {
                st.start(&start).map_err(|f| fail(&st, f.at_line(at())))?;
            }
            Event::Empty(start) => {
                st.start(&start).map_err(|f| fail(&st, f.at_line(at())))?;
                st.end();
            }
            Event::End(_) => st.end(),
            Event::Text(text) => st.text(&text),
            Event::CData(data) => {
                if matches!(st.roles.last(), Some(Role::Capture(_))) {
                    st.capture.extend_from_slice(&data);
                }
            }
            _ => {}
        }
    }
    if st.open.is_some() || st.attr.is_some() {
        // The input ended (or broke) inside a data set: keep what was read.
        st.warnings.unfinished = damage.is_none();
        st.attr = None;
        if let Some(open) = st.open.take() {
            st.records.push(Record {
                location: open.location,
                dataset: open.dataset,
            });
        }
    }
    Ok((st.finish(), damage))
}

impl State {
    fn set_charset(&mut self, encoding: &str) {
        let upper = encoding.trim().to_ascii_uppercase().replace('_', "-");
        let code = match upper.as_str() {
            "UTF-8" | "UTF8" | "US-ASCII" | "ASCII" => None,
            "ISO-8859-1" | "LATIN1" | "LATIN-1" => Some("ISO_IR 100"),
            "ISO-8859-2" => Some("ISO_IR 101"),
            "ISO-8859-3" => Some("ISO_IR 109"),
            "ISO-8859-4" => Some("ISO_IR 110"),
            "ISO-8859-5" => Some("ISO_IR 144"),
            "ISO-8859-6" => Some("ISO_IR 127"),
            "ISO-8859-7" => Some("ISO_IR 126"),
            "ISO-8859-8" => Some("ISO_IR 138"),
            "ISO-8859-9" => Some("ISO_IR 148"),
            "TIS-620" => Some("ISO_IR 166"),
            "GB18030" => Some("GB18030"),
            "GBK" => Some("GBK"),
            other => {
                self.warnings.unknown_encoding = Some(other.chars().take(40).collect());
                None
            }
        };
        self.charset = match code.and_then(SpecificCharacterSet::from_code) {
            Some(cs) => Charset::Dicom(cs),
            None => Charset::Utf8,
        };
    }

    /// Decode and unescape raw text bytes.
    fn text_of(&mut self, raw: &[u8]) -> String {
        let decoded = match &self.charset {
            Charset::Dicom(cs) => cs.decode(raw).ok(),
            Charset::Utf8 => std::str::from_utf8(raw).ok().map(str::to_string),
        };
        let decoded = decoded.unwrap_or_else(|| {
            self.warnings.latin1_texts += 1;
            latin1(raw)
        });
        match quick_xml::escape::unescape(&decoded) {
            Ok(s) => s.into_owned(),
            Err(_) => {
                self.warnings.bad_entities += 1;
                decoded
            }
        }
    }

    fn text(&mut self, raw: &[u8]) {
        let dcmtk_element = self.roles.last() == Some(&Role::Attribute)
            && self.attr.as_ref().is_some_and(|a| a.dcmtk);
        if dcmtk_element || matches!(self.roles.last(), Some(Role::Capture(_))) {
            self.capture.extend_from_slice(raw);
        }
    }

    fn start(&mut self, start: &BytesStart) -> Result<(), Failure> {
        if self.roles.len() >= self.limits.xml_depth {
            let failure = Failure::limit(Limit::XmlDepth, self.limits.xml_depth, None, None);
            return Err(failure);
        }
        let local = start.local_name();
        let name = String::from_utf8_lossy(local.as_ref()).into_owned();
        let parent = self.roles.last().copied();
        let role = match (parent, name.as_str()) {
            // Roots and record openers.
            (None, "responses") => {
                self.format.get_or_insert(FORMAT_DCMTK);
                Role::Responses
            }
            (None, root) if ROOTS.contains(&root) => {
                self.format.get_or_insert(if root == "NativeDicomModel" {
                    FORMAT_NATIVE
                } else {
                    FORMAT_DCMTK
                });
                let n = match self.roots.iter_mut().find(|(r, _)| r == root) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        let n = self.roots_before + 1;
                        self.roots.push((root.to_string(), n));
                        n
                    }
                };
                self.open_record(format!("/{root}\u{0}{n}"))?;
                Role::Record
            }
            (Some(Role::Responses), "data-set") => {
                self.responses += 1;
                self.open_record(format!("/responses/data-set[{}]", self.responses))?;
                Role::Record
            }
            (Some(Role::Record), "meta-header" | "data-set") => Role::Group,
            // DCMTK elements.
            (Some(Role::Record | Role::Group | Role::Item), "element") => {
                self.open_attribute(start, false)
            }
            (Some(Role::Record | Role::Group | Role::Item), "sequence") => {
                self.open_sequence(start, false)?
            }
            (Some(Role::Record | Role::Group | Role::Item), "DicomAttribute") => {
                let vr = attr(start, b"vr").unwrap_or_default();
                if vr.eq_ignore_ascii_case("SQ") {
                    self.open_sequence(start, true)?
                } else {
                    self.open_attribute(start, true)
                }
            }
            (Some(Role::Sequence), "item" | "Item") => {
                match self.open.as_mut().and_then(|o| o.frames.last_mut()) {
                    Some(frame) if !frame.pixel => {
                        frame.items = frame.items.saturating_add(1);
                        Role::Item
                    }
                    _ => Role::Other,
                }
            }
            // Native values.
            (Some(Role::Attribute), "Value") => Role::Capture(CaptureKind::Value),
            (Some(Role::Attribute), "InlineBinary") => {
                if let Some(a) = self.attr.as_mut() {
                    a.binary = true;
                }
                Role::Capture(CaptureKind::InlineBinary)
            }
            (Some(Role::Attribute), "BulkData") => {
                if let Some(a) = self.attr.as_mut() {
                    a.binary = true;
                    a.len = attr(start, b"uri").and_then(|uri| uri_length(&uri));
                }
                Role::Other
            }
            (Some(Role::Attribute), "PersonName") => {
                if let Some(a) = self.attr.as_mut() {
                    a.pn = Some(PersonName::default());
                }
                Role::PersonName
            }
            (Some(Role::Attribute | Role::PersonName | Role::Capture(CaptureKind::Value)), g)
                if pn_group(g).is_some() =>
            {
                let group = pn_group(g).unwrap_or(0);
                if let Some(a) = self.attr.as_mut() {
                    a.pn.get_or_insert_with(PersonName::default).group = group;
                }
                Role::PnGroup(group)
            }
            (Some(Role::PnGroup(_)), c) if pn_component(c).is_some() => {
                Role::Capture(CaptureKind::Component(pn_component(c).unwrap_or(0)))
            }
            (Some(Role::Record | Role::Group | Role::Item | Role::Responses), _) => {
                self.warnings.stray += 1;
                Role::Other
            }
            _ => Role::Other,
        };
        if matches!(role, Role::Capture(_)) {
            self.capture.clear();
        }
        self.roles.push(role);
        Ok(())
    }

    fn open_record(&mut self, location: String) -> Result<(), Failure> {
        if self.records.len() >= self.limits.records {
            return Err(Failure::limit(
                Limit::Records,
                self.limits.records,
                None,
                None,
            ));
        }
        self.open = Some(Open {
            location,
            dataset: Dataset::default(),
            frames: Vec::new(),
            creators: HashMap::new(),
        });
        Ok(())
    }

    /// The path of a new element in the current item (or at top level).
    fn path_for(&mut self, start: &BytesStart) -> Option<TagPath> {
        let tag = attr(start, b"tag").and_then(|t| parse_tag(&t));
        let Some((group, element)) = tag else {
            self.warnings.bad_tags += 1;
            return None;
        };
        let open = self.open.as_ref()?;
        let make = |element: u16| match open.frames.last() {
            None => Some(TagPath::top(group, element)),
            Some(f) if f.items > 0 && !f.pixel => Some(f.path.child(f.items - 1, group, element)),
            Some(_) => None,
        };
        // PS3.19 writes private tags as `gggg00ee` with a `privateCreator`: the block that
        // creator reserved in the same item rebuilds `ggggxxee`.
        if let Some(creator) = attr(start, b"privateCreator") {
            if group % 2 == 1 && element < 0x100 {
                let slot = make(element)?;
                let key = (
                    slot.0[..slot.0.len() - 1].to_vec(),
                    group,
                    creator.trim().to_string(),
                );
                if let Some(&xx) = open.creators.get(&key) {
                    return make((xx << 8) | element);
                }
            }
        }
        make(element)
    }

    fn open_attribute(&mut self, start: &BytesStart, native: bool) -> Role {
        let Some(path) = self.path_for(start) else {
            return Role::Other;
        };
        let vr = attr(start, b"vr")
            .unwrap_or_else(|| "UN".to_string())
            .to_ascii_uppercase();
        let len = attr(start, b"len").and_then(|l| l.parse().ok());
        let binary_attr = attr(start, b"binary");
        let not_loaded = attr(start, b"loaded").as_deref() == Some("no");
        let binary = !native
            && (not_loaded || matches!(binary_attr.as_deref(), Some("hidden" | "base64" | "file")));
        let hex = !native && binary_attr.as_deref() == Some("yes");
        self.attr = Some(Attribute {
            path,
            vr,
            values: Vec::new(),
            dcmtk_text: None,
            binary,
            hex,
            len,
            pn: None,
            dcmtk: !native,
        });
        self.capture.clear();
        Role::Attribute
    }

    fn open_sequence(&mut self, start: &BytesStart, native: bool) -> Result<Role, Failure> {
        let Some(path) = self.path_for(start) else {
            return Ok(Role::Other);
        };
        let vr = attr(start, b"vr").unwrap_or_default().to_ascii_uppercase();
        let depth = self.limits.depth;
        let Some(open) = self.open.as_mut() else {
            return Ok(Role::Other);
        };
        if open.frames.len() >= depth {
            return Err(Failure::limit(Limit::Depth, depth, None, None));
        }
        let pixel = !native && vr != "SQ";
        let index = open.dataset.elements.len();
        if pixel {
            let len = attr(start, b"len")
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            open.dataset.elements.push(Element {
                path: path.clone(),
                vr: vr.into(),
                value: Value::Binary { len, text: None },
            });
        } else {
            open.dataset.push_sequence(path.clone(), 0);
        }
        open.frames.push(Frame {
            path,
            index,
            items: 0,
            pixel,
        });
        Ok(Role::Sequence)
    }

    fn end(&mut self) {
        let Some(role) = self.roles.pop() else {
            return;
        };
        match role {
            Role::Record => {
                if let Some(open) = self.open.take() {
                    self.records.push(Record {
                        location: open.location,
                        dataset: open.dataset,
                    });
                }
            }
            Role::Sequence => {
                if let Some(open) = self.open.as_mut() {
                    if let Some(frame) = open.frames.pop() {
                        if !frame.pixel {
                            if let Some(e) = open.dataset.elements.get_mut(frame.index) {
                                e.value = Value::Sequence { items: frame.items };
                            }
                        }
                    }
                }
            }
            Role::Attribute => self.close_attribute(),
            Role::Capture(kind) => {
                let raw = std::mem::take(&mut self.capture);
                match kind {
                    CaptureKind::Value => {
                        let text = self.text_of(&raw);
                        if let Some(a) = self.attr.as_mut() {
                            a.values.push(text);
                        }
                    }
                    CaptureKind::Component(c) => {
                        let text = self.text_of(&raw);
                        if let Some(pn) = self.attr.as_mut().and_then(|a| a.pn.as_mut()) {
                            pn.groups[pn.group][c] = text;
                        }
                    }
                    CaptureKind::InlineBinary => {
                        let chars = raw.iter().filter(|b| !b.is_ascii_whitespace()).count();
                        let pad = raw
                            .iter()
                            .rev()
                            .filter(|b| !b.is_ascii_whitespace())
                            .take_while(|&&b| b == b'=')
                            .count();
                        if let Some(a) = self.attr.as_mut() {
                            a.len = Some(((chars / 4 * 3).saturating_sub(pad)) as u64);
                        }
                    }
                }
            }
            Role::PersonName => {
                if let Some(a) = self.attr.as_mut() {
                    if let Some(pn) = a.pn.take() {
                        a.values.push(pn.to_dicom());
                    }
                }
            }
            _ => {}
        }
    }

    fn close_attribute(&mut self) {
        let raw = std::mem::take(&mut self.capture);
        let Some(mut a) = self.attr.take() else {
            return;
        };
        if let Some(pn) = a.pn.take() {
            a.values.push(pn.to_dicom());
        }
        if a.values.is_empty() && !raw.is_empty() {
            // DCMTK: the element's text.
            a.dcmtk_text = Some(self.text_of(&raw));
        }
        let Some(open) = self.open.as_mut() else {
            return;
        };
        const BINARY_VRS: [&str; 7] = ["OB", "OW", "OF", "OD", "OL", "OV", "UN"];
        const SINGLE_VALUE_VRS: [&str; 4] = ["LT", "ST", "UT", "UR"];
        if a.binary || (a.hex && BINARY_VRS.contains(&a.vr.as_str())) {
            let text = if a.hex {
                a.dcmtk_text.as_deref().and_then(|v| hex_text(v.trim()))
            } else {
                None
            };
            open.dataset.elements.push(Element {
                path: a.path,
                vr: a.vr.into(),
                value: Value::Binary {
                    len: a.len.unwrap_or(0),
                    text,
                },
            });
            return;
        }
        let values = match a.dcmtk_text {
            Some(text) if SINGLE_VALUE_VRS.contains(&a.vr.as_str()) => vec![text],
            Some(text) => text.split('\\').map(str::to_string).collect(),
            None => a.values,
        };
        let (group, element) = a.path.tag();
        if group % 2 == 1 && (0x10..=0xFF).contains(&element) {
            if let Some(creator) = values.first() {
                let parent = a.path.0[..a.path.0.len() - 1].to_vec();
                open.creators
                    .insert((parent, group, creator.trim().to_string()), element);
            }
        }
        open.dataset.push_text(a.path, &a.vr, values);
    }

    fn finish(self) -> Decoded {
        let single = |root: &str| {
            !self.indexed
                && self
                    .roots
                    .iter()
                    .find(|(r, _)| r == root.trim_start_matches('/'))
                    .is_some_and(|(_, n)| *n == 1)
        };
        let records = self
            .records
            .into_iter()
            .map(|mut r| {
                if let Some((root, n)) = r.location.clone().split_once('\u{0}') {
                    r.location = if single(root) {
                        root.to_string()
                    } else {
                        format!("{root}[{n}]")
                    };
                }
                r
            })
            .collect();
        let mut decoded = Decoded {
            records,
            ..Decoded::new(self.format.unwrap_or(FORMAT_ANY))
        };
        decoded.query_level = decoded.records.iter().find_map(|r| r.dataset.query_level());
        let w = &self.warnings;
        let mut push = |count: usize, what: &str| {
            if count > 0 {
                decoded.warnings.push(Warning::counted(count, what));
            }
        };
        push(
            w.latin1_texts,
            "value(s) did not match the declared encoding and were read as Latin-1",
        );
        push(
            w.bad_entities,
            "value(s) with an unknown XML entity kept as written",
        );
        push(w.bad_tags, "element(s) without a readable tag skipped");
        push(
            w.stray,
            "unexpected XML element(s) inside a data set ignored",
        );
        if let Some(enc) = &w.unknown_encoding {
            decoded.warnings.push(Warning::note(format!(
                "declared encoding {enc:?} is not supported; text was read as UTF-8"
            )));
        }
        if w.unfinished {
            decoded
                .warnings
                .push("the input ended inside a data set; what was read is kept".into());
        }
        decoded
    }
}

/// An XML attribute's value (markup attributes are ASCII: tags, VRs, lengths, URIs).
fn attr(start: &BytesStart, name: &[u8]) -> Option<String> {
    let a = start.try_get_attribute(name).ok().flatten()?;
    let raw = String::from_utf8_lossy(&a.value).into_owned();
    Some(
        quick_xml::escape::unescape(&raw)
            .map(|s| s.into_owned())
            .unwrap_or(raw),
    )
}

/// `...?offset=1234&length=5678` → 5678 (dcm4che bulk data URIs).
fn uri_length(uri: &str) -> Option<u64> {
    let (_, query) = uri.split_once('?')?;
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("length="))
        .and_then(|v| v.parse().ok())
}

fn pn_group(name: &str) -> Option<usize> {
    match name {
        "Alphabetic" | "SingleByte" => Some(0),
        "Ideographic" => Some(1),
        "Phonetic" => Some(2),
        _ => None,
    }
}

fn pn_component(name: &str) -> Option<usize> {
    match name {
        "FamilyName" => Some(0),
        "GivenName" => Some(1),
        "MiddleName" => Some(2),
        "NamePrefix" => Some(3),
        "NameSuffix" => Some(4),
        _ => None,
    }
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

    fn names(d: &Decoded) -> Vec<String> {
        d.records
            .iter()
            .filter_map(|r| r.dataset.top_text(0x0010, 0x0010))
            .collect()
    }

    #[test]
    fn one_damaged_response_costs_only_itself() {
        let response = |name: &str| {
            format!(
                r#"<data-set xfer="1.2.840.10008.1.2.1" name="Little Endian Explicit">
<element tag="0010,0010" vr="PN" vm="1" len="8" name="PatientName">{name}</element>
</data-set>
"#
            )
        };
        let broken = r#"<data-set><element tag="0010,0020" vr="LO" vm="1" len="2" name="PatientID">A1</elem>
"#;
        let xml = format!(
            "<?xml version=\"1.0\"?>\n<responses type=\"C-FIND\">\n{}{broken}{}{}</responses>\n",
            response("DOE^JOHN"),
            response("ROE^JANE"),
            response("POE^EDGAR"),
        );
        let decoded = decode(xml.as_bytes()).unwrap();
        let names: Vec<String> = (decoded.records.iter())
            .filter_map(|r| r.dataset.top_text(0x0010, 0x0010))
            .collect();
        assert_eq!(names, ["DOE^JOHN", "ROE^JANE", "POE^EDGAR"]);
        let warning = decoded
            .warnings
            .iter()
            .find(|w| w.contains("XML is damaged"));
        let warning = warning.expect("the damage is said").to_string();
        assert!(warning.contains("line 6"), "{warning}");
        assert!(warning.contains("2 data set(s) after it"), "{warning}");
        assert!(!warning.contains("A1"), "{warning}");
        // Nothing readable before the damage: still an error.
        assert!(decode(b"<?xml version=\"1.0\"?>\n<responses><data-set><<").is_err());
    }

    #[test]
    fn entities_are_never_expanded_nor_fetched() {
        // A "billion laughs" DTD and an external entity: neither is expanded, the values are
        // read as written, and the rest of the data set is read.
        let xml = r#"<?xml version="1.0"?>
<!DOCTYPE NativeDicomModel [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<NativeDicomModel>
<DicomAttribute tag="00100010" vr="PN"><PersonName number="1"><Alphabetic><FamilyName>Doe &lol2;</FamilyName></Alphabetic></PersonName></DicomAttribute>
<DicomAttribute tag="00100020" vr="LO"><Value number="1">&xxe;</Value></DicomAttribute>
<DicomAttribute tag="00100030" vr="DA"><Value number="1">19700101</Value></DicomAttribute>
</NativeDicomModel>"#;
        let decoded = decode(xml.as_bytes()).unwrap();
        let dataset = &decoded.records[0].dataset;
        assert_eq!(dataset.top_text(0x0010, 0x0020).as_deref(), Some("&xxe;"));
        assert!(dataset.top_text(0x0010, 0x0010).unwrap().contains("&lol2;"));
        assert_eq!(
            dataset.top_text(0x0010, 0x0030).as_deref(),
            Some("19700101")
        );
        assert!(decoded
            .warnings
            .iter()
            .any(|w| w.contains("unknown XML entity")));
    }

    #[test]
    fn real_dcm2xml_file_format() {
        let d = decode(&fixture("dcm2xml_ct_small.xml")).unwrap();
        assert_eq!(d.format, FORMAT_DCMTK);
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].location, "/file-format");
        let ds = &d.records[0].dataset;
        assert_eq!(names(&d), ["CompressedSamples^CT1"]);
        assert!(
            ds.top(0x0002, 0x0010).is_some(),
            "meta header is part of the record"
        );
        let nested: Vec<String> = ds
            .elements
            .iter()
            .filter(|e| e.path.depth() == 1 && e.tag() == (0x0010, 0x0020))
            .map(|e| e.path.to_string() + "=" + &e.value.text().unwrap_or_default())
            .collect();
        assert_eq!(
            nested,
            [
                "(0010,1002)[0].(0010,0020)=ABCD1234",
                "(0010,1002)[1].(0010,0020)=1234ABCD"
            ]
        );
        assert_eq!(
            ds.top(0x0010, 0x1002).unwrap().value,
            Value::Sequence { items: 2 }
        );
        assert_eq!(
            ds.top(0x7FE0, 0x0010).unwrap().value,
            Value::Binary {
                len: 32768,
                text: None
            }
        );
        assert_eq!(
            ds.top(0x0008, 0x0008).unwrap().value,
            Value::Text(vec!["ORIGINAL".into(), "PRIMARY".into(), "AXIAL".into()])
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn native_and_dcmtk_xml_of_the_same_file_agree_on_text() {
        let dcmtk = decode(&fixture("dcm2xml_ct_small.xml")).unwrap();
        let native = decode(&fixture("dcm2xml_native_ct_small.xml")).unwrap();
        assert_eq!(native.format, FORMAT_NATIVE);
        assert_eq!(native.records[0].location, "/NativeDicomModel");
        let text = |d: &Decoded| -> Vec<(String, Option<String>)> {
            d.records[0]
                .dataset
                .elements
                .iter()
                .filter(|e| matches!(e.value, Value::Text(_)) && e.tag().0 != 2)
                .map(|e| (e.path.to_string(), e.value.text()))
                .collect()
        };
        assert_eq!(text(&native), text(&dcmtk));
    }

    #[test]
    fn native_person_name_groups_are_rebuilt() {
        let d = decode(&fixture("dcm2xml_native_chrX1.xml")).unwrap();
        assert_eq!(names(&d), ["Wang^XiaoDong=王^小東=王^小東"]);
    }

    #[test]
    fn declared_single_byte_encodings_are_decoded() {
        let fren = decode(&fixture("dcm2xml_chrFren_latin1.xml")).unwrap();
        assert_eq!(names(&fren), ["Buc^Jérôme"]);
        let russ = decode(&fixture("dcm2xml_chrRuss_8859-5.xml")).unwrap();
        assert_eq!(names(&russ), ["Люкceмбypг"]);
        assert!(fren.warnings.is_empty() && russ.warnings.is_empty());
    }

    #[test]
    fn findscu_responses_each_become_a_record() {
        let d = decode(&fixture("findscu_Xs_responses.xml")).unwrap();
        assert_eq!(d.records.len(), 6);
        assert_eq!(d.records[2].location, "/responses/data-set[3]");
        assert_eq!(d.query_level.as_deref(), Some("STUDY"));
        assert_eq!(names(&d)[0], "CompressedSamples^CT1");
        let orthanc = decode(&fixture("orthanc_findscu_Xs_study.xml")).unwrap();
        assert!(!orthanc.records.is_empty());
        let single = decode(&fixture("findscu_Xx_rsp0001.xml")).unwrap();
        assert_eq!(single.records[0].location, "/data-set");
        assert_eq!(names(&single), ["CompressedSamples^CT1"]);
    }

    const NATIVE_TWO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<NativeDicomModel xml:space="preserve">
<DicomAttribute tag="00080052" vr="CS" keyword="QueryRetrieveLevel"><Value number="1">PATIENT</Value></DicomAttribute>
<DicomAttribute tag="00100010" vr="PN" keyword="PatientName"><PersonName number="1"><Alphabetic><FamilyName>Doe</FamilyName><GivenName>John</GivenName><NameSuffix>Jr</NameSuffix></Alphabetic></PersonName></DicomAttribute>
<DicomAttribute tag="00101002" vr="SQ" keyword="OtherPatientIDsSequence"><Item number="1"><DicomAttribute tag="00100020" vr="LO"><Value number="1">A&amp;B</Value></DicomAttribute></Item><Item number="2"><DicomAttribute tag="00100010" vr="PN"><PersonName number="1"><Alphabetic><FamilyName>Roe</FamilyName></Alphabetic><Ideographic><FamilyName>R</FamilyName></Ideographic></PersonName></DicomAttribute></Item></DicomAttribute>
<DicomAttribute tag="00101000" vr="LO"><Value number="1">X1</Value><Value number="2">X2</Value></DicomAttribute>
<DicomAttribute tag="00091001" vr="OB" privateCreator="ACME"><InlineBinary>AAECAw==</InlineBinary></DicomAttribute>
<DicomAttribute tag="7FE00010" vr="OW"><BulkData uri="file:///x.dcm?offset=10&amp;length=512"/></DicomAttribute>
<DicomAttribute tag="00100030" vr="DA"/>
</NativeDicomModel>
<?xml version="1.0" encoding="UTF-8"?>
<NativeDicomModel><DicomAttribute tag="00100010" vr="PN"><PersonName number="1"><Alphabetic><FamilyName>Second</FamilyName></Alphabetic></PersonName></DicomAttribute></NativeDicomModel>
"#;

    #[test]
    fn concatenated_native_roots_with_sequences_and_binaries() {
        let d = decode(NATIVE_TWO.as_bytes()).unwrap();
        assert_eq!(d.format, FORMAT_NATIVE);
        assert_eq!(d.records.len(), 2);
        assert_eq!(d.records[0].location, "/NativeDicomModel[1]");
        assert_eq!(d.records[1].location, "/NativeDicomModel[2]");
        assert_eq!(names(&d), ["Doe^John^^^Jr", "Second"]);
        assert_eq!(d.query_level.as_deref(), Some("PATIENT"));
        let ds = &d.records[0].dataset;
        let item_name = ds
            .elements
            .iter()
            .find(|e| e.path.to_string() == "(0010,1002)[1].(0010,0010)")
            .unwrap();
        assert_eq!(item_name.value.text().as_deref(), Some("Roe=R"));
        assert_eq!(item_name.vr, "PN");
        let item_id = ds
            .elements
            .iter()
            .find(|e| e.path.to_string() == "(0010,1002)[0].(0010,0020)")
            .unwrap();
        assert_eq!(item_id.value.text().as_deref(), Some("A&B"));
        assert_eq!(
            ds.top(0x0010, 0x1002).unwrap().value,
            Value::Sequence { items: 2 }
        );
        assert_eq!(
            ds.top(0x0010, 0x1000).unwrap().value,
            Value::Text(vec!["X1".into(), "X2".into()])
        );
        assert_eq!(
            ds.top(0x0009, 0x1001).unwrap().value,
            Value::Binary { len: 4, text: None }
        );
        assert_eq!(
            ds.top(0x7FE0, 0x0010).unwrap().value,
            Value::Binary {
                len: 512,
                text: None
            }
        );
        assert_eq!(ds.top(0x0010, 0x0030).unwrap().value, Value::Empty);
    }

    #[test]
    fn dcmtk_pn_components_and_hex_binary() {
        let xml = r#"<data-set xfer="1.2.840.10008.1.2.1">
<element tag="0010,0010" vr="PN" vm="1" len="8" name="PatientName"><SingleByte><FamilyName>DOE</FamilyName><GivenName>JOHN</GivenName></SingleByte></element>
<element tag="0009,1001" vr="UN" vm="1" len="8" binary="yes">44\4f\45\5e\4a\4f\48\4e</element>
<element tag="0020,4000" vr="LT" vm="1" len="5">a\b c</element>
</data-set>"#;
        let d = decode(xml.as_bytes()).unwrap();
        let ds = &d.records[0].dataset;
        assert_eq!(ds.top_text(0x0010, 0x0010).as_deref(), Some("DOE^JOHN"));
        assert_eq!(
            ds.top(0x0009, 0x1001).unwrap().value,
            Value::Binary {
                len: 8,
                text: Some("DOE^JOHN".into())
            }
        );
        assert_eq!(ds.top_text(0x0020, 0x4000).as_deref(), Some("a\\b c"));
    }

    #[test]
    fn syntax_errors_name_the_position_not_the_value() {
        let xml =
            "<data-set>\n<element tag=\"0010,0010\" vr=\"PN\">SECRET^NAME</elem>\n</data-set>";
        let err = decode(xml.as_bytes()).unwrap_err();
        assert_eq!(err.format, FORMAT_DCMTK);
        assert!(err.to_string().contains("line 2"), "{err}");
        assert!(err.to_string().contains("byte"), "{err}");
        assert!(!err.to_string().contains("SECRET"), "{err}");
    }

    #[test]
    fn malformed_tags_are_skipped_with_a_count() {
        let xml = r#"<data-set><element tag="zz" vr="PN">SECRET</element><element tag="0010,0020" vr="LO">ID</element></data-set>"#;
        let d = decode(xml.as_bytes()).unwrap();
        assert_eq!(d.records[0].dataset.elements.len(), 1);
        assert_eq!(d.warnings, ["1 element(s) without a readable tag skipped"]);
    }

    #[test]
    fn garbage_never_panics() {
        let inputs: [&[u8]; 8] = [
            b"",
            b"<",
            b"<data-set>",
            b"<NativeDicomModel><DicomAttribute tag=\"00100010\" vr=\"PN\"><PersonName>",
            b"<responses><data-set><sequence tag=\"0010,1002\" vr=\"SQ\"><element tag=\"0010,0010\" vr=\"PN\">X</element></sequence></data-set></responses>",
            b"<?xml version=\"1.0\" encoding=\"EBCDIC\"?><data-set><element tag=\"0010,0010\" vr=\"PN\">\xff\xfe</element></data-set>",
            b"<file-format><data-set><element tag=\"0010,0010\" vr=\"PN\">&bogus;</element></data-set></file-format>",
            b"\xEF\xBB\xBF<data-set><![CDATA[x]]></data-set>",
        ];
        for input in inputs {
            let _ = decode(input);
        }
    }

    #[test]
    fn limit_on_input_size() {
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        let err = decode(&big).unwrap_err();
        assert!(err.to_string().contains("larger than"), "{err}");
    }

    #[test]
    fn limit_on_records() {
        let one = "<NativeDicomModel></NativeDicomModel>";
        let limits = Limits {
            records: 3,
            ..LIMITS
        };
        assert_eq!(
            decode_with(one.repeat(3).as_bytes(), None, limits)
                .unwrap()
                .records
                .len(),
            3
        );
        let err = decode_with(one.repeat(4).as_bytes(), None, limits).unwrap_err();
        assert!(err.to_string().contains("more than 3 data sets"), "{err}");
    }

    #[test]
    fn limit_on_nesting_depth() {
        let mut xml = String::from("<data-set>");
        for _ in 0..=MAX_DEPTH {
            xml.push_str(r#"<sequence tag="0040,a730" vr="SQ"><item>"#);
        }
        let err = decode(xml.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("nested deeper than 32"), "{err}");
        let deep_xml = "<data-set>".to_string() + &"<x>".repeat(MAX_XML_DEPTH + 1);
        let err = decode(deep_xml.as_bytes()).unwrap_err();
        assert!(
            err.to_string().contains("XML elements nested deeper"),
            "{err}"
        );
    }

    #[test]
    fn sniff_accepts_dicom_xml_and_rejects_other_formats() {
        for name in [
            "dcm2xml_ct_small.xml",
            "dcm2xml_native_ct_small.xml",
            "findscu_Xs_responses.xml",
            "findscu_Xx_rsp0001.xml",
        ] {
            assert!(sniff(&fixture(name)), "{name}");
        }
        assert!(sniff(NATIVE_TWO.as_bytes()));
        assert!(sniff(
            b"\xEF\xBB\xBF<!-- x --><dcm:NativeDicomModel xmlns:dcm=\"u\">"
        ));
        assert!(!sniff(
            br#"[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"DOE^JOHN"}]}}]"#
        ));
        assert!(!sniff(b"PatientName,PatientID\nDOE^JOHN,1\n"));
        assert!(!sniff(
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner=\"nmap\"></nmaprun>"
        ));
        assert!(!sniff(&fixture("findscu_study.txt")));
        let dicom = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/CT_small.dcm"
        ))
        .unwrap();
        assert!(!sniff(&dicom));
    }
}
