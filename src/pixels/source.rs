//! The attributes and pixel data the pixel check needs, read from a file's bytes with dicom-rs's
//! token reader (dicom-parser) and nothing else: no data dictionary and no dicom-object, so the
//! page's pixel worker, which ships this reader, stays small. Values are read as raw bytes and
//! only the dozen attributes of the image pixel module are interpreted here; implicit VR needs
//! no dictionary for that, because every one of them has a fixed VR.
//!
//! A file dicom-rs has already read whole (the clean copy) is seen through the same type
//! without copying its pixel data: [`PixelSource::of_object`].

use std::borrow::Cow;
use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

use dicom_core::dictionary::{DataDictionary, DataDictionaryEntryRef};
use dicom_core::value::{PrimitiveValue, Value};
use dicom_core::{Tag, VR};
use dicom_encoding::adapters::{PixelDataObject, RawPixelData};
use dicom_encoding::decode::basic::BasicDecoder;
use dicom_encoding::decode::explicit_be::ExplicitVRBigEndianDecoder;
use dicom_encoding::decode::explicit_le::ExplicitVRLittleEndianDecoder;
use dicom_encoding::decode::implicit_le::ImplicitVRLittleEndianDecoder;
use dicom_encoding::decode::DecodeFrom;
use dicom_encoding::text::SpecificCharacterSet;
use dicom_encoding::transfer_syntax::Endianness;
use dicom_object::DefaultDicomObject;
use dicom_parser::dataset::read::{DataSetReaderOptions, ValueReadStrategy};
use dicom_parser::dataset::{DataSetReader, DataToken};
use dicom_parser::StatefulDecoder;

use crate::decode::dicom::{guess_encoding, inflate_data_set, is_deflated, locate, Encoding};
use crate::decode::dicom::{Layout, MAX_FRAGMENTS};
use crate::decode::limits::{MAX_DEPTH, MAX_INPUT_BYTES};

use super::NotChecked;

const PIXEL_DATA: Tag = Tag(0x7FE0, 0x0010);
const TRANSFER_SYNTAX_UID: Tag = Tag(0x0002, 0x0010);

/// The attributes of the image pixel module the check reads, by tag.
const SAMPLES_PER_PIXEL: Tag = Tag(0x0028, 0x0002);
const PHOTOMETRIC: Tag = Tag(0x0028, 0x0004);
const PLANAR_CONFIGURATION: Tag = Tag(0x0028, 0x0006);
const NUMBER_OF_FRAMES: Tag = Tag(0x0028, 0x0008);
const ROWS: Tag = Tag(0x0028, 0x0010);
const COLUMNS: Tag = Tag(0x0028, 0x0011);
const BITS_ALLOCATED: Tag = Tag(0x0028, 0x0100);
const BITS_STORED: Tag = Tag(0x0028, 0x0101);
const PIXEL_REPRESENTATION: Tag = Tag(0x0028, 0x0103);

/// Palette colour lookup tables: descriptors, data, segmented data; red, green, blue.
pub(super) const PALETTE_TAGS: [[Tag; 3]; 3] = [
    [
        Tag(0x0028, 0x1101),
        Tag(0x0028, 0x1201),
        Tag(0x0028, 0x1221),
    ],
    [
        Tag(0x0028, 0x1102),
        Tag(0x0028, 0x1202),
        Tag(0x0028, 0x1222),
    ],
    [
        Tag(0x0028, 0x1103),
        Tag(0x0028, 0x1203),
        Tag(0x0028, 0x1223),
    ],
];

/// The pixel data of an image, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Pixels<'a> {
    /// Native samples, little-endian (words of big-endian OW swapped).
    Native(Cow<'a, [u8]>),
    /// Encapsulated: the basic offset table and the fragments.
    Encapsulated {
        offset_table: Vec<u32>,
        fragments: Vec<Cow<'a, [u8]>>,
    },
}

