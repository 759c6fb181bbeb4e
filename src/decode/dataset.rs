//! The common shape every input decodes to: a flat list of elements, each with its place.
//!
//! DICOM files, DICOMDIR records and (later) query exports all become a [`Dataset`], so one
//! detector serves every format. Sequences are flattened: an element inside item 2 of a
//! sequence has the path `(0040,A730)[2].(0040,A123)`; the sequence itself is an element too.

use std::borrow::Cow;
use std::fmt;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One step of a path: a tag, and the item index when the step goes into a sequence item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PathStep {
    pub group: u16,
    pub element: u16,
    /// Item index (0-based) inside this sequence, for steps that are not the last one.
    pub item: Option<u32>,
}

/// Where an element sits: from the top-level dataset down through sequence items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TagPath(pub Vec<PathStep>);

impl TagPath {
    /// A top-level element's path.
    pub fn top(group: u16, element: u16) -> TagPath {
        TagPath(vec![PathStep {
            group,
            element,
            item: None,
        }])
    }

    /// The path of element `(group, element)` inside item `item` of the sequence at `self`.
    pub fn child(&self, item: u32, group: u16, element: u16) -> TagPath {
        let mut steps = self.0.clone();
        if let Some(last) = steps.last_mut() {
            last.item = Some(item);
        }
        steps.push(PathStep {
            group,
            element,
            item: None,
        });
        TagPath(steps)
    }

    /// Element `(group, element)` at the top level (`parent` is `None`) or inside item `item`
    /// of the sequence at `parent`.
    pub fn under(parent: Option<(&TagPath, u32)>, group: u16, element: u16) -> TagPath {
        match parent {
            None => TagPath::top(group, element),
            Some((sequence, item)) => sequence.child(item, group, element),
        }
    }

    /// The sequence and item the element sits in; `None` at the top level.
    pub fn enclosing_item(&self) -> Option<(TagPath, u32)> {
        let (_, above) = self.0.split_last()?;
        let mut steps = above.to_vec();
        let item = steps.last_mut()?.item.take()?;
        Some((TagPath(steps), item))
    }

    /// The tag of the element itself (the last step).
    pub fn tag(&self) -> (u16, u16) {
        self.0
            .last()
            .map(|s| (s.group, s.element))
            .unwrap_or_default()
    }

    /// Number of sequences above the element (0 for a top-level element).
    pub fn depth(&self) -> usize {
        self.0.len().saturating_sub(1)
    }
}

impl TagPath {
    /// The path as written in reports, `(0040,A730)[2].(0040,A123)`: what `to_string` gives,
    /// in one allocation of the right size. Why: every finding's path is written, and the
    /// string `to_string` grows from nothing was reallocated at least once a path.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.0.len() * 16);
        // A `String` takes every write; the one error `write_to` makes (a tag that is not
        // UTF-8) cannot happen, its digits being ASCII.
        let _ = self.write_to(&mut out);
        out
    }

    fn write_to(&self, f: &mut impl fmt::Write) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            // Why by hand: every finding's path is written, and `{:04X}` through the
            // formatting machinery cost as much as masking the value.
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            let mut tag = *b"(0000,0000)";
            for (k, shift) in [12, 8, 4, 0].into_iter().enumerate() {
                tag[1 + k] = HEX[usize::from(step.group >> shift & 0xF)];
                tag[6 + k] = HEX[usize::from(step.element >> shift & 0xF)];
            }
            f.write_str(std::str::from_utf8(&tag).map_err(|_| fmt::Error)?)?;
            if let Some(item) = step.item {
                write!(f, "[{item}]")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for TagPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// Whether `text` is only whitespace (`str::trim` leaves nothing). Why the first byte: it
/// answers for almost every value, and detection asks this of every element.
fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => false,
        Some(_) => text.trim().is_empty(),
    }
}

/// The value of an element, decoded as far as a detector needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Text values (one string per value of a multi-valued element), decoded with the
    /// dataset's Specific Character Set. Numbers (US, UL, FL, ...) are rendered as text too.
    Text(Vec<String>),
    /// A sequence with this many items; its contents follow as their own elements.
    Sequence { items: u32 },
    /// Bytes (OB, OW, UN, ...). `text` holds their decoding when they look like text
    /// (an unknown-VR or private element that carries a name, say).
    Binary { len: u64, text: Option<String> },
    /// Present but zero-length.
    Empty,
}

impl Value {
    /// Whether the element carries anything at all (an empty value identifies no one).
    pub fn is_present(&self) -> bool {
        match self {
            Value::Text(values) => values.iter().any(|v| !is_blank(v)),
            Value::Sequence { items } => *items > 0,
            Value::Binary { len, .. } => *len > 0,
            Value::Empty => false,
        }
    }

    /// The text to show or scan: joined text values, or the text found in bytes.
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(values) => Some(values.join("\\")),
            Value::Binary { text, .. } => text.clone(),
            _ => None,
        }
    }
}

/// A value representation's code as written or inferred (`"PN"`, `"UN"`, ...). Why not a
/// `String`: every element has one, and a standard code held as a static string costs no
/// allocation (a header has hundreds of elements); a code that is not standard is kept as
/// written. It reads, compares and serialises as a plain string.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Vr(Cow<'static, str>);

