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
//! its items and their lengths ([`un_sequence_end`]), its contents are read by a second
//! implicit VR token stream (flattened with paths like any sequence), and the explicit VR
//! stream is shown a same-length stand-in for them (a [`Patch`]), so that it goes on after
//! the sequence with its own state (open sequences, defined lengths) intact.
//!
//! Bounded work: [`MAX_DEPTH`] levels of nested sequences (deeper content is skipped),
//! [`MAX_ELEMENTS`] elements, [`MAX_TEXT_LEN`] bytes per decoded text value, value lengths
//! checked against the bytes left before anything is allocated (and [`MAX_INFLATED_VALUE`]
//! for deflated data, whose size is unknown). Messages name the step, the tag and the byte
//! offset, never a value.

use std::cell::{Cell, RefCell};
use std::io::Read;
use std::rc::Rc;

use dicom_core::header::{DataElementHeader, HasLength};
use dicom_core::value::PrimitiveValue;
use dicom_core::{Tag, VR};
use dicom_dictionary_std::{tags, uids};
use dicom_encoding::text::{SpecificCharacterSet, TextCodec};
use dicom_encoding::transfer_syntax::{Codec, Endianness, TransferSyntax, TransferSyntaxIndex};
use dicom_parser::dataset::read::{DataSetReaderOptions, ValueReadStrategy};
use dicom_parser::dataset::{DataSetReader, DataToken};
use dicom_parser::DynStatefulDecoder;
use dicom_transfer_syntax_registry::TransferSyntaxRegistry;

use super::dataset::{Dataset, Element, PathStep, TagPath, Value};
use crate::rules::detectors::looks_like_text;

/// Deepest sequence nesting read; deeper elements are skipped (status `Recovered`).
pub const MAX_DEPTH: usize = 32;
/// Most elements recorded from one object; reading stops there (status `Truncated`).
pub const MAX_ELEMENTS: usize = 200_000;
/// Longest value decoded as text; longer ones become `Value::Binary { text: None }`.
pub const MAX_TEXT_LEN: usize = 1 << 20;
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
            Err(outcome) => return outcome,
        },
        Layout::Raw(guess) => (start.at, guess.uid().to_string()),
    };
    read_body(bytes, data_at, ts_uid, walk)
}

fn more_bytes(have: usize, needed: usize) -> ReadOutcome {
    ReadOutcome::NeedMoreBytes {
        at_least: needed.max(have.saturating_mul(2)).max(MIN_PREFIX),
    }
}

// ---------------------------------------------------------------------------------------
// Locating the data set

/// Where the DICOM content begins.
struct Start {
    /// Offset of the first byte read (meta group or data set).
    at: usize,
    /// Bytes of unexpected data skipped before it (0 for a well-formed file).
    skipped: usize,
    layout: Layout,
}

enum Layout {
    /// `DICM` then the file meta group at `meta_at`.
    Part10 { meta_at: usize },
    /// A data set with no meta group, in the guessed encoding.
    Raw(Encoding),
}

/// The encodings a raw data set can be recognised in from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Encoding {
    ImplicitLe,
    ExplicitLe,
    ExplicitBe,
}

impl Encoding {
    fn uid(self) -> &'static str {
        match self {
            Encoding::ImplicitLe => uids::IMPLICIT_VR_LITTLE_ENDIAN,
            Encoding::ExplicitLe => uids::EXPLICIT_VR_LITTLE_ENDIAN,
            // Why allow: retired, yet files in it still exist.
            #[allow(deprecated)]
            Encoding::ExplicitBe => uids::EXPLICIT_VR_BIG_ENDIAN,
        }
    }
}

fn locate(bytes: &[u8]) -> Option<Start> {
    let part10 = |marker: usize, skipped| Start {
        at: marker + 4,
        skipped,
        layout: Layout::Part10 {
            meta_at: marker + 4,
        },
    };
    if bytes.get(128..132) == Some(b"DICM") {
        return Some(part10(128, 0));
    }
    if bytes.starts_with(b"DICM") {
        return Some(part10(0, 0));
    }
    if let Some(enc) = guess_encoding(bytes, 0) {
        return Some(raw(0, enc));
    }
    let window = &bytes[..bytes.len().min(SCAN_WINDOW)];
    if let Some(marker) = window.windows(4).position(|w| w == b"DICM") {
        // Why: a marker past byte 128 most likely follows a preamble, so only what precedes
        // the preamble counts as unexpected.
        let skipped = if marker >= 128 { marker - 128 } else { marker };
        return Some(part10(marker, skipped));
    }
    (1..window.len()).find_map(|at| guess_encoding(bytes, at).map(|enc| raw(at, enc)))
}

fn raw(at: usize, enc: Encoding) -> Start {
    Start {
        at,
        skipped: at,
        layout: Layout::Raw(enc),
    }
}

/// An element header as a sniffer sees it.
struct Sniffed {
    tag: (u16, u16),
    /// Offset just past the value; `None` for an undefined length (a sequence).
    end: Option<usize>,
}

/// Guess the encoding of a data set starting at `at`: the first element must have a low
/// even group and a value that fits; the header after it must decode with a greater tag.
fn guess_encoding(bytes: &[u8], at: usize) -> Option<Encoding> {
    [
        Encoding::ExplicitLe,
        Encoding::ExplicitBe,
        Encoding::ImplicitLe,
    ]
    .into_iter()
    .find(|&enc| {
        let Some(first) = sniff_header(bytes, at, enc) else {
            return false;
        };
        // Why these groups: data sets open with the command (0000), meta (0002) or
        // identifying (0008) group; anything else is too weak a signal in junk.
        let opening = matches!(first.tag.0, 0x0000 | 0x0002 | 0x0008);
        let Some(end) = first.end.filter(|&end| end > at + 8) else {
            return false;
        };
        let second = sniff_header(bytes, end, enc);
        opening && second.is_some_and(|second| second.tag > first.tag)
    })
}

fn sniff_header(bytes: &[u8], at: usize, enc: Encoding) -> Option<Sniffed> {
    let head = bytes.get(at..at.checked_add(8)?)?;
    let u16_at = |i: usize| match enc {
        Encoding::ExplicitBe => u16::from_be_bytes([head[i], head[i + 1]]),
        _ => u16::from_le_bytes([head[i], head[i + 1]]),
    };
    let tag = (u16_at(0), u16_at(2));
    if tag.0 > 0x7FE0 {
        return None;
    }
    let (value_at, len) = match enc {
        Encoding::ImplicitLe => (
            at + 8,
            u32::from_le_bytes([head[4], head[5], head[6], head[7]]),
        ),
        _ => explicit_len(bytes, at, head, enc)?,
    };
    if len == u32::MAX {
        return Some(Sniffed { tag, end: None });
    }
    let end = value_at.checked_add(usize::try_from(len).ok()?)?;
    (end <= bytes.len()).then_some(Sniffed {
        tag,
        end: Some(end),
    })
}

fn explicit_len(bytes: &[u8], at: usize, head: &[u8], enc: Encoding) -> Option<(usize, u32)> {
    let vr = VR::from_binary([head[4], head[5]])?;
    let long = matches!(
        vr,
        VR::OB
            | VR::OD
            | VR::OF
            | VR::OL
            | VR::OV
            | VR::OW
            | VR::SQ
            | VR::UC
            | VR::UN
            | VR::UR
            | VR::UT
            | VR::SV
            | VR::UV
    );
    if !long {
        let len = match enc {
            Encoding::ExplicitBe => u16::from_be_bytes([head[6], head[7]]),
            _ => u16::from_le_bytes([head[6], head[7]]),
        };
        return Some((at + 8, u32::from(len)));
    }
    let l = bytes.get(at + 8..at + 12)?;
    let len = match enc {
        Encoding::ExplicitBe => u32::from_be_bytes([l[0], l[1], l[2], l[3]]),
        _ => u32::from_le_bytes([l[0], l[1], l[2], l[3]]),
    };
    Some((at + 12, len))
}

// ---------------------------------------------------------------------------------------
// Reading the meta group and the data set

/// Read the file meta group (explicit VR little endian, group 0002) starting at `meta_at`.
/// Returns where the data set starts and its transfer syntax UID.
fn read_meta(
    bytes: &[u8],
    meta_at: usize,
    walk: &mut Walk,
) -> Result<(usize, String), ReadOutcome> {
    let ts = registry(uids::EXPLICIT_VR_LITTLE_ENDIAN).ok_or_else(no_registry)?;
    let stop = walk.run(bytes, meta_at, ts, Phase::Meta);
    let data_at = match stop {
        Stop::MetaEnd(at) => at,
        other => {
            // The input ended (or broke) inside the meta group: nothing of the data set.
            let uid = meta_ts(&walk.elements).unwrap_or_default();
            return Err(walk.finish(other, uid));
        }
    };
    match meta_ts(&walk.elements) {
        Some(uid) => Ok((data_at, uid)),
        None => {
            let guess = guess_encoding(bytes, data_at).unwrap_or(Encoding::ExplicitLe);
            walk.recovered(format!(
                "the file meta group has no transfer syntax; the data set at byte {data_at} \
                 was read as {}",
                guess.uid()
            ));
            Ok((data_at, guess.uid().to_string()))
        }
    }
}

fn meta_ts(elements: &[Element]) -> Option<String> {
    let ds = Dataset {
        elements: elements.to_vec(),
    };
    let tag = tags::TRANSFER_SYNTAX_UID;
    ds.top_text(tag.group(), tag.element())
}

