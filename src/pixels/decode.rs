//! Frames out of a DICOM file: native pixel data sliced here, encapsulated frames decoded one
//! at a time by the pure-Rust codecs dicom-rs registers for their transfer syntax (JPEG
//! baseline, extended and lossless; RLE; JPEG 2000), then handed to [`gray`](super::gray).

use std::borrow::Cow;

use dicom_core::value::{PrimitiveValue, Value};
use dicom_core::Tag;
use dicom_dictionary_std::tags;
use dicom_encoding::transfer_syntax::{Codec, TransferSyntaxIndex};
use dicom_object::DefaultDicomObject;
use dicom_transfer_syntax_registry::TransferSyntaxRegistry;

use super::gray::{Photometric, Planes, RawFrame};
use super::palette::{Channel, Palette};
use super::text_lines::{find_text, merge_overlapping, Plane, Rect, Tuning};
use super::{
    frames_to_check, NotChecked, PixelCheck, TextBox, MAX_FRAME_PIXELS, MAX_PIXEL_FILE_BYTES,
};

/// Most boxes kept for one frame; past it the frame is text-bearing whatever else it holds.
const MAX_BOXES_PER_FRAME: usize = 64;

/// Look at the first, middle and last frames of the DICOM file `bytes` for burned-in text.
///
/// In wasm32 the program must use [`NullTolerant`](super::NullTolerant) as its global
/// allocator: the JPEG 2000 decoder frees null pointers, which wasm32's allocator traps on.
pub fn check_dicom(bytes: &[u8], tuning: &Tuning) -> PixelCheck {
    check_dicom_with_preview(bytes, tuning).0
}

/// A frame as the detector saw it, to draw with its boxes (the page shows it; never stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub frame: u32,
    pub planes: Planes,
}

/// [`check_dicom`], and the first frame where text was found (else the first frame).
pub fn check_dicom_with_preview(bytes: &[u8], tuning: &Tuning) -> (PixelCheck, Option<Preview>) {
    verdict(read(bytes).and_then(|object| look(&object, tuning)))
}

/// [`check_dicom`] of a file dicom-rs has read already (a clean copy being made).
pub fn check_object(object: &DefaultDicomObject, tuning: &Tuning) -> PixelCheck {
    verdict(look(object, tuning)).0
}

fn verdict(looked: Result<Looked, NotChecked>) -> (PixelCheck, Option<Preview>) {
    match looked {
        Ok((frames, boxes, preview)) if boxes.is_empty() => {
            (PixelCheck::NoText { frames }, preview)
        }
        Ok((frames, boxes, preview)) => (PixelCheck::Text { frames, boxes }, preview),
        Err(reason) => (PixelCheck::NotChecked { reason }, None),
    }
}

/// The whole file, read by dicom-rs, up to [`MAX_PIXEL_FILE_BYTES`].
fn read(bytes: &[u8]) -> Result<DefaultDicomObject, NotChecked> {
    if bytes.len() as u64 > MAX_PIXEL_FILE_BYTES {
        return Err(NotChecked::FileTooLarge {
            bytes: bytes.len() as u64,
        });
    }
    crate::deidentify::read(bytes).map_err(|left_out| match left_out {
        // The copy's wording ("not copied") would mislead here: what is missing is a file
        // header to say how the pixels are encoded.
        crate::deidentify::LeftOut::NoFileHeader => undecodable(
            "a data set without a file header, whose transfer syntax cannot be told for sure",
        ),
        other => undecodable(other),
    })
}

fn undecodable(detail: impl ToString) -> NotChecked {
    NotChecked::Undecodable {
        detail: detail.to_string(),
    }
}

/// A codec's error with the causes it wraps ("Could not decode pixel data" alone says little).
fn codec_error(error: &dyn std::error::Error) -> NotChecked {
    let mut detail = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        detail.push_str(": ");
        detail.push_str(&cause.to_string());
        source = cause.source();
    }
    undecodable(detail)
}

type Looked = (Vec<u32>, Vec<TextBox>, Option<Preview>);

