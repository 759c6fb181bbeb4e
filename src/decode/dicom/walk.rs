//! The walk over dicom-rs's token stream: elements flattened into paths, sequences opened
//! and closed, character sets scoped per item, limits enforced, and what was read kept
//! (salvage) when the stream ends early or fails.

use std::cell::{Cell, RefCell};
use std::io::Read;
use std::rc::Rc;

use dicom_core::header::{DataElementHeader, HasLength};
use dicom_core::value::PrimitiveValue;
use dicom_core::{Tag, VR};
use dicom_dictionary_std::{tags, uids};
use dicom_encoding::decode::explicit_be::ExplicitVRBigEndianDecoder;
use dicom_encoding::decode::explicit_le::ExplicitVRLittleEndianDecoder;
use dicom_encoding::decode::implicit_le::ImplicitVRLittleEndianDecoder;
use dicom_encoding::text::SpecificCharacterSet;
use dicom_encoding::transfer_syntax::DynDecoder;
use dicom_encoding::transfer_syntax::{Codec, Endianness, TransferSyntax};
use dicom_parser::dataset::read::{DataSetReaderOptions, ValueReadStrategy};
use dicom_parser::dataset::{DataSetReader, DataToken};
use dicom_parser::{DynStatefulDecoder, StatefulDecoder};

use super::charset::Charset;
use super::inflate::{is_zlib, Damage, Inflate};
use super::un_sequence::{is_un_undefined_header, Patch, Patched, UnSequence};
use super::values::{is_text_vr, numbers};
use super::{
    more_bytes, DicomRead, PixelData, ReadOutcome, ReadStatus, MAX_DEPTH, MAX_ELEMENTS,
    MAX_INFLATED_VALUE, MAX_TEXT_LEN, MAX_WARNINGS,
};
use crate::decode::dataset::{Dataset, Element, PathStep, TagPath, Value, Vr};
use crate::decode::dictionary::PackedDictionary;
use crate::decode::text::latin1;
use crate::rules::detectors::looks_like_text;

/// Counts the bytes the decoder pulls, so that messages can give offsets.
pub(super) struct Counted<R> {
    pub(super) inner: R,
    pub(super) pos: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos.set(self.pos.get() + n as u64);
        Ok(n)
    }
}

/// What the token stream reads from, counted.
pub(super) enum Source<'a> {
    /// The input itself, with any patch laid over it.
    Plain(Counted<Patched<'a>>),
    /// Inflated data, or the stand-in stream of a UN sequence.
    Other(Counted<Box<dyn Read + 'a>>),
}

impl Read for Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::Plain(plain) => plain.read(buf),
            Source::Other(other) => other.read(buf),
        }
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> std::io::Result<()> {
        match self {
            Source::Plain(plain) => {
                // Why: the decoder reads every header and value with `read_exact`; copying the
                // slice at once spares the default loop of reads through the counter. Near a
                // patch or the end of the input, the loop runs as before (same count, same error).
                if plain.inner.copy_exact(buf) {
                    plain.pos.set(plain.pos.get() + buf.len() as u64);
                    return Ok(());
                }
                plain.read_exact(buf)
            }
            Source::Other(other) => other.read_exact(buf),
        }
    }
}

pub(super) type Tokens<'a> = DataSetReader<DynStatefulDecoder<Source<'a>>>;

/// A token reader for a data set in `ts`. Why not dicom-parser's constructor from a transfer
/// syntax: it builds its implicit VR decoder on dicom-rs's standard dictionary, which then
/// weighs in every wasm module; this one reads implicit VR with [`PackedDictionary`], which
/// gives the same answers. (`Option` for the day a registry holds a syntax no decoder reads.)
pub(super) fn tokens_for<'a>(source: Source<'a>, ts: &TransferSyntax) -> Option<Tokens<'a>> {
    // Only Implicit VR Little Endian is implicit among the registry's syntaxes.
    let implicit = ts.uid() == uids::IMPLICIT_VR_LITTLE_ENDIAN;
    let decoder: DynDecoder<Source<'a>> = match (ts.endianness(), implicit) {
        (Endianness::Little, true) => {
            Box::new(ImplicitVRLittleEndianDecoder::with_dict(PackedDictionary))
        }
        (Endianness::Little, false) => Box::new(ExplicitVRLittleEndianDecoder::default()),
        (Endianness::Big, false) => Box::new(ExplicitVRBigEndianDecoder::default()),
        (Endianness::Big, true) => return None,
    };
    let decoder = StatefulDecoder::new(
        source,
        decoder,
        ts.basic_decoder(),
        SpecificCharacterSet::default(),
    );
    // Why Raw: text is decoded here (charset scopes, lossy fallback) instead of failing
    // the whole stream on one undecodable value.
    let options = DataSetReaderOptions::default().value_read(ValueReadStrategy::Raw);
    Some(DataSetReader::new(decoder, options))
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Phase {
    /// Group 0002 only; stop at the first other top-level element.
    Meta,
    /// The data set; stop at top-level pixel data.
    Body,
}

