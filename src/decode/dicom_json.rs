//! DICOM JSON (PS3.18 Annex F.2): QIDO-RS answers, WADO-RS metadata, a single data set.
//!
//! The input is an array of data sets (one [`Record`] each, located by its JSON pointer `/3`)
//! or one data set (location `/`). Attributes are keyed by tag (`"00100010"`) or, in a
//! non-standard variant some tools write, by keyword (`"PatientName"`); both give the same
//! [`Dataset`]. Values become text (PN objects as `Alphabetic=Ideographic=Phonetic`, numbers
//! rendered as written), sequences are flattened into paths (`(0040,A730)[1].(0040,A123)`),
//! `InlineBinary` is decoded (its text kept when it looks like text) and `BulkDataURI`
//! becomes a binary element whose bytes are not in the export.
//!
//! Several JSON documents one after the other (JSON lines, answers appended to one file) are
//! read in turn; from the second on, locations name the document (`document 2 /0`).
//!
//! Memory: the top-level array is read one data set at a time (`serde_json` builds a tree
//! for one element, which is converted and dropped), so a tens-of-MB QIDO answer never
//! exists as one tree.
//!
//! This file also holds what both JSON decoders share: the content sniffer that tells DICOM
//! JSON from Orthanc REST JSON (`flavor`), the streaming top-level reader, JSON error
//! messages without values, base64 and the wording of the limits (their
//! values are in [`super::limits`]).

use super::ExportFormat;
use super::Warning;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value as Json};

use super::dataset::{Dataset, Element, TagPath, Value};
use super::keywords::{keyword_for_tag, parse_tag, tag_for_keyword};
use super::limits::{self, Limits, LIMITS};
use super::text::latin1;
use super::{
    DecodeError, DecodeErrorKind, Decoded, Failure, Limit, Origin, Position, Record, Syntax,
};
use crate::rules::detectors::looks_like_text;

/// Format name shown to users.
pub const FORMAT: ExportFormat = ExportFormat::DicomJson;
/// Largest input decoded (bigger inputs are refused before parsing).
pub const MAX_INPUT_LEN: usize = limits::MAX_INPUT_BYTES;
/// Most data sets (records) read from one input.
pub const MAX_RECORDS: usize = limits::MAX_RECORDS;
/// Deepest sequence nesting accepted (sequences inside sequence items).
pub const MAX_DEPTH: usize = limits::MAX_DEPTH;
/// How much of the input the sniffer looks at.
pub const SNIFF_WINDOW: usize = 64 * 1024;

/// Whether the bytes are DICOM JSON (and not Orthanc REST JSON, CSV, XML or DICOM).
pub fn sniff(bytes: &[u8]) -> bool {
    flavor(bytes) == Some(Flavor::DicomJson)
}

/// Decode a DICOM JSON document into one record per data set.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, 0, Origin::FILE, LIMITS)
}

/// Decode a part of a larger top-level array, made an array of its own, whose first element
/// is element `first_index` of the file's array: locations (`/N`) are indices in the file.
pub fn decode_at(bytes: &[u8], first_index: usize, origin: Origin) -> Result<Decoded, DecodeError> {
    decode_with(bytes, first_index, origin, LIMITS)
}

fn decode_with(
    bytes: &[u8],
    first_index: usize,
    origin: Origin,
    limits: Limits,
) -> Result<Decoded, DecodeError> {
    limits.check_json_input(bytes, FORMAT)?;
    let mut walker = Walker {
        counts: WalkCounts::new(limits),
    };
    let mut records = Vec::new();
    let mut not_objects = 0usize;
    let damage = for_each_top(bytes, FORMAT, origin, |place, value| {
        let Json::Object(map) = value else {
            not_objects += 1;
            return Ok(());
        };
        limits.check_json_records(records.len(), FORMAT)?;
        // Only the first document can be a part of a larger array; others follow it whole.
        let place = match place.document {
            0 => Place {
                index: place.index.map(|i| i + first_index),
                ..place
            },
            _ => place,
        };
        let location = place.pointer();
        let mut dataset = Dataset::default();
        walker.dataset(&map, None, 0, &mut dataset, &location)?;
        records.push(Record { location, dataset });
        Ok(())
    })?;

    let mut warnings = Vec::new();
    if let Some(damage) = damage {
        warnings.push(damage.into_warning(!records.is_empty())?);
    }
    if not_objects > 0 {
        warnings.push(Warning::counted(
            not_objects,
            "array element(s) are not JSON objects (data sets) and were skipped",
        ));
    }
    if walker.counts.unknown_keys > 0 {
        warnings.push(Warning::counted(
            walker.counts.unknown_keys,
            "attribute(s) named neither by a tag (8 hex digits) nor by a standard keyword \
             were skipped",
        ));
    }
    if walker.counts.malformed > 0 {
        warnings.push(Warning::counted(
            walker.counts.malformed,
            "value(s) do not have the DICOM JSON shape (attribute object with \"vr\" and a \
             \"Value\" array) and were skipped",
        ));
    }
    warnings.extend(walker.counts.deep_warning());
    if walker.counts.bad_base64 > 0 {
        warnings.push(Warning::counted(
            walker.counts.bad_base64,
            "InlineBinary value(s) are not valid base64; their contents were not checked",
        ));
    }
    let query_level = records.iter().find_map(|r| r.dataset.query_level());
    Ok(Decoded {
        records,
        query_level,
        warnings,
        ..Decoded::new(FORMAT)
    })
}

/// Walks DICOM JSON data sets into a flat [`Dataset`], counting what it had to skip.
struct Walker {
    counts: WalkCounts,
}

impl JsonWalk for Walker {
    fn tag_of(key: &str) -> Option<(u16, u16)> {
        dicom_json_key(key)
    }

    fn counts(&mut self) -> &mut WalkCounts {
        &mut self.counts
    }

