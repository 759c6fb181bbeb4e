//! DICOM objects, read with dicom-rs up to (never into) the pixel data, into a flat [`Dataset`].
//!
//! [`read_dicom`] takes the bytes of a file (or a prefix of them) and returns every element
//! of the header, file meta group (0002) included, with sequences flattened into paths.
//!
//! Where the data set starts, tried in this order:
//! 1. `DICM` at byte 128 (Part 10 with preamble), then `DICM` at byte 0 (no preamble);
//! 2. a raw data set at byte 0 (no preamble, no meta group), its encoding (implicit or
//!    explicit VR, little or big endian) guessed from the first two element headers;
//! 3. resynchronisation: `DICM` anywhere in the first [`SCAN_WINDOW`] bytes, then a
//!    plausible first element anywhere in that window; the status says how many bytes were
//!    skipped.
//!
//! The parsing itself is dicom-rs's token stream ([`DataSetReader`]), read with the `Raw`
//! value strategy so that this module decodes text itself: per-item Specific Character Set
//! scopes, ISO 2022 code extensions, and a lossy fallback instead of an error when a
//! character set is unknown or mis-declared. Reading stops at the first top-level pixel data
//! element. When the input ends early or the token stream fails, the elements read so far
//! are kept (salvage) and the status says where it stopped.
//!
//! An undefined-length UN element in an explicit VR data set holds a sequence whose items are
//! implicit VR little endian (PS3.5 section 6.2.2). dicom-rs would read those items as
//! explicit VR and derail, so such an element is handled here: its end is found by walking
//! its items and their lengths ([`un_sequence::un_sequence_end`]), its contents are read by a second
//! implicit VR token stream (flattened with paths like any sequence), and the explicit VR
//! stream is shown a same-length stand-in for them (a [`un_sequence::Patch`]), so that it goes on after
//! the sequence with its own state (open sequences, defined lengths) intact.
//!
//! Bounded work: paths of at most [`MAX_DEPTH`] levels (deeper values are read and listed under
//! the item where the nesting was cut),
//! [`MAX_ELEMENTS`] elements, [`MAX_TEXT_LEN`] bytes per decoded text value, value lengths
//! checked against the bytes left before anything is allocated (and [`MAX_INFLATED_VALUE`]
//! for deflated data, whose size is unknown). Messages name the step, the tag and the byte
//! offset, never a value.
//!
//! This file holds the entry point, its public types and the choice of transfer syntax;
//! `locate` finds where the data set starts, `walk` walks the token stream, `un_sequence`
//! reads UN sequences, `charset` decodes text and `values` renders binary numbers.

use dicom_core::Tag;
use dicom_dictionary_std::{tags, uids};
use dicom_encoding::transfer_syntax::{TransferSyntax, TransferSyntaxIndex};
use dicom_transfer_syntax_registry::TransferSyntaxRegistry;

use super::dataset::Dataset;
use super::limits;
pub(crate) use locate::{explicit_or_implicit, guess_encoding, locate, Encoding, Layout};
pub use pixel_data::{PixelData, MAX_FRAGMENTS};
use walk::{Phase, Stop, Walk};

mod charset;
mod inflate;
mod locate;
mod pixel_data;
#[cfg(test)]
mod tests;
mod un_sequence;
mod values;
mod walk;

/// Deepest sequence nesting read; deeper elements are skipped (status `Recovered`).
pub const MAX_DEPTH: usize = limits::MAX_DEPTH;
/// Most elements recorded from one object; reading stops there (status `Truncated`).
pub const MAX_ELEMENTS: usize = 200_000;
/// Longest value decoded as text; longer ones become `Value::Binary { text: None }`.
pub const MAX_TEXT_LEN: usize = limits::MAX_TEXT_LEN;
/// How far into the input to look for `DICM` or a first element after unexpected bytes.
pub const SCAN_WINDOW: usize = 64 * 1024;
/// Smallest prefix asked for by [`ReadOutcome::NeedMoreBytes`].
pub const MIN_PREFIX: usize = 64 * 1024;
/// Largest single value accepted in a deflated data set (its true size is unknown up front).
pub const MAX_INFLATED_VALUE: u32 = 64 << 20;
/// Most warnings kept; one per distinct problem is plenty for a report.
const MAX_WARNINGS: usize = 64;