/// The standard codes, so that a code read from text needs no allocation either.
const STANDARD_VRS: [&str; 34] = [
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
    "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US",
    "UT", "UV",
];

impl Vr {
    /// A code known when compiling (dicom-rs's `VR::to_string`, a literal).
    pub const fn from_static(code: &'static str) -> Vr {
        Vr(Cow::Borrowed(code))
    }

    /// A code as a source writes it.
    pub fn new(code: &str) -> Vr {
        match STANDARD_VRS.iter().find(|&&standard| standard == code) {
            Some(standard) => Vr::from_static(standard),
            None => Vr(Cow::Owned(code.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Vr {
    fn from(code: &str) -> Vr {
        Vr::new(code)
    }
}

impl From<String> for Vr {
    fn from(code: String) -> Vr {
        match STANDARD_VRS.iter().find(|&&standard| standard == code) {
            Some(standard) => Vr::from_static(standard),
            None => Vr(Cow::Owned(code)),
        }
    }
}

impl std::ops::Deref for Vr {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Vr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Vr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As a string's, so that debug output reads as it did when the field was a `String`.
impl fmt::Debug for Vr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for Vr {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Vr {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Vr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl Serialize for Vr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Vr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Vr, D::Error> {
        String::deserialize(deserializer).map(Vr::from)
    }
}

/// One element of a decoded dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    pub path: TagPath,
    /// Value representation as written or inferred (`"PN"`, `"UN"`, ...).
    pub vr: Vr,
    pub value: Value,
}

impl Element {
    pub fn tag(&self) -> (u16, u16) {
        self.path.tag()
    }

    /// Private elements live in odd groups.
    pub fn is_private(&self) -> bool {
        self.path.0.iter().any(|s| s.group % 2 == 1)
    }
}

/// A decoded dataset: its elements in document order (depth first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub elements: Vec<Element>,
    /// What a top-level element stands for where no DICOM attribute does: a worklist's
    /// unmapped column, filed under a free-text tag so that the value detectors read it, is
    /// labelled with its header. A labelled element is not vendor (private) data.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<(u16, u16), String>,
}

impl Dataset {
    /// Add a text element at `path` (exports build their records this way).
    pub fn push_text(&mut self, path: TagPath, vr: &str, values: Vec<String>) {
        let value = if values.iter().all(|v| v.is_empty()) {
            Value::Empty
        } else {
            Value::Text(values)
        };
        self.elements.push(Element {
            path,
            vr: Vr::new(vr),
            value,
        });
    }

    /// Add a sequence element at `path` with `items` items; its contents are pushed after it.
    pub fn push_sequence(&mut self, path: TagPath, items: u32) {
        self.elements.push(Element {
            path,
            vr: Vr::from_static("SQ"),
            value: Value::Sequence { items },
        });
    }

    /// Add a text element at the top level that stands for `label` (a column's header).
    pub fn push_labelled_text(
        &mut self,
        path: TagPath,
        vr: &str,
        values: Vec<String>,
        label: String,
    ) {
        if let Some(step) = path.0.first().filter(|_| path.0.len() == 1) {
            self.labels.insert((step.group, step.element), label);
        }
        self.push_text(path, vr, values);
    }

    /// The label of a top-level element, if it has one.
    pub fn label(&self, element: &Element) -> Option<&str> {
        (element.path.0.len() == 1)
            .then(|| self.labels.get(&element.tag()))
            .flatten()
            .map(String::as_str)
    }

    /// First top-level element with this tag.
    pub fn top(&self, group: u16, element: u16) -> Option<&Element> {
        self.elements
            .iter()
            .find(|e| e.path.0.len() == 1 && e.tag() == (group, element))
    }

    /// Text of the first top-level element with this tag, trimmed; `None` when absent or empty.
    pub fn top_text(&self, group: u16, element: u16) -> Option<String> {
        self.top(group, element)
            .and_then(|e| e.value.text())
            .map(|s| s.trim_matches(|c: char| c == '\0' || c == ' ').to_string())
            .filter(|s| !s.is_empty())
    }

    /// The Query/Retrieve Level (0008,0052) the data set states, upper-cased so that a report
    /// names a level one way however the export wrote it.
    pub fn query_level(&self) -> Option<String> {
        self.top_text(0x0008, 0x0052)
            .map(|level| level.to_ascii_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_renders_with_item_indices() {
        let path = TagPath(vec![
            PathStep {
                group: 0x0040,
                element: 0xA730,
                item: Some(2),
            },
            PathStep {
                group: 0x0040,
                element: 0xA123,
                item: None,
            },
        ]);
        assert_eq!(path.to_string(), "(0040,A730)[2].(0040,A123)");
        assert_eq!(path.tag(), (0x0040, 0xA123));
        assert_eq!(path.depth(), 1);
    }

    #[test]
    fn empty_values_are_not_present() {
        assert!(!Value::Text(vec![" ".into()]).is_present());
        assert!(!Value::Text(vec!["\u{3000}\t\u{a0}".into(), String::new()]).is_present());
        assert!(Value::Text(vec![" ".into(), "\u{a0}x".into()]).is_present());
        assert!(!Value::Sequence { items: 0 }.is_present());
        assert!(Value::Text(vec!["DOE^JOHN".into()]).is_present());
    }
}