/// Why a run over the token stream ended.
#[derive(Debug)]
pub(super) enum Stop {
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

/// An open sequence (or nested pixel data sequence).
pub(super) struct Frame {
    tag: Tag,
    /// Index of the sequence's own element in `elements`.
    index: usize,
    items: u32,
    pixel: bool,
}

/// The state of one read: elements so far, open sequences, character sets, problems.
pub(super) struct Walk {
    pub(super) total: usize,
    pub(super) complete: bool,
    pub(super) elements: Vec<Element>,
    pub(super) warnings: Vec<String>,
    pub(super) recovered: Vec<String>,
    pub(super) frames: Vec<Frame>,
    /// One character set per open item, plus the top level. Why shared: every item starts
    /// with its parent's set, and a copy per item would cost an allocation.
    pub(super) charsets: Vec<Rc<Charset>>,
    /// Depth of the sequence being skipped for nesting too deep.
    pub(super) skipping: Option<usize>,
    pub(super) big_endian: bool,
    /// Offsets count inflated bytes (deflated transfer syntax).
    pub(super) inflated: bool,
    /// Undefined-length UN elements read as sequences (PS3.5 6.2.2).
    pub(super) un_sequences: usize,
    /// The first binary value whose length is not a whole number of its values.
    pub(super) uneven_value: Option<Tag>,
    /// Where a whole file stopped being readable at top level (see [`DicomRead::unread_from`]).
    pub(super) unread_from: Option<u64>,
    /// The header of a value that runs past the end of the input, and where it starts.
    pub(super) cut: Option<(DataElementHeader, u64)>,
    /// A deflated data set: whether zlib-wrapped, and where its stream broke, if it did.
    pub(super) zlib: bool,
    pub(super) inflate_damage: Damage,
    pub(super) pixel_data: Option<PixelData>,
    /// The top-level pixel data header that ended the body: its length (`None` when
    /// encapsulated).
    pixel_len: Option<Option<u64>>,
}

impl Walk {
    pub(super) fn new(total: usize, complete: bool) -> Self {
        Walk {
            total,
            complete,
            // Why a guess up front: growing by doubling copied every element about twice
            // (one element per 32 bytes overestimates typical headers; capped for big files,
            // above the 500 to 1,000 elements of a header with vendors' private groups).
            elements: Vec::with_capacity((total / 32).min(1024)),
            warnings: Vec::new(),
            recovered: Vec::new(),
            frames: Vec::new(),
            un_sequences: 0,
            uneven_value: None,
            unread_from: None,
            charsets: vec![Rc::default()],
            skipping: None,
            big_endian: false,
            inflated: false,
            cut: None,
            zlib: false,
            inflate_damage: Damage::default(),
            pixel_data: None,
            pixel_len: None,
        }
    }

    pub(super) fn warn(&mut self, message: String) {
        if self.warnings.len() < MAX_WARNINGS && !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    pub(super) fn recovered(&mut self, message: String) {
        self.recovered.push(message);
    }

    pub(super) fn at(&self, pos: u64) -> String {
        if self.inflated {
            format!("byte {pos} of the inflated data set")
        } else {
            format!("byte {pos}")
        }
    }

    /// Read tokens from `bytes[from..]` in transfer syntax `ts` until a stop.
    pub(super) fn run(
        &mut self,
        bytes: &[u8],
        from: usize,
        ts: &TransferSyntax,
        phase: Phase,
    ) -> Stop {
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
                            self.un_sequences += 1;
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
                if let (Stop::Done, Some(len)) = (&stop, self.pixel_len.take()) {
                    // Where the top-level pixel data's value starts (the stream stands just
                    // past its header), so that what follows the data set can be found.
                    if !self.inflated {
                        self.pixel_data = Some(PixelData {
                            value_at: pos.get(),
                            len,
                        });
                    }
                }
                return self.overrun(stop, bytes, explicit, phase);
            }
        }
    }

