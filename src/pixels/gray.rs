//! Stored samples to the 8-bit planes the text detector reads.
//!
//! Every image becomes a luminance plane; a colour image adds a chroma plane (max − min of its
//! channels), where coloured text on a grey picture stands out even when its brightness does
//! not. Monochrome samples wider than 8 bits are stretched from the frame's own minimum to its
//! maximum: burned-in text is drawn at an extreme of the range, so it stays at black or white
//! whatever window the header suggests.

use super::palette::Palette;
use super::NotChecked;

/// How the stored samples are to be read as colours.
#[derive(Debug, Clone, PartialEq)]
pub enum Photometric {
    Monochrome1,
    Monochrome2,
    Rgb,
    YbrFull,
    /// Native pixel data with two luminance samples sharing one pair of chroma samples.
    YbrFull422,
    Palette(Palette),
}

/// One frame's stored samples, little endian, as the decoder leaves them.
#[derive(Debug, Clone)]
pub struct RawFrame<'a> {
    pub rows: u32,
    pub columns: u32,
    pub samples_per_pixel: u16,
    pub bits_allocated: u16,
    pub bits_stored: u16,
    /// Pixel Representation 1: two's complement samples.
    pub signed: bool,
    /// Planar Configuration 1: all of one channel, then the next.
    pub planar: bool,
    pub photometric: Photometric,
    pub data: &'a [u8],
}

/// 8-bit planes of one frame, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planes {
    pub width: usize,
    pub height: usize,
    pub luma: Vec<u8>,
    /// Colour images only: how far each pixel is from grey.
    pub chroma: Option<Vec<u8>>,
}

fn layout(detail: impl Into<String>) -> NotChecked {
    NotChecked::UnsupportedLayout {
        detail: detail.into(),
    }
}

fn short(needed: usize, got: usize) -> NotChecked {
    NotChecked::Undecodable {
        detail: format!("frame needs {needed} bytes, pixel data holds {got}"),
    }
}