/// What [`read_dicom`] made of the bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadOutcome {
    /// The header was read (maybe with problems, see status).
    Read(DicomRead),
    /// `bytes` was a prefix and the header runs past its end: call again with at least this many bytes.
    NeedMoreBytes { at_least: usize },
    /// Not DICOM at all (message says what was looked for).
    NotDicom(String),
    /// DICOM, but something this build cannot read (e.g. an unknown transfer syntax); message says which.
    Unsupported(String),
}

/// A header that was read, with what went wrong while reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct DicomRead {
    /// Top-level and nested elements in document order, file meta group (0002) included.
    pub dataset: Dataset,
    /// Transfer syntax UID the data set was read with, e.g. "1.2.840.10008.1.2.1".
    pub transfer_syntax: String,
    pub status: ReadStatus,
    /// E.g. character set fallbacks; never a patient value.
    pub warnings: Vec<String>,
    /// Undefined-length UN elements read as sequences (PS3.5 6.2.2): dicom-rs reads them as
    /// 4 GiB values, so a clean copy leaves such a file out.
    pub un_sequences: usize,
    /// The first binary value (US, UL, FD, OW, ...) whose length is not a whole number of its
    /// values: dicom-rs reads such a value short and the rest of the data set out of step
    /// (found by fuzzing: it then allocated 3.6 GB for 281 bytes), so a clean copy leaves
    /// such a file out. The scan reads by length and is not misled.
    pub uneven_value: Option<Tag>,
    /// In a whole file, where the data set stopped being readable at top level (the first
    /// byte of the element that could not be read; not in a deflated data set): another file
    /// appended to one without pixel data starts there.
    pub unread_from: Option<u64>,
    /// Offset of the data set's first byte in the input (after the file meta group, or past
    /// bytes skipped before a raw data set).
    pub data_set_at: usize,
    /// Where the top-level pixel data is, when the header was read up to it (not in a
    /// deflated data set, whose offsets are not the file's).
    pub pixel_data: Option<PixelData>,
}

/// Whether the whole header was read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadStatus {
    Ok,
    /// Read to the end, after working around a problem (named in the message).
    Recovered(String),
    /// Part of the header was not read (the message says from where and why).
    Truncated(String),
}

/// Read the header of a DICOM object. `complete` = `bytes` is the whole file (else a prefix
/// of it, of unknown total length).
pub fn read_dicom(bytes: &[u8], complete: bool) -> ReadOutcome {
    // Why: a prefix shorter than preamble + `DICM` cannot be judged yet.
    if !complete && bytes.len() < 132 {
        return more_bytes(bytes.len(), 0);
    }
    let start = match locate(bytes) {
        // Why: past unexpected bytes, a `DICM` marker later in the window outranks a data set
        // guessed earlier, so the guess holds only once the whole window has been seen.
        Some(start) if start.skipped > 0 && !complete && bytes.len() < SCAN_WINDOW => {
            return more_bytes(bytes.len(), SCAN_WINDOW)
        }
        Some(start) => start,
        None if !complete && bytes.len() < SCAN_WINDOW => return more_bytes(bytes.len(), 0),
        None => {
            return ReadOutcome::NotDicom(
                "no `DICM` marker at byte 128 or 0, and no DICOM element in the first 64 KiB"
                    .into(),
            )
        }
    };
    let mut walk = Walk::new(bytes.len(), complete);
    if start.skipped > 0 {
        walk.recovered(format!(
            "skipped {} bytes of unexpected data before the DICOM header",
            start.skipped
        ));
    }
    let (data_at, ts_uid) = match start.layout {
        Layout::Part10 { meta_at } => match read_meta(bytes, meta_at, &mut walk) {
            Ok(found) => found,
            Err(outcome) => return *outcome,
        },
        Layout::Raw(guess) => (start.at, guess.uid().to_string()),
    };
    match read_body(bytes, data_at, ts_uid, walk) {
        ReadOutcome::Read(read) => ReadOutcome::Read(DicomRead {
            data_set_at: data_at,
            // A header found past junk (a text that mentions `DICM`) ends in more junk, not
            // in a file appended to it.
            unread_from: read.unread_from.filter(|_| start.skipped == 0),
            ..read
        }),
        other => other,
    }
}