    /// A value that runs past the end of the input: more bytes are needed, or (for a whole
    /// file) the file ends there, unless the element header itself is not a valid one, in
    /// which case the reader lost track of the structure before that point.
    fn overrun(&mut self, stop: Stop, bytes: &[u8], explicit: bool, phase: Phase) -> Stop {
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
        // A whole file's data set stops here, at the header of a value it cannot hold.
        let body_ends_here = self.complete && header_here && phase == Phase::Body;
        if body_ends_here {
            self.unreadable_at(at as u64);
        }
        if self.complete && bad_vr {
            return Stop::Broken(format!(
                "the header could not be read past {}: element {} there has no valid VR and \
                 declares a value longer than the rest of the file",
                self.at(at as u64),
                tag_text(tag)
            ));
        }
        if body_ends_here {
            self.partial_value(bytes, explicit);
        }
        Stop::Eof { need }
    }

    /// A whole file whose data set stops being readable at `at`, at top level: what follows
    /// may be another file appended to it, which the scan then looks at.
    fn unreadable_at(&mut self, at: u64) {
        if self.frames.is_empty() && !self.inflated {
            self.unread_from.get_or_insert(at);
        }
    }

    /// The file ends inside a text value (a name, an ID, a note): what is there is still an
    /// identifier, so it is read, scanned and said to be cut.
    fn partial_value(&mut self, bytes: &[u8], explicit: bool) {
        let Some((header, before)) = self.cut.take() else {
            return;
        };
        let vr = header.vr();
        if !is_text_vr(vr) || self.inflated {
            return;
        }
        let long_header = explicit && matches!(vr, VR::UC | VR::UR | VR::UT);
        let start = before as usize + if long_header { 12 } else { 8 };
        let Some(rest) = bytes.get(start..).filter(|rest| !rest.is_empty()) else {
            return;
        };
        let message = format!(
            "the file ends inside the value of {} at {}: its first {} of {} bytes were read and \
             scanned (the value is cut)",
            tag_text(header.tag),
            self.at(before),
            rest.len(),
            header.length().get().unwrap_or(0)
        );
        self.value(header, PrimitiveValue::U8(rest.into()), before);
        self.warn(message);
    }