fn read_body(bytes: &[u8], data_at: usize, ts_uid: String, mut walk: Walk) -> ReadOutcome {
    let ts = match registry(&ts_uid) {
        Some(ts) if ts.can_decode_dataset() => ts,
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
    let stop = walk.run(bytes, data_at, ts, Phase::Body);
    walk.finish(stop, ts.uid().to_string())
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

/// Counts the bytes the decoder pulls, so that messages can give offsets.
struct Counted<R> {
    inner: R,
    pos: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos.set(self.pos.get() + n as u64);
        Ok(n)
    }
}

type Tokens<'a> = DataSetReader<DynStatefulDecoder<Counted<Box<dyn Read + 'a>>>>;

/// Bytes shown to the explicit VR stream instead of the contents of an undefined-length UN
/// element: `len` bytes from file offset `start`, `head` then zeros then `tail`.
struct Patch {
    start: usize,
    len: usize,
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl Patch {
    /// A stand-in for `len` bytes of sequence contents, delimiter included, in the data set's
    /// byte order: one defined-length item holding one element, then the sequence delimiter.
    /// `None` when no such stand-in has exactly that length.
    fn new(start: usize, len: usize, big_endian: bool) -> Option<Patch> {
        let u16s = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32s = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut tail = Vec::with_capacity(8);
        tail.extend_from_slice(&u16s(0xFFFE));
        tail.extend_from_slice(&u16s(0xE0DD));
        tail.extend_from_slice(&u32s(0));
        let mut head = Vec::with_capacity(20);
        if len > 8 {
            let content = len.checked_sub(16)?;
            head.extend_from_slice(&u16s(0xFFFE));
            head.extend_from_slice(&u16s(0xE000));
            head.extend_from_slice(&u32s(u32::try_from(content).ok()?));
            if content > 0 {
                head.extend_from_slice(&u16s(0x0009));
                head.extend_from_slice(&u16s(0x1000));
            }
            if content >= 12 {
                head.extend_from_slice(b"OB\0\0");
                head.extend_from_slice(&u32s(u32::try_from(content - 12).ok()?));
            } else if content >= 8 {
                head.extend_from_slice(b"LO");
                head.extend_from_slice(&u16s(u16::try_from(content - 8).ok()?));
            } else if content > 0 {
                return None;
            }
        } else if len < 8 {
            return None;
        }
        Some(Patch {
            start,
            len,
            head,
            tail,
        })
    }

    fn byte(&self, offset: usize) -> u8 {
        let i = offset - self.start;
        let tail_at = self.len - self.tail.len();
        if i < self.head.len() {
            self.head[i]
        } else if i >= tail_at {
            self.tail[i - tail_at]
        } else {
            0
        }
    }
}

/// The input from an offset on, with the [`Patch`] in force (if any) laid over it.
struct Patched<'a> {
    bytes: &'a [u8],
    at: usize,
    patch: Rc<RefCell<Option<Patch>>>,
}

impl Read for Patched<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = buf.len().min(self.bytes.len().saturating_sub(self.at));
        if let Some(patch) = self.patch.borrow().as_ref() {
            let end = patch.start + patch.len;
            if self.at < patch.start {
                n = n.min(patch.start - self.at);
            } else if self.at < end {
                n = n.min(end - self.at);
                for (i, b) in buf[..n].iter_mut().enumerate() {
                    *b = patch.byte(self.at + i);
                }
                self.at += n;
                return Ok(n);
            }
        }
        buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    /// Group 0002 only; stop at the first other top-level element.
    Meta,
    /// The data set; stop at top-level pixel data.
    Body,
}

/// Why a run over the token stream ended.
#[derive(Debug)]
enum Stop {
    /// Top-level pixel data reached (or the end of the data set): done.
    Done,
    /// Meta phase: the data set starts at this offset.
    MetaEnd(usize),
    /// The input ended inside the header; `need` = offset up to which bytes are needed.
    Eof { need: usize },
    /// The token stream failed (message names the step and offset).
    Broken(String),
    /// A limit was hit (message says which).
    Limit(String),
    /// The value of the element whose header is at `at` would run past the end of the input
    /// (turned into `Eof` or `Broken` by [`Walk::overrun`]).
    Overrun { tag: Tag, at: usize, need: usize },
}

/// What became of an undefined-length UN element in an explicit VR data set.
enum UnSequence {
    /// Its items were read; the explicit VR stream is to see this stand-in for them.
    Read(Patch),
    /// Its items are explicit VR after all: the stream reads them itself.
    Explicit,
    /// Reading ends here.
    Stop(Stop),
}

/// An open sequence (or nested pixel data sequence).
struct Frame {
    tag: Tag,
    /// Index of the sequence's own element in `elements`.
    index: usize,
    items: u32,
    pixel: bool,
}

/// The state of one read: elements so far, open sequences, character sets, problems.
struct Walk {
    total: usize,
    complete: bool,
    elements: Vec<Element>,
    warnings: Vec<String>,
    recovered: Vec<String>,
    frames: Vec<Frame>,
    /// One character set per open item, plus the top level.
    charsets: Vec<Charset>,
    /// Depth of the sequence being skipped for nesting too deep.
    skipping: Option<usize>,
    big_endian: bool,
    /// Offsets count inflated bytes (deflated transfer syntax).
    inflated: bool,
}

impl Walk {
    fn new(total: usize, complete: bool) -> Self {
        Walk {
            total,
            complete,
            elements: Vec::new(),
            warnings: Vec::new(),
            recovered: Vec::new(),
            frames: Vec::new(),
            charsets: vec![Charset::default()],
            skipping: None,
            big_endian: false,
            inflated: false,
        }
    }