/// Read a whole data set that has no file meta group (an inflated one, say), written in
/// transfer syntax `ts_uid`.
pub fn read_data_set(bytes: &[u8], ts_uid: &str) -> ReadOutcome {
    read_body(bytes, 0, ts_uid.to_string(), Walk::new(bytes.len(), true))
}

/// Whether `ts_uid` names a deflated data set (its offsets are not the file's). The walk
/// inflates it with its own inflater, so whether dicom-rs's registry can (its feature
/// `deflate`, which only builds with `archives` have) does not matter.
pub fn is_deflated(ts_uid: &str) -> bool {
    registry(ts_uid).is_some_and(|ts| {
        matches!(
            ts.codec(),
            dicom_encoding::transfer_syntax::Codec::Dataset(_)
        )
    })
}

/// Why a deflated data set was not inflated whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// It inflates to more than this many bytes.
    TooLarge { limit: usize },
    /// The stream is damaged after this many inflated bytes.
    Damaged { after: u64 },
    /// The stream stops before its end (the file is cut).
    Cut,
}

impl std::fmt::Display for InflateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InflateError::TooLarge { limit } => write!(
                f,
                "the deflated data set inflates to more than {} MiB",
                limit >> 20
            ),
            InflateError::Damaged { after } => write!(
                f,
                "the deflated data is damaged after byte {after} of the inflated data set"
            ),
            InflateError::Cut => f.write_str("the deflated data stops before its end"),
        }
    }
}

/// A deflated data set (the bytes after the file meta group) inflated whole, at most `limit`
/// bytes, for a reader that needs it in memory; raw deflate or zlib-wrapped, as the scan
/// reads it.
pub fn inflate_data_set(deflated: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    use std::io::Read;
    let damage = inflate::Damage::default();
    let inflater = inflate::Inflate::new(deflated, inflate::is_zlib(deflated), damage.clone());
    let mut out = Vec::new();
    inflater
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| InflateError::Cut)?;
    if out.len() > limit {
        return Err(InflateError::TooLarge { limit });
    }
    match damage.get() {
        Some(after) => Err(InflateError::Damaged { after }),
        None => Ok(out),
    }
}

fn more_bytes(have: usize, needed: usize) -> ReadOutcome {
    ReadOutcome::NeedMoreBytes {
        at_least: needed.max(have.saturating_mul(2)).max(MIN_PREFIX),
    }
}

/// Read the file meta group (explicit VR little endian, group 0002) starting at `meta_at`.
/// Returns where the data set starts and its transfer syntax UID.
fn read_meta(
    bytes: &[u8],
    meta_at: usize,
    walk: &mut Walk,
) -> Result<(usize, String), Box<ReadOutcome>> {
    let ts = registry(uids::EXPLICIT_VR_LITTLE_ENDIAN).ok_or_else(|| Box::new(no_registry()))?;
    let stop = walk.run(bytes, meta_at, ts, Phase::Meta);
    let data_at = match stop {
        Stop::MetaEnd(at) => at,
        other => {
            // The input ended (or broke) inside the meta group: nothing of the data set.
            let uid = meta_ts(walk).unwrap_or_default();
            return Err(Box::new(walk.finish(other, uid)));
        }
    };
    match meta_ts(walk) {
        Some(uid) => Ok((data_at, uid)),
        None => {
            let guess = guess_encoding(bytes, data_at)
                .unwrap_or_else(|| explicit_or_implicit(bytes, data_at));
            walk.recovered(format!(
                "the file meta group has no transfer syntax; the data set at byte {data_at} \
                 was read as {}",
                guess.uid()
            ));
            Ok((data_at, guess.uid().to_string()))
        }
    }
}

