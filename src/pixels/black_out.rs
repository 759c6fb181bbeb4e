//! Text found in uncompressed pixel data, blacked out for a clean copy, then looked for again.
//!
//! Only native (uncompressed) pixel data is changed: re-encoding a compressed image would alter
//! every pixel (lossy) or need an encoder this crate does not carry. The boxes found in the
//! frames checked are filled in every frame, a little wider than found (a clip's overlay stays
//! where it is; antialiased edges are not left as a ghost of the text).

use std::fmt;

use dicom_core::value::{PrimitiveValue, Value};
use dicom_core::{DataElement, VR};
use dicom_dictionary_std::tags;
use dicom_object::DefaultDicomObject;

use super::decode::Image;
use super::source::PixelSource;
use super::text_lines::Tuning;
use super::{check_object, NotChecked, PixelCheck, TextBox};

/// Pixels added above and below a box before it is filled (at least; a third of its height
/// if more).
const MARGIN: u32 = 2;
/// Added left and right of a box, in units of its height: the detector often finds a line in
/// pieces (a word it did not take for text between two it did), and the characters at its
/// ends alone; widened by about three characters, a line's pieces join up.
const SIDE_MARGIN_HEIGHTS: u32 = 3;
/// What [`black_out_text`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlackOut {
    /// The frames checked show no text: nothing changed.
    NoText { frames: Vec<u32> },
    /// Text was found and filled; looked for again, none was found.
    BlackedOut { boxes: Vec<TextBox> },
}

/// Why text could not be blacked out (the copy then leaves the file out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CannotBlackOut {
    /// The pixels could not be looked at.
    NotChecked(NotChecked),
    /// Text was found in compressed pixel data.
    Compressed { uid: String },
    /// Text was found in a layout this module does not fill (palette, 1-bit, YBR 4:2:2, ...).
    Layout { detail: String },
    /// Looked for again after filling, text was still found.
    TextRemains { boxes: usize },
    /// The pixel data could not be taken out or put back.
    Rewrite { detail: String },
}

impl fmt::Display for CannotBlackOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CannotBlackOut::NotChecked(reason) => write!(f, "pixels not checked: {reason}"),
            CannotBlackOut::Compressed { uid } => write!(
                f,
                "text found in compressed pixels ({uid}), which are not changed"
            ),
            CannotBlackOut::Layout { detail } => {
                write!(f, "text found, but {detail} is not blacked out")
            }
            CannotBlackOut::TextRemains { boxes } => {
                write!(f, "text still found after blacking out ({boxes} line(s))")
            }
            CannotBlackOut::Rewrite { detail } => {
                write!(f, "the pixel data could not be changed: {detail}")
            }
        }
    }
}

/// Fill-and-look rounds at most: filling a line can leave a part the detector first took
/// as one with it (a long line split at a gap) to be found next time.
const MAX_ROUNDS: usize = 3;

/// The detector's settings once text was found in an image: single characters count (the
/// "R", "A", "L" around a CT, a lone "6" left of a filled line), so that what is left next to
/// a filled line is found and filled too.
pub fn thorough(tuning: &Tuning) -> Tuning {
    Tuning {
        min_chars: 1,
        ..*tuning
    }
}

/// Text boxes found in `object` with each tuning (chaining differs: neither finds a superset
/// of the other).
fn look(object: &DefaultDicomObject, tunings: &[&Tuning]) -> Result<Vec<TextBox>, CannotBlackOut> {
    let mut boxes = Vec::new();
    for tuning in tunings {
        match check_object(object, tuning) {
            PixelCheck::Text { boxes: found, .. } => boxes.extend(found),
            PixelCheck::NoText { .. } => {}
            PixelCheck::NotChecked { reason } => return Err(CannotBlackOut::NotChecked(reason)),
        }
    }
    Ok(boxes)
}

