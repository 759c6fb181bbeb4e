//! Frames out of a DICOM file: native pixel data sliced here, encapsulated frames decoded one
//! at a time by the pure-Rust codecs dicom-rs registers for their transfer syntax (JPEG
//! baseline, extended and lossless; RLE; JPEG 2000), then handed to [`gray`](super::gray).

use std::borrow::Cow;

use dicom_encoding::transfer_syntax::{Codec, TransferSyntaxIndex};
use dicom_object::DefaultDicomObject;
use dicom_transfer_syntax_registry::TransferSyntaxRegistry;

use super::gray::{Photometric, Planes, RawFrame};
use super::palette::{Channel, Palette};
use super::source::{self, PixelSource, Pixels};
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
    verdict(read(bytes).and_then(|source| look(&source, tuning)))
}

/// [`check_dicom`] of a file dicom-rs has read already (a clean copy being made).
pub fn check_object(object: &DefaultDicomObject, tuning: &Tuning) -> PixelCheck {
    verdict(look(&PixelSource::of_object(object), tuning)).0
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

/// The file's pixel attributes and pixel data, up to [`MAX_PIXEL_FILE_BYTES`].
fn read(bytes: &[u8]) -> Result<PixelSource<'static>, NotChecked> {
    if bytes.len() as u64 > MAX_PIXEL_FILE_BYTES {
        return Err(NotChecked::FileTooLarge {
            bytes: bytes.len() as u64,
        });
    }
    source::read(bytes)
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

fn look(source: &PixelSource<'_>, tuning: &Tuning) -> Result<Looked, NotChecked> {
    let image = Image::of(source)?;
    let mut frames = Vec::new();
    let mut boxes = Vec::new();
    let mut preview: Option<Preview> = None;
    let mut failed = None;
    for frame in frames_to_check(image.frames) {
        // One frame's planes at a time; the preview keeps at most one more. A frame that
        // cannot be decoded (a clip without an offset table past its first frames) leaves the
        // others checked; only when none can be is the file not checked.
        let planes = match image.frame(source, frame) {
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

impl Image {
    pub(super) fn of(source: &PixelSource<'_>) -> Result<Image, NotChecked> {
        let Some(pixels) = &source.pixels else {
            return Err(NotChecked::NoImage);
        };
        let (Some(rows), Some(columns)) = (source.rows, source.columns) else {
            return Err(NotChecked::NoImage);
        };
        if rows == 0 || columns == 0 {
            return Err(NotChecked::NoImage);
        }
        if u64::from(rows) * u64::from(columns) > MAX_FRAME_PIXELS {
            return Err(NotChecked::FrameTooLarge { rows, columns });
        }
        let stored_encapsulated = matches!(pixels, Pixels::Encapsulated { .. });
        if stored_encapsulated && source.headerless {
            return Err(undecodable(
                "compressed pixel data in a data set without a file header, which would say \
                 how it is compressed",
            ));
        }
        let uid = source.transfer_syntax.clone();
        let syntax = TransferSyntaxRegistry
            .get(&uid)
            .ok_or_else(|| NotChecked::UnsupportedTransferSyntax { uid: uid.clone() })?;
        let encapsulated = syntax.is_encapsulated_pixel_data();
        if encapsulated && !syntax.can_decode_all() {
            return Err(NotChecked::UnsupportedTransferSyntax { uid });
        }
        if encapsulated != stored_encapsulated {
            return Err(undecodable(if encapsulated {
                "the transfer syntax says compressed, the pixel data is stored as is"
            } else {
                "the transfer syntax says uncompressed, the pixel data is in fragments"
            }));
        }
        let bits_allocated = source.bits_allocated.unwrap_or(8) as u16;
        Ok(Image {
            rows,
            columns,
            frames: source.frames.unwrap_or(1).max(1),
            samples_per_pixel: source.samples_per_pixel.unwrap_or(1) as u16,
            bits_allocated,
            bits_stored: source.bits_stored.map_or(bits_allocated, |b| b as u16),
            signed: source.pixel_representation == Some(1),
            planar: source.planar_configuration == Some(1),
            photometric: source.photometric.clone(),
            encapsulated,
            transfer_syntax: uid,
        })
    }

    fn photometric(&self, source: &PixelSource<'_>, name: &str) -> Result<Photometric, NotChecked> {
        Ok(match name {
            "MONOCHROME1" => Photometric::Monochrome1,
            "MONOCHROME2" | "" => Photometric::Monochrome2,
            "RGB" => Photometric::Rgb,
            "YBR_FULL" => Photometric::YbrFull,
            "YBR_FULL_422" => Photometric::YbrFull422,
            "PALETTE COLOR" => Photometric::Palette(palette(source)?),
            other => {
                return Err(NotChecked::UnsupportedLayout {
                    detail: format!("photometric interpretation {other}"),
                })
            }
        })
    }

    fn frame(&self, source: &PixelSource<'_>, frame: u32) -> Result<Planes, NotChecked> {
        let data = match &source.pixels {
            Some(Pixels::Native(data)) if !self.encapsulated => data,
            _ => {
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
                    .decode_frame(source, frame, &mut data)
                    .map_err(|e| codec_error(&e))?;
                // Codecs give colour as interleaved RGB and keep a monochrome or palette
                // image's interpretation (PixelDataReader's contract).
                let photometric = if self.samples_per_pixel == 3 {
                    Photometric::Rgb
                } else {
                    self.photometric(source, &self.photometric)?
                };
                return self.planes(photometric, false, &data);
            }
        };
        let photometric = self.photometric(source, &self.photometric)?;
        let pixels = u64::from(self.rows) * u64::from(self.columns);
        let frame_data: Cow<'_, [u8]> = if self.bits_allocated == 1 {
            Cow::Owned(bits_of_frame(data, pixels, frame))
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
            Cow::Borrowed(&data[start as usize..end as usize])
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

fn palette(source: &PixelSource<'_>) -> Result<Palette, NotChecked> {
    let [red, green, blue] = &source.palette;
    Palette::new(channel(red)?, channel(green)?, channel(blue)?)
        .map_err(|detail| NotChecked::UnsupportedLayout { detail })
}

fn channel(
    [descriptor, data, segmented]: &[Option<Vec<u16>>; 3],
) -> Result<Channel<'_>, NotChecked> {
    let d = descriptor
        .as_ref()
        .filter(|d| d.len() >= 3)
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