fn meta_ts(walk: &mut Walk) -> Option<String> {
    // Why lent and not copied: a copy of every element read so far cost more than the look-up.
    let ds = Dataset {
        elements: std::mem::take(&mut walk.elements),
        ..Dataset::default()
    };
    let tag = tags::TRANSFER_SYNTAX_UID;
    let uid = ds.top_text(tag.group(), tag.element());
    walk.elements = ds.elements;
    uid
}

fn read_body(bytes: &[u8], data_at: usize, ts_uid: String, mut walk: Walk) -> ReadOutcome {
    let ts = match registry(&ts_uid) {
        Some(ts) if ts.can_decode_dataset() || is_deflated(ts.uid()) => ts,
        Some(ts) => {
            return ReadOutcome::Unsupported(format!(
                "transfer syntax {} ({}) cannot be read by this build",
                ts.uid(),
                ts.name()
            ))
        }
        None => match guess_encoding(bytes, data_at).and_then(|e| registry(e.uid())) {
            // Why: private transfer syntaxes usually keep a standard header encoding.
            Some(ts) => {
                walk.warn(format!(
                    "unknown transfer syntax {}; the header looked like {} and was read as such",
                    clean_uid(&ts_uid),
                    ts.uid()
                ));
                ts
            }
            None => {
                return ReadOutcome::Unsupported(format!(
                    "unknown transfer syntax {}",
                    clean_uid(&ts_uid)
                ))
            }
        },
    };
    let ts = relabelled(bytes, data_at, ts, &mut walk);
    let stop = walk.run(bytes, data_at, ts, Phase::Body);
    walk.finish(stop, ts.uid().to_string())
}

/// The transfer syntax a data set is really written in, when its first element headers
/// plainly disagree with the one the file meta names (explicit VR data labelled implicit, or
/// the reverse, or the other byte order), as other readers detect it; else `ts`.
fn relabelled(
    bytes: &[u8],
    data_at: usize,
    ts: &'static TransferSyntax,
    walk: &mut Walk,
) -> &'static TransferSyntax {
    // Deflated data cannot be sniffed before it is inflated.
    if is_deflated(ts.uid()) {
        return ts;
    }
    let Some(found) = guess_encoding(bytes, data_at) else {
        return ts;
    };
    let (explicit, big_endian) = match found {
        Encoding::ImplicitLe => (false, false),
        Encoding::ExplicitLe => (true, false),
        Encoding::ExplicitBe => (true, true),
    };
    let declared_big = ts.endianness() == dicom_encoding::transfer_syntax::Endianness::Big;
    // Only Implicit VR Little Endian is implicit among the standard syntaxes.
    let declared_explicit = ts.uid() != uids::IMPLICIT_VR_LITTLE_ENDIAN;
    if declared_explicit == explicit && declared_big == big_endian {
        return ts;
    }
    let Some(actual) = registry(found.uid()) else {
        return ts;
    };
    walk.recovered(format!(
        "the file meta names transfer syntax {} ({}), but the data set is written in {}; \
         read as such",
        ts.uid(),
        ts.name(),
        actual.name()
    ));
    actual
}

fn registry(uid: &str) -> Option<&'static TransferSyntax> {
    let uid = uid.trim_end_matches(['\0', ' ']);
    TransferSyntaxRegistry.get(uid)
}

fn no_registry() -> ReadOutcome {
    ReadOutcome::Unsupported("the transfer syntax registry of this build is empty".into())
}

/// A UID as it may appear in a message: digits and dots only, bounded.
fn clean_uid(uid: &str) -> String {
    uid.chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .take(64)
        .collect()
}