    fn warn(&mut self, message: String) {
        if self.warnings.len() < MAX_WARNINGS && !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    fn recovered(&mut self, message: String) {
        self.recovered.push(message);
    }

    fn at(&self, pos: u64) -> String {
        if self.inflated {
            format!("byte {pos} of the inflated data set")
        } else {
            format!("byte {pos}")
        }
    }

    /// Read tokens from `bytes[from..]` in transfer syntax `ts` until a stop.
    fn run(&mut self, bytes: &[u8], from: usize, ts: &TransferSyntax, phase: Phase) -> Stop {
        let pos = Rc::new(Cell::new(from as u64));
        let patch = Rc::new(RefCell::new(None));
        let mut tokens = match self.open(bytes, from, ts, pos.clone(), patch.clone()) {
            Ok(tokens) => tokens,
            Err(message) => return Stop::Broken(message),
        };
        self.frames.clear();
        self.charsets.truncate(1);
        self.big_endian = ts.endianness() == Endianness::Big;
        let explicit = ts.uid() != uids::IMPLICIT_VR_LITTLE_ENDIAN;
        let mut pending: Option<DataElementHeader> = None;
        // Tokens of a patched-over UN sequence, up to its end, are ignored.
        let mut ignoring = false;
        loop {
            let before = pos.get();
            let token = match tokens.next() {
                None => return self.end_of_tokens(phase, pos.get()),
                Some(Ok(token)) => token,
                Some(Err(e)) => return self.broken(&e, before, pos.get()),
            };
            if ignoring {
                ignoring = !matches!(token, DataToken::SequenceEnd);
                continue;
            }
            if let DataToken::SequenceStart { tag, len } = &token {
                let header_at = (pos.get() as usize).saturating_sub(12);
                if phase == Phase::Body
                    && explicit
                    && !self.inflated
                    && len.is_undefined()
                    && is_un_undefined_header(bytes, header_at)
                {
                    match self.un_sequence(bytes, header_at, *tag) {
                        UnSequence::Read(new_patch) => {
                            *patch.borrow_mut() = Some(new_patch);
                            ignoring = true;
                            if let Some(stop) = self.limit_reached(before) {
                                return stop;
                            }
                            continue;
                        }
                        UnSequence::Stop(stop) => return stop,
                        // Read on as dicom-rs does: explicit VR items.
                        UnSequence::Explicit => {}
                    }
                }
            }
            let step = self.token(token, &mut pending, phase, before);
            if let Some(stop) = step {
                return self.overrun(stop, bytes, explicit);
            }
        }
    }

    /// A value that runs past the end of the input: more bytes are needed, or (for a whole
    /// file) the file ends there, unless the element header itself is not a valid one, in
    /// which case the reader lost track of the structure before that point.
    fn overrun(&self, stop: Stop, bytes: &[u8], explicit: bool) -> Stop {
        let Stop::Overrun { tag, at, need } = stop else {
            return stop;
        };
        let u16_at = |i: usize| {
            let b = bytes.get(i..i + 2)?;
            Some(if self.big_endian {
                u16::from_be_bytes([b[0], b[1]])
            } else {
                u16::from_le_bytes([b[0], b[1]])
            })
        };
        // Why the tag check: `at` is where the stream stood before the token, which is the
        // header's own offset unless dicom-rs skipped a stray delimiter first.
        let header_here = u16_at(at) == Some(tag.group()) && u16_at(at + 2) == Some(tag.element());
        let vr_bytes = bytes.get(at + 4..at + 6);
        let bad_vr = explicit
            && !self.inflated
            && header_here
            && tag.group() != 0xFFFE
            && vr_bytes.is_some_and(|b| VR::from_binary([b[0], b[1]]).is_none());
        if self.complete && bad_vr {
            return Stop::Broken(format!(
                "the header could not be read past {}: element {} there has no valid VR and \
                 declares a value longer than the rest of the file",
                self.at(at as u64),
                tag_text(tag)
            ));
        }
        Stop::Eof { need }
    }

    /// An undefined-length UN element at `header_at` (its 12-byte header already read):
    /// read its implicit VR items into the data set and return the stand-in for them.
    fn un_sequence(&mut self, bytes: &[u8], header_at: usize, tag: Tag) -> UnSequence {
        let content_at = header_at + 12;
        let end = match un_sequence_end(bytes, content_at) {
            Ok(end) => end,
            Err(UnEnd::Ended) => return UnSequence::Stop(Stop::Eof { need: 0 }),
            Err(UnEnd::Overrun { need, .. }) if !self.complete => {
                return UnSequence::Stop(Stop::Eof { need })
            }
            Err(problem) => {
                if looks_explicit(bytes, content_at, self.big_endian) {
                    self.warn(format!(
                        "the undefined-length UN element {} at {} holds explicit VR items \
                         (the standard says implicit VR); read as explicit VR",
                        tag_text(tag),
                        self.at(header_at as u64)
                    ));
                    return UnSequence::Explicit;
                }
                return UnSequence::Stop(Stop::Broken(format!(
                    "the header could not be read past {}: the undefined-length UN element {} \
                     there {}",
                    self.at(header_at as u64),
                    tag_text(tag),
                    problem.describe()
                )));
            }
        };
        let Some(patch) = Patch::new(content_at, end - content_at, self.big_endian) else {
            return UnSequence::Stop(Stop::Broken(format!(
                "the header could not be read past {}: the undefined-length UN element {} \
                 there has contents of an impossible length",
                self.at(header_at as u64),
                tag_text(tag)
            )));
        };
        let (depth, charsets, skipping, big_endian) = (
            self.frames.len(),
            self.charsets.len(),
            self.skipping,
            self.big_endian,
        );
        self.big_endian = false;
        let outcome = self.un_items(bytes, header_at, content_at, end, tag);
        self.big_endian = big_endian;
        if let Err(stop) = outcome {
            match stop {
                Stop::Limit(_) => return UnSequence::Stop(stop),
                Stop::Broken(message) => self.recovered(message),
                _ => self.recovered(format!(
                    "the contents of the UN sequence {} at {} could not be read to their end; \
                     reading went on after it",
                    tag_text(tag),
                    self.at(header_at as u64)
                )),
            }
            // Close what the broken contents left open.
            self.frames.truncate(depth);
            self.charsets.truncate(charsets);
            self.skipping = skipping;
        }
        UnSequence::Read(patch)
    }

    /// Read `bytes[content_at..end]` (items, then the sequence delimiter) as an implicit VR
    /// little endian sequence with tag `tag`, through the same token handling as the rest.
    fn un_items(
        &mut self,
        bytes: &[u8],
        header_at: usize,
        content_at: usize,
        end: usize,
        tag: Tag,
    ) -> Result<(), Stop> {
        let ts = registry(uids::IMPLICIT_VR_LITTLE_ENDIAN)
            .ok_or_else(|| Stop::Broken("no implicit VR little endian reader".into()))?;
        // The same element as an implicit VR header, so that the stream opens the sequence.
        let mut head = Vec::with_capacity(8);
        head.extend_from_slice(&tag.group().to_le_bytes());
        head.extend_from_slice(&tag.element().to_le_bytes());
        head.extend_from_slice(&u32::MAX.to_le_bytes());
        let contents = bytes.get(content_at..end).unwrap_or_default();
        let inner: Box<dyn Read + '_> = Box::new(std::io::Cursor::new(head).chain(contents));
        // Offsets stay file offsets: the stand-in header ends where the real one does.
        let pos = Rc::new(Cell::new(header_at as u64 + 4));
        let source = Counted {
            inner,
            pos: pos.clone(),
        };
        let options = DataSetReaderOptions::default().value_read(ValueReadStrategy::Raw);
        let mut tokens: Tokens<'_> = DataSetReader::new_with_ts_options(source, ts, options)
            .map_err(|_| Stop::Broken("could not start an implicit VR reader".into()))?;
        let mut pending: Option<DataElementHeader> = None;
        loop {
            let before = pos.get();
            let token = match tokens.next() {
                None => return Ok(()),
                Some(Ok(token)) => token,
                Some(Err(e)) => {
                    return Err(Stop::Broken(format!(
                        "the contents of the UN sequence {} at {} could not be read past {} \
                         ({}); reading went on after it",
                        tag_text(tag),
                        self.at(header_at as u64),
                        self.at(before),
                        step_name(&e)
                    )))
                }
            };
            if let Some(stop) = self.token(token, &mut pending, Phase::Body, before) {
                return Err(stop);
            }
        }
    }

    fn open<'a>(
        &mut self,
        bytes: &'a [u8],
        from: usize,
        ts: &TransferSyntax,
        pos: Rc<Cell<u64>>,
        patch: Rc<RefCell<Option<Patch>>>,
    ) -> Result<Tokens<'a>, String> {
        let rest: Box<dyn Read + 'a> = Box::new(Patched {
            bytes,
            at: from.min(bytes.len()),
            patch,
        });
        let source: Box<dyn Read + 'a> = match ts.codec() {
            Codec::Dataset(Some(adapter)) => {
                // Why a fresh counter: offsets inside inflated data are not file offsets.
                self.inflated = true;
                pos.set(0);
                adapter.adapt_reader(rest)
            }
            _ => rest,
        };
        let source = Counted { inner: source, pos };
        // Why Raw: text is decoded here (charset scopes, lossy fallback) instead of failing
        // the whole stream on one undecodable value.
        let options = DataSetReaderOptions::default().value_read(ValueReadStrategy::Raw);
        DataSetReader::new_with_ts_options(source, ts, options)
            .map_err(|_| format!("could not start a reader for transfer syntax {}", ts.uid()))
    }

    /// The stream ended without error: at the end of the input, or at a tag boundary.
    fn end_of_tokens(&mut self, phase: Phase, pos: u64) -> Stop {
        let inside_sequence = !self.frames.is_empty();
        if phase == Phase::Meta {
            // A file that is nothing but a meta group has no data set to read.
            return if self.complete && !inside_sequence {
                Stop::MetaEnd(pos as usize)
            } else {
                Stop::Eof { need: 0 }
            };
        }
        if inside_sequence || !self.complete {
            return Stop::Eof { need: 0 };
        }
        Stop::Done
    }

    fn broken(&mut self, e: &dicom_parser::dataset::read::Error, before: u64, pos: u64) -> Stop {
        let eof = is_eof(e) || (!self.inflated && pos as usize >= self.total);
        if eof {
            return Stop::Eof { need: 0 };
        }
        Stop::Broken(format!(
            "the header could not be read past {} ({})",
            self.at(before),
            step_name(e)
        ))
    }

    /// Handle one token; `Some` ends the run.
    fn token(
        &mut self,
        token: DataToken,
        pending: &mut Option<DataElementHeader>,
        phase: Phase,
        before: u64,
    ) -> Option<Stop> {
        match token {
            DataToken::ElementHeader(header) => self.header(header, pending, phase, before),
            DataToken::PrimitiveValue(value) => {
                let header = pending.take()?;
                self.value(header, value, before);
                self.limit_reached(before)
            }
            DataToken::SequenceStart { tag, .. } => {
                if let Some(stop) = self.top_level_stop(tag, phase, before) {
                    return Some(stop);
                }
                self.open_sequence(tag, false, before);
                self.limit_reached(before)
            }
            DataToken::PixelSequenceStart => {
                if self.frames.is_empty() {
                    return Some(Stop::Done);
                }
                self.open_sequence(tags::PIXEL_DATA, true, before);
                None
            }
            DataToken::ItemStart { .. } => {
                self.item_start();
                None
            }
            DataToken::ItemEnd => {
                if self.charsets.len() > 1 {
                    self.charsets.pop();
                }
                None
            }
            DataToken::SequenceEnd => {
                self.close_sequence();
                None
            }
            DataToken::ItemValue(bytes) => {
                self.pixel_fragment(bytes.len());
                None
            }
            DataToken::OffsetTable(_) => None,
        }
    }

    /// Pixel data at top level ends the body; any other group ends the meta phase.
    fn top_level_stop(&self, tag: Tag, phase: Phase, before: u64) -> Option<Stop> {
        if !self.frames.is_empty() {
            return None;
        }
        match phase {
            Phase::Meta if tag.group() != 0x0002 => Some(Stop::MetaEnd(before as usize)),
            Phase::Body if is_pixel_data(tag) => Some(Stop::Done),
            _ => None,
        }
    }

    fn header(
        &mut self,
        header: DataElementHeader,
        pending: &mut Option<DataElementHeader>,
        phase: Phase,
        before: u64,
    ) -> Option<Stop> {
        if let Some(stop) = self.top_level_stop(header.tag, phase, before) {
            return Some(stop);
        }
        let len = header.length().get().unwrap_or(0);
        // Why 8: the shortest header; a 12-byte one only lets a value overrun by 4 bytes,
        // which dicom-rs then reports as an end of input.
        let value_at = before + 8;
        // Why check before reading: dicom-rs allocates the declared length up front.
        if self.inflated {
            if len > MAX_INFLATED_VALUE {
                return Some(Stop::Limit(format!(
                    "the value of {} at {} declares {len} bytes, more than the {} MiB limit \
                     for deflated data",
                    tag_text(header.tag),
                    self.at(before),
                    MAX_INFLATED_VALUE >> 20
                )));
            }
        } else if value_at + u64::from(len) > self.total as u64 {
            return Some(Stop::Overrun {
                tag: header.tag,
                at: before as usize,
                need: (value_at + u64::from(len)) as usize,
            });
        }
        *pending = Some(header);
        None
    }

    fn limit_reached(&self, before: u64) -> Option<Stop> {
        (self.elements.len() >= MAX_ELEMENTS).then(|| {
            Stop::Limit(format!(
                "reading stopped at {} after {MAX_ELEMENTS} elements (the element limit)",
                self.at(before)
            ))
        })
    }

    fn path_to(&self, tag: Tag) -> TagPath {
        let mut steps: Vec<PathStep> = self
            .frames
            .iter()
            .map(|f| PathStep {
                group: f.tag.group(),
                element: f.tag.element(),
                item: Some(f.items.saturating_sub(1)),
            })
            .collect();
        steps.push(PathStep {
            group: tag.group(),
            element: tag.element(),
            item: None,
        });
        TagPath(steps)
    }

    fn push(&mut self, tag: Tag, vr: &str, value: Value) {
        if self.skipping.is_some() {
            return;
        }
        let path = self.path_to(tag);
        self.elements.push(Element {
            path,
            vr: vr.to_string(),
            value,
        });
    }

    fn open_sequence(&mut self, tag: Tag, pixel: bool, before: u64) {
        if self.skipping.is_none() && self.frames.len() >= MAX_DEPTH {
            self.skipping = Some(self.frames.len());
            let message = format!(
                "sequence {} at {} is nested deeper than {MAX_DEPTH} levels; its contents \
                 were skipped",
                tag_text(tag),
                self.at(before)
            );
            self.recovered(message);
        }
        let value = if pixel {
            Value::Binary { len: 0, text: None }
        } else {
            Value::Sequence { items: 0 }
        };
        self.push(tag, if pixel { "OB" } else { "SQ" }, value);
        let index = self.elements.len().saturating_sub(1);
        self.frames.push(Frame {
            tag,
            index,
            items: 0,
            pixel,
        });
    }

    fn close_sequence(&mut self) {
        self.frames.pop();
        if self.skipping == Some(self.frames.len()) {
            self.skipping = None;
        }
    }

    fn item_start(&mut self) {
        let skipping = self.skipping.is_some();
        if let Some(frame) = self.frames.last_mut() {
            frame.items += 1;
            if !frame.pixel && !skipping {
                let items = frame.items;
                if let Some(e) = self.elements.get_mut(frame.index) {
                    e.value = Value::Sequence { items };
                }
            }
        }
        // Why a copy: an item may declare its own character set, for itself only.
        let inherited = self.charsets.last().cloned().unwrap_or_default();
        self.charsets.push(inherited);
    }

    fn pixel_fragment(&mut self, n: usize) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        if self.skipping.is_some() {
            return;
        }
        if let Some(Element {
            value: Value::Binary { len, .. },
            ..
        }) = self.elements.get_mut(frame.index)
        {
            *len += n as u64;
        }
    }

    fn value(&mut self, header: DataElementHeader, value: PrimitiveValue, before: u64) {
        let bytes: &[u8] = match &value {
            PrimitiveValue::U8(b) => b,
            _ => &[],
        };
        let vr = header.vr();
        let decoded = self.decode(header.tag, vr, bytes, before);
        if header.tag == tags::SPECIFIC_CHARACTER_SET && self.skipping.is_none() {
            self.set_charset(&decoded);
        }
        self.push(header.tag, vr.to_string(), decoded);
    }

    fn set_charset(&mut self, value: &Value) {
        let terms = match value {
            Value::Text(terms) => terms.clone(),
            _ => Vec::new(),
        };
        let (charset, warning) = Charset::from_terms(&terms);
        if let Some(w) = warning {
            self.warn(w);
        }
        if let Some(top) = self.charsets.last_mut() {
            *top = charset;
        }
    }

    fn decode(&mut self, tag: Tag, vr: VR, bytes: &[u8], before: u64) -> Value {
        if bytes.is_empty() {
            return Value::Empty;
        }
        let len = bytes.len() as u64;
        if is_text_vr(vr) {
            if bytes.len() > MAX_TEXT_LEN {
                let message = format!(
                    "the value of {} at {} is {len} bytes, over the {} MiB text limit; not decoded",
                    tag_text(tag),
                    self.at(before),
                    MAX_TEXT_LEN >> 20
                );
                self.warn(message);
                return Value::Binary { len, text: None };
            }
            return Value::Text(self.text_values(tag, vr, bytes));
        }
        if let Some(numbers) = numbers(vr, bytes, self.big_endian) {
            return Value::Text(numbers);
        }
        let text = (bytes.len() <= MAX_TEXT_LEN && looks_like_text(bytes))
            .then(|| self.lossy_text(bytes))
            .map(|t| t.trim_end_matches(['\0', ' ']).to_string());
        Value::Binary { len, text }
    }

    fn text_values(&mut self, tag: Tag, vr: VR, bytes: &[u8]) -> Vec<String> {
        // Why: only these VRs use the Specific Character Set; the rest are plain ASCII.
        let text = if matches!(
            vr,
            VR::PN | VR::LO | VR::SH | VR::ST | VR::LT | VR::UC | VR::UT
        ) {
            let charset = self.charsets.last().cloned().unwrap_or_default();
            let (text, warning) = charset.decode(bytes);
            if let Some(w) = warning {
                self.warn(format!("{} ({}): {w}", tag_text(tag), vr.to_string()));
            }
            text
        } else {
            latin1(bytes)
        };
        let trim = |s: &str| s.trim_end_matches(['\0', ' ']).to_string();
        // Why split after decoding: in multi-byte sets a 0x5C byte can be half a character.
        if matches!(vr, VR::LT | VR::ST | VR::UT | VR::UR) {
            vec![trim(&text)]
        } else {
            text.split('\\').map(trim).collect()
        }
    }

    fn lossy_text(&self, bytes: &[u8]) -> String {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let charset = self.charsets.last().cloned().unwrap_or_default();
                charset.decode(bytes).0
            }
        }
    }

    /// Turn a stop into the outcome.
    fn finish(&mut self, stop: Stop, transfer_syntax: String) -> ReadOutcome {
        let truncated = match stop {
            Stop::Done | Stop::MetaEnd(_) => None,
            Stop::Eof { need } if !self.complete => return more_bytes(self.total, need),
            Stop::Eof { .. } => Some(format!(
                "the file ends inside the header at byte {}",
                self.total
            )),
            Stop::Broken(message) | Stop::Limit(message) => Some(message),
            Stop::Overrun { at, .. } => Some(format!(
                "a value at {} runs past the end of the file",
                self.at(at as u64)
            )),
        };
        let status = match (truncated, self.recovered.is_empty()) {
            (Some(t), true) => ReadStatus::Truncated(t),
            (Some(t), false) => {
                ReadStatus::Truncated(format!("{}; {t}", self.recovered.join("; ")))
            }
            (None, true) => ReadStatus::Ok,
            (None, false) => ReadStatus::Recovered(self.recovered.join("; ")),
        };
        ReadOutcome::Read(DicomRead {
            dataset: Dataset {
                elements: std::mem::take(&mut self.elements),
            },
            transfer_syntax,
            status,
            warnings: std::mem::take(&mut self.warnings),
        })
    }
}