    fn open<'a>(
        &mut self,
        bytes: &'a [u8],
        from: usize,
        ts: &TransferSyntax,
        pos: Rc<Cell<u64>>,
        patch: Rc<RefCell<Option<Patch>>>,
    ) -> Result<Tokens<'a>, String> {
        let rest = Patched {
            bytes,
            at: from.min(bytes.len()),
            patch,
        };
        let source = match ts.codec() {
            // Whether or not dicom-rs's registry has its deflate adapter (see `is_deflated`).
            Codec::Dataset(_) => {
                // Why a fresh counter: offsets inside inflated data are not file offsets.
                self.inflated = true;
                pos.set(0);
                // Why not dicom-rs's adapter: it gives up on a zlib-wrapped stream at byte 0
                // and on damage loses what inflated before it.
                let start = bytes.get(from..).unwrap_or_default();
                self.zlib = is_zlib(start);
                let inflate = Inflate::new(rest, self.zlib, self.inflate_damage.clone());
                Source::Other(Counted {
                    inner: Box::new(inflate),
                    pos,
                })
            }
            _ => Source::Plain(Counted { inner: rest, pos }),
        };
        tokens_for(source, ts)
            .ok_or_else(|| format!("could not start a reader for transfer syntax {}", ts.uid()))
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
        if self.complete {
            self.unreadable_at(before);
        }
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
    pub(super) fn token(
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
                    self.pixel_len = (phase == Phase::Body).then_some(None);
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
            if matches!(stop, Stop::Done) {
                self.pixel_len = Some(header.length().get().map(u64::from));
            }
            return Some(stop);
        }
        let len = header.length().get().unwrap_or(0);
        let size = value_size(header.vr());
        if self.uneven_value.is_none() && size.is_some_and(|size| len % size != 0) {
            self.uneven_value = Some(header.tag);
        }
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
            self.cut = Some((header, before));
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

    /// The path of `tag` in the open item. Below the nesting limit, the path stops at the
    /// item where the structure was cut: deeper content is listed under it, so a path never
    /// grows past the limit however deep a file nests.
    fn path_to(&self, tag: Tag) -> TagPath {
        let depth = self.skipping.unwrap_or(self.frames.len());
        let open = &self.frames[..depth.min(self.frames.len())];
        // Why sized up front: one allocation per element instead of a collect and a regrow.
        let mut steps = Vec::with_capacity(open.len() + 1);
        steps.extend(open.iter().map(|f| PathStep {
            group: f.tag.group(),
            element: f.tag.element(),
            item: Some(f.items.saturating_sub(1)),
        }));
        steps.push(PathStep {
            group: tag.group(),
            element: tag.element(),
            item: None,
        });
        TagPath(steps)
    }

    fn push(&mut self, tag: Tag, vr: &'static str, value: Value) {
        // Below the limit only values are kept (under the cut item): a name, an SSN or a date
        // there is as identifying as anywhere; the sequences that hold them are not.
        if self.skipping.is_some() && matches!(value, Value::Sequence { .. }) {
            return;
        }
        let path = self.path_to(tag);
        self.elements.push(Element {
            path,
            vr: Vr::from_static(vr),
            value,
        });
    }

    fn open_sequence(&mut self, tag: Tag, pixel: bool, before: u64) {
        if self.skipping.is_none() && self.frames.len() >= MAX_DEPTH {
            self.skipping = Some(self.frames.len());
            let message = format!(
                "sequence {} at {} is nested deeper than {MAX_DEPTH} levels; its contents were \
                 read and scanned, listed under the item where the nesting was cut",
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
        let vr = header.vr();
        let decoded = match value {
            PrimitiveValue::U8(bytes) if is_plain_ascii_text(vr, &bytes) => {
                // Why: most text is ASCII, which every character set reads as itself; the
                // bytes read become the string without a copy.
                match String::from_utf8(bytes.into_vec()) {
                    Ok(text) => Value::Text(split_values(vr, text)),
                    Err(e) => self.decode(header.tag, vr, e.as_bytes(), before),
                }
            }
            PrimitiveValue::U8(bytes) => self.decode(header.tag, vr, &bytes, before),
            _ => self.decode(header.tag, vr, &[], before),
        };
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
            *top = Rc::new(charset);
        }
    }

    fn decode(&mut self, tag: Tag, vr: VR, bytes: &[u8], before: u64) -> Value {
        if bytes.is_empty() {
            return Value::Empty;
        }
        let len = bytes.len() as u64;
        // Why a head and not nothing: the limit protects memory, and the identifiers of an
        // over-long note are as likely at its start as anywhere.
        let head = &bytes[..bytes.len().min(MAX_TEXT_LEN)];
        let over_limit = |walk: &mut Self| {
            let message = format!(
                "the value of {} at {} is {len} bytes, over the {} MiB text limit; only its \
                 first {} MiB is scanned",
                tag_text(tag),
                walk.at(before),
                MAX_TEXT_LEN >> 20,
                MAX_TEXT_LEN >> 20
            );
            walk.warn(message);
        };
        if is_text_vr(vr) {
            if head.len() < bytes.len() {
                over_limit(self);
            }
            return Value::Text(self.text_values(tag, vr, head));
        }
        if let Some(numbers) = numbers(vr, bytes, self.big_endian) {
            return Value::Text(numbers);
        }
        let text = looks_like_text(head)
            .then(|| {
                if head.len() < bytes.len() {
                    over_limit(self);
                }
                self.lossy_text(head)
            })
            .map(trimmed);
        Value::Binary { len, text }
    }

    fn text_values(&mut self, tag: Tag, vr: VR, bytes: &[u8]) -> Vec<String> {
        // Why: only these VRs use the Specific Character Set; the rest are plain ASCII.
        let text = if matches!(
            vr,
            VR::PN | VR::LO | VR::SH | VR::ST | VR::LT | VR::UC | VR::UT
        ) {
            let (text, warning) = self.charset().decode(bytes);
            if let Some(w) = warning {
                self.warn(format!("{} ({}): {w}", tag_text(tag), vr.to_string()));
            }
            text
        } else {
            latin1(bytes)
        };
        split_values(vr, text)
    }

    fn lossy_text(&self, bytes: &[u8]) -> String {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => self.charset().decode(bytes).0,
        }
    }

    /// The character set of the open item (or the top level).
    fn charset(&self) -> &Charset {
        static DEFAULT: Charset = Charset::DEFAULT;
        self.charsets.last().map_or(&DEFAULT, |c| c)
    }

    /// Turn a stop into the outcome.
    pub(super) fn finish(&mut self, stop: Stop, transfer_syntax: String) -> ReadOutcome {
        if self.zlib {
            self.recovered(
                "the deflated data set is wrapped in zlib (the standard says raw deflate); read \
                 as zlib"
                    .to_string(),
            );
        }
        let damaged = self.inflate_damage.get().map(|at| {
            format!(
                "the deflated data is damaged after byte {at} of the inflated data set; it was \
                 read up to there"
            )
        });
        let truncated = match stop {
            _ if damaged.is_some() && !matches!(stop, Stop::Limit(_)) => damaged,
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
                elements: {
                    let mut elements = std::mem::take(&mut self.elements);
                    // Why: the guess above may be generous, and a dataset can be kept a while.
                    // Only when it is more than twice the need: a shrink is a copy of the whole
                    // list, and a vendor's header fills most of the guess.
                    if elements.capacity() > 2 * elements.len() {
                        elements.shrink_to_fit();
                    }
                    elements
                },
                ..Dataset::default()
            },
            transfer_syntax,
            status,
            warnings: std::mem::take(&mut self.warnings),
            un_sequences: self.un_sequences,
            uneven_value: self.uneven_value,
            unread_from: self.unread_from,
            data_set_at: 0,
            pixel_data: self.pixel_data,
        })
    }
}