fn look(object: &DefaultDicomObject, tuning: &Tuning) -> Result<Looked, NotChecked> {
    let image = Image::of(object)?;
    let mut frames = Vec::new();
    let mut boxes = Vec::new();
    let mut preview: Option<Preview> = None;
    let mut failed = None;
    for frame in frames_to_check(image.frames) {
        // One frame's planes at a time; the preview keeps at most one more. A frame that
        // cannot be decoded (a clip without an offset table past its first frames) leaves the
        // others checked; only when none can be is the file not checked.
        let planes = match image.frame(object, frame) {
            Ok(planes) => planes,
            Err(reason) => {
                failed.get_or_insert(reason);
                continue;
            }
        };
        frames.push(frame);
        let found = text_in(&planes, tuning);
        let first_with_text = !found.is_empty() && boxes.is_empty();
        boxes.extend(found.into_iter().map(|r| TextBox {
            frame,
            x: r.x as u32,
            y: r.y as u32,
            width: r.width as u32,
            height: r.height as u32,
        }));
        if preview.is_none() || first_with_text {
            preview = Some(Preview { frame, planes });
        }
    }
    match failed {
        Some(reason) if frames.is_empty() => Err(reason),
        _ => Ok((frames, boxes, preview)),
    }
}

/// Text lines in a frame's planes, overlapping finds merged.
pub(super) fn text_in(planes: &Planes, tuning: &Tuning) -> Vec<Rect> {
    let mut found = Vec::new();
    for data in std::iter::once(&planes.luma).chain(planes.chroma.as_ref()) {
        let plane = Plane {
            width: planes.width,
            height: planes.height,
            data,
        };
        found.extend(find_text(plane, tuning));
    }
    let mut merged = merge_overlapping(found);
    merged.truncate(MAX_BOXES_PER_FRAME);
    merged
}

/// What the header says about the image, checked before any frame is decoded.
pub(super) struct Image {
    pub(super) rows: u32,
    pub(super) columns: u32,
    pub(super) frames: u32,
    pub(super) samples_per_pixel: u16,
    pub(super) bits_allocated: u16,
    pub(super) bits_stored: u16,
    pub(super) signed: bool,
    pub(super) planar: bool,
    pub(super) photometric: String,
    pub(super) encapsulated: bool,
    pub(super) transfer_syntax: String,
}

fn uint(object: &DefaultDicomObject, tag: Tag) -> Option<u32> {
    let element = object.element(tag).ok()?;
    element
        .value()
        .to_int::<u32>()
        .ok()
        .or_else(|| element.value().to_str().ok()?.trim().parse().ok())
}

fn text(object: &DefaultDicomObject, tag: Tag) -> String {
    object
        .element(tag)
        .ok()
        .and_then(|e| {
            e.value()
                .to_str()
                .ok()
                .map(|s| s.trim_end_matches(['\0', ' ']).trim().to_uppercase())
        })
        .unwrap_or_default()
}

impl Image {
    pub(super) fn of(object: &DefaultDicomObject) -> Result<Image, NotChecked> {
        if object.element(tags::PIXEL_DATA).is_err() {
            return Err(NotChecked::NoImage);
        }
        let (Some(rows), Some(columns)) = (uint(object, tags::ROWS), uint(object, tags::COLUMNS))
        else {
            return Err(NotChecked::NoImage);
        };
        if rows == 0 || columns == 0 {
            return Err(NotChecked::NoImage);
        }
        if u64::from(rows) * u64::from(columns) > MAX_FRAME_PIXELS {
            return Err(NotChecked::FrameTooLarge { rows, columns });
        }
        let uid = object
            .meta()
            .transfer_syntax
            .trim_end_matches(['\0', ' '])
            .to_string();
        let syntax = TransferSyntaxRegistry
            .get(&uid)
            .ok_or_else(|| NotChecked::UnsupportedTransferSyntax { uid: uid.clone() })?;
        let encapsulated = syntax.is_encapsulated_pixel_data();
        if encapsulated && !syntax.can_decode_all() {
            return Err(NotChecked::UnsupportedTransferSyntax { uid });
        }
        let bits_allocated = uint(object, tags::BITS_ALLOCATED).unwrap_or(8) as u16;
        Ok(Image {
            rows,
            columns,
            frames: uint(object, tags::NUMBER_OF_FRAMES).unwrap_or(1).max(1),
            samples_per_pixel: uint(object, tags::SAMPLES_PER_PIXEL).unwrap_or(1) as u16,
            bits_allocated,
            bits_stored: uint(object, tags::BITS_STORED).map_or(bits_allocated, |b| b as u16),
            signed: uint(object, tags::PIXEL_REPRESENTATION) == Some(1),
            planar: uint(object, tags::PLANAR_CONFIGURATION) == Some(1),
            photometric: text(object, tags::PHOTOMETRIC_INTERPRETATION),
            encapsulated,
            transfer_syntax: uid,
        })
    }