/// Whether an explicit VR header with VR UN and undefined length starts at `at`.
fn is_un_undefined_header(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at + 4..at + 12)
        .is_some_and(|h| h == b"UN\0\0\xff\xff\xff\xff")
}

/// Why the end of an undefined-length UN element's contents was not found.
#[derive(Debug, PartialEq)]
enum UnEnd {
    /// The input ends before the next header.
    Ended,
    /// The length declared at `at` runs past the end of the input.
    Overrun { at: usize, need: usize },
    /// The header at `at` is not what an implicit VR sequence has there.
    Invalid { at: usize, what: &'static str },
}

impl UnEnd {
    fn describe(&self) -> String {
        match self {
            UnEnd::Ended => "is cut short by the end of the file".into(),
            UnEnd::Overrun { at, .. } => {
                format!("declares, at byte {at}, a length that runs past the end of the file")
            }
            UnEnd::Invalid { at, what } => {
                format!("does not hold an implicit VR sequence ({what} at byte {at})")
            }
        }
    }
}

/// The offset just past the sequence delimiter of an implicit VR little endian sequence
/// whose items start at `at`, found by walking items and element lengths (values are
/// skipped, never searched: a delimiter pattern may occur inside one). Undefined-length
/// items and nested sequences are walked into; defined-length ones are skipped whole. Every
/// step moves at least 8 bytes on, so the work is linear in the input.
fn un_sequence_end(bytes: &[u8], mut at: usize) -> Result<usize, UnEnd> {
    // `true`: inside a sequence (items expected); `false`: inside an item (elements).
    let mut open = vec![true];
    while let Some(&in_sequence) = open.last() {
        let head = bytes.get(at..at + 8).ok_or(UnEnd::Ended)?;
        let group = u16::from_le_bytes([head[0], head[1]]);
        let element = u16::from_le_bytes([head[2], head[3]]);
        let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        let value_at = at + 8;
        let skip = |len: u32| {
            let need = value_at.saturating_add(len as usize);
            if need > bytes.len() {
                Err(UnEnd::Overrun { at, need })
            } else {
                Ok(need)
            }
        };
        let invalid = |what| Err(UnEnd::Invalid { at, what });
        at = match (in_sequence, group, element) {
            (true, 0xFFFE, 0xE0DD) | (false, 0xFFFE, 0xE00D) => {
                open.pop();
                value_at
            }
            (true, 0xFFFE, 0xE000) if len == u32::MAX => {
                open.push(false);
                value_at
            }
            // Why: a non-empty item holds at least one 8-byte element header.
            (true, 0xFFFE, 0xE000) if (1..8).contains(&len) => {
                return invalid("an item too short to hold an element");
            }
            (true, 0xFFFE, 0xE000) => skip(len)?,
            (true, _, _) => return invalid("no item header"),
            (false, 0xFFFE, _) => return invalid("a misplaced item or sequence delimiter"),
            (false, _, _) if len == u32::MAX => {
                open.push(true);
                value_at
            }
            (false, _, _) => skip(len)?,
        };
    }
    Ok(at)
}

/// Whether contents at `at` look like an item of explicit VR elements: an item header, then
/// an element header with a known VR.
fn looks_explicit(bytes: &[u8], at: usize, big_endian: bool) -> bool {
    let Some(head) = bytes.get(at..at + 14) else {
        return false;
    };
    let item = if big_endian {
        [0xFF, 0xFE, 0xE0, 0x00]
    } else {
        [0xFE, 0xFF, 0x00, 0xE0]
    };
    let delimiter = matches!(head[8..10], [0xFE, 0xFF] | [0xFF, 0xFE]);
    head[..4] == item && !delimiter && VR::from_binary([head[12], head[13]]).is_some()
}

fn is_pixel_data(tag: Tag) -> bool {
    tag == tags::PIXEL_DATA || tag == tags::FLOAT_PIXEL_DATA || tag == tags::DOUBLE_FLOAT_PIXEL_DATA
}

fn is_eof(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::UnexpectedEof {
                return true;
            }
        }
        source = err.source();
    }
    false
}

/// The failing step, from dicom-rs's error (its top level names the step, not the value).
fn step_name(e: &dicom_parser::dataset::read::Error) -> String {
    let text = e.to_string();
    text.chars().take(160).collect()
}

fn tag_text(tag: Tag) -> String {
    format!("({:04X},{:04X})", tag.group(), tag.element())
}

fn is_text_vr(vr: VR) -> bool {
    matches!(
        vr,
        VR::AE
            | VR::AS
            | VR::CS
            | VR::DA
            | VR::DS
            | VR::DT
            | VR::IS
            | VR::LO
            | VR::LT
            | VR::PN
            | VR::SH
            | VR::ST
            | VR::TM
            | VR::UC
            | VR::UI
            | VR::UR
            | VR::UT
    )
}

/// Binary numbers rendered as text; `None` for VRs that are not numbers.
fn numbers(vr: VR, bytes: &[u8], big_endian: bool) -> Option<Vec<String>> {
    fn words<const N: usize>(bytes: &[u8], big: bool) -> impl Iterator<Item = [u8; N]> + '_ {
        bytes.chunks_exact(N).map(move |c| {
            let mut a = [0u8; N];
            a.copy_from_slice(c);
            if big {
                a.reverse();
            }
            a
        })
    }
    let b = big_endian;
    let out: Vec<String> = match vr {
        VR::US => words::<2>(bytes, b)
            .map(|w| u16::from_le_bytes(w).to_string())
            .collect(),
        VR::SS => words::<2>(bytes, b)
            .map(|w| i16::from_le_bytes(w).to_string())
            .collect(),
        VR::UL => words::<4>(bytes, b)
            .map(|w| u32::from_le_bytes(w).to_string())
            .collect(),
        VR::SL => words::<4>(bytes, b)
            .map(|w| i32::from_le_bytes(w).to_string())
            .collect(),
        VR::FL => words::<4>(bytes, b)
            .map(|w| f32::from_le_bytes(w).to_string())
            .collect(),
        VR::FD => words::<8>(bytes, b)
            .map(|w| f64::from_le_bytes(w).to_string())
            .collect(),
        VR::UV => words::<8>(bytes, b)
            .map(|w| u64::from_le_bytes(w).to_string())
            .collect(),
        VR::SV => words::<8>(bytes, b)
            .map(|w| i64::from_le_bytes(w).to_string())
            .collect(),
        VR::AT => words::<2>(bytes, b)
            .map(u16::from_le_bytes)
            .collect::<Vec<_>>()
            .chunks_exact(2)
            .map(|p| format!("({:04X},{:04X})", p[0], p[1]))
            .collect(),
        _ => return None,
    };
    // Why cap: a long number array (a LUT, say) identifies no one and bloats the report.
    Some(out.into_iter().take(64).collect())
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