/// A text VR's decoded `text`, split into its values. Why split after decoding: in multi-byte
/// sets a 0x5C byte can be half a character.
fn split_values(vr: VR, text: String) -> Vec<String> {
    if matches!(vr, VR::LT | VR::ST | VR::UT | VR::UR) || !text.contains('\\') {
        // Most values hold one value: the decoded text becomes it, trimmed in place.
        vec![trimmed(text)]
    } else {
        text.split('\\')
            .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
            .collect()
    }
}

/// Whether a value of `vr` is text that reads the same in every character set: ASCII without
/// the escape of ISO 2022, under the text limit (see [`Walk::decode`]).
fn is_plain_ascii_text(vr: VR, bytes: &[u8]) -> bool {
    is_text_vr(vr) && !bytes.is_empty() && bytes.len() <= MAX_TEXT_LEN && {
        // Why one test a byte over blocks: a search for the escape after `is_ascii` read
        // every value twice, each with a call's cost; a block is tested without an early exit,
        // which the compiler turns into a few vector instructions.
        bytes.chunks(32).all(|block| {
            block
                .iter()
                .fold(true, |plain, &b| plain & (b < 0x80) & (b != 0x1B))
        })
    }
}

/// `text` without its trailing padding (NULs and spaces), in the same allocation.
fn trimmed(mut text: String) -> String {
    // Why bytes: NUL and space are single bytes in UTF-8 and never part of another character.
    let end = text
        .bytes()
        .rposition(|b| b != 0 && b != b' ')
        .map_or(0, |i| i + 1);
    text.truncate(end);
    text
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
pub(super) fn step_name(e: &dicom_parser::dataset::read::Error) -> String {
    let text = e.to_string();
    text.chars().take(160).collect()
}

pub(super) fn tag_text(tag: Tag) -> String {
    format!("({:04X},{:04X})", tag.group(), tag.element())
}

/// The size of one value of a binary VR whose values dicom-rs reads one by one.
fn value_size(vr: VR) -> Option<u32> {
    match vr {
        VR::US | VR::SS | VR::OW => Some(2),
        VR::UL | VR::SL | VR::FL | VR::AT | VR::OF | VR::OL => Some(4),
        VR::FD | VR::OD | VR::SV | VR::UV | VR::OV => Some(8),
        _ => None,
    }
}
