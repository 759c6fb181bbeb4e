//! The bounds on the work a decoder does for one input, in one place: the values the formats
//! share, the few that differ by format (named for their format), and [`Limits`], the bounds
//! a decoder is handed so that tests can lower them to reach them cheaply.
//!
//! Each decoder module re-exports the values it enforces under its own names
//! (`csv::MAX_ROWS`, `nmap::MAX_HOSTS`, ...), so that callers keep naming them by format.

use super::{Failure, Limit, Position, Warning};

/// Largest input decoded; bigger inputs are refused before parsing.
pub const MAX_INPUT_BYTES: usize = 256 << 20;
/// Most records (data sets, rows) read from one input.
pub const MAX_RECORDS: usize = 1_000_000;
/// Deepest sequence nesting followed.
pub const MAX_DEPTH: usize = 32;
/// Longest line of a line-oriented input (text dumps, nmap's text output): a value can be
/// long, but a console line of more than this is not what these tools print.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// Longest value decoded as text; longer ones are kept as binary, their text not read.
pub const MAX_TEXT_LEN: usize = 1 << 20;

/// Deepest XML element nesting in DICOM XML: each sequence takes a few XML levels
/// (`<sequence>`, `<item>`, ...), hence the multiple of [`MAX_DEPTH`].
pub const MAX_DICOM_XML_DEPTH: usize = 4 * MAX_DEPTH + 16;
/// Deepest XML element nesting in nmap XML: nmap writes about 8 levels; script tables add a
/// few. Lower than [`MAX_DICOM_XML_DEPTH`]: nmap output has no sequences.
pub const MAX_NMAP_XML_DEPTH: usize = 64;
/// Most hosts in one nmap scan: nmap's records, with a bound of their own, lower than
/// [`MAX_RECORDS`].
pub const MAX_NMAP_HOSTS: usize = 100_000;

/// The bounds on the work done for one input. A decoder checks the fields that apply to its
/// format (JSON has no lines, text dumps no XML) and leaves the others alone.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub input_bytes: usize,
    pub records: usize,
    pub depth: usize,
    pub line_bytes: usize,
    pub xml_depth: usize,
}

pub(super) const LIMITS: Limits = Limits {
    input_bytes: MAX_INPUT_BYTES,
    records: MAX_RECORDS,
    depth: MAX_DEPTH,
    line_bytes: MAX_LINE_BYTES,
    xml_depth: MAX_DICOM_XML_DEPTH,
};

// The checks return the failure alone: a decoder names the format (DCMTK's depends on what
// it has read so far), and the format words it (`DecodeError::detail`).
impl Limits {
    pub fn check_input(&self, len: usize) -> Result<(), Failure> {
        if len > self.input_bytes {
            return Err(Failure::limit(
                Limit::InputBytes,
                self.input_bytes,
                Some(len),
                None,
            ));
        }
        Ok(())
    }

    /// A line cut to the line limit: its first `line_bytes` are read (an identifier at its
    /// start still counts), the rest is not; `long` keeps count for the warning.
    pub fn cut_line<'a>(&self, raw: &'a [u8], line_no: usize, long: &mut LongLines) -> &'a [u8] {
        if raw.len() <= self.line_bytes {
            return raw;
        }
        long.count += 1;
        long.first.get_or_insert(line_no);
        long.limit = self.line_bytes;
        &raw[..self.line_bytes]
    }
    /// Whether a data set starting at `start_line` may join the `count` already kept.
    pub fn check_records(&self, count: usize, start_line: usize) -> Result<(), Failure> {
        if count >= self.records {
            return Err(Failure::limit(
                Limit::Records,
                self.records,
                None,
                Some(Position::line(start_line)),
            ));
        }
        Ok(())
    }
}

/// Lines longer than the line limit, read only up to it ([`Limits::cut_line`]).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct LongLines {
    pub count: usize,
    /// The first such line (from 1, in the file).
    pub first: Option<usize>,
    /// The limit they were cut at.
    pub limit: usize,
}

impl LongLines {
    /// The warning, naming where the first long line is; none when every line fit.
    pub fn warning(&self) -> Option<Warning> {
        let (first, limit) = (self.first?, self.limit);
        Some(Warning::counted(
            self.count,
            format!(
                "line(s) longer than {} KiB (the first at line {first}): only their first {} KiB \
                 were read",
                limit >> 10,
                limit >> 10
            ),
        ))
    }
}