    fn attribute(
        &mut self,
        path: TagPath,
        attribute: &Json,
        depth: usize,
        out: &mut Dataset,
        location: &str,
    ) -> Result<(), DecodeError> {
        let Json::Object(attribute) = attribute else {
            self.counts.malformed += 1;
            return Ok(());
        };
        let (group, element) = path.tag();
        let vr = attribute
            .get("vr")
            .and_then(Json::as_str)
            .filter(|vr| is_vr(vr))
            .or_else(|| keyword_for_tag(group, element).map(|(_, vr)| vr))
            .unwrap_or("UN")
            .to_string();

        if let Some(values) = attribute.get("Value") {
            let values = match values {
                Json::Array(values) => values.as_slice(),
                other => std::slice::from_ref(other),
            };
            if vr == "SQ" || (vr != "PN" && values.iter().any(Json::is_object)) {
                return self.sequence(path, values, depth, out, location);
            }
            let texts = values.iter().map(|v| self.text(v, &vr)).collect();
            out.push_text(path, &vr, texts);
        } else if let Some(inline) = attribute.get("InlineBinary") {
            let value = match inline.as_str().and_then(base64_decode) {
                Some(bytes) => binary_value(&bytes),
                None => {
                    self.counts.bad_base64 += 1;
                    Value::Binary {
                        len: inline.as_str().map_or(0, |s| s.len() as u64 / 4 * 3),
                        text: None,
                    }
                }
            };
            out.elements.push(Element {
                path,
                vr: vr.into(),
                value,
            });
        } else if let Some(uri) = attribute.get("BulkDataURI") {
            // The bytes stay on the server; the export holds only where to fetch them.
            let len = uri.as_str().and_then(uri_length).unwrap_or(0);
            let value = Value::Binary { len, text: None };
            out.elements.push(Element {
                path,
                vr: vr.into(),
                value,
            });
        } else if vr == "SQ" {
            out.push_sequence(path, 0);
        } else {
            out.push_text(path, &vr, Vec::new());
        }
        Ok(())
    }
}

impl Walker {
    fn text(&mut self, value: &Json, vr: &str) -> String {
        match value {
            Json::Object(name) if vr == "PN" => person_name(name),
            other => scalar_text(other).unwrap_or_else(|| {
                self.counts.malformed += 1;
                String::new()
            }),
        }
    }
}

/// A PN value object as the DICOM string `Alphabetic=Ideographic=Phonetic`, trailing empty
/// groups dropped.
fn person_name(name: &Map<String, Json>) -> String {
    let groups: Vec<&str> = ["Alphabetic", "Ideographic", "Phonetic"]
        .iter()
        .map(|g| name.get(*g).and_then(Json::as_str).unwrap_or(""))
        .collect();
    let used = groups
        .iter()
        .rposition(|g| !g.is_empty())
        .map_or(0, |i| i + 1);
    groups[..used].join("=")
}

/// The tag of a DICOM JSON attribute key: 8 hex digits, or a standard keyword.
fn dicom_json_key(key: &str) -> Option<(u16, u16)> {
    if key.len() == 8 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return parse_tag(key);
    }
    tag_for_keyword(key).map(|(group, element, _)| (group, element))
}

fn is_vr(vr: &str) -> bool {
    vr.len() == 2 && vr.bytes().all(|b| b.is_ascii_uppercase())
}

/// The length a bulk data URI states (`...?offset=0&length=1234`), when it does.
fn uri_length(uri: &str) -> Option<u64> {
    let (_, query) = uri.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("length="))
        .and_then(|n| n.parse().ok())
}

// ---------------------------------------------------------------------------------------
// Shared by both JSON decoders.
// ---------------------------------------------------------------------------------------

/// What a JSON walk counts as it goes (reported as warnings), with the limits it keeps.
pub(crate) struct WalkCounts {
    pub(super) limits: Limits,
    pub(super) unknown_keys: usize,
    pub(super) malformed: usize,
    pub(super) bad_base64: usize,
    /// Sequences past the depth limit, and the record of the first.
    pub(super) deep: usize,
    pub(super) first_deep: Option<String>,
}

impl WalkCounts {
    pub(super) fn new(limits: Limits) -> Self {
        WalkCounts {
            limits,
            unknown_keys: 0,
            malformed: 0,
            bad_base64: 0,
            deep: 0,
            first_deep: None,
        }
    }

    /// The warning for sequences past the depth limit, if any was.
    pub(super) fn deep_warning(&self) -> Option<Warning> {
        let first = self.first_deep.as_deref()?;
        Some(Warning::counted(
            self.deep,
            format!(
                "sequence(s) nested deeper than {} levels (the first in record {first}): their \
                 values were read and are listed under the item where the nesting was cut",
                self.limits.depth
            ),
        ))
    }
}

/// The walk both JSON decoders make over a data set: an object keyed by tag (keys that name
/// no tag counted), read in tag order, its sequences' items read the same way within the
/// depth limit. What a key and a value look like is each format's own.
pub(crate) trait JsonWalk {
    /// The tag a key names, if any.
    fn tag_of(key: &str) -> Option<(u16, u16)>;
    /// What the walk counts, and its limits.
    fn counts(&mut self) -> &mut WalkCounts;

    fn depth_limit(&mut self) -> usize {
        self.counts().limits.depth
    }
    /// Count a key that names no tag.
    fn unknown_key(&mut self) {
        self.counts().unknown_keys += 1;
    }
    /// Count a value of the wrong JSON type, skipped.
    fn malformed(&mut self) {
        self.counts().malformed += 1;
    }
    /// Add the element at `path` (and, for a sequence, what it holds) to `out`.
    fn attribute(
        &mut self,
        path: TagPath,
        value: &Json,
        depth: usize,
        out: &mut Dataset,
        location: &str,
    ) -> Result<(), DecodeError>;

