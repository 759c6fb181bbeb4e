//! What the line-oriented dump decoders share: DCMTK ([`super::dcmtk_text`]), dicom-rs
//! ([`super::dicom_rs_text`]) and dcm4che ([`super::dcm4che_text`]) console text.
//!
//! Each tool prints a data set one element a line and shows nesting its own way; each decoder
//! parses its own lines. They share the limits ([`super::limits`]), the reading of a line's
//! text, the stack of open sequences that gives an element its path, and how counted problems
//! become warnings, so that the three say the same thing the same way.

use super::Warning;
use std::borrow::Cow;

use super::dataset::{Dataset, TagPath};
use super::limits::{Limits, LongLines};
use super::text::latin1;
use super::{Failure, Record};

/// Whether a line among the first `window` bytes is a sign of the dump (`is_sign` is given
/// it decoded lossily). Never for bytes with more than a few stray NULs (one, and one more
/// per hundred bytes): binary, not console text.
pub(super) fn sniff_lines(bytes: &[u8], window: usize, is_sign: impl Fn(&str) -> bool) -> bool {
    let head = &bytes[..bytes.len().min(window)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls > 1 + head.len() / 100 {
        return false;
    }
    head.split(|&b| b == b'\n')
        .any(|raw| is_sign(&String::from_utf8_lossy(raw)))
}

/// The text of a line without its `\r`: UTF-8, or Latin-1 when it is not (counted in
/// `latin1_lines`, since names may then show wrong characters).
pub(super) fn line_text<'a>(raw: &'a [u8], latin1_lines: &mut usize) -> Cow<'a, str> {
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            *latin1_lines += 1;
            Cow::Owned(latin1(raw))
        }
    }
}

/// The problems every dump decoder counts; a decoder may count more of its own.
#[derive(Default)]
pub(super) struct Warnings {
    pub latin1_lines: usize,
    pub malformed_lines: usize,
    /// Element lines before anything that opens a data set.
    pub orphan_lines: usize,
    /// Values the tool cut short.
    pub shortened_values: usize,
    pub long_lines: LongLines,
    pub deep: DeepNesting,
}

/// How DCMTK and dicom-rs say a value was cut (dcm4che cuts lines, and says so).
pub(super) const SHORTENED_BY_TOOL: &str =
    "value(s) were shortened by the tool (`...`); only their start was read";

impl Warnings {
    /// Add `count what` for each problem seen, in one order for all dumps, the decoder's
    /// `own` counts last. Counts only: a warning never holds a patient value.
    pub fn push_to(
        &self,
        out: &mut Vec<Warning>,
        orphans: &str,
        shortened: &str,
        own: &[(usize, &str)],
    ) {
        let common = [
            (
                self.latin1_lines,
                "line(s) were not UTF-8 and were read as Latin-1; names may show wrong characters",
            ),
            (self.malformed_lines, "malformed element line(s) skipped"),
            (self.orphan_lines, orphans),
            (self.shortened_values, shortened),
        ];
        for &(count, what) in common.iter().chain(own) {
            if count > 0 {
                out.push(Warning::counted(count, what));
            }
        }
        out.extend(self.long_lines.warning());
        out.extend(self.deep.warning());
    }
}

/// A data set being read, with whose it is (`C`: what the log said before it).
pub(super) struct Block<C> {
    pub start_line: usize,
    pub context: C,
    pub dataset: Dataset,
    pub nesting: Nesting,
}

impl<C> Block<C> {
    pub fn new(start_line: usize, context: C) -> Self {
        Block {
            start_line,
            context,
            dataset: Dataset::default(),
            nesting: Nesting::default(),
        }
    }
}

/// A data set of group 0000 elements only: a DIMSE command, printed by some tools at a
/// verbose level, and not a match.
pub(super) fn is_command_set(dataset: &Dataset) -> bool {
    !dataset.elements.is_empty() && dataset.elements.iter().all(|e| e.tag().0 == 0)
}

/// A finished data set as a record located by the line that opened it.
pub(super) fn record_at(start_line: usize, dataset: Dataset) -> Record {
    Record {
        location: format!("line {start_line}"),
        dataset,
    }
}

/// Keep a finished data set as a record, within the record limit.
pub(super) fn keep_record(
    records: &mut Vec<Record>,
    limits: Limits,
    start_line: usize,
    dataset: Dataset,
) -> Result<(), Failure> {
    limits.check_records(records.len(), start_line)?;
    records.push(record_at(start_line, dataset));
    Ok(())
}

/// A sequence being filled.
struct Frame {
    /// The column of the sequence's line: dicom-rs output nests by it; the others count
    /// levels and leave it 0.
    column: usize,
    path: TagPath,
    /// Items seen so far; the current item is `items - 1`.
    items: u32,
    /// Opened past the depth limit: its elements are listed under the item where the
    /// nesting was cut, so the values are still scanned and paths stay bounded.
    cut: bool,
}

/// The sequences open at the current line, outermost first.
#[derive(Default)]
pub(super) struct Nesting {
    frames: Vec<Frame>,
}

impl Nesting {
    pub fn clear(&mut self) {
        self.frames.clear();
    }

    /// Close all but the outer `level` sequences; false when fewer than `level` were open (a
    /// line deeper than any open item).
    pub fn close_to(&mut self, level: usize) -> bool {
        self.frames.truncate(level);
        self.frames.len() == level
    }