// ---------------------------------------------------------------------------------------
// Character sets

/// The text decoding in force: the Specific Character Set terms, resolved.
#[derive(Debug, Clone, Default)]
struct Charset {
    /// Single-byte or single-code set decoded by dicom-rs (`None` = default repertoire).
    base: Option<SpecificCharacterSet>,
    /// Name of the declared set, for warnings.
    name: String,
    /// ISO 2022 code extensions (several terms): decode segment by segment.
    iso2022: bool,
    /// Unknown term: decode as UTF-8 when valid, else Latin-1.
    unknown: bool,
}

impl Charset {
    fn from_terms(terms: &[String]) -> (Charset, Option<String>) {
        let terms: Vec<String> = terms.iter().map(|t| clean_term(t)).collect();
        let name = terms.join("\\");
        let first = terms.first().map(String::as_str).unwrap_or("");
        let base = if first.is_empty() {
            None
        } else {
            SpecificCharacterSet::from_code(first)
        };
        let mut charset = Charset {
            base,
            name: name.clone(),
            iso2022: terms.len() > 1,
            unknown: false,
        };
        let unknown: Vec<&String> = terms
            .iter()
            .filter(|t| !t.is_empty() && SpecificCharacterSet::from_code(t).is_none())
            .collect();
        if unknown.is_empty() {
            return (charset, None);
        }
        charset.unknown = !charset.iso2022;
        let warning = format!(
            "unsupported Specific Character Set `{}`; text decoded as UTF-8 or Latin-1",
            unknown
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("\\")
        );
        (charset, Some(warning))
    }

    /// Decode text; the warning (if any) names the character set, never the text.
    fn decode(&self, bytes: &[u8]) -> (String, Option<String>) {
        if self.unknown {
            return (utf8_or_latin1(bytes), None);
        }
        if self.iso2022 || bytes.contains(&0x1B) {
            return self.decode_iso2022(bytes);
        }
        self.decode_single(bytes)
    }

    fn decode_single(&self, bytes: &[u8]) -> (String, Option<String>) {
        let Some(base) = &self.base else {
            return self.default_repertoire(bytes);
        };
        let utf8_like = matches!(base.name().as_ref(), "ISO_IR 192");
        let multibyte = matches!(base.name().as_ref(), "ISO_IR 192" | "GB18030" | "GBK");
        // Why: a single-byte set that holds valid multi-byte UTF-8 was almost surely mis-declared.
        if !multibyte && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            let w = format!("declared `{}` but holds UTF-8; decoded as UTF-8", self.name);
            return (utf8_or_latin1(bytes), Some(w));
        }
        if utf8_like && std::str::from_utf8(bytes).is_err() {
            let w = format!(
                "declared `{}` but is not valid UTF-8; decoded as Latin-1",
                self.name
            );
            return (latin1(bytes), Some(w));
        }
        match base.decode(bytes) {
            Ok(text) => (text, None),
            Err(_) => {
                let w = format!("could not decode with `{}`; decoded as Latin-1", self.name);
                (latin1(bytes), Some(w))
            }
        }
    }

    fn default_repertoire(&self, bytes: &[u8]) -> (String, Option<String>) {
        if bytes.is_ascii() {
            return (latin1(bytes), None);
        }
        // Why: no character set declared, yet bytes above 0x7F; UTF-8 is the likeliest.
        let w = "non-ASCII text without a Specific Character Set; decoded as UTF-8 or Latin-1";
        (utf8_or_latin1(bytes), Some(w.to_string()))
    }

    /// ISO 2022 code extensions: split at escape sequences, decode each run with its set.
    fn decode_iso2022(&self, bytes: &[u8]) -> (String, Option<String>) {
        let mut out = String::new();
        let mut unknown_escape = false;
        let mut rest = bytes;
        // Bytes before the first escape use the first term's set.
        let first_len = rest.iter().position(|&b| b == 0x1B).unwrap_or(rest.len());
        out.push_str(&self.decode_run(&rest[..first_len], None));
        rest = &rest[first_len..];
        while !rest.is_empty() {
            let (esc, body_at) = escape_sequence(rest);
            let run_len = rest[body_at..]
                .iter()
                .position(|&b| b == 0x1B)
                .map_or(rest.len(), |p| body_at + p);
            let (text, known) = decode_escaped(esc, &rest[body_at..run_len], self);
            unknown_escape |= !known;
            out.push_str(&text);
            rest = &rest[run_len..];
        }
        let warning = unknown_escape.then(|| {
            format!(
                "ISO 2022 escape sequence not supported for `{}`; some text decoded as Latin-1",
                self.name
            )
        });
        (out, warning)
    }

    fn decode_run(&self, run: &[u8], set: Option<SpecificCharacterSet>) -> String {
        let set = set.or_else(|| self.base.clone());
        match set {
            Some(set) => set.decode(run).unwrap_or_else(|_| latin1(run)),
            None => utf8_or_latin1(run),
        }
    }
}

/// Split off the escape sequence at the start of `bytes` (ESC, intermediates, final byte).
fn escape_sequence(bytes: &[u8]) -> (&[u8], usize) {
    let end = bytes
        .iter()
        .skip(1)
        .position(|&b| (0x30..=0x7E).contains(&b))
        .map_or(bytes.len(), |p| p + 2)
        .min(bytes.len());
    (&bytes[..end], end)
}

/// Decode one run of bytes after an escape sequence; `false` when the escape is unknown.
fn decode_escaped(esc: &[u8], run: &[u8], charset: &Charset) -> (String, bool) {
    let code = |term: &str| SpecificCharacterSet::from_code(term);
    let with = |term: &str| charset.decode_run(run, code(term));
    match esc {
        b"\x1b(B" | b"\x1b(J" => (latin1(run), true),
        b"\x1b)I" => (with("ISO_IR 13"), true),
        // Why keep the escape: the ISO-2022-JP codec switches on it itself.
        b"\x1b$B" | b"\x1b$@" => {
            let mut jis = esc.to_vec();
            jis.extend_from_slice(run);
            (charset.decode_run(&jis, code("ISO 2022 IR 87")), true)
        }
        b"\x1b$)C" => (with("ISO_IR 149"), true),
        b"\x1b$)A" => (with("GBK"), true),
        b"\x1b-A" => (with("ISO_IR 100"), true),
        b"\x1b-B" => (with("ISO_IR 101"), true),
        b"\x1b-C" => (with("ISO_IR 109"), true),
        b"\x1b-D" => (with("ISO_IR 110"), true),
        b"\x1b-F" => (with("ISO_IR 126"), true),
        b"\x1b-G" => (with("ISO_IR 127"), true),
        b"\x1b-H" => (with("ISO_IR 138"), true),
        b"\x1b-L" => (with("ISO_IR 144"), true),
        b"\x1b-T" => (with("ISO_IR 166"), true),
        _ => (latin1(run), false),
    }
}

fn utf8_or_latin1(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => latin1(bytes),
    }
}