    /// The attributes of `map`; `parent` is the sequence and item they sit in, `depth` the
    /// number of sequences above them.
    fn dataset(
        &mut self,
        map: &Map<String, Json>,
        parent: Option<(&TagPath, u32)>,
        depth: usize,
        out: &mut Dataset,
        location: &str,
    ) -> Result<(), DecodeError> {
        let mut attributes: Vec<((u16, u16), &Json)> = Vec::with_capacity(map.len());
        for (key, attribute) in map {
            match Self::tag_of(key) {
                Some(tag) => attributes.push((tag, attribute)),
                None => self.unknown_key(),
            }
        }
        // Tag order, whichever way the attributes were named.
        attributes.sort_by_key(|(tag, _)| *tag);
        for ((group, element), attribute) in attributes {
            let path = TagPath::under(parent, group, element);
            self.attribute(path, attribute, depth, out, location)?;
        }
        Ok(())
    }

    fn sequence(
        &mut self,
        path: TagPath,
        items: &[Json],
        depth: usize,
        out: &mut Dataset,
        location: &str,
    ) -> Result<(), DecodeError> {
        // Past the depth limit the items are still read (serde_json's own nesting limit
        // bounds the recursion), listed under the item where the nesting was cut.
        let cut = depth >= self.depth_limit();
        let enclosing = if cut {
            let counts = self.counts();
            counts.deep += 1;
            counts
                .first_deep
                .get_or_insert_with(|| location.to_string());
            path.enclosing_item()
        } else {
            out.push_sequence(path.clone(), count_u32(items.len()));
            None
        };
        for (index, item) in items.iter().enumerate() {
            match item {
                Json::Object(item) => {
                    let parent = match &enclosing {
                        Some((sequence, item)) => Some((sequence, *item)),
                        None if cut => None,
                        None => Some((&path, count_u32(index))),
                    };
                    self.dataset(item, parent, depth + 1, out, location)?;
                }
                // An empty item written as null.
                Json::Null => {}
                _ => self.malformed(),
            }
        }
        Ok(())
    }
}

// The JSON decoders word their limits apart from the others (in MiB, with what to do): the
// format tells `DecodeError::detail` which words.
impl Limits {
    pub(crate) fn check_json_input(
        &self,
        bytes: &[u8],
        format: ExportFormat,
    ) -> Result<(), DecodeError> {
        if bytes.len() > self.input_bytes {
            let failure =
                Failure::limit(Limit::InputBytes, self.input_bytes, Some(bytes.len()), None);
            return Err(failure.of(format));
        }
        Ok(())
    }

    /// Fails when `have` records already fill the limit (call before adding one).
    pub(crate) fn check_json_records(
        &self,
        have: usize,
        format: ExportFormat,
    ) -> Result<(), DecodeError> {
        if have >= self.records {
            return Err(Failure::limit(Limit::Records, self.records, None, None).of(format));
        }
        Ok(())
    }
}

/// Where a top-level value sits: which JSON document of the input (several when answers
/// were saved one after the other, or as JSON lines) and which element of a top-level array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// 0-based document number.
    pub document: usize,
    /// Index in a top-level array; `None` for a top-level object.
    pub index: Option<usize>,
    /// For an object read after damaged JSON: the line it starts on (its index is unknown).
    pub after_damage: Option<usize>,
}