    /// Close the sequences whose line is at `column` or right of it.
    pub fn close_from_column(&mut self, column: usize) {
        while self.frames.last().is_some_and(|f| f.column >= column) {
            self.frames.pop();
        }
    }

    /// An item of the sequence at `level` (from 0) starts: deeper sequences close. False
    /// when no such sequence is open.
    pub fn next_item_at(&mut self, level: usize) -> bool {
        self.frames.truncate(level + 1);
        match self.frames.get_mut(level) {
            Some(frame) => {
                frame.items = frame.items.saturating_add(1);
                true
            }
            None => false,
        }
    }

    /// An item of the innermost open sequence starts. False when none is open.
    pub fn next_item(&mut self) -> bool {
        match self.frames.last_mut() {
            Some(frame) => {
                frame.items = frame.items.saturating_add(1);
                true
            }
            None => false,
        }
    }

    /// The path of an element in the current item (or at the top). None inside a sequence
    /// before its first item.
    pub fn path(&self, group: u16, element: u16) -> Option<TagPath> {
        match self.frames.iter().rev().find(|f| !f.cut) {
            None => Some(TagPath::top(group, element)),
            Some(frame) if frame.items > 0 => {
                Some(frame.path.child(frame.items - 1, group, element))
            }
            Some(_) => None,
        }
    }

    /// Add a sequence of `items` items at `path` and read the next lines as its items. Past
    /// the depth limit the sequence is opened but not listed, and `deep` counts it.
    #[allow(clippy::too_many_arguments)]
    pub fn open_sequence(
        &mut self,
        dataset: &mut Dataset,
        path: TagPath,
        items: u32,
        column: usize,
        line_no: usize,
        limits: Limits,
        deep: &mut DeepNesting,
    ) {
        let cut = self.frames.len() >= limits.depth;
        if cut {
            deep.count += 1;
            deep.first.get_or_insert(line_no);
            deep.limit = limits.depth;
        } else {
            dataset.push_sequence(path.clone(), items);
        }
        self.frames.push(Frame {
            column,
            path,
            items: 0,
            cut,
        });
    }
}

/// Sequences opened past the depth limit ([`Nesting::open_sequence`]).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct DeepNesting {
    pub count: usize,
    /// The line of the first (from 1, in the file).
    pub first: Option<usize>,
    pub limit: usize,
}

impl DeepNesting {
    pub fn warning(&self) -> Option<Warning> {
        let first = self.first?;
        Some(Warning::counted(
            self.count,
            format!(
                "sequence(s) nested deeper than {} levels (the first at line {first}): their \
                 values were read and are listed under the item where the nesting was cut",
                self.limit
            ),
        ))
    }
}

#[cfg(test)]
pub(super) mod test_support {
    use crate::decode::limits::{Limits, LIMITS, MAX_DEPTH, MAX_INPUT_BYTES, MAX_LINE_BYTES};
    use crate::decode::{DecodeError, Decoded};

    /// A dump decoder's entry with its limits (`decode_with`), as the limit test calls it.
    pub type DecodeWith = fn(&[u8], usize, Limits) -> Result<Decoded, DecodeError>;

    /// The bounds every dump decoder keeps, each refused with a message that holds no value:
    /// input size, data sets, sequence nesting, line length. `one` is a data set of one
    /// element whose first line opens it; `nested(level)` a sequence line and the line of
    /// its first item at nesting `level`.
    pub fn assert_limits(decode_with: DecodeWith, one: &str, nested: fn(usize) -> String) {
        let decode = |bytes: &[u8]| decode_with(bytes, 1, LIMITS);
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        let err = decode(&big).unwrap_err();
        assert!(err.to_string().contains("larger than"), "{err}");

        let limits = Limits {
            records: 2,
            ..LIMITS
        };
        let two = decode_with(one.repeat(2).as_bytes(), 1, limits).unwrap();
        assert_eq!(two.records.len(), 2);
        let err = decode_with(one.repeat(3).as_bytes(), 1, limits).unwrap_err();
        assert!(err.to_string().contains("more than 2 data sets"), "{err}");

        let opener = one.lines().next().unwrap();
        // Past the depth limit, values are still read, listed under the cut item.
        let deep: String = (0..=MAX_DEPTH + 5).map(nested).collect();
        let decoded = decode(format!("{opener}\n{deep}").as_bytes()).unwrap();
        let warning = decoded
            .warnings
            .iter()
            .find(|w| w.contains("nested deeper than 32"));
        assert!(warning.is_some(), "{:?}", decoded.warnings);
        let depth = decoded.records[0]
            .dataset
            .elements
            .iter()
            .map(|e| e.path.depth())
            .max();
        assert!(depth <= Some(MAX_DEPTH + 1), "{depth:?}");

        let long = format!(
            "{opener}\n(0010,0010) PN [{}]\n",
            "A".repeat(MAX_LINE_BYTES)
        );
        // Read up to the line limit, said with the line; no value in the warning.
        let decoded = decode(long.as_bytes()).unwrap();
        let warning = decoded.warnings.iter().find(|w| w.contains("longer than"));
        let warning = warning.expect("a warning").to_string();
        assert!(warning.contains("(the first at line 2)"), "{warning}");
        assert!(!warning.contains("AAAA"), "{warning}");
    }

    /// The top-level text of one element in each record, in record order.
    pub fn texts(decoded: &Decoded, group: u16, element: u16) -> Vec<String> {
        decoded
            .records
            .iter()
            .filter_map(|r| r.dataset.top_text(group, element))
            .collect()
    }
}