impl RawFrame<'_> {
    /// The frame as 8-bit planes.
    pub fn to_planes(&self) -> Result<Planes, NotChecked> {
        let width = self.columns as usize;
        let height = self.rows as usize;
        let pixels = width
            .checked_mul(height)
            .filter(|&n| n > 0)
            .ok_or_else(|| layout(format!("{} × {} pixels", self.rows, self.columns)))?;
        match (&self.photometric, self.samples_per_pixel) {
            (Photometric::Monochrome1 | Photometric::Monochrome2, 1) => {
                let mut luma = self.mono(pixels)?;
                if self.photometric == Photometric::Monochrome1 {
                    luma.iter_mut().for_each(|v| *v = 255 - *v);
                }
                Ok(Planes {
                    width,
                    height,
                    luma,
                    chroma: None,
                })
            }
            (Photometric::Palette(palette), 1) => {
                let indices = self.integers(pixels)?;
                let mut rgb = Vec::with_capacity(pixels * 3);
                for index in indices {
                    rgb.extend_from_slice(&palette.rgb(index));
                }
                Ok(colour_planes(width, height, &rgb))
            }
            (Photometric::Rgb | Photometric::YbrFull, 3) => {
                let rgb = self.interleaved(pixels)?;
                let rgb = if self.photometric == Photometric::YbrFull {
                    rgb.chunks_exact(3)
                        .flat_map(|p| ybr_to_rgb(p[0], p[1], p[2]))
                        .collect()
                } else {
                    rgb
                };
                Ok(colour_planes(width, height, &rgb))
            }
            (Photometric::YbrFull422, 3) => {
                if self.bits_allocated != 8 {
                    return Err(layout("YBR_FULL_422 with more than 8 bits"));
                }
                // Two pixels in four bytes: Y1 Y2 Cb Cr (PS3.5 8.2.1); an odd last column
                // still takes a whole group.
                let groups_per_row = width.div_ceil(2);
                let needed = groups_per_row * 4 * height;
                if self.data.len() < needed {
                    return Err(short(needed, self.data.len()));
                }
                let mut rgb = Vec::with_capacity(pixels * 3);
                for row in self.data[..needed].chunks_exact(groups_per_row * 4) {
                    for (i, g) in row.chunks_exact(4).enumerate() {
                        rgb.extend(ybr_to_rgb(g[0], g[2], g[3]));
                        if i * 2 + 1 < width {
                            rgb.extend(ybr_to_rgb(g[1], g[2], g[3]));
                        }
                    }
                }
                Ok(colour_planes(width, height, &rgb))
            }
            (photometric, samples) => Err(layout(format!(
                "{samples} samples per pixel with {}",
                photometric_name(photometric)
            ))),
        }
    }

    /// Monochrome samples to 0–255: 8-bit as stored, wider ones stretched min to max.
    fn mono(&self, pixels: usize) -> Result<Vec<u8>, NotChecked> {
        if self.bits_allocated == 1 {
            let needed = pixels.div_ceil(8);
            if self.data.len() < needed {
                return Err(short(needed, self.data.len()));
            }
            return Ok((0..pixels)
                .map(|i| ((self.data[i / 8] >> (i % 8)) & 1) * 255)
                .collect());
        }
        let values = self.integers(pixels)?;
        if self.bits_allocated == 8 && !self.signed {
            return Ok(values.into_iter().map(|v| v as u8).collect());
        }
        let (min, max) = values
            .iter()
            .fold((i64::MAX, i64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let span = (max - min).max(1);
        Ok(values
            .into_iter()
            .map(|v| ((v - min) * 255 / span) as u8)
            .collect())
    }

    /// Each sample of a one-sample frame as an integer, with Bits Stored and the sign applied.
    fn integers(&self, pixels: usize) -> Result<Vec<i64>, NotChecked> {
        let bytes = match self.bits_allocated {
            8 => 1,
            16 => 2,
            32 => 4,
            bits => return Err(layout(format!("{bits} bits allocated"))),
        };
        let needed = pixels * bytes;
        if self.data.len() < needed {
            return Err(short(needed, self.data.len()));
        }
        let stored = u32::from(self.bits_stored.clamp(1, self.bits_allocated));
        let mask: u64 = if stored >= 64 {
            u64::MAX
        } else {
            (1 << stored) - 1
        };
        let sign = 1u64 << (stored - 1);
        Ok(self.data[..needed]
            .chunks_exact(bytes)
            .map(|b| {
                let raw = b
                    .iter()
                    .rev()
                    .fold(0u64, |acc, &byte| (acc << 8) | u64::from(byte))
                    & mask;
                if self.signed && raw & sign != 0 {
                    raw as i64 - (mask as i64 + 1)
                } else {
                    raw as i64
                }
            })
            .collect())
    }

    /// Three samples per pixel at 8 bits (wider ones keep their top 8 stored bits),
    /// interleaved whatever the planar configuration.
    fn interleaved(&self, pixels: usize) -> Result<Vec<u8>, NotChecked> {
        let data: Vec<u8> = if self.bits_allocated == 8 {
            let needed = pixels * 3;
            if self.data.len() < needed {
                return Err(short(needed, self.data.len()));
            }
            self.data[..needed].to_vec()
        } else {
            let shift = self.bits_stored.clamp(8, self.bits_allocated) - 8;
            self.integers(pixels * 3)?
                .into_iter()
                .map(|v| (v.max(0) >> shift).min(255) as u8)
                .collect()
        };
        if !self.planar {
            return Ok(data);
        }
        let (r, rest) = data.split_at(pixels);
        let (g, b) = rest.split_at(pixels);
        Ok((0..pixels).flat_map(|i| [r[i], g[i], b[i]]).collect())
    }
}

fn photometric_name(photometric: &Photometric) -> &'static str {
    match photometric {
        Photometric::Monochrome1 => "MONOCHROME1",
        Photometric::Monochrome2 => "MONOCHROME2",
        Photometric::Rgb => "RGB",
        Photometric::YbrFull => "YBR_FULL",
        Photometric::YbrFull422 => "YBR_FULL_422",
        Photometric::Palette(_) => "PALETTE COLOR",
    }
}

/// PS3.3 C.7.6.3.1.2: full-range YCbCr (ITU-R BT.601) to RGB.
fn ybr_to_rgb(y: u8, cb: u8, cr: u8) -> [u8; 3] {
    let y = f32::from(y);
    let cb = f32::from(cb) - 128.0;
    let cr = f32::from(cr) - 128.0;
    let clamp = |v: f32| v.round().clamp(0.0, 255.0) as u8;
    [
        clamp(y + 1.402 * cr),
        clamp(y - 0.344_136 * cb - 0.714_136 * cr),
        clamp(y + 1.772 * cb),
    ]
}