impl Place {
    /// JSON pointer of an array element (`/3`), or `/` for a top-level object; from the
    /// second document on, prefixed with the document's number (`document 2 /3`).
    pub(crate) fn pointer(self) -> String {
        if let Some(line) = self.after_damage {
            return format!("object at line {line}");
        }
        let pointer = match self.index {
            Some(i) => format!("/{i}"),
            None => "/".to_string(),
        };
        match self.document {
            0 => pointer,
            n => format!("document {} {pointer}", n + 1),
        }
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A JSON scalar as DICOM text: strings as they are, numbers as written, null as empty.
/// `None` for objects and arrays.
pub(crate) fn scalar_text(value: &Json) -> Option<String> {
    match value {
        Json::Null => Some(String::new()),
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        Json::Array(_) | Json::Object(_) => None,
    }
}

/// Bytes as a binary element value; their text is kept when it looks like text.
pub(crate) fn binary_value(bytes: &[u8]) -> Value {
    let text = (bytes.len() <= limits::MAX_TEXT_LEN && looks_like_text(bytes)).then(|| {
        let end = bytes
            .iter()
            .rposition(|&b| b != 0 && b != b' ')
            .map_or(0, |i| i + 1);
        match std::str::from_utf8(&bytes[..end]) {
            Ok(s) => s.to_string(),
            // Latin-1, as looks_like_text read it.
            Err(_) => latin1(&bytes[..end]),
        }
    });
    Value::Binary {
        len: bytes.len() as u64,
        text,
    }
}

/// Decode base64 (standard or URL-safe alphabet, padding and whitespace optional).
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits, mut padded) = (0u32, 0u32, false);
    for b in text.bytes() {
        let sextet = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padded = true;
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        if padded {
            return None;
        }
        acc = (acc << 6) | u32::from(sextet);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Read the top-level JSON values: `each` gets every element of a top-level array, or a
/// top-level object, as soon as it is parsed. Several top-level values one after the other
/// (JSON lines, answers appended to one file) are read in turn.
/// `origin` says where `bytes` sit in their file, for the positions errors name.
pub(crate) fn for_each_top<F>(
    bytes: &[u8],
    format: ExportFormat,
    origin: Origin,
    mut each: F,
) -> Result<Option<Damage>, DecodeError>
where
    F: FnMut(Place, Json) -> Result<(), DecodeError>,
{
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut failure = None;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut document = 0;
    let mut delivered;
    let result = loop {
        delivered = 0;
        let seed = TopSeed {
            document,
            each: &mut each,
            failure: &mut failure,
            delivered: &mut delivered,
        };
        if let Err(e) = seed.deserialize(&mut de) {
            break Err(e);
        }
        // `end` fails on anything but whitespace left: then another document follows.
        if de.end().is_ok() {
            break Ok(());
        }
        document += 1;
    };
    match (failure, result) {
        (Some(failure), _) => Err(failure),
        (None, Ok(())) => Ok(None),
        (None, Err(e)) => {
            let error = json_error(format, &e, origin);
            let from = offset_of(bytes, e.line(), e.column());
            let mut salvaged = false;
            // Only a data set not given whole already (the error's column can fall just
            // before the end of the last one).
            let cut = salvage(bytes, from).filter(|&(_, ordinal, _)| ordinal >= delivered);
            if let Some((start, _, value)) = cut {
                let (line, _) = origin.locate(bytes, start);
                let place = Place {
                    document: 0,
                    index: None,
                    after_damage: Some(line),
                };
                each(place, value)?;
                salvaged = true;
            }
            let (recovered, stopped_at) = read_after_damage(bytes, from, origin, &mut each)?;
            Ok(Some(Damage {
                error,
                salvaged,
                recovered,
                stopped_at,
            }))
        }
    }
}

/// Where JSON stopped parsing, and what was read after it.
#[derive(Debug)]
pub(crate) struct Damage {
    /// The parse error, with its position.
    pub error: DecodeError,
    /// Whether the data set the damage is in was read up to its last whole member.
    pub salvaged: bool,
    /// Objects read after it.
    pub recovered: usize,
    /// The line where the search after the damage gave up (its budget spent), if it did.
    pub stopped_at: Option<usize>,
}

impl Damage {
    /// The damage as a warning, when something was read; else the error itself.
    pub(crate) fn into_warning(self, read_before: bool) -> Result<Warning, DecodeError> {
        if !read_before && !self.salvaged && self.recovered == 0 {
            return Err(self.error);
        }
        let cut = match self.salvaged {
            true => ", and the data set it is in up to its last whole value",
            false => "",
        };
        let after = match (self.recovered, self.stopped_at) {
            (0, None) => "nothing after it could be read".to_string(),
            (n, None) => format!("{n} object(s) after it were read, placed by line"),
            (n, Some(line)) => {
                format!("{n} object(s) after it were read; the search stopped at line {line}")
            }
        };
        Ok(Warning::note(format!(
            "the JSON is damaged ({}): what comes before it was read{cut}; {after}",
            self.error.detail()
        )))
    }
}

/// The part of the data set the damage at `from` is in, up to its last whole member: the
/// object it starts (a top-level array's element, or the top-level object) closed where its
/// last complete value ends, parsed. So a file cut inside a data set still names the person
/// in the members before the cut. `None` when the damage is not inside such an object.
/// Also gives the object's place among its document's top-level values (from 0).
fn salvage(bytes: &[u8], from: usize) -> Option<(usize, usize, Json)> {
    let end = from.min(bytes.len());
    // The open brackets; the start of the object being salvaged and its depth.
    let mut stack: Vec<u8> = Vec::new();
    let mut element: Option<(usize, usize)> = None;
    // Top-level values begun in the current document (objects or not, as `each` counts
    // them), and whether the next byte that is not a space begins one.
    let mut ordinal = 0usize;
    let mut want_value = false;
    // The last place where every value before it is whole, and the brackets open there.
    let mut cut: Option<(usize, Vec<u8>)> = None;
    let (mut in_string, mut escaped) = (false, false);
    for (i, &b) in bytes[..end].iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if want_value && !b.is_ascii_whitespace() {
            want_value = false;
            ordinal += 1;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                // An object directly in the top-level array, or the top-level object.
                let top = b == b'{' && (stack.is_empty() || stack == [b'[']);
                if stack.is_empty() {
                    ordinal = usize::from(b == b'{');
                    want_value = b == b'[';
                }
                if top {
                    element = Some((i, stack.len()));
                    cut = None;
                }
                stack.push(b);
            }
            b',' if stack == [b'['] => want_value = true,
            b'}' | b']' => {
                stack.pop();
                if element.is_some_and(|(_, depth)| stack.len() <= depth) {
                    element = None;
                }
            }
            b',' if element.is_some() => cut = Some((i, stack.clone())),
            _ => {}
        }
    }
    let (start, depth) = element?;
    let (at, open) = cut?;
    let mut text = bytes[start..at].to_vec();
    for bracket in open[depth..].iter().rev() {
        text.push(if *bracket == b'{' { b'}' } else { b']' });
    }
    match serde_json::from_slice::<Json>(&text) {
        Ok(value @ Json::Object(_)) => Some((start, ordinal.saturating_sub(1), value)),
        _ => None,
    }
}

/// The byte offset of serde_json's one-based line and column.
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(bytes.len())
}

/// Read every JSON object that parses whole after the damage at `from`, each as a data set
/// placed by its line: one bad spot then costs only the object it is in. The search tries
/// each `{` in turn; what it parses is bounded (twice the input, and 1 MiB more), so that
/// many unclosed objects cannot make it quadratic.
fn read_after_damage<F>(
    bytes: &[u8],
    from: usize,
    origin: Origin,
    each: &mut F,
) -> Result<(usize, Option<usize>), DecodeError>
where
    F: FnMut(Place, Json) -> Result<(), DecodeError>,
{
    let mut budget = bytes.len().saturating_mul(2).saturating_add(1 << 20);
    let (mut at, mut recovered) = (from, 0);
    let (mut line, mut counted_to) = (origin.line, 0);
    while let Some(start) = bytes[at.min(bytes.len())..].iter().position(|&b| b == b'{') {
        let start = at + start;
        line += bytes[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start;
        let mut stream = serde_json::Deserializer::from_slice(&bytes[start..]).into_iter::<Json>();
        let parsed = stream.next();
        let used = stream.byte_offset().max(1);
        match parsed {
            Some(Ok(value @ Json::Object(_))) => {
                let place = Place {
                    document: 0,
                    index: None,
                    after_damage: Some(line),
                };
                each(place, value)?;
                recovered += 1;
                at = start + used;
            }
            _ => at = start + 1,
        }
        budget = budget.saturating_sub(used);
        if budget == 0 {
            return Ok((recovered, Some(line)));
        }
    }
    Ok((recovered, None))
}

/// A `serde_json` error as a message without any value from the input, its position in the
/// file that `origin` places the input in.
pub(crate) fn json_error(
    format: ExportFormat,
    e: &serde_json::Error,
    origin: Origin,
) -> DecodeError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    let at = match line {
        0 => None,
        // Bytes put before the part (an array's `[`) sit on its first line.
        1 => Some((origin.line, column.saturating_sub(origin.prefix))),
        _ => Some((origin.line + line - 1, column)),
    };
    let at = at.map(|(line, column)| Position {
        line: Some(line),
        column: Some(column),
        ..Position::default()
    });
    let kind = match e.classify() {
        // Syntax and end-of-input messages name what was expected, never the input.
        Category::Syntax | Category::Eof | Category::Io => {
            let text = e.to_string();
            let what = text
                .strip_suffix(&format!(" at line {line} column {column}"))
                .unwrap_or(&text);
            DecodeErrorKind::Syntax {
                syntax: Syntax::Json,
                text: what.to_string(),
            }
        }
        // Type errors can quote a value: say where only.
        Category::Data => DecodeErrorKind::Malformed("expected a JSON array or object".into()),
    };
    DecodeError {
        format,
        kind,
        at: at.map(Box::new),
    }
}