/// What the pixel check reads of a DICOM file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PixelSource<'a> {
    /// The transfer syntax the pixel data is encoded in (trimmed UID).
    pub(super) transfer_syntax: String,
    pub(super) rows: Option<u32>,
    pub(super) columns: Option<u32>,
    pub(super) frames: Option<u32>,
    pub(super) samples_per_pixel: Option<u32>,
    pub(super) bits_allocated: Option<u32>,
    pub(super) bits_stored: Option<u32>,
    pub(super) pixel_representation: Option<u32>,
    pub(super) planar_configuration: Option<u32>,
    /// Photometric interpretation, trimmed and upper case ("" when absent).
    pub(super) photometric: String,
    /// Palette words by [`PALETTE_TAGS`] position (little-endian order already applied).
    pub(super) palette: [[Option<Vec<u16>>; 3]; 3],
    pub(super) pixels: Option<Pixels<'a>>,
    /// The file has no meta group: the encoding of its header was guessed, and the
    /// compression of encapsulated pixel data cannot be known.
    pub(super) headerless: bool,
}

/// Read the pixel attributes and pixel data of the DICOM file `bytes` (a Part 10 file, or a
/// data set without a file header, as the scan finds them).
pub(super) fn read(bytes: &[u8]) -> Result<PixelSource<'static>, NotChecked> {
    let start = locate(bytes).ok_or_else(|| undecodable("no DICOM data set found"))?;
    let (data_at, declared, headerless) = match start.layout {
        Layout::Part10 { meta_at } => {
            let (data_at, uid) = read_meta(bytes, meta_at)?;
            let uid = match uid {
                Some(uid) => uid,
                None => guess_encoding(bytes, data_at)
                    .unwrap_or(Encoding::ExplicitLe)
                    .uid()
                    .to_string(),
            };
            (data_at, uid, false)
        }
        Layout::Raw(encoding) => (start.at, encoding.uid().to_string(), true),
    };
    let mut source = PixelSource {
        transfer_syntax: declared.clone(),
        headerless,
        ..PixelSource::default()
    };
    if is_deflated(&declared) {
        let inflated = inflate_data_set(&bytes[data_at..], MAX_INPUT_BYTES)
            .map_err(|e| undecodable(format!("the deflated data set: {e}")))?;
        source.read_data_set(&inflated, Encoding::ExplicitLe)?;
        return Ok(source);
    }
    // The header's own encoding, as the scan reads it: a data set written in another one than
    // its meta names is read in the one it is written in (the codec still comes from the UID).
    let encoding = guess_encoding(bytes, data_at).unwrap_or(match declared.as_str() {
        IMPLICIT_VR_LITTLE_ENDIAN => Encoding::ImplicitLe,
        EXPLICIT_VR_BIG_ENDIAN => Encoding::ExplicitBe,
        _ => Encoding::ExplicitLe,
    });
    source.read_data_set(&bytes[data_at..], encoding)?;
    Ok(source)
}

const IMPLICIT_VR_LITTLE_ENDIAN: &str = "1.2.840.10008.1.2";
const EXPLICIT_VR_BIG_ENDIAN: &str = "1.2.840.10008.1.2.2";

fn undecodable(detail: impl ToString) -> NotChecked {
    NotChecked::Undecodable {
        detail: detail.to_string(),
    }
}

/// Implicit VR without a dictionary: every element is UN to the reader (pixel data is OW, as
/// dicom-rs fixes it), and this module knows the VR of the few it interprets.
struct NoDictionary;

impl DataDictionary for NoDictionary {
    type Entry = DataDictionaryEntryRef<'static>;

    fn by_tag(&self, _tag: Tag) -> Option<&Self::Entry> {
        None
    }

    fn by_name(&self, _name: &str) -> Option<&Self::Entry> {
        None
    }
}

/// The bytes being read, with the position shared with the caller (the token reader owns its
/// source and does not say where it is).
struct Counted<'a> {
    rest: &'a [u8],
    pos: Rc<Cell<u64>>,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.rest.read(buf)?;
        self.pos.set(self.pos.get() + n as u64);
        Ok(n)
    }
}