fn colour_planes(width: usize, height: usize, rgb: &[u8]) -> Planes {
    let mut luma = Vec::with_capacity(width * height);
    let mut chroma = Vec::with_capacity(width * height);
    for p in rgb.chunks_exact(3) {
        let (r, g, b) = (u32::from(p[0]), u32::from(p[1]), u32::from(p[2]));
        luma.push(((299 * r + 587 * g + 114 * b) / 1000) as u8);
        chroma.push(p[0].max(p[1]).max(p[2]) - p[0].min(p[1]).min(p[2]));
    }
    Planes {
        width,
        height,
        luma,
        chroma: Some(chroma),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(photometric: Photometric, spp: u16, bits: u16, data: &[u8]) -> RawFrame<'_> {
        RawFrame {
            rows: 1,
            columns: 2,
            samples_per_pixel: spp,
            bits_allocated: bits,
            bits_stored: bits,
            signed: false,
            planar: false,
            photometric,
            data,
        }
    }

    #[test]
    fn sixteen_bit_monochrome_is_stretched_and_monochrome1_inverted() {
        let data = [0x00, 0x00, 0xff, 0x0f]; // 0 and 4095
        let mut f = frame(Photometric::Monochrome2, 1, 16, &data);
        f.bits_stored = 12;
        assert_eq!(f.to_planes().unwrap().luma, [0, 255]);
        f.photometric = Photometric::Monochrome1;
        assert_eq!(f.to_planes().unwrap().luma, [255, 0]);
    }

    #[test]
    fn signed_samples_keep_their_order() {
        let data = [0x00, 0xfc, 0x10, 0x00]; // -1024 and 16 in 16 bits
        let mut f = frame(Photometric::Monochrome2, 1, 16, &data);
        f.signed = true;
        assert_eq!(f.to_planes().unwrap().luma, [0, 255]);
        // The same bytes unsigned put the first sample at the top.
        f.signed = false;
        assert_eq!(f.to_planes().unwrap().luma, [255, 0]);
    }

    #[test]
    fn planar_rgb_reads_like_interleaved_rgb() {
        let interleaved = [255, 0, 0, 0, 0, 255];
        let planar = [255, 0, 0, 0, 0, 255]; // R R G G B B
        let a = frame(Photometric::Rgb, 3, 8, &interleaved)
            .to_planes()
            .unwrap();
        let mut f = frame(Photometric::Rgb, 3, 8, &planar);
        f.planar = true;
        let b = f.to_planes().unwrap();
        // interleaved: red then blue; planar: R=(255,0) G=(0,0) B=(0,255), the same pixels.
        assert_eq!(a, b);
        assert_eq!(a.luma, [76, 29]);
        assert_eq!(a.chroma, Some(vec![255, 255]));
    }

    #[test]
    fn ybr_422_shares_chroma_between_two_pixels() {
        // Y1=Y2=128, Cb=Cr=128: two mid-grey pixels without colour.
        let data = [128, 128, 128, 128];
        let planes = frame(Photometric::YbrFull422, 3, 8, &data)
            .to_planes()
            .unwrap();
        assert_eq!(planes.luma, [128, 128]);
        assert_eq!(planes.chroma, Some(vec![0, 0]));
    }

    #[test]
    fn sixteen_bit_colour_keeps_its_top_stored_bits() {
        // One pixel: R = 0xffff, G = 0x8000, B = 0.
        let data = [0xff, 0xff, 0x00, 0x80, 0x00, 0x00];
        let mut f = frame(Photometric::Rgb, 3, 16, &data);
        f.columns = 1;
        let planes = f.to_planes().unwrap();
        assert_eq!(planes.chroma, Some(vec![255]));
        assert_eq!(planes.luma, [((299 * 255 + 587 * 128) / 1000) as u8]);
    }

    #[test]
    fn one_bit_samples_unpack_least_significant_bit_first() {
        let data = [0b0000_0010];
        let planes = frame(Photometric::Monochrome2, 1, 1, &data)
            .to_planes()
            .unwrap();
        assert_eq!(planes.luma, [0, 255]);
    }

    #[test]
    fn short_data_and_odd_layouts_are_named_not_guessed() {
        let err = frame(Photometric::Monochrome2, 1, 16, &[0]).to_planes();
        assert!(
            matches!(err, Err(NotChecked::Undecodable { .. })),
            "{err:?}"
        );
        let err = frame(Photometric::Rgb, 1, 8, &[0, 0]).to_planes();
        assert!(
            matches!(err, Err(NotChecked::UnsupportedLayout { .. })),
            "{err:?}"
        );
    }
}
