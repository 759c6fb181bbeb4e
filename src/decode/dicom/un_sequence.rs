//! Undefined-length UN elements in an explicit VR data set, whose items are implicit VR
//! little endian (PS3.5 section 6.2.2): their end found by walking items and lengths, their
//! contents read by a second implicit VR stream, and the stand-in ([`Patch`]) the explicit VR
//! stream is shown instead of them so that it reads on past the sequence.

use std::cell::{Cell, RefCell};
use std::io::Read;
use std::rc::Rc;

use dicom_core::header::DataElementHeader;
use dicom_core::{Tag, VR};
use dicom_dictionary_std::uids;

use super::registry;
use super::walk::{step_name, tag_text, tokens_for, Counted, Phase, Source, Stop, Tokens, Walk};

/// Bytes shown to the explicit VR stream instead of the contents of an undefined-length UN
/// element: `len` bytes from file offset `start`, `head` then zeros then `tail`.
pub(super) struct Patch {
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
pub(super) struct Patched<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
    pub(super) patch: Rc<RefCell<Option<Patch>>>,
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

impl Patched<'_> {
    /// Fill `buf` from the input at once when the patch leaves that stretch alone; `false`
    /// (nothing read) when it does not, or when the input ends first.
    pub(super) fn copy_exact(&mut self, buf: &mut [u8]) -> bool {
        let end = self.at + buf.len();
        let Some(stretch) = self.bytes.get(self.at..end) else {
            return false;
        };
        if let Some(patch) = self.patch.borrow().as_ref() {
            if self.at < patch.start + patch.len && patch.start < end {
                return false;
            }
        }
        // Why the sizes spelled out: headers are read two, four and eight bytes at a time,
        // and a copy of a length known here is a move, not a call to `memcpy` (about 2,000
        // calls a file).
        match buf.len() {
            2 => buf.copy_from_slice(&stretch[..2]),
            4 => buf.copy_from_slice(&stretch[..4]),
            8 => buf.copy_from_slice(&stretch[..8]),
            _ => buf.copy_from_slice(stretch),
        }
        self.at = end;
        true
    }
}

/// What became of an undefined-length UN element in an explicit VR data set.
pub(super) enum UnSequence {
    /// Its items were read; the explicit VR stream is to see this stand-in for them.
    Read(Patch),
    /// Its items are explicit VR after all: the stream reads them itself.
    Explicit,
    /// Reading ends here.
    Stop(Stop),
}

impl Walk {
    /// An undefined-length UN element at `header_at` (its 12-byte header already read):
    /// read its implicit VR items into the data set and return the stand-in for them.
    pub(super) fn un_sequence(&mut self, bytes: &[u8], header_at: usize, tag: Tag) -> UnSequence {
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
        let source = Source::Other(Counted {
            inner,
            pos: pos.clone(),
        });
        let mut tokens: Tokens<'_> = tokens_for(source, ts)
            .ok_or_else(|| Stop::Broken("could not start an implicit VR reader".into()))?;
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
}

/// Whether an explicit VR header with VR UN and undefined length starts at `at`.
pub(super) fn is_un_undefined_header(bytes: &[u8], at: usize) -> bool {
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