struct TopSeed<'a, F> {
    document: usize,
    each: &'a mut F,
    failure: &'a mut Option<DecodeError>,
    /// Values of this document given to `each` so far.
    delivered: &'a mut usize,
}

impl<'de, F> DeserializeSeed<'de> for TopSeed<'_, F>
where
    F: FnMut(Place, Json) -> Result<(), DecodeError>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, F> Visitor<'de> for TopSeed<'_, F>
where
    F: FnMut(Place, Json) -> Result<(), DecodeError>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array or object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while let Some(value) = seq.next_element::<Json>()? {
            let place = Place {
                document: self.document,
                index: Some(index),
                after_damage: None,
            };
            if let Err(e) = (self.each)(place, value) {
                *self.failure = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
            *self.delivered += 1;
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = Json::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        let place = Place {
            document: self.document,
            index: None,
            after_damage: None,
        };
        if let Err(e) = (self.each)(place, value) {
            *self.failure = Some(e);
            return Err(serde::de::Error::custom("stopped"));
        }
        *self.delivered += 1;
        Ok(())
    }
}

/// Which JSON export a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    DicomJson,
    Orthanc,
}

/// Keys only Orthanc's REST API writes (resources, `/system`, `/statistics`, tools/find).
const ORTHANC_KEYS: &[&[u8]] = &[
    b"MainDicomTags",
    b"PatientMainDicomTags",
    b"RequestedTags",
    b"ParentPatient",
    b"ParentStudy",
    b"ParentSeries",
    b"IsStable",
    b"LastUpdate",
    b"ApiVersion",
    b"DicomAet",
    b"DatabaseVersion",
    b"CountPatients",
    b"CountStudies",
    b"CountSeries",
    b"CountInstances",
    b"TotalDiskSize",
];

/// Tell DICOM JSON from Orthanc REST JSON by the first decisive key in the first
/// [`SNIFF_WINDOW`] bytes. One function decides for both sniffers, so they never both claim
/// an input. Decisive: `vr` or an 8-hex-digit key → DICOM JSON; a `gggg,eeee` key, an
/// Orthanc-only key, or a standard keyword whose value is not an object (`?simplify`) at the
/// level of the records → Orthanc; a top-level array of Orthanc IDs → Orthanc.
pub(crate) fn flavor(bytes: &[u8]) -> Option<Flavor> {
    let window = &bytes[..bytes.len().min(SNIFF_WINDOW)];
    let window = window.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(window);
    let mut lexer = Lexer {
        bytes: window,
        at: 0,
    };
    let mut stack: Vec<u8> = Vec::new();
    let record_depth = match lexer.next()? {
        Token::Open(b'{') => {
            stack.push(b'{');
            1
        }
        Token::Open(b'[') => {
            stack.push(b'[');
            match lexer.next()? {
                Token::Str(id) => return is_orthanc_id(id).then_some(Flavor::Orthanc),
                Token::Open(b'{') => stack.push(b'{'),
                _ => return None,
            }
            2
        }
        _ => return None,
    };
    let mut expect_key = true;
    loop {
        match lexer.next()? {
            Token::Open(c) => {
                if stack.len() >= 128 {
                    return None;
                }
                stack.push(c);
                expect_key = c == b'{';
            }
            Token::Close => {
                stack.pop();
                if stack.is_empty() {
                    return None;
                }
                expect_key = false;
            }
            Token::Comma => expect_key = stack.last() == Some(&b'{'),
            Token::Str(key) if expect_key => {
                expect_key = false;
                if lexer.next()? != Token::Colon {
                    return None;
                }
                let value = lexer.clone().next()?;
                let at_record = stack.len() == record_depth;
                if let Some(flavor) = key_flavor(key, value, at_record) {
                    return Some(flavor);
                }
            }
            Token::Colon | Token::Str(_) | Token::Atom => expect_key = false,
        }
    }
}

fn key_flavor(key: &[u8], value: Token<'_>, at_record: bool) -> Option<Flavor> {
    let hex = |b: &[u8]| b.iter().all(u8::is_ascii_hexdigit);
    if key == b"vr" || (key.len() == 8 && hex(key)) {
        return Some(Flavor::DicomJson);
    }
    if key.len() == 9 && key[4] == b',' && hex(&key[..4]) && hex(&key[5..]) {
        return Some(Flavor::Orthanc);
    }
    if ORTHANC_KEYS.contains(&key) {
        return Some(Flavor::Orthanc);
    }
    let keyword = std::str::from_utf8(key).ok()?;
    (at_record
        && value != Token::Open(b'{')
        && keyword.bytes().all(|b| b.is_ascii_alphanumeric())
        && tag_for_keyword(keyword).is_some())
    .then_some(Flavor::Orthanc)
}