/// Look for text in the DICOM file `object`; if some is found in native pixel data, fill its
/// boxes with the image's black in every frame and look again, also [`thorough`]ly, filling
/// what is found (up to [`MAX_ROUNDS`] times) until nothing is. The object is changed in
/// memory only, and then says Burned In Annotation NO; on an error it may be half filled.
pub fn black_out_text(
    object: &mut DefaultDicomObject,
    tuning: &Tuning,
) -> Result<BlackOut, CannotBlackOut> {
    let mut found = match check_object(object, tuning) {
        PixelCheck::NoText { frames } => return Ok(BlackOut::NoText { frames }),
        PixelCheck::NotChecked { reason } => return Err(CannotBlackOut::NotChecked(reason)),
        PixelCheck::Text { boxes, .. } => boxes,
    };
    let image = Image::of(&PixelSource::of_object(object)).map_err(CannotBlackOut::NotChecked)?;
    let thorough = thorough(tuning);
    found.extend(look(object, &[&thorough])?);
    let mut all = Vec::new();
    for _ in 0..MAX_ROUNDS {
        fill_boxes(object, &image, &found)?;
        all.append(&mut found);
        found = look(object, &[tuning, &thorough])?;
        if found.is_empty() {
            object.put(DataElement::new(
                tags::BURNED_IN_ANNOTATION,
                VR::CS,
                PrimitiveValue::from("NO"),
            ));
            return Ok(BlackOut::BlackedOut { boxes: all });
        }
    }
    Err(CannotBlackOut::TextRemains { boxes: found.len() })
}

/// How samples are laid out, and what black is in each channel.
struct Layout {
    rows: usize,
    columns: usize,
    frames: usize,
    samples: usize,
    planar: bool,
    /// Per channel: `None` for the frame's darkest value (monochrome), else this value.
    black: [Option<i64>; 3],
    /// MONOCHROME1: the darkest value is the largest.
    inverted: bool,
    bits_stored: u16,
    signed: bool,
}

fn layout(image: &Image) -> Result<Layout, CannotBlackOut> {
    let unsupported = |detail: String| Err(CannotBlackOut::Layout { detail });
    if image.encapsulated {
        return Err(CannotBlackOut::Compressed {
            uid: image.transfer_syntax.clone(),
        });
    }
    // Big endian data is held by dicom-rs as numbers, but a byte buffer would be read wrong.
    if image.transfer_syntax == "1.2.840.10008.1.2.2" {
        return unsupported("big endian pixel data".into());
    }
    if !matches!(image.bits_allocated, 8 | 16) {
        return unsupported(format!("{}-bit pixel data", image.bits_allocated));
    }
    let middle = 1i64 << (image.bits_stored.clamp(1, 16) - 1);
    let (samples, black, inverted) = match (image.samples_per_pixel, image.photometric.as_str()) {
        (1, "MONOCHROME2" | "") => (1, [None; 3], false),
        (1, "MONOCHROME1") => (1, [None; 3], true),
        (3, "RGB") => (3, [Some(0); 3], false),
        (3, "YBR_FULL") => (3, [Some(0), Some(middle), Some(middle)], false),
        (spp, photometric) => {
            return unsupported(format!("{photometric} with {spp} sample(s) per pixel"))
        }
    };
    Ok(Layout {
        rows: image.rows as usize,
        columns: image.columns as usize,
        frames: image.frames as usize,
        samples,
        planar: image.planar,
        black,
        inverted,
        bits_stored: image.bits_stored.clamp(1, image.bits_allocated),
        signed: image.signed,
    })
}

/// The boxes of every frame, widened (see [`MARGIN`], [`SIDE_MARGIN_HEIGHTS`]) and kept inside
/// the frame.
fn regions(layout: &Layout, boxes: &[TextBox]) -> Vec<(usize, usize, usize, usize)> {
    boxes
        .iter()
        .map(|b| {
            let (side, up) = (b.height * SIDE_MARGIN_HEIGHTS, MARGIN.max(b.height / 3));
            let x0 = b.x.saturating_sub(side) as usize;
            let y0 = b.y.saturating_sub(up) as usize;
            let x1 = ((b.x + b.width + side) as usize).min(layout.columns);
            let y1 = ((b.y + b.height + up) as usize).min(layout.rows);
            (x0, y0, x1, y1)
        })
        .collect()
}