    fn photometric(
        &self,
        object: &DefaultDicomObject,
        name: &str,
    ) -> Result<Photometric, NotChecked> {
        Ok(match name {
            "MONOCHROME1" => Photometric::Monochrome1,
            "MONOCHROME2" | "" => Photometric::Monochrome2,
            "RGB" => Photometric::Rgb,
            "YBR_FULL" => Photometric::YbrFull,
            "YBR_FULL_422" => Photometric::YbrFull422,
            "PALETTE COLOR" => Photometric::Palette(palette(object)?),
            other => {
                return Err(NotChecked::UnsupportedLayout {
                    detail: format!("photometric interpretation {other}"),
                })
            }
        })
    }

    fn frame(&self, object: &DefaultDicomObject, frame: u32) -> Result<Planes, NotChecked> {
        if self.encapsulated {
            let syntax = TransferSyntaxRegistry
                .get(&self.transfer_syntax)
                .ok_or_else(|| NotChecked::UnsupportedTransferSyntax {
                    uid: self.transfer_syntax.clone(),
                })?;
            let Codec::EncapsulatedPixelData(Some(reader), _) = syntax.codec() else {
                return Err(NotChecked::UnsupportedTransferSyntax {
                    uid: self.transfer_syntax.clone(),
                });
            };
            let mut data = Vec::new();
            reader
                .decode_frame(object, frame, &mut data)
                .map_err(|e| codec_error(&e))?;
            // Codecs give colour as interleaved RGB and keep a monochrome or palette image's
            // interpretation (PixelDataReader's contract).
            let photometric = if self.samples_per_pixel == 3 {
                Photometric::Rgb
            } else {
                self.photometric(object, &self.photometric)?
            };
            return self.planes(photometric, false, &data);
        }
        let photometric = self.photometric(object, &self.photometric)?;
        let data = native_bytes(object)?;
        let pixels = u64::from(self.rows) * u64::from(self.columns);
        let frame_data: Cow<'_, [u8]> = if self.bits_allocated == 1 {
            Cow::Owned(bits_of_frame(&data, pixels, frame))
        } else {
            let size = if photometric == Photometric::YbrFull422 {
                u64::from(self.rows) * u64::from(self.columns.div_ceil(2)) * 4
            } else {
                pixels
                    * u64::from(self.samples_per_pixel)
                    * u64::from(self.bits_allocated.div_ceil(8))
            };
            let start = size * u64::from(frame);
            let end = start + size;
            if end > data.len() as u64 {
                return Err(undecodable(format!(
                    "frame {} needs bytes {start}–{end}, pixel data holds {}",
                    frame + 1,
                    data.len()
                )));
            }
            match data {
                Cow::Borrowed(all) => Cow::Borrowed(&all[start as usize..end as usize]),
                Cow::Owned(all) => Cow::Owned(all[start as usize..end as usize].to_vec()),
            }
        };
        self.planes(photometric, self.planar, &frame_data)
    }

    /// One frame's samples (`planar` as laid out) brought to planes.
    fn planes(
        &self,
        photometric: Photometric,
        planar: bool,
        data: &[u8],
    ) -> Result<Planes, NotChecked> {
        RawFrame {
            rows: self.rows,
            columns: self.columns,
            samples_per_pixel: self.samples_per_pixel,
            bits_allocated: self.bits_allocated,
            bits_stored: self.bits_stored,
            signed: self.signed,
            planar,
            photometric,
            data,
        }
        .to_planes()
    }
}