type Tokens<'a> = DataSetReader<StatefulDecoder<Box<dyn DecodeFrom<Counted<'a>>>, Counted<'a>>>;

fn tokens(bytes: &[u8], encoding: Encoding) -> (Tokens<'_>, Rc<Cell<u64>>) {
    let pos = Rc::new(Cell::new(0));
    let source = Counted {
        rest: bytes,
        pos: pos.clone(),
    };
    let (decoder, endianness): (Box<dyn DecodeFrom<Counted<'_>>>, _) = match encoding {
        Encoding::ImplicitLe => (
            Box::new(ImplicitVRLittleEndianDecoder::with_dict(NoDictionary)),
            Endianness::Little,
        ),
        Encoding::ExplicitLe => (
            Box::new(ExplicitVRLittleEndianDecoder::default()),
            Endianness::Little,
        ),
        Encoding::ExplicitBe => (
            Box::new(ExplicitVRBigEndianDecoder::default()),
            Endianness::Big,
        ),
    };
    let decoder = StatefulDecoder::new(
        source,
        decoder,
        BasicDecoder::from(endianness),
        SpecificCharacterSet::default(),
    );
    let options = DataSetReaderOptions::default().value_read(ValueReadStrategy::Raw);
    (DataSetReader::new(decoder, options), pos)
}

/// The file meta group (explicit VR little endian) from `meta_at`: where the data set starts
/// and the transfer syntax UID it names.
fn read_meta(bytes: &[u8], meta_at: usize) -> Result<(usize, Option<String>), NotChecked> {
    let (mut tokens, pos) = tokens(&bytes[meta_at..], Encoding::ExplicitLe);
    let mut uid = None;
    let mut pending = None;
    loop {
        let before = pos.get() as usize;
        match tokens.next() {
            None => return Ok((bytes.len(), uid)),
            Some(Err(_)) => {
                return Err(undecodable(format!(
                    "the file meta group could not be read past byte {}",
                    meta_at + before
                )))
            }
            Some(Ok(DataToken::ElementHeader(header))) => {
                if header.tag.group() != 0x0002 {
                    return Ok((meta_at + before, uid));
                }
                check_length(header.len.get(), bytes.len() - meta_at - before, header.tag)?;
                pending = Some(header.tag);
            }
            Some(Ok(DataToken::PrimitiveValue(value))) => {
                if pending.take() == Some(TRANSFER_SYNTAX_UID) {
                    uid = Some(text(&value.to_bytes()));
                }
            }
            // A sequence's header comes as its start: past group 0002, the data set begins.
            Some(Ok(DataToken::SequenceStart { tag, .. })) if tag.group() != 0x0002 => {
                return Ok((meta_at + before, uid))
            }
            Some(Ok(_)) => {
                return Err(undecodable(
                    "the file meta group holds a sequence, which it never does",
                ))
            }
        }
    }
}

/// A value `len` bytes long (undefined: `None`) where `left` bytes remain: refused before the
/// reader allocates what a damaged header declares.
fn check_length(len: Option<u32>, left: usize, tag: Tag) -> Result<(), NotChecked> {
    match len {
        Some(len) if len as usize > left => Err(undecodable(format!(
            "element {tag} declares {len} bytes where {left} remain"
        ))),
        _ => Ok(()),
    }
}

/// Trailing padding and spaces off, upper case.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .trim_end_matches(['\0', ' '])
        .trim()
        .to_uppercase()
}