fn fill_boxes(
    object: &mut DefaultDicomObject,
    image: &Image,
    boxes: &[TextBox],
) -> Result<(), CannotBlackOut> {
    let layout = layout(image)?;
    let element = object
        .element(tags::PIXEL_DATA)
        .map_err(|e| CannotBlackOut::Rewrite {
            detail: e.to_string(),
        })?;
    let vr = element.vr();
    let Value::Primitive(value) = element.value() else {
        return Err(CannotBlackOut::Layout {
            detail: "pixel data not held as samples".into(),
        });
    };
    let regions = regions(&layout, boxes);
    // Whatever form dicom-rs holds the samples in (bytes for OB, 16-bit words for OW, also
    // when 8 bits are allocated), they are filled as the little endian bytes they stand for
    // and put back in that form.
    let mut bytes: Vec<u8> = match value {
        PrimitiveValue::U8(bytes) => bytes.to_vec(),
        PrimitiveValue::U16(words) => words.iter().flat_map(|w| w.to_le_bytes()).collect(),
        PrimitiveValue::I16(words) => words.iter().flat_map(|w| w.to_le_bytes()).collect(),
        _ => {
            return Err(CannotBlackOut::Layout {
                detail: "pixel data held in another form".into(),
            })
        }
    };
    if image.bits_allocated == 8 {
        fill(
            &mut bytes,
            &layout,
            &regions,
            |v| i64::from(*v),
            |v| v as u8,
        )?;
    } else {
        let mut samples: Vec<u16> = (bytes.chunks_exact(2))
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        fill(
            &mut samples,
            &layout,
            &regions,
            |v| i64::from(*v),
            |v| v as u16,
        )?;
        bytes = samples.iter().flat_map(|v| v.to_le_bytes()).collect();
    }
    let words = || bytes.chunks_exact(2).map(|p| [p[0], p[1]]);
    let filled = match value {
        PrimitiveValue::U16(_) => PrimitiveValue::U16(words().map(u16::from_le_bytes).collect()),
        PrimitiveValue::I16(_) => PrimitiveValue::I16(words().map(i16::from_le_bytes).collect()),
        _ => PrimitiveValue::U8(bytes.into()),
    };
    object.put(DataElement::new(tags::PIXEL_DATA, vr, filled));
    Ok(())
}

