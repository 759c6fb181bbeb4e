//! The frame where text was found, made small enough to send to the page and draw there with
//! its boxes, so the user sees what the text is. It lives in the page's memory only: never
//! stored, never in a report or an export.

use serde::{Deserialize, Serialize};

use super::gray::Planes;
use super::TextBox;

/// The longest side of a thumbnail, in pixels (an ultrasound screen of 1024 × 768 becomes
/// 640 × 480: characters of 12 px stay readable at 7).
pub const MAX_THUMBNAIL_SIDE: usize = 640;

/// A grey frame of at most [`MAX_THUMBNAIL_SIDE`] on its longest side, with the boxes of text
/// found in it in its own coordinates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thumbnail {
    /// 0-based frame number in the file.
    pub frame: u32,
    pub width: u32,
    pub height: u32,
    /// `width × height` grey levels, row by row.
    pub luma: Vec<u8>,
    pub boxes: Vec<TextBox>,
}

impl Thumbnail {
    /// `planes` (frame `frame`) reduced by a whole factor until it fits, each pixel the mean of
    /// the block it stands for; `boxes` of other frames are left out, the rest scaled with it
    /// (rounded outwards, so a box still covers its text).
    pub fn of(frame: u32, planes: &Planes, boxes: &[TextBox]) -> Option<Thumbnail> {
        let (w, h) = (planes.width, planes.height);
        if w == 0 || h == 0 || planes.luma.len() < w * h {
            return None;
        }
        let factor = w.max(h).div_ceil(MAX_THUMBNAIL_SIDE).max(1);
        let (tw, th) = (w.div_ceil(factor), h.div_ceil(factor));
        let mut luma = Vec::with_capacity(tw * th);
        for ty in 0..th {
            let rows = ty * factor..((ty + 1) * factor).min(h);
            for tx in 0..tw {
                let columns = tx * factor..((tx + 1) * factor).min(w);
                let count = rows.len() * columns.len();
                let sum: usize = rows
                    .clone()
                    .flat_map(|y| planes.luma[y * w + columns.start..y * w + columns.end].iter())
                    .map(|&v| usize::from(v))
                    .sum();
                luma.push((sum / count) as u8);
            }
        }
        let scale = |v: u32| v / factor as u32;
        let scale_up = |v: u32| v.div_ceil(factor as u32);
        let boxes = boxes
            .iter()
            .filter(|b| b.frame == frame)
            .map(|b| {
                let (x, y) = (scale(b.x), scale(b.y));
                TextBox {
                    frame,
                    x,
                    y,
                    width: (scale_up(b.x + b.width) - x).min(tw as u32 - x),
                    height: (scale_up(b.y + b.height) - y).min(th as u32 - y),
                }
            })
            .collect();
        Some(Thumbnail {
            frame,
            width: tw as u32,
            height: th as u32,
            luma,
            boxes,
        })
    }

    /// The pixels of `b` and a margin around them, enlarged by a whole factor until the text
    /// is about 32 pixels tall and made dark on light (what a text reader reads best), as RGBA
    /// bytes with their width and height.
    pub fn crop_for_reading(&self, b: &TextBox) -> (u32, u32, Vec<u8>) {
        self.region_for_reading(b, 4, (32 / b.height.max(1)).clamp(1, 4))
    }

    /// The whole frame for a reader to find text in by itself (the detector misses some):
    /// doubled when small, and dark on light.
    pub fn whole_for_reading(&self) -> (u32, u32, Vec<u8>) {
        let all = TextBox {
            frame: self.frame,
            x: 0,
            y: 0,
            width: self.width,
            height: self.height,
        };
        let scale = if self.width.max(self.height) <= 800 {
            2
        } else {
            1
        };
        self.region_for_reading(&all, 0, scale)
    }

