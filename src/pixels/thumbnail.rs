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