/// Fill `regions` of every frame of `samples` with black. `get` reads a sample's stored bits
/// as a number, `set` writes one back (only the stored bits are looked at or written).
fn fill<T>(
    samples: &mut [T],
    layout: &Layout,
    regions: &[(usize, usize, usize, usize)],
    get: impl Fn(&T) -> i64,
    set: impl Fn(i64) -> T,
) -> Result<(), CannotBlackOut> {
    let frame_len = layout.rows * layout.columns * layout.samples;
    if samples.len() < frame_len * layout.frames {
        return Err(CannotBlackOut::Layout {
            detail: format!(
                "pixel data shorter ({} samples) than its {} frame(s)",
                samples.len(),
                layout.frames
            ),
        });
    }
    let mask = (1i64 << layout.bits_stored) - 1;
    let value_of = |raw: i64| {
        let v = raw & mask;
        if layout.signed && v >> (layout.bits_stored - 1) & 1 == 1 {
            v - (mask + 1)
        } else {
            v
        }
    };
    let at = |frame: usize, x: usize, y: usize, channel: usize| {
        let base = frame * frame_len;
        if layout.planar {
            base + channel * layout.rows * layout.columns + y * layout.columns + x
        } else {
            base + (y * layout.columns + x) * layout.samples + channel
        }
    };
    for frame in 0..layout.frames {
        for channel in 0..layout.samples {
            let black = match layout.black[channel] {
                Some(value) => value,
                None => {
                    let frame_samples = &samples[frame * frame_len..(frame + 1) * frame_len];
                    let values = frame_samples.iter().map(|s| value_of(get(s)));
                    let extreme = if layout.inverted {
                        values.max()
                    } else {
                        values.min()
                    };
                    extreme.unwrap_or(0)
                }
            };
            for &(x0, y0, x1, y1) in regions {
                for y in y0..y1 {
                    for x in x0..x1 {
                        let i = at(frame, x, y, channel);
                        // Bits above the stored ones (an overlay in old files) are kept.
                        let raw = get(&samples[i]);
                        samples[i] = set((raw & !mask) | (black & mask));
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pixels::test_font;

    const CT_SMALL: &[u8] = include_bytes!("../../tests/fixtures/CT_small.dcm");

    /// CT_small (signed 16-bit) with `text` drawn at its maximum, as tests/pixels.rs does.
    fn ct_with_text(text: &str) -> DefaultDicomObject {
        let bytes = test_font::draw_into_signed_16(CT_SMALL, text, 4, 100, 2);
        crate::deidentify::read(&bytes).unwrap()
    }

    #[test]
    fn text_drawn_into_a_ct_is_blacked_out_and_not_found_again() {
        let before = ct_with_text("PATIENT JOHN");
        let mut after = before.clone();
        let Ok(BlackOut::BlackedOut { boxes }) = black_out_text(&mut after, &Tuning::default())
        else {
            panic!("not blacked out");
        };
        assert!(!boxes.is_empty());
        // Written and read back, the copy shows no text and says so.
        let mut bytes = Vec::new();
        after.write_all(&mut bytes).unwrap();
        assert_eq!(
            crate::pixels::check_dicom(&bytes, &Tuning::default()),
            PixelCheck::NoText { frames: vec![0] }
        );
        let said = after
            .element(tags::BURNED_IN_ANNOTATION)
            .unwrap()
            .to_str()
            .unwrap();
        assert_eq!(said, "NO");
        // Outside the filled regions, every pixel is as it was; inside, one value (the
        // image's darkest).
        let samples = |o: &DefaultDicomObject| {
            o.element(tags::PIXEL_DATA)
                .unwrap()
                .value()
                .to_multi_int::<i16>()
                .unwrap()
        };
        let (before, after) = (samples(&before), samples(&after));
        let layout = Layout {
            rows: 128,
            columns: 128,
            frames: 1,
            samples: 1,
            planar: false,
            black: [None; 3],
            inverted: false,
            bits_stored: 16,
            signed: true,
        };
        let regions = regions(&layout, &boxes);
        let inside = |i: usize| {
            let (x, y) = (i % 128, i / 128);
            regions
                .iter()
                .any(|&(x0, y0, x1, y1)| (x0..x1).contains(&x) && (y0..y1).contains(&y))
        };
        // The text drawn at x 4..124, y 100..114 is all inside.
        assert!((4..120).all(|x| (100..114).all(|y| inside(y * 128 + x))));
        let darkest = *before.iter().min().unwrap();
        for i in 0..before.len() {
            if inside(i) {
                assert_eq!(after[i], darkest, "pixel {i}");
            } else {
                assert_eq!(after[i], before[i], "pixel {i}");
            }
        }
    }

    #[test]
    fn an_image_without_text_is_left_as_it_is() {
        let original = crate::deidentify::read(CT_SMALL).unwrap();
        let mut object = original.clone();
        assert_eq!(
            black_out_text(&mut object, &Tuning::default()),
            Ok(BlackOut::NoText { frames: vec![0] })
        );
        assert!(object == original, "nothing changed");
    }

    #[test]
    fn compressed_text_is_not_changed() {
        let mut object = ct_with_text("PATIENT JOHN");
        let image = Image::of(&PixelSource::of_object(&object)).unwrap();
        let compressed = Image {
            encapsulated: true,
            transfer_syntax: "1.2.840.10008.1.2.4.50".into(),
            ..image
        };
        assert!(matches!(
            fill_boxes(&mut object, &compressed, &[]),
            Err(CannotBlackOut::Compressed { .. })
        ));
    }

    #[test]
    fn rgb_and_ybr_black_per_channel_and_planar_layouts() {
        // Two frames of 4 × 3 RGB, planar: the box (1,1)-(2,2) with no margin room.
        let layout = Layout {
            rows: 3,
            columns: 4,
            frames: 2,
            samples: 3,
            planar: true,
            black: [Some(0), Some(128), Some(128)],
            inverted: false,
            bits_stored: 8,
            signed: false,
        };
        let mut samples = vec![200u8; 4 * 3 * 3 * 2];
        fill(
            &mut samples,
            &layout,
            &[(1, 1, 3, 2)],
            |v| i64::from(*v),
            |v| v as u8,
        )
        .unwrap();
        for frame in 0..2 {
            for channel in 0..3 {
                let plane = &samples[frame * 36 + channel * 12..frame * 36 + channel * 12 + 12];
                let want = if channel == 0 { 0 } else { 128 };
                assert_eq!(
                    &plane[5..7],
                    &[want, want],
                    "frame {frame} channel {channel}"
                );
                assert_eq!(plane[4], 200);
                assert_eq!(plane[0], 200);
            }
        }
        let short = vec![0u8; 10];
        assert!(matches!(
            fill(
                &mut short.clone(),
                &layout,
                &[],
                |v| i64::from(*v),
                |v| v as u8
            ),
            Err(CannotBlackOut::Layout { .. })
        ));
    }

    #[test]
    fn monochrome1_fills_with_its_largest_value_and_keeps_bits_above_the_stored_ones() {
        let layout = Layout {
            rows: 1,
            columns: 4,
            frames: 1,
            samples: 1,
            planar: false,
            black: [None; 3],
            inverted: true,
            bits_stored: 12,
            signed: false,
        };
        let mut samples: Vec<u16> = vec![0x1000 | 5, 4000, 7, 0x1000 | 9];
        fill(
            &mut samples,
            &layout,
            &[(0, 0, 1, 1), (3, 0, 4, 1)],
            |v| i64::from(*v),
            |v| v as u16,
        )
        .unwrap();
        assert_eq!(samples, [0x1000 | 4000, 4000, 7, 0x1000 | 4000]);
    }
}