impl PixelSource<'static> {
    /// Read the data set `bytes` in `encoding` up to the end of its top-level pixel data.
    fn read_data_set(&mut self, bytes: &[u8], encoding: Encoding) -> Result<(), NotChecked> {
        let big_endian = encoding == Encoding::ExplicitBe;
        let (mut tokens, pos) = tokens(bytes, encoding);
        let mut depth = 0usize;
        // The top-level element whose value comes next.
        let mut pending: Option<(Tag, VR)> = None;
        let mut in_pixel_sequence = false;
        let mut offset_table = Vec::new();
        let mut fragments: Vec<Cow<'static, [u8]>> = Vec::new();
        loop {
            let before = pos.get() as usize;
            let left = bytes.len().saturating_sub(before);
            let token = match tokens.next() {
                None => break,
                Some(Ok(token)) => token,
                Some(Err(_)) if self.pixels.is_some() => break,
                Some(Err(_)) => {
                    return Err(undecodable(format!(
                        "the header could not be read past byte {before} of the data set"
                    )))
                }
            };
            match token {
                DataToken::ElementHeader(header) => {
                    check_length(header.len.get(), left, header.tag)?;
                    if depth == 0 {
                        pending = Some((header.tag, header.vr));
                    }
                }
                DataToken::PrimitiveValue(value) => {
                    if let Some((tag, vr)) = pending.take() {
                        let done = tag == PIXEL_DATA;
                        self.take(tag, vr, value, big_endian);
                        if done {
                            break;
                        }
                    }
                }
                DataToken::SequenceStart { .. } => {
                    depth += 1;
                    pending = None;
                    if depth > MAX_DEPTH {
                        return Err(undecodable(format!(
                            "sequences nested deeper than {MAX_DEPTH} levels"
                        )));
                    }
                }
                DataToken::PixelSequenceStart => {
                    // Only (7FE0,0010) of undefined length starts one (its header token may
                    // or may not come first).
                    pending = None;
                    in_pixel_sequence |= depth == 0;
                    depth += 1;
                }
                DataToken::SequenceEnd => {
                    depth = depth.saturating_sub(1);
                    if in_pixel_sequence && depth == 0 {
                        break;
                    }
                }
                DataToken::ItemStart { len } => {
                    check_length(len.get(), left, Tag(0xFFFE, 0xE000))?;
                    if in_pixel_sequence && fragments.len() >= MAX_FRAGMENTS {
                        return Err(undecodable(format!(
                            "pixel data in more than {MAX_FRAGMENTS} fragments"
                        )));
                    }
                }
                DataToken::ItemEnd => {}
                DataToken::OffsetTable(table) => {
                    if in_pixel_sequence {
                        offset_table = table;
                    }
                }
                DataToken::ItemValue(value) => {
                    if in_pixel_sequence {
                        fragments.push(Cow::Owned(value));
                    }
                }
            }
        }
        if in_pixel_sequence {
            self.pixels = Some(Pixels::Encapsulated {
                offset_table,
                fragments,
            });
        }
        Ok(())
    }

    /// Keep the value of a top-level element the check reads.
    fn take(&mut self, tag: Tag, vr: VR, value: PrimitiveValue, big_endian: bool) {
        let bytes = value.to_bytes();
        let word = |b: &[u8]| {
            let pair = [b[0], b[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        };
        let words = || -> Vec<u16> { bytes.chunks_exact(2).map(word).collect() };
        let number = || -> Option<u32> {
            match vr {
                // Text in any VR of text; binary in US, SS, UL, and in UN (implicit VR),
                // where every attribute read as a number here is US, but Number of Frames.
                VR::IS | VR::DS | VR::CS | VR::LO | VR::SH => text(&bytes).parse().ok(),
                VR::UL | VR::SL if bytes.len() >= 4 => {
                    let quad = [bytes[0], bytes[1], bytes[2], bytes[3]];
                    Some(if big_endian {
                        u32::from_be_bytes(quad)
                    } else {
                        u32::from_le_bytes(quad)
                    })
                }
                VR::UN if tag == NUMBER_OF_FRAMES => text(&bytes).parse().ok(),
                _ if bytes.len() >= 2 => Some(u32::from(word(&bytes))),
                _ => None,
            }
        };
        match tag {
            PIXEL_DATA => {
                // Big-endian OW is words to turn around; OB is bytes as they are.
                let data = if big_endian && vr == VR::OW {
                    words().iter().flat_map(|w| w.to_le_bytes()).collect()
                } else {
                    bytes.into_owned()
                };
                self.pixels = Some(Pixels::Native(Cow::Owned(data)));
            }
            PHOTOMETRIC => self.photometric = text(&bytes),
            SAMPLES_PER_PIXEL => self.samples_per_pixel = number(),
            PLANAR_CONFIGURATION => self.planar_configuration = number(),
            NUMBER_OF_FRAMES => self.frames = number(),
            ROWS => self.rows = number(),
            COLUMNS => self.columns = number(),
            BITS_ALLOCATED => self.bits_allocated = number(),
            BITS_STORED => self.bits_stored = number(),
            PIXEL_REPRESENTATION => self.pixel_representation = number(),
            _ => {
                for (channel, tags) in PALETTE_TAGS.iter().enumerate() {
                    if let Some(kind) = tags.iter().position(|&t| t == tag) {
                        self.palette[channel][kind] = Some(words());
                    }
                }
            }
        }
    }
}

impl<'a> PixelSource<'a> {
    /// A file dicom-rs has read whole, its pixel data borrowed.
    pub(super) fn of_object(object: &'a DefaultDicomObject) -> PixelSource<'a> {
        let number = |tag: Tag| -> Option<u32> {
            let element = object.element(tag).ok()?;
            element
                .value()
                .to_int::<u32>()
                .ok()
                .or_else(|| element.value().to_str().ok()?.trim().parse().ok())
        };
        let words = |tag: Tag| -> Option<Vec<u16>> {
            let Value::Primitive(value) = object.element(tag).ok()?.value() else {
                return None;
            };
            Some(match value {
                PrimitiveValue::U16(w) => w.to_vec(),
                PrimitiveValue::I16(w) => w.iter().map(|&v| v as u16).collect(),
                PrimitiveValue::U8(b) => b
                    .chunks(2)
                    .map(|c| u16::from_le_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                    .collect(),
                _ => return None,
            })
        };
        let photometric = object
            .element(PHOTOMETRIC)
            .ok()
            .and_then(|e| e.value().to_str().ok().map(|s| text(s.as_bytes())))
            .unwrap_or_default();
        PixelSource {
            transfer_syntax: object
                .meta()
                .transfer_syntax
                .trim_end_matches(['\0', ' '])
                .to_string(),
            rows: number(ROWS),
            columns: number(COLUMNS),
            frames: number(NUMBER_OF_FRAMES),
            samples_per_pixel: number(SAMPLES_PER_PIXEL),
            bits_allocated: number(BITS_ALLOCATED),
            bits_stored: number(BITS_STORED),
            pixel_representation: number(PIXEL_REPRESENTATION),
            planar_configuration: number(PLANAR_CONFIGURATION),
            photometric,
            palette: PALETTE_TAGS.map(|tags| tags.map(words)),
            pixels: object
                .element(PIXEL_DATA)
                .ok()
                .and_then(|e| object_pixels(e.value())),
            headerless: false,
        }
    }
}

fn object_pixels<'a>(value: &'a Value<dicom_object::InMemDicomObject>) -> Option<Pixels<'a>> {
    Some(match value {
        Value::PixelSequence(sequence) => Pixels::Encapsulated {
            offset_table: sequence.offset_table().to_vec(),
            fragments: sequence
                .fragments()
                .iter()
                .map(|f| Cow::Borrowed(&f[..]))
                .collect(),
        },
        Value::Primitive(PrimitiveValue::U8(bytes)) => Pixels::Native(Cow::Borrowed(&bytes[..])),
        // dicom-rs holds OW read from big endian as 16-bit words.
        Value::Primitive(PrimitiveValue::U16(words)) => {
            Pixels::Native(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        Value::Primitive(PrimitiveValue::I16(words)) => {
            Pixels::Native(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        Value::Primitive(PrimitiveValue::U32(words)) => {
            Pixels::Native(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        Value::Primitive(PrimitiveValue::I32(words)) => {
            Pixels::Native(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        _ => return None,
    })
}

/// What the codecs dicom-rs registers read of an image.
impl PixelDataObject for PixelSource<'_> {
    fn transfer_syntax_uid(&self) -> &str {
        &self.transfer_syntax
    }

    fn rows(&self) -> Option<u16> {
        self.rows.map(|v| v as u16)
    }

    fn cols(&self) -> Option<u16> {
        self.columns.map(|v| v as u16)
    }

    fn samples_per_pixel(&self) -> Option<u16> {
        self.samples_per_pixel.map(|v| v as u16)
    }

    fn bits_allocated(&self) -> Option<u16> {
        self.bits_allocated.map(|v| v as u16)
    }

    fn bits_stored(&self) -> Option<u16> {
        self.bits_stored.map(|v| v as u16)
    }

    fn photometric_interpretation(&self) -> Option<&str> {
        Some(self.photometric.as_str()).filter(|p| !p.is_empty())
    }

    fn number_of_frames(&self) -> Option<u32> {
        self.frames
    }

    fn number_of_fragments(&self) -> Option<u32> {
        match &self.pixels {
            Some(Pixels::Encapsulated { fragments, .. }) => Some(fragments.len() as u32),
            Some(Pixels::Native(_)) => Some(1),
            None => None,
        }
    }

    fn fragment(&self, fragment: usize) -> Option<Cow<'_, [u8]>> {
        match &self.pixels {
            Some(Pixels::Encapsulated { fragments, .. }) => {
                fragments.get(fragment).map(|f| Cow::Borrowed(&f[..]))
            }
            Some(Pixels::Native(data)) if fragment == 0 => Some(Cow::Borrowed(&data[..])),
            _ => None,
        }
    }

    fn offset_table(&self) -> Option<Cow<'_, [u32]>> {
        match &self.pixels {
            Some(Pixels::Encapsulated { offset_table, .. }) => {
                Some(Cow::Borrowed(&offset_table[..]))
            }
            _ => None,
        }
    }

    fn raw_pixel_data(&self) -> Option<RawPixelData> {
        match &self.pixels {
            Some(Pixels::Encapsulated {
                offset_table,
                fragments,
            }) => Some(RawPixelData {
                fragments: fragments.iter().map(|f| f.to_vec()).collect(),
                offset_table: offset_table.iter().copied().collect(),
            }),
            Some(Pixels::Native(data)) => Some(RawPixelData {
                fragments: std::iter::once(data.to_vec()).collect(),
                offset_table: Default::default(),
            }),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dicom_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dicom_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "dcm") {
                out.push(path);
            }
        }
    }

    /// A Part 10 file in explicit VR little endian with `body` as its data set.
    fn part10(body: &[u8]) -> Vec<u8> {
        let ts = b"1.2.840.10008.1.2.1\0";
        let mut out = vec![0u8; 128];
        out.extend_from_slice(b"DICM");
        out.extend_from_slice(b"\x02\x00\x10\x00UI");
        out.extend_from_slice(&(ts.len() as u16).to_le_bytes());
        out.extend_from_slice(ts);
        out.extend_from_slice(body);
        out
    }

    /// An explicit VR little endian element with a 2-byte length.
    fn short(group: u16, element: u16, vr: &[u8; 2], value: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&group.to_le_bytes());
        out.extend_from_slice(&element.to_le_bytes());
        out.extend_from_slice(vr);
        out.extend_from_slice(&(value.len() as u16).to_le_bytes());
        out.extend_from_slice(value);
        out
    }

    fn detail(result: Result<PixelSource<'static>, NotChecked>) -> String {
        match result {
            Err(NotChecked::Undecodable { detail }) => detail,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn an_element_declaring_more_than_the_file_holds_is_refused_before_it_is_read() {
        let mut body = short(0x0028, 0x0010, b"US", &4u16.to_le_bytes());
        body.extend_from_slice(b"\xE0\x7F\x10\x00OB\x00\x00");
        body.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        body.extend_from_slice(&[0; 16]);
        let detail = detail(read(&part10(&body)));
        assert!(
            detail.contains("(7FE0,0010) declares 4294967280 bytes"),
            "{detail}"
        );
    }

    #[test]
    fn sequences_nested_past_the_depth_limit_are_refused() {
        // MAX_DEPTH + 1 sequences of undefined length, each in an item of the one before.
        let mut body = Vec::new();
        for _ in 0..=MAX_DEPTH {
            body.extend_from_slice(b"\x08\x00\x15\x11SQ\x00\x00\xFF\xFF\xFF\xFF");
            body.extend_from_slice(b"\xFE\xFF\x00\xE0\xFF\xFF\xFF\xFF");
        }
        let detail = detail(read(&part10(&body)));
        assert!(
            detail.contains(&format!("deeper than {MAX_DEPTH}")),
            "{detail}"
        );
    }

    #[test]
    fn a_data_set_without_a_file_header_is_read_in_the_encoding_its_header_shows() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        for name in [
            "pixels/tune/cr_mono1_chest_nometa.dcm",
            "pixels/check/ot_pal8_face_photo_nometa.dcm",
        ] {
            let source = read(&std::fs::read(root.join(name)).unwrap()).unwrap();
            assert!(source.headerless, "{name}");
            assert!(
                matches!(source.pixels, Some(Pixels::Native(_))) && source.rows.is_some(),
                "{name}: its image is read"
            );
        }
        // Compressed pixel data without the meta that names the codec: read, but flagged, and
        // the check says why it cannot look (crate::pixels::decode).
        let j2k = std::fs::read(root.join("fixtures/JPEG2000.dcm")).unwrap();
        // The meta group's length (0002,0000) says where the data set starts.
        assert_eq!(&j2k[132..136], b"\x02\x00\x00\x00");
        let meta = u32::from_le_bytes(j2k[140..144].try_into().unwrap()) as usize;
        let at = 144 + meta;
        let source = read(&j2k[at..]).unwrap();
        assert!(source.headerless);
        assert!(matches!(source.pixels, Some(Pixels::Encapsulated { .. })));
    }

    /// The light reader sees what dicom-rs's full reader sees, on every committed image:
    /// same attributes, same pixel data (fragments included).
    #[test]
    fn the_token_reader_agrees_with_dicom_object_on_every_fixture() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut files = Vec::new();
        dicom_files(&root.join("fixtures"), &mut files);
        dicom_files(&root.join("pixels"), &mut files);
        let mut compared = 0;
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let Ok(object) = crate::deidentify::read(&bytes) else {
                continue;
            };
            let full = PixelSource::of_object(&object);
            let light = read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.display();
            assert_eq!(light.rows, full.rows, "{name}");
            assert_eq!(light.columns, full.columns, "{name}");
            assert_eq!(light.frames, full.frames, "{name}");
            assert_eq!(light.samples_per_pixel, full.samples_per_pixel, "{name}");
            assert_eq!(light.bits_allocated, full.bits_allocated, "{name}");
            assert_eq!(light.bits_stored, full.bits_stored, "{name}");
            assert_eq!(
                light.pixel_representation, full.pixel_representation,
                "{name}"
            );
            assert_eq!(
                light.planar_configuration, full.planar_configuration,
                "{name}"
            );
            assert_eq!(light.photometric, full.photometric, "{name}");
            assert_eq!(light.palette, full.palette, "{name}");
            assert_eq!(light.transfer_syntax, full.transfer_syntax, "{name}");
            if light.pixels != full.pixels {
                let shape = |p: &Option<Pixels<'_>>| match p {
                    Some(Pixels::Native(d)) => format!("native {}", d.len()),
                    Some(Pixels::Encapsulated {
                        offset_table,
                        fragments,
                    }) => format!(
                        "table {:?} fragments {:?}",
                        offset_table,
                        fragments.iter().map(|f| f.len()).collect::<Vec<_>>()
                    ),
                    None => "none".into(),
                };
                panic!(
                    "{name}: pixel data differs: {} vs {}",
                    shape(&light.pixels),
                    shape(&full.pixels)
                );
            }
            compared += 1;
        }
        assert!(compared > 60, "only {compared} files compared");
    }
}