/// Native pixel data as little-endian bytes (dicom-rs holds OW read from big endian as
/// 16-bit words).
fn native_bytes(object: &DefaultDicomObject) -> Result<Cow<'_, [u8]>, NotChecked> {
    let element = object.element(tags::PIXEL_DATA).map_err(undecodable)?;
    let Value::Primitive(value) = element.value() else {
        return Err(undecodable("native pixel data is not a plain value"));
    };
    Ok(match value {
        PrimitiveValue::U8(bytes) => Cow::Borrowed(&bytes[..]),
        PrimitiveValue::U16(words) => {
            Cow::Owned(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        PrimitiveValue::I16(words) => {
            Cow::Owned(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        PrimitiveValue::U32(words) => {
            Cow::Owned(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        PrimitiveValue::I32(words) => {
            Cow::Owned(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
        _ => return Err(undecodable("native pixel data held as text or floats")),
    })
}

/// One frame of 1-bit pixel data, which packs frames without padding between them.
fn bits_of_frame(data: &[u8], pixels: u64, frame: u32) -> Vec<u8> {
    let first = pixels * u64::from(frame);
    let mut out = vec![0u8; pixels.div_ceil(8) as usize];
    for i in 0..pixels {
        let bit = first + i;
        let set = data
            .get((bit / 8) as usize)
            .is_some_and(|byte| byte >> (bit % 8) & 1 == 1);
        if set {
            out[(i / 8) as usize] |= 1 << (i % 8);
        }
    }
    out
}

fn words(object: &DefaultDicomObject, tag: Tag) -> Option<Vec<u16>> {
    let element = object.element(tag).ok()?;
    let Value::Primitive(value) = element.value() else {
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
}

fn palette(object: &DefaultDicomObject) -> Result<Palette, NotChecked> {
    let channel_words = |descriptor: Tag, data: Tag, segmented: Tag| {
        let d = words(object, descriptor).filter(|d| d.len() >= 3);
        (d, words(object, data), words(object, segmented))
    };
    let red = channel_words(
        Tag(0x0028, 0x1101),
        Tag(0x0028, 0x1201),
        Tag(0x0028, 0x1221),
    );
    let green = channel_words(
        Tag(0x0028, 0x1102),
        Tag(0x0028, 0x1202),
        Tag(0x0028, 0x1222),
    );
    let blue = channel_words(
        Tag(0x0028, 0x1103),
        Tag(0x0028, 0x1203),
        Tag(0x0028, 0x1223),
    );
    Palette::new(channel(&red)?, channel(&green)?, channel(&blue)?)
        .map_err(|detail| NotChecked::UnsupportedLayout { detail })
}

type ChannelWords = (Option<Vec<u16>>, Option<Vec<u16>>, Option<Vec<u16>>);

fn channel((descriptor, data, segmented): &ChannelWords) -> Result<Channel<'_>, NotChecked> {
    let d = descriptor
        .as_ref()
        .ok_or_else(|| NotChecked::UnsupportedLayout {
            detail: "palette colour without its lookup table descriptors".into(),
        })?;
    Ok(Channel {
        descriptor: [d[0], d[1], d[2]],
        data: data.as_deref(),
        segmented: segmented.as_deref(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_frames_are_cut_at_any_bit() {
        // Two frames of 3 pixels: 1 0 1 | 1 1 0.
        let data = [0b0001_1101];
        assert_eq!(bits_of_frame(&data, 3, 0), [0b101]);
        assert_eq!(bits_of_frame(&data, 3, 1), [0b011]);
    }
}