/// A character set term as it may appear in a warning: printable ASCII, bounded.
fn clean_term(term: &str) -> String {
    term.trim_matches(['\0', ' '])
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn read(bytes: &[u8], complete: bool) -> DicomRead {
        match read_dicom(bytes, complete) {
            ReadOutcome::Read(read) => read,
            other => panic!("expected a read, got {other:?}"),
        }
    }

    fn read_fixture(name: &str) -> DicomRead {
        read(&fixture(name), true)
    }

    /// Texts of every element with this tag, at any depth.
    fn texts(read: &DicomRead, tag: Tag) -> Vec<String> {
        let tag = (tag.group(), tag.element());
        read.dataset
            .elements
            .iter()
            .filter(|e| e.tag() == tag)
            .filter_map(|e| e.value.text())
            .collect()
    }

    fn top(read: &DicomRead, tag: Tag) -> Option<String> {
        read.dataset.top_text(tag.group(), tag.element())
    }

    #[test]
    fn part10_with_preamble() {
        let r = read_fixture("CT_small.dcm");
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(r.transfer_syntax, uids::EXPLICIT_VR_LITTLE_ENDIAN);
        assert_eq!(
            top(&r, tags::PATIENT_NAME).as_deref(),
            Some("CompressedSamples^CT1")
        );
        // The meta group is part of the data set.
        assert_eq!(
            top(&r, tags::TRANSFER_SYNTAX_UID).as_deref(),
            Some(uids::EXPLICIT_VR_LITTLE_ENDIAN)
        );
    }

    #[test]
    fn part10_without_preamble() {
        let bytes = fixture("CT_small.dcm");
        let r = read(&bytes[128..], true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(r, read_fixture("CT_small.dcm"));
    }

    #[test]
    fn raw_datasets_without_meta_in_each_encoding() {
        let le = read_fixture("ExplVR_LitEndNoMeta.dcm");
        let be = read_fixture("ExplVR_BigEndNoMeta.dcm");
        assert_eq!(le.transfer_syntax, uids::EXPLICIT_VR_LITTLE_ENDIAN);
        assert_eq!(be.transfer_syntax, Encoding::ExplicitBe.uid());
        assert_eq!(
            (le.status.clone(), be.status.clone()),
            (ReadStatus::Ok, ReadStatus::Ok)
        );
        assert_eq!(le.dataset, be.dataset, "same content in both byte orders");
        assert!(le.dataset.elements.len() > 10);

        // Implicit VR: the data set of MR_small_implicit.dcm without preamble and meta group.
        let bytes = fixture("MR_small_implicit.dcm");
        let meta_len = u32::from_le_bytes(bytes[140..144].try_into().unwrap()) as usize;
        let r = read(&bytes[144 + meta_len..], true);
        assert_eq!(r.transfer_syntax, uids::IMPLICIT_VR_LITTLE_ENDIAN);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(
            top(&r, tags::PATIENT_NAME).as_deref(),
            Some("CompressedSamples^MR1")
        );
    }

    #[test]
    fn pydicom_no_meta_file_starts_one_byte_late() {
        // This file opens with one stray byte before its first element; it is skipped.
        let r = read_fixture("no_meta.dcm");
        assert_eq!(r.transfer_syntax, uids::EXPLICIT_VR_LITTLE_ENDIAN);
        assert_eq!(
            r.status,
            ReadStatus::Recovered(
                "skipped 1 bytes of unexpected data before the DICOM header".into()
            )
        );
        assert_eq!(
            top(&r, tags::PATIENT_NAME).as_deref(),
            Some("CompressedSamples^CT1")
        );
    }

    #[test]
    fn junk_before_the_header_is_skipped() {
        let clean = read_fixture("CT_small.dcm");
        let bytes = fixture("CT_small.dcm");
        let junk: Vec<u8> = (0..37u8).map(|i| i.wrapping_mul(97) | 0x80).collect();
        let expected = ReadStatus::Recovered(
            "skipped 37 bytes of unexpected data before the DICOM header".into(),
        );
        // Junk before the preamble, and junk before a file that has no preamble.
        for input in [
            [&junk[..], &bytes[..]].concat(),
            [&junk[..], &bytes[128..]].concat(),
        ] {
            let r = read(&input, true);
            assert_eq!(r.status, expected);
            assert_eq!(r.dataset, clean.dataset);
        }
        // Junk before a raw data set (no DICM at all): found by its first elements.
        let raw = fixture("ExplVR_LitEndNoMeta.dcm");
        let r = read(&[&junk[..], &raw[..]].concat(), true);
        assert_eq!(r.status, expected);
        assert_eq!(r.dataset, read_fixture("ExplVR_LitEndNoMeta.dcm").dataset);
    }

    #[test]
    fn every_transfer_syntax_reads_up_to_pixel_data() {
        let cases = [
            (
                "CT_small.dcm",
                uids::EXPLICIT_VR_LITTLE_ENDIAN,
                "CompressedSamples^CT1",
            ),
            (
                "MR_small_bigendian.dcm",
                Encoding::ExplicitBe.uid(),
                "CompressedSamples^MR1",
            ),
            (
                "MR_small_implicit.dcm",
                uids::IMPLICIT_VR_LITTLE_ENDIAN,
                "CompressedSamples^MR1",
            ),
            (
                "image_dfl.dcm",
                uids::DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                "^^^^",
            ),
            (
                "MR_small_RLE.dcm",
                uids::RLE_LOSSLESS,
                "CompressedSamples^MR1",
            ),
            ("JPEG2000.dcm", uids::JPEG2000, "CompressedSamples^NM1"),
        ];
        for (name, ts, patient) in cases {
            let r = read_fixture(name);
            assert_eq!(r.status, ReadStatus::Ok, "{name}");
            assert_eq!(r.transfer_syntax, ts, "{name}");
            assert_eq!(
                top(&r, tags::PATIENT_NAME).as_deref(),
                Some(patient),
                "{name}"
            );
            assert!(top(&r, tags::SOP_CLASS_UID).is_some(), "{name}");
            let pixel = (tags::PIXEL_DATA.group(), tags::PIXEL_DATA.element());
            assert!(
                r.dataset.top(pixel.0, pixel.1).is_none(),
                "{name}: pixel data read"
            );
            // Everything before the pixel data is there, up to the last element before it.
            let last = r.dataset.elements.last().map(|e| e.tag()).unwrap();
            assert!(last < pixel, "{name}");
        }
    }

    #[test]
    fn prefix_asks_for_more_and_complete_file_is_salvaged() {
        let bytes = fixture("CT_small.dcm");
        let cut = &bytes[..1000];
        assert_eq!(
            read_dicom(cut, false),
            ReadOutcome::NeedMoreBytes {
                at_least: MIN_PREFIX
            }
        );
        let r = read(cut, true);
        assert_eq!(
            r.status,
            ReadStatus::Truncated("the file ends inside the header at byte 1000".into())
        );
        assert!(top(&r, tags::SOP_CLASS_UID).is_some());
        // A prefix that holds the whole header reads like the whole file.
        let whole = read_fixture("CT_small.dcm");
        let header_end = bytes.len() - 128 * 128 * 2;
        assert_eq!(read(&bytes[..header_end + 64], false), whole);
        // A prefix shorter than a preamble cannot be judged yet.
        assert_eq!(read_dicom(&bytes[..100], false), more_bytes(100, 0));
    }

    #[test]
    fn truncated_pydicom_file_keeps_what_was_read() {
        let r = read_fixture("rtplan_truncated.dcm");
        assert_eq!(
            r.status,
            ReadStatus::Truncated("the file ends inside the header at byte 2129".into())
        );
        assert_eq!(
            top(&r, tags::PATIENT_NAME).as_deref(),
            Some("Last^First^mid^pre")
        );
        let bytes = fixture("rtplan_truncated.dcm");
        assert!(matches!(
            read_dicom(&bytes, false),
            ReadOutcome::NeedMoreBytes { at_least } if at_least >= 2 * bytes.len()
        ));
    }

    #[test]
    fn nested_sequences_are_flattened_with_paths() {
        let r = read_fixture("rtplan.dcm");
        assert_eq!(r.status, ReadStatus::Ok);
        let paths: Vec<String> = r
            .dataset
            .elements
            .iter()
            .map(|e| e.path.to_string())
            .collect();
        assert!(paths.contains(&"(300A,00B0)[0].(300A,0111)[1].(300A,0112)".to_string()));
        let beams = r.dataset.top(0x300A, 0x00B0).unwrap();
        assert_eq!(beams.vr, "SQ");
        assert!(matches!(beams.value, Value::Sequence { items } if items >= 1));
        let index = r
            .dataset
            .elements
            .iter()
            .find(|e| e.path.to_string() == "(300A,00B0)[0].(300A,0111)[1].(300A,0112)")
            .unwrap();
        assert_eq!(index.value, Value::Text(vec!["1".into()]));
    }

    #[test]
    fn private_sequences_and_un_values() {
        // Implicit VR private sequences (undefined lengths) are read as sequences.
        let r = read_fixture("nested_priv_SQ.dcm");
        assert_eq!(r.status, ReadStatus::Ok);
        assert!(r.dataset.elements.iter().any(|e| e.path.depth() == 2));
        // Private text in an implicit VR file arrives as UN bytes; its text is kept.
        let text: Vec<_> = r
            .dataset
            .elements
            .iter()
            .filter(|e| e.vr == "UN")
            .map(|e| (e.path.to_string(), e.value.text()))
            .collect();
        assert!(text.contains(&(
            "(0001,0001)[0].(0001,0001)[0].(0001,0001)".to_string(),
            Some("Double Nested SQ".to_string())
        )));
        // A defined-length UN value that holds a sequence stays bytes (as in pydicom).
        let r = read_fixture("priv_SQ.dcm");
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(
            r.dataset.top_text(0x3F03, 0x0010).as_deref(),
            Some("aaabbbccc MEDICAL SYSTEMS")
        );
        assert!(matches!(
            r.dataset.top(0x3F03, 0x1001).unwrap().value,
            Value::Binary { len: 166, .. }
        ));
    }

    /// Elements as `path vr value-text` lines, for comparisons.
    fn listing(r: &DicomRead) -> Vec<String> {
        r.dataset
            .elements
            .iter()
            .map(|e| {
                let value = match &e.value {
                    Value::Sequence { items } => format!("{items} item(s)"),
                    other => other.text().unwrap_or_default(),
                };
                format!("{} {} {value}", e.path, e.vr)
            })
            .collect()
    }

    #[test]
    fn un_sequence_in_explicit_file_is_read_as_implicit_vr() {
        // An undefined-length UN element holds implicit VR items (PS3.5 6.2.2); as
        // `pydicom.dcmread("UN_sequence.dcm")` (pydicom 3.0.2) prints them.
        let r = read_fixture("UN_sequence.dcm");
        assert_eq!(r.status, ReadStatus::Ok);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        let data: Vec<String> = listing(&r)
            .into_iter()
            .filter(|l| !l.starts_with("(0002,"))
            .collect();
        assert_eq!(
            data,
            [
                "(4453,100C) SQ 1 item(s)",
                "(4453,100C)[0].(0008,1115) SQ 1 item(s)",
                "(4453,100C)[0].(0008,1115)[0].(0008,1199) SQ 1 item(s)",
                "(4453,100C)[0].(0008,1115)[0].(0008,1199)[0].(0008,1150) UI \
                 1.2.840.10008.5.1.4.1.1.2",
                "(4453,100C)[0].(0008,1115)[0].(0008,1199)[0].(0008,1155) UI \
                 1.2.840.113619.2.327.3.185221411.476.1398588726.278.80",
                "(4453,100C)[0].(0008,1115)[0].(0020,000E) UI \
                 1.2.840.113619.2.327.3.185221411.476.1398588726.276",
                "(4453,100C)[0].(0020,000D) UI \
                 1.2.840.113619.2.327.3.185221411.476.1398588725.795",
            ]
        );
        // The file ends with the sequence; with an element after it, that one is read too.
        let mut bytes = fixture("UN_sequence.dcm");
        bytes.extend_from_slice(b"\x55\x44\x10\x00LO\x06\x00VENDOR");
        let r = read(&bytes, true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(
            r.dataset.top_text(0x4455, 0x0010).as_deref(),
            Some("VENDOR")
        );
        assert_eq!(r.dataset.elements.len(), data.len() + 9);
    }

    /// A Part 10 file: preamble, meta group with this transfer syntax (even length), `body`.
    fn part10(ts: &str, body: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; 128];
        out.extend_from_slice(b"DICM");
        out.extend_from_slice(b"\x02\x00\x00\x00UL\x04\x00");
        out.extend_from_slice(&(8 + ts.len() as u32).to_le_bytes());
        out.extend_from_slice(b"\x02\x00\x10\x00UI");
        out.extend_from_slice(&(ts.len() as u16).to_le_bytes());
        out.extend_from_slice(ts.as_bytes());
        out.extend_from_slice(body);
        out
    }

    /// An implicit VR little endian element with a defined length.
    fn implicit(group: u16, element: u16, value: &[u8]) -> Vec<u8> {
        let mut out = group.to_le_bytes().to_vec();
        out.extend_from_slice(&element.to_le_bytes());
        out.extend_from_slice(&(value.len() as u32).to_le_bytes());
        out.extend_from_slice(value);
        out
    }

    const ITEM: &[u8] = b"\xfe\xff\x00\xe0\xff\xff\xff\xff";
    const ITEM_END: &[u8] = b"\xfe\xff\x0d\xe0\0\0\0\0";
    const SEQ_END: &[u8] = b"\xfe\xff\xdd\xe0\0\0\0\0";

    /// The contents of the (0009,1010) UN sequence, in implicit VR: two items, the first
    /// with a name, a value holding a sequence delimiter pattern, and a nested
    /// undefined-length sequence (one defined-length and one undefined-length item).
    fn un_contents() -> Vec<u8> {
        let defined_item = implicit(0x0009, 0x1012, b"ABCD");
        let mut nested = implicit(0x0009, 0x1011, b"");
        nested.truncate(4);
        nested.extend_from_slice(&u32::MAX.to_le_bytes());
        nested.extend_from_slice(b"\xfe\xff\x00\xe0");
        nested.extend_from_slice(&(defined_item.len() as u32).to_le_bytes());
        nested.extend_from_slice(&defined_item);
        nested.extend_from_slice(ITEM);
        nested.extend_from_slice(&implicit(0x0008, 0x0100, b"CODE01"));
        nested.extend_from_slice(ITEM_END);
        nested.extend_from_slice(SEQ_END);

        let mut out = ITEM.to_vec();
        out.extend_from_slice(&implicit(0x0009, 0x1003, SEQ_END));
        out.extend_from_slice(&implicit(0x0010, 0x0010, b"DOE^JOHN"));
        out.extend_from_slice(&nested);
        out.extend_from_slice(ITEM_END);
        let second = implicit(0x0010, 0x0020, b"ID0001");
        out.extend_from_slice(b"\xfe\xff\x00\xe0");
        out.extend_from_slice(&(second.len() as u32).to_le_bytes());
        out.extend_from_slice(&second);
        out.extend_from_slice(SEQ_END);
        out
    }

    /// Explicit VR LE: a private creator, the UN sequence (`contents`), then two names.
    fn un_file(contents: &[u8]) -> Vec<u8> {
        let mut body = b"\x08\x00\x60\x00CS\x02\x00OT".to_vec();
        body.extend_from_slice(b"\x09\x00\x10\x00LO\x08\x00ACME 1.0");
        body.extend_from_slice(b"\x09\x00\x10\x10UN\0\0\xff\xff\xff\xff");
        body.extend_from_slice(contents);
        body.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00ROE^JANE");
        body.extend_from_slice(b"\x10\x00\x20\x00LO\x06\x0012345 ");
        part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body)
    }

    fn text_at(r: &DicomRead, path: &str) -> Option<String> {
        r.dataset
            .elements
            .iter()
            .find(|e| e.path.to_string() == path)
            .and_then(|e| e.value.text())
    }

    #[test]
    fn un_sequence_items_are_flattened_and_reading_goes_on_after_it() {
        let r = read(&un_file(&un_contents()), true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN", "ROE^JANE"]);
        assert_eq!(
            text_at(&r, "(0009,1010)[0].(0010,0010)").as_deref(),
            Some("DOE^JOHN")
        );
        assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("ROE^JANE"));
        assert_eq!(top(&r, tags::PATIENT_ID).as_deref(), Some("12345"));
        assert_eq!(
            text_at(&r, "(0009,1010)[0].(0009,1011)[0].(0009,1012)").as_deref(),
            Some("ABCD")
        );
        assert_eq!(
            text_at(&r, "(0009,1010)[0].(0009,1011)[1].(0008,0100)").as_deref(),
            Some("CODE01")
        );
        assert_eq!(
            text_at(&r, "(0009,1010)[1].(0010,0020)").as_deref(),
            Some("ID0001")
        );
        let un = r.dataset.top(0x0009, 0x1010).unwrap();
        assert_eq!(un.value, Value::Sequence { items: 2 });
        let nested = r
            .dataset
            .elements
            .iter()
            .find(|e| e.path.to_string() == "(0009,1010)[0].(0009,1011)")
            .unwrap();
        assert_eq!(nested.value, Value::Sequence { items: 2 });
        assert_eq!(
            r.dataset.top_text(0x0009, 0x0010).as_deref(),
            Some("ACME 1.0")
        );
    }

    #[test]
    fn un_sequence_inside_explicit_sequences_keeps_their_structure() {
        let un = {
            let mut un = b"\x09\x00\x10\x10UN\0\0\xff\xff\xff\xff".to_vec();
            un.extend_from_slice(&un_contents());
            un
        };
        let name = b"\x10\x00\x10\x00PN\x08\x00ROE^JANE";
        // Inside a defined-length item of a defined-length sequence: the explicit VR stream
        // tracks those lengths across the UN sequence.
        let mut item = un.clone();
        item.extend_from_slice(b"\x08\x00\x50\x00SH\x04\x00ACC1");
        let mut defined = b"\x08\x00\x15\x11SQ\0\0".to_vec();
        defined.extend_from_slice(&(item.len() as u32 + 8).to_le_bytes());
        defined.extend_from_slice(b"\xfe\xff\x00\xe0");
        defined.extend_from_slice(&(item.len() as u32).to_le_bytes());
        defined.extend_from_slice(&item);
        // Inside an undefined-length item of an undefined-length sequence.
        let mut undefined = b"\x08\x00\x15\x11SQ\0\0\xff\xff\xff\xff".to_vec();
        undefined.extend_from_slice(ITEM);
        undefined.extend_from_slice(&un);
        undefined.extend_from_slice(b"\x08\x00\x50\x00SH\x04\x00ACC1");
        undefined.extend_from_slice(ITEM_END);
        undefined.extend_from_slice(SEQ_END);
        for outer in [defined, undefined] {
            let mut body = outer;
            body.extend_from_slice(name);
            let r = read(&part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body), true);
            assert_eq!(r.status, ReadStatus::Ok);
            assert_eq!(
                text_at(&r, "(0008,1115)[0].(0009,1010)[0].(0010,0010)").as_deref(),
                Some("DOE^JOHN")
            );
            assert_eq!(
                text_at(&r, "(0008,1115)[0].(0009,1010)[1].(0010,0020)").as_deref(),
                Some("ID0001")
            );
            assert_eq!(
                text_at(&r, "(0008,1115)[0].(0008,0050)").as_deref(),
                Some("ACC1")
            );
            assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("ROE^JANE"));
        }
    }

    #[test]
    fn consecutive_un_sequences_are_each_read() {
        let mut body = Vec::new();
        for element in [0x1010u16, 0x1020] {
            body.extend_from_slice(b"\x09\x00");
            body.extend_from_slice(&element.to_le_bytes());
            body.extend_from_slice(b"UN\0\0\xff\xff\xff\xff");
            body.extend_from_slice(&un_contents());
        }
        body.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00ROE^JANE");
        let r = read(&part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body), true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(
            texts(&r, tags::PATIENT_NAME),
            ["DOE^JOHN", "DOE^JOHN", "ROE^JANE"]
        );
        assert_eq!(
            text_at(&r, "(0009,1020)[1].(0010,0020)").as_deref(),
            Some("ID0001")
        );
    }

    #[test]
    fn un_sequence_in_explicit_big_endian() {
        let mut body = b"\x00\x09\x10\x10UN\0\0\xff\xff\xff\xff".to_vec();
        body.extend_from_slice(&un_contents());
        body.extend_from_slice(b"\x00\x10\x00\x10PN\x00\x08ROE^JANE");
        let r = read(&part10(Encoding::ExplicitBe.uid(), &body), true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN", "ROE^JANE"]);
    }

    #[test]
    fn un_sequence_with_garbage_stops_with_a_precise_message() {
        let garbage: Vec<u8> = (0..300u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let r = read(&un_file(&garbage), true);
        let ReadStatus::Truncated(message) = &r.status else {
            panic!("{:?}", r.status);
        };
        assert!(message.contains("(0009,1010)"), "{message}");
        assert!(
            message.contains("does not hold an implicit VR sequence"),
            "{message}"
        );
        assert!(!message.contains("file ends"), "{message}");
        assert_eq!(top(&r, tags::MODALITY).as_deref(), Some("OT"));
        assert_eq!(
            r.dataset.top_text(0x0009, 0x0010).as_deref(),
            Some("ACME 1.0")
        );

        // An item, then a length that runs past the end of the file.
        let mut contents = ITEM.to_vec();
        contents.extend_from_slice(b"\x10\x00\x10\x00\x00\x00\x01\x00DOE");
        let r = read(&un_file(&contents), true);
        let ReadStatus::Truncated(message) = &r.status else {
            panic!("{:?}", r.status);
        };
        assert!(
            message.contains("runs past the end of the file"),
            "{message}"
        );
        assert!(!message.contains("DOE"), "{message}");

        // Garbage inside a defined-length item: the item is dropped, reading goes on.
        let mut contents = b"\xfe\xff\x00\xe0\x10\x00\x00\x00".to_vec();
        contents.extend_from_slice(b"\x10\x00\x10\x00\x20\x00\x00\x00ABCDEFGH");
        contents.extend_from_slice(SEQ_END);
        let r = read(&un_file(&contents), true);
        let ReadStatus::Recovered(message) = &r.status else {
            panic!("{:?}", r.status);
        };
        assert!(message.contains("(0009,1010)"), "{message}");
        assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("ROE^JANE"));
        assert_eq!(top(&r, tags::PATIENT_ID).as_deref(), Some("12345"));
    }

    #[test]
    fn un_sequence_cut_short_needs_more_bytes_or_says_the_file_ends() {
        let whole = un_file(&un_contents());
        let cut_at = 128 + 4 + 12 + 28 + 10 + 16 + 12 + 40;
        let cut = &whole[..cut_at];
        assert!(matches!(
            read_dicom(cut, false),
            ReadOutcome::NeedMoreBytes { .. }
        ));
        let r = read(cut, true);
        assert!(
            matches!(&r.status, ReadStatus::Truncated(m) if m.contains("end of the file") || m.contains("file ends")),
            "{:?}",
            r.status
        );
        assert_eq!(
            r.dataset.top_text(0x0009, 0x0010).as_deref(),
            Some("ACME 1.0")
        );
    }

    #[test]
    fn un_sequence_with_explicit_vr_items_is_read_as_such() {
        let mut contents = ITEM.to_vec();
        contents.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00DOE^JOHN");
        contents.extend_from_slice(ITEM_END);
        contents.extend_from_slice(SEQ_END);
        let r = read(&un_file(&contents), true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN", "ROE^JANE"]);
        assert!(r.warnings.iter().any(|w| w.contains("explicit VR items")));
    }

    #[test]
    fn derailed_header_is_not_called_the_end_of_the_file() {
        // An element with no valid VR whose length runs past the end: the reader lost track.
        let mut body = b"\x08\x00\x60\x00CS\x02\x00OT".to_vec();
        body.extend_from_slice(b"\x08\x00\x15\x11\xff\xff\0\0\xfe\xff\x00\xe0");
        body.extend_from_slice(&[0u8; 40]);
        let r = read(&part10(uids::EXPLICIT_VR_LITTLE_ENDIAN, &body), true);
        let ReadStatus::Truncated(message) = &r.status else {
            panic!("{:?}", r.status);
        };
        assert!(message.contains("no valid VR"), "{message}");
        assert!(message.contains("(0008,1115)"), "{message}");
        assert_eq!(top(&r, tags::MODALITY).as_deref(), Some("OT"));
    }

    #[test]
    fn character_sets_decode_like_pydicom() {
        // Expected values as `pydicom.dcmread(f).PatientName` (pydicom 3.0.2) prints them.
        let cases = [
            ("chrFren.dcm", "Buc^Jérôme"),
            ("chrGreek.dcm", "Διονυσιος"),
            ("chrRuss.dcm", "Люкceмбypг"),
            ("chrArab.dcm", "قباني^لنزار"),
            ("chrHbrw.dcm", "שרון^דבורה"),
            ("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
            ("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
            ("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동"),
            ("chrX1.dcm", "Wang^XiaoDong=王^小東"),
            ("chrX2.dcm", "Wang^XiaoDong=王^小东"),
        ];
        for (name, expected) in cases {
            let r = read_fixture(name);
            let name_value = top(&r, tags::PATIENT_NAME).unwrap();
            // pydicom drops an empty trailing component group (`...=`).
            assert_eq!(name_value.trim_end_matches('='), expected, "{name}");
            assert!(r.warnings.is_empty(), "{name}: {:?}", r.warnings);
        }
    }

    #[test]
    fn character_set_of_an_item_applies_to_that_item_only() {
        let r = read_fixture("chrSQEncoding.dcm");
        let nested = r
            .dataset
            .elements
            .iter()
            .find(|e| e.path.to_string() == "(0032,1064)[0].(0010,0010)")
            .unwrap();
        assert_eq!(
            nested.value.text().unwrap(),
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"
        );
        assert_eq!(
            top(&r, tags::REQUESTING_PHYSICIAN).as_deref(),
            Some("Doctor^Who^^MD")
        );
    }

    /// Replace the value of the top-level Specific Character Set, keeping its length.
    fn with_charset(bytes: &[u8], term: &[u8; 10]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        let at = out.windows(10).position(|w| w == b"ISO_IR 192").unwrap();
        out[at..at + 10].copy_from_slice(term);
        out
    }

    #[test]
    fn misdeclared_and_unknown_charsets_degrade_with_a_warning() {
        let utf8 = fixture("chrX1.dcm");
        // Declares Latin-1 but holds UTF-8.
        let r = read(&with_charset(&utf8, b"ISO_IR 100"), true);
        assert_eq!(
            top(&r, tags::PATIENT_NAME).unwrap().trim_end_matches('='),
            "Wang^XiaoDong=王^小東"
        );
        assert!(r
            .warnings
            .iter()
            .any(|w| w.contains("ISO_IR 100") && w.contains("UTF-8")));
        // An unknown term.
        let r = read(&with_charset(&utf8, b"ISO_IR 999"), true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert!(top(&r, tags::PATIENT_NAME)
            .unwrap()
            .starts_with("Wang^XiaoDong=王"));
        assert!(r.warnings.iter().any(|w| w.contains("ISO_IR 999")));
        // Declares UTF-8 but holds Latin-1 bytes: decoded as Latin-1, with a warning.
        let latin = fixture("chrFren.dcm");
        let mut bytes = latin.clone();
        let at = bytes.windows(10).position(|w| w == b"ISO_IR 100").unwrap();
        bytes[at..at + 10].copy_from_slice(b"ISO_IR 192");
        let r = read(&bytes, true);
        assert_eq!(top(&r, tags::PATIENT_NAME).as_deref(), Some("Buc^Jérôme"));
        assert!(r.warnings.iter().any(|w| w.contains("ISO_IR 192")));
        // Warnings never carry the value.
        assert!(r.warnings.iter().all(|w| !w.contains("Buc")));
    }

    #[test]
    fn unsupported_iso2022_escape_degrades_with_a_warning() {
        let (text, warning) = Charset::from_terms(&["".into(), "ISO 2022 IR 159".into()])
            .0
            .decode(b"Abc\x1b$(D\x30\x21\x1b(B=x");
        assert!(text.starts_with("Abc") && text.ends_with("=x"));
        assert!(warning.unwrap().contains("ISO 2022 IR 159"));
    }

    #[test]
    fn dicomdir_records_are_read_with_paths() {
        let r = read_fixture("DICOMDIR");
        assert_eq!(r.status, ReadStatus::Ok);
        let names = texts(&r, tags::PATIENT_NAME);
        assert_eq!(names, ["Doe^Archibald", "Doe^Peter"]);
        let first = r
            .dataset
            .elements
            .iter()
            .find(|e| e.tag() == (0x0010, 0x0010))
            .unwrap();
        assert_eq!(first.path.to_string(), "(0004,1220)[0].(0010,0010)");
        assert!(matches!(
            r.dataset.top(0x0004, 0x1220).unwrap().value,
            Value::Sequence { items } if items > 10
        ));
    }

    /// An explicit VR LE raw data set of `depth` nested undefined-length sequences, with a
    /// patient name at the bottom.
    fn nested(depth: usize) -> Vec<u8> {
        let mut out = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100".to_vec();
        for _ in 0..depth {
            out.extend_from_slice(b"\x08\x00\x15\x11SQ\0\0\xff\xff\xff\xff");
            out.extend_from_slice(b"\xfe\xff\x00\xe0\xff\xff\xff\xff");
        }
        out.extend_from_slice(b"\x10\x00\x10\x00PN\x08\x00DOE^JOHN");
        for _ in 0..depth {
            out.extend_from_slice(b"\xfe\xff\x0d\xe0\0\0\0\0\xfe\xff\xdd\xe0\0\0\0\0");
        }
        out.extend_from_slice(b"\x10\x00\x20\x00LO\x04\x00ID42");
        out
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_skipped() {
        let r = read(&nested(MAX_DEPTH), true);
        assert_eq!(r.status, ReadStatus::Ok);
        assert_eq!(texts(&r, tags::PATIENT_NAME), ["DOE^JOHN"]);

        let r = read(&nested(MAX_DEPTH + 5), true);
        let ReadStatus::Recovered(message) = &r.status else {
            panic!("{:?}", r.status);
        };
        assert!(message.contains("nested deeper than 32"), "{message}");
        assert!(!message.contains("DOE"));
        assert!(texts(&r, tags::PATIENT_NAME).is_empty());
        // Reading goes on after the deep sequence.
        assert_eq!(top(&r, tags::PATIENT_ID).as_deref(), Some("ID42"));
    }

    #[test]
    fn element_count_is_limited() {
        let mut bytes = Vec::new();
        for i in 0..(MAX_ELEMENTS + 10) as u32 {
            // Private elements (0009,xxxx) then (0011,xxxx): tags keep increasing.
            let group: u16 = if i < 0x10000 {
                0x0009
            } else {
                0x0011 + 2 * (i >> 16) as u16
            };
            bytes.extend_from_slice(&group.to_le_bytes());
            bytes.extend_from_slice(&(i as u16).to_le_bytes());
            bytes.extend_from_slice(b"US\x02\x00\x01\x00");
        }
        let mut input = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100".to_vec();
        input.extend_from_slice(&bytes);
        let r = read(&input, true);
        assert_eq!(r.dataset.elements.len(), MAX_ELEMENTS);
        assert!(matches!(&r.status, ReadStatus::Truncated(m) if m.contains("element limit")));
    }

    #[test]
    fn long_text_values_are_not_decoded() {
        let mut input = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100".to_vec();
        let len = (MAX_TEXT_LEN + 2) as u32;
        input.extend_from_slice(b"\x10\x00\x00\x40UT\0\0");
        input.extend_from_slice(&len.to_le_bytes());
        input.extend(std::iter::repeat_n(b'A', len as usize));
        let r = read(&input, true);
        assert_eq!(r.status, ReadStatus::Ok);
        let comment = r.dataset.top(0x0010, 0x4000).unwrap();
        assert_eq!(
            comment.value,
            Value::Binary {
                len: len as u64,
                text: None
            }
        );
        assert!(r
            .warnings
            .iter()
            .any(|w| w.contains("(0010,4000)") && w.contains("limit")));
    }

    #[test]
    fn garbage_is_not_dicom_or_a_flagged_read() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        for input in [&b""[..], &png[..], &[0u8; 300][..], &[0xAB; 70_000][..]] {
            assert!(
                matches!(read_dicom(input, true), ReadOutcome::NotDicom(_)),
                "{:?}",
                &input[..input.len().min(8)]
            );
        }
        let mut dicm = b"DICM".to_vec();
        dicm.extend((0..500u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        match read_dicom(&dicm, true) {
            ReadOutcome::Read(r) => assert_ne!(r.status, ReadStatus::Ok),
            ReadOutcome::NotDicom(_) | ReadOutcome::Unsupported(_) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn mutations_never_panic() {
        let original = fixture("CT_small.dcm");
        let head = &original[..2048];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..200 {
            let mut bytes = head.to_vec();
            for _ in 0..1 + round % 8 {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = next() as u8;
            }
            let complete = round % 2 == 0;
            let outcome = read_dicom(&bytes, complete);
            if let ReadOutcome::Read(r) = outcome {
                assert!(r.dataset.elements.len() <= MAX_ELEMENTS);
                assert!(r.warnings.iter().all(|w| !w.contains("CompressedSamples")));
            }
        }
    }

    #[test]
    fn messages_name_tag_and_offset_but_never_values() {
        let bytes = fixture("CT_small.dcm");
        for cut in [300, 700, 1000, 1500] {
            let r = read(&bytes[..cut], true);
            let ReadStatus::Truncated(message) = &r.status else {
                panic!("{cut}: {:?}", r.status);
            };
            assert!(message.contains(&format!("byte {cut}")));
            assert!(!message.contains("CompressedSamples"));
        }
    }
}