    fn region_for_reading(&self, b: &TextBox, margin: u32, scale: u32) -> (u32, u32, Vec<u8>) {
        let x0 = b.x.saturating_sub(margin).min(self.width.saturating_sub(1));
        let y0 =
            b.y.saturating_sub(margin)
                .min(self.height.saturating_sub(1));
        let x1 = (b.x + b.width + margin).min(self.width);
        let y1 = (b.y + b.height + margin).min(self.height);
        let (w, h) = (x1.saturating_sub(x0).max(1), y1.saturating_sub(y0).max(1));
        let at = |x: u32, y: u32| {
            let (x, y) = ((x0 + x).min(self.width - 1), (y0 + y).min(self.height - 1));
            self.luma[(y * self.width + x) as usize]
        };
        // Light text on a dark ground (most screens) is turned over: the ground is the
        // majority of the crop.
        let sum: u64 = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| u64::from(at(x, y)))
            .sum();
        let dark_ground = sum < u64::from(w * h) * 128;
        let (sw, sh) = (w * scale, h * scale);
        let mut rgba = Vec::with_capacity((sw * sh * 4) as usize);
        for y in 0..sh {
            for x in 0..sw {
                let v = at(x / scale, y / scale);
                let v = if dark_ground { 255 - v } else { v };
                rgba.extend([v, v, v, 255]);
            }
        }
        (sw, sh, rgba)
    }

    /// The frame as RGBA bytes (what a canvas `ImageData` takes).
    pub fn rgba(&self) -> Vec<u8> {
        self.luma.iter().flat_map(|&v| [v, v, v, 255]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planes(width: usize, height: usize) -> Planes {
        Planes {
            width,
            height,
            luma: (0..width * height).map(|i| (i % 251) as u8).collect(),
            chroma: None,
        }
    }

    fn text_box(frame: u32, x: u32, y: u32, width: u32, height: u32) -> TextBox {
        TextBox {
            frame,
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn a_small_frame_is_kept_as_it_is() {
        let p = planes(300, 200);
        let t = Thumbnail::of(
            2,
            &p,
            &[text_box(2, 10, 20, 30, 8), text_box(0, 1, 1, 5, 5)],
        )
        .unwrap();
        assert_eq!((t.width, t.height), (300, 200));
        assert_eq!(t.luma, p.luma);
        assert_eq!(
            t.boxes,
            [text_box(2, 10, 20, 30, 8)],
            "only the frame's own boxes"
        );
        assert_eq!(t.rgba().len(), 300 * 200 * 4);
    }

    #[test]
    fn a_large_frame_is_reduced_to_fit_and_its_boxes_still_cover_the_text() {
        let mut p = planes(1024, 768);
        p.luma.fill(10);
        // A white block of text at (500..560, 301..313).
        for y in 301..313 {
            p.luma[y * 1024 + 500..y * 1024 + 560].fill(250);
        }
        let t = Thumbnail::of(0, &p, &[text_box(0, 500, 301, 60, 12)]).unwrap();
        assert_eq!((t.width, t.height), (512, 384));
        assert!(t.width as usize <= MAX_THUMBNAIL_SIDE);
        assert_eq!(t.luma.len(), 512 * 384);
        let b = t.boxes[0];
        assert_eq!((b.x, b.y, b.width, b.height), (250, 150, 30, 7));
        assert_eq!(t.luma[151 * 512 + 260], 250, "inside the text");
        assert_eq!(t.luma[150 * 512 + 260], 130, "half of the block is text");
        assert_eq!(t.luma[100 * 512 + 100], 10);
    }

    #[test]
    fn a_crop_for_reading_is_enlarged_and_dark_on_light() {
        let mut p = planes(100, 50);
        p.luma.fill(0);
        p.luma[20 * 100 + 30] = 255;
        let t = Thumbnail::of(0, &p, &[text_box(0, 28, 18, 10, 8)]).unwrap();
        let (w, h, rgba) = t.crop_for_reading(&t.boxes[0]);
        // 8 px tall: enlarged 4 times; the box and 4 px around it (clipped at nothing here).
        assert_eq!((w, h), (18 * 4, 16 * 4));
        assert_eq!(rgba.len(), (w * h * 4) as usize);
        // The ground is now white, the lone bright pixel black.
        assert_eq!(&rgba[..4], &[255, 255, 255, 255]);
        let (px, py) = ((30 - 24) * 4, (20 - 14) * 4);
        assert_eq!(rgba[((py * w + px) * 4) as usize], 0);
        // At the frame's edge the crop stays inside it.
        let (w, h, _) = t.crop_for_reading(&text_box(0, 95, 45, 5, 5));
        assert_eq!((w, h), (9 * 4, 9 * 4));
    }

    #[test]
    fn odd_sizes_and_boxes_at_the_edge_stay_inside() {
        let p = planes(1301, 7);
        let t = Thumbnail::of(0, &p, &[text_box(0, 1290, 0, 11, 7)]).unwrap();
        assert_eq!((t.width, t.height), (434, 3));
        let b = t.boxes[0];
        assert!(
            b.x + b.width <= t.width && b.y + b.height <= t.height,
            "{b:?}"
        );
        assert!(Thumbnail::of(0, &planes(0, 5), &[]).is_none());
    }
}