/// An Orthanc resource ID: a SHA-1 written as five groups of 8 hex digits.
fn is_orthanc_id(id: &[u8]) -> bool {
    id.len() == 44
        && id.iter().enumerate().all(|(i, b)| {
            if i % 9 == 8 {
                *b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Open(u8),
    Close,
    Colon,
    Comma,
    /// A string's raw bytes between the quotes (escapes left as written).
    Str(&'a [u8]),
    /// A number, `true`, `false` or `null`.
    Atom,
}

/// Just enough of a JSON tokenizer to read keys from a prefix; `None` at the end of the
/// window or at a byte JSON does not allow.
#[derive(Clone)]
struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        while self.bytes.get(self.at)?.is_ascii_whitespace() {
            self.at += 1;
        }
        let b = self.bytes[self.at];
        self.at += 1;
        match b {
            b'{' | b'[' => Some(Token::Open(b)),
            b'}' | b']' => Some(Token::Close),
            b':' => Some(Token::Colon),
            b',' => Some(Token::Comma),
            b'"' => {
                let start = self.at;
                loop {
                    match *self.bytes.get(self.at)? {
                        b'"' => break,
                        b'\\' => self.at += 2,
                        _ => self.at += 1,
                    }
                }
                self.at += 1;
                Some(Token::Str(&self.bytes[start..self.at - 1]))
            }
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'+' | b'-'))
                {
                    self.at += 1;
                }
                Some(Token::Atom)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub(crate) fn text_at(dataset: &Dataset, path: &str) -> Option<String> {
        dataset
            .elements
            .iter()
            .find(|e| e.path.to_string() == path)
            .and_then(|e| e.value.text())
    }

    fn decoded(json: &str) -> Decoded {
        decode(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn qido_studies_from_orthanc() {
        let bytes = fixture("exports/qido-studies.json");
        assert!(sniff(&bytes));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.format, FORMAT);
        assert_eq!(d.records.len(), 6);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let names: Vec<String> = d
            .records
            .iter()
            .filter_map(|r| r.dataset.top_text(0x0010, 0x0010))
            .collect();
        assert!(names.contains(&"CompressedSamples^MR1".to_string()));
        let first = &d.records[0];
        assert_eq!(first.location, "/0");
        // Missing Value is an empty element; IS numbers are rendered as text.
        let accession = first.dataset.top(0x0008, 0x0050).unwrap();
        assert_eq!(
            (accession.vr.as_str(), &accession.value),
            ("SH", &Value::Empty)
        );
        assert_eq!(first.dataset.top_text(0x0020, 0x1206).as_deref(), Some("1"));
    }

    #[test]
    fn wado_metadata_with_nested_sequences() {
        let bytes = fixture("exports/wado-study-metadata.json");
        assert!(sniff(&bytes));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.records.len(), 1);
        let ds = &d.records[0].dataset;
        // rtplan: Fraction Group Sequence > Referenced Beam Sequence, nested two deep.
        let seq = ds.top(0x300A, 0x00B0).unwrap();
        assert!(matches!(seq.value, Value::Sequence { items } if items > 0));
        assert_eq!(
            text_at(ds, "(300A,00B0)[0].(0008,0070)").as_deref(),
            Some("Linac co.")
        );
        assert!(ds.elements.iter().any(|e| e.path.depth() == 2));
    }

    #[test]
    fn qido_series_answer() {
        let d = decode(&fixture("exports/qido-study-series.json")).unwrap();
        assert!(!d.records.is_empty());
        assert!(d.records[0].dataset.top(0x0020, 0x000E).is_some());
    }

    #[test]
    fn keyword_keyed_and_tag_keyed_give_the_same_dataset() {
        let tagged = decoded(
            r#"[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe^John"}]},
                "00100020":{"vr":"LO","Value":["12345"]},
                "00081110":{"vr":"SQ","Value":[{"00081155":{"vr":"UI","Value":["1.2.3"]}}]}}]"#,
        );
        let keyword = decoded(
            r#"[{"PatientName":{"vr":"PN","Value":[{"Alphabetic":"Doe^John"}]},
                "PatientID":{"Value":["12345"],"vr":"LO"},
                "ReferencedStudySequence":{"vr":"SQ","Value":[
                    {"ReferencedSOPInstanceUID":{"vr":"UI","Value":["1.2.3"]}}]}}]"#,
        );
        assert!(sniff(br#"[{"PatientName":{"vr":"PN"}}]"#));
        assert_eq!(tagged.records, keyword.records);
        assert_eq!(tagged.records[0].dataset.elements.len(), 4);
    }

    #[test]
    fn person_names_with_ideographic_and_phonetic_groups() {
        let d = decoded(
            r#"{"00100010":{"vr":"PN","Value":[
                {"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"},
                {"Alphabetic":"Wang^XiaoDong","Ideographic":"王^小東"},
                {"Ideographic":"王^小東"},
                null]}}"#,
        );
        let e = d.records[0].dataset.top(0x0010, 0x0010).unwrap();
        assert_eq!(
            e.value,
            Value::Text(vec![
                "Yamada^Tarou=山田^太郎=やまだ^たろう".into(),
                "Wang^XiaoDong=王^小東".into(),
                "=王^小東".into(),
                String::new(),
            ])
        );
        assert_eq!(d.records[0].location, "/");
    }

    #[test]
    fn nested_sequence_paths() {
        let d = decoded(
            r#"[{"0040A730":{"vr":"SQ","Value":[
                {"0040A010":{"vr":"CS","Value":["CONTAINS"]}},
                {"0040A123":{"vr":"PN","Value":[{"Alphabetic":"Observer^Olga"}]},
                 "0040A730":{"vr":"SQ","Value":[{"0040A160":{"vr":"UT","Value":["note"]}}]}}
            ]},"00081140":{"vr":"SQ"}}]"#,
        );
        let ds = &d.records[0].dataset;
        assert_eq!(
            text_at(ds, "(0040,A730)[1].(0040,A123)").as_deref(),
            Some("Observer^Olga")
        );
        assert_eq!(
            text_at(ds, "(0040,A730)[1].(0040,A730)[0].(0040,A160)").as_deref(),
            Some("note")
        );
        assert_eq!(
            ds.top(0x0040, 0xA730).unwrap().value,
            Value::Sequence { items: 2 }
        );
        assert_eq!(
            ds.top(0x0008, 0x1140).unwrap().value,
            Value::Sequence { items: 0 }
        );
    }

    #[test]
    fn bulk_data_and_inline_binary() {
        // "Doe^Jane" in base64, and 4 bytes of binary.
        let d = decoded(
            r#"[{"7FE00010":{"vr":"OW","BulkDataURI":"http://pacs/bulk/7fe00010?offset=0&length=524288"},
                "00420011":{"vr":"OB","BulkDataURI":"http://pacs/bulk/00420011"},
                "00091010":{"vr":"OB","InlineBinary":"RG9lXkphbmU="},
                "00091011":{"vr":"OB","InlineBinary":"AAGC/w=="},
                "00091012":{"vr":"OB","InlineBinary":"not base64!"}}]"#,
        );
        let ds = &d.records[0].dataset;
        let bulk = ds.top(0x7FE0, 0x0010).unwrap();
        assert_eq!(
            (bulk.vr.as_str(), &bulk.value),
            (
                "OW",
                &Value::Binary {
                    len: 524288,
                    text: None
                }
            )
        );
        assert_eq!(
            ds.top(0x0042, 0x0011).unwrap().value,
            Value::Binary { len: 0, text: None }
        );
        assert_eq!(
            ds.top(0x0009, 0x1010).unwrap().value,
            Value::Binary {
                len: 8,
                text: Some("Doe^Jane".into())
            }
        );
        assert_eq!(
            ds.top(0x0009, 0x1011).unwrap().value,
            Value::Binary { len: 4, text: None }
        );
        assert!(matches!(
            ds.top(0x0009, 0x1012).unwrap().value,
            Value::Binary { text: None, .. }
        ));
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(!d.warnings[0].contains("not base64"));
    }

    #[test]
    fn query_level_numbers_and_odd_values() {
        let d = decoded(
            r#"[{"00080052":{"vr":"CS","Value":["study"]},
                 "00181050":{"vr":"DS","Value":[0.5, "1.25"]},
                 "00280010":{"vr":"US","Value":[512]},
                 "00100010":{"vr":"PN","Value":["Doe^John"]},
                 "NotAKeyword":{"vr":"LO","Value":["x"]},
                 "00100020":"oops"},
                 42]"#,
        );
        assert_eq!(d.query_level.as_deref(), Some("STUDY"));
        let ds = &d.records[0].dataset;
        assert_eq!(text_at(ds, "(0018,1050)").as_deref(), Some("0.5\\1.25"));
        assert_eq!(text_at(ds, "(0028,0010)").as_deref(), Some("512"));
        assert_eq!(text_at(ds, "(0010,0010)").as_deref(), Some("Doe^John"));
        assert_eq!(ds.elements.len(), 4);
        assert_eq!(d.warnings.len(), 3, "{:?}", d.warnings);
    }

    #[test]
    fn invalid_json_names_line_and_column_without_values() {
        // Cut inside its only data set: what the data set holds before the damage is read.
        let d = decode(b"[{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"Doe^John\"]}\n,}").unwrap();
        assert_eq!(
            d.records[0].dataset.top_text(0x0010, 0x0010).as_deref(),
            Some("Doe^John")
        );
        let w = d.warnings[0].to_string();
        assert!(
            w.contains("line 2 column") && w.contains("up to its last whole value"),
            "{w}"
        );
        assert!(!w.contains("Doe"), "{w}");
        let e = decode(b"[{\"00100010\" }").unwrap_err();
        assert_eq!(e.format, FORMAT);
        assert!(e.to_string().contains("line 1 column"), "{e}");
        let e = decode(b"\"Doe^John\"").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        assert!(!e.to_string().contains("Doe"), "{e}");
        // Damage after data sets read costs only what follows it, and is said.
        let d = decode(b"[{}] trailing").unwrap();
        assert_eq!(d.records.len(), 1);
        let warning = d.warnings[0].to_string();
        assert!(warning.contains("line 1 column 8"), "{warning}");
        assert!(
            warning.contains("nothing after it could be read"),
            "{warning}"
        );
        assert_eq!(decode(b"[{}]\n[{}, {}]\n").unwrap().records.len(), 3);
        assert!(decode(b"").is_err());
        assert!(decode(b"\xff\xfe").is_err());
    }

    #[test]
    fn input_size_limit() {
        let limits = Limits {
            input_bytes: 10,
            ..LIMITS
        };
        let e = decode_with(b"[{}, {}, {}, {}]", 0, Origin::FILE, limits).unwrap_err();
        assert!(e.to_string().contains("limit"), "{e}");
        assert!(decode_with(b"[{}, {}]", 0, Origin::FILE, limits).is_ok());
        assert_eq!(LIMITS.input_bytes, 256 << 20);
    }

    #[test]
    fn record_limit() {
        let limits = Limits {
            records: 2,
            ..LIMITS
        };
        assert_eq!(
            decode_with(b"[{}, {}]", 0, Origin::FILE, limits)
                .unwrap()
                .records
                .len(),
            2
        );
        let e = decode_with(b"[{}, {}, {}]", 0, Origin::FILE, limits).unwrap_err();
        assert!(e.to_string().contains("record limit"), "{e}");
    }

    fn nested_sq(levels: usize) -> String {
        let mut json =
            r#"{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Deep^Dan"}]}}"#.to_string();
        for _ in 0..levels {
            json = format!(r#"{{"0040A730":{{"vr":"SQ","Value":[{json}]}}}}"#);
        }
        format!("[{json}]")
    }

    #[test]
    fn depth_limit() {
        let d = decode(nested_sq(MAX_DEPTH).as_bytes()).unwrap();
        let deepest = d.records[0].dataset.elements.last().unwrap();
        assert_eq!(deepest.path.depth(), MAX_DEPTH);
        // Deeper: still read, under the item where the nesting was cut, and said.
        let limits = Limits { depth: 8, ..LIMITS };
        let d = decode_with(nested_sq(28).as_bytes(), 0, Origin::FILE, limits).unwrap();
        let name = d.records[0].dataset.elements.last().unwrap();
        assert_eq!(name.value.text().as_deref(), Some("Deep^Dan"));
        assert_eq!(name.path.depth(), 8);
        let warning = d
            .warnings
            .iter()
            .find(|w| w.contains("nested deeper than 8"));
        let warning = warning.expect("a warning").to_string();
        assert!(warning.starts_with("20 sequence(s)") && warning.contains("record /0"));
        assert!(!warning.contains("Deep"), "{warning}");
        // Deeper than serde_json's own recursion limit: no stack overflow, the innermost
        // objects still read after the damage, and the damage said.
        let d = decode(nested_sq(200).as_bytes()).unwrap();
        let names = d.records.iter().flat_map(|r| &r.dataset.elements);
        assert!(names
            .filter_map(|e| e.value.text())
            .any(|t| t == "Deep^Dan"));
        assert!(d
            .warnings
            .iter()
            .any(|w| w.contains("recursion limit exceeded")));
        let deep_arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(decode(deep_arrays.as_bytes()).is_err());
    }

    #[test]
    fn a_file_cut_inside_a_data_set_still_names_the_person_before_the_cut() {
        let json = r#"[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe^John"}]}},
 {"00100010":{"vr":"PN","Value":[{"Alphabetic":"Roe^Jane"}]},"00100020":{"vr":"LO","Value":["A1"]},
  "00100030":{"vr":"DA","Value":["1970"#;
        let d = decode(json.as_bytes()).unwrap();
        let names: Vec<String> = (d.records.iter())
            .filter_map(|r| r.dataset.top_text(0x0010, 0x0010))
            .collect();
        assert_eq!(names, ["Doe^John", "Roe^Jane"]);
        assert_eq!(d.records[1].location, "object at line 2");
        assert_eq!(
            d.records[1].dataset.top_text(0x0010, 0x0020).as_deref(),
            Some("A1")
        );
        assert!(d.warnings[0].to_string().contains("EOF while parsing"));
    }

    #[test]
    fn one_damaged_data_set_costs_only_itself() {
        let record = |name: &str| {
            format!(r#"{{"00100010":{{"vr":"PN","Value":[{{"Alphabetic":"{name}"}}]}}}}"#)
        };
        let broken = r#"{"00100020":{"vr":"LO","Value":["A1"}},"#;
        let json = format!(
            "[{},\n{broken}\n{}]",
            record("Doe^John"),
            record("Roe^Jane")
        );
        let d = decode(json.as_bytes()).unwrap();
        let names: Vec<String> = d
            .records
            .iter()
            .filter_map(|r| r.dataset.top_text(0x0010, 0x0010))
            .collect();
        assert_eq!(names, ["Doe^John", "Roe^Jane"]);
        // The broken data set, read up to its last whole value, then the one after it.
        assert_eq!(d.records[1].location, "object at line 2");
        assert_eq!(d.records[2].location, "object at line 3");
        let warning = d.warnings.iter().find(|w| w.contains("damaged")).unwrap();
        assert!(warning.to_string().contains("line 2 column"), "{warning}");
        assert!(!warning.to_string().contains("A1"), "{warning}");
    }

    #[test]
    fn sniff_tells_the_formats_apart() {
        assert!(sniff(b"\xEF\xBB\xBF [ {\"00080005\": {\"vr\": \"CS\"}} ]"));
        assert!(sniff(
            br#"{"00100010":{"Value":[{"Alphabetic":"A"}],"vr":"PN"}}"#
        ));
        for orthanc in [
            "exports/orthanc-system.json",
            "exports/orthanc-statistics.json",
            "exports/orthanc-patients.json",
            "exports/orthanc-studies-expand.json",
            "exports/orthanc-series-expand.json",
            "exports/orthanc-instance-tags.json",
            "exports/orthanc-instance-tags-short.json",
            "exports/orthanc-instance-tags-simplify.json",
        ] {
            assert_eq!(
                flavor(&fixture(orthanc)),
                Some(Flavor::Orthanc),
                "{orthanc}"
            );
            assert!(!sniff(&fixture(orthanc)), "{orthanc}");
        }
        for other in [
            &b"PatientName,PatientID\nDoe^John,123\n"[..],
            b"<?xml version=\"1.0\"?><NativeDicomModel/>",
            b"[]",
            b"{}",
            b"{\"name\": \"package\", \"version\": \"1.0.0\"}",
            b"",
        ] {
            assert_eq!(flavor(other), None, "{}", String::from_utf8_lossy(other));
        }
        assert!(!sniff(&fixture("CT_small.dcm")));
        assert!(!sniff(&fixture("no_meta.dcm")));
    }

    #[test]
    fn every_prefix_is_an_error_or_a_decode_never_a_panic() {
        let bytes = fixture("exports/qido-study-series.json");
        let whole = decode(&bytes).unwrap().records.len();
        for end in 0..bytes.len() {
            let prefix = &bytes[..end];
            // Sniffing a prefix never switches to the other format.
            assert!(!super::super::orthanc_json::sniff(prefix), "{end}");
            if let Ok(d) = decode(prefix) {
                assert!(d.records.len() <= whole, "{end}");
            }
        }
        assert!(sniff(&bytes[..40]));
    }

    #[test]
    fn base64_by_hand() {
        assert_eq!(base64_decode("TWFu").unwrap(), b"Man");
        assert_eq!(base64_decode("TWE=").unwrap(), b"Ma");
        assert_eq!(base64_decode("TQ==").unwrap(), b"M");
        assert_eq!(base64_decode("TQ").unwrap(), b"M");
        assert_eq!(base64_decode("").unwrap(), b"");
        assert_eq!(base64_decode("-_8=").unwrap(), vec![0xfb, 0xff]);
        assert!(base64_decode("TQ==TQ").is_none());
        assert!(base64_decode("T*Q").is_none());
    }
}
