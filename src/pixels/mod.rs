//! Text burned into the pixels: decode a few frames of an image, bring them to 8 bits, and
//! look for lines of character-sized strokes (`scan --pixels`; opt-in, because it reads the
//! whole file and decodes images).
//!
//! - [`gray`]: stored samples (any bit depth, signedness, photometric interpretation,
//!   planar configuration, palette) to 8-bit planes the detector reads.
//! - [`palette`]: palette colour lookup tables, segmented ones included.
//! - [`text_lines`]: the detector: local-contrast strokes, character-sized components, chained
//!   into lines.
//! - `decode`: frames out of a DICOM file: native pixel data sliced, encapsulated frames
//!   through the codecs dicom-rs registers, which a build has natively and in wasm32 only with
//!   the feature `pixels` (the pixel worker); elsewhere compressed images are "not checked".
//! - [`black_out`]: text found in uncompressed pixels filled for a clean copy, then looked for
//!   again.
//! - [`thumbnail`]: the frame with text, small, for the page to draw.
//! - [`wire`]: a report's pixel check through the workers' codec.
//! - `libc_shim` (wasm32 with `pixels`): the C allocator and string functions the JPEG 2000
//!   decoder (a C port) calls, which wasm32-unknown-unknown has no libc for.
//! - [`verdict`]: what a check adds to a file's report.
//!
//! What cannot be decoded is "pixels not checked", never "clean".

use std::fmt;

use serde::{Deserialize, Serialize};

pub mod black_out;
mod decode;
pub mod gray;
#[cfg(all(target_arch = "wasm32", feature = "pixels"))]
mod libc_shim;
pub mod ocr_match;
pub mod palette;
mod source;
pub mod test_font;
pub mod text_lines;
pub mod thumbnail;
pub mod verdict;
pub mod wire;

pub use decode::{check_dicom, check_dicom_with_preview, check_object, Preview};
/// In wasm32, the `#[global_allocator]` of a program that calls [`check_dicom`].
#[cfg(all(target_arch = "wasm32", feature = "pixels"))]
pub use libc_shim::NullTolerant;

/// Files larger than this are not read whole for a pixel check (the header scan still runs).
pub const MAX_PIXEL_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Frames larger than this (rows × columns) are not decoded: one frame stays in memory.
pub const MAX_FRAME_PIXELS: u64 = 64 * 1024 * 1024;

/// A rectangle of text in one frame, in the frame's own pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextBox {
    /// 0-based frame number.
    pub frame: u32,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// What looking at a file's pixels found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum PixelCheck {
    /// Frames were decoded and text was found in at least one.
    Text {
        frames: Vec<u32>,
        boxes: Vec<TextBox>,
    },
    /// Frames were decoded and none showed text.
    NoText { frames: Vec<u32> },
    /// The pixels could not be looked at; nothing is known about them.
    NotChecked { reason: NotChecked },
}

/// Why a file's pixels were not checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum NotChecked {
    /// The file holds no image (no Pixel Data, or no Rows/Columns).
    NoImage,
    /// The file is larger than [`MAX_PIXEL_FILE_BYTES`].
    FileTooLarge { bytes: u64 },
    /// A frame is larger than [`MAX_FRAME_PIXELS`].
    FrameTooLarge { rows: u32, columns: u32 },
    /// No decoder in this build for the transfer syntax (JPEG-LS, 12-bit lossy JPEG, ...).
    UnsupportedTransferSyntax { uid: String },
    /// A layout the conversion does not handle (samples per pixel, bits allocated, ...).
    UnsupportedLayout { detail: String },
    /// The file or its pixel data could not be decoded.
    Undecodable { detail: String },
    /// The check did not finish (in the page: its worker crashed, stopped answering, or
    /// could not be started).
    CheckFailed { detail: String },
}

impl fmt::Display for NotChecked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotChecked::NoImage => write!(f, "the file holds no image"),
            NotChecked::FileTooLarge { bytes } => write!(
                f,
                "the file is {bytes} bytes, over the {MAX_PIXEL_FILE_BYTES}-byte limit for \
                 a pixel check"
            ),
            NotChecked::FrameTooLarge { rows, columns } => write!(
                f,
                "a frame of {rows} × {columns} pixels is over the {MAX_FRAME_PIXELS}-pixel \
                 limit"
            ),
            NotChecked::UnsupportedTransferSyntax { uid } => {
                write!(f, "no decoder here for transfer syntax {uid}")
            }
            NotChecked::UnsupportedLayout { detail } => {
                write!(f, "pixel layout not handled: {detail}")
            }
            NotChecked::Undecodable { detail } => write!(f, "pixel data not decodable: {detail}"),
            NotChecked::CheckFailed { detail } => {
                write!(f, "the pixel check did not finish: {detail}")
            }
        }
    }
}

/// The frames worth looking at in an image of `frames` frames: first, middle and last
/// (text is drawn on every frame of a clip, or only on the first or last of some).
pub fn frames_to_check(frames: u32) -> Vec<u32> {
    let mut picked = vec![0, frames / 2, frames.saturating_sub(1)];
    picked.dedup();
    picked.retain(|&f| f < frames.max(1));
    picked.dedup();
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_middle_and_last_frames_are_checked_once_each() {
        assert_eq!(frames_to_check(0), [0]);
        assert_eq!(frames_to_check(1), [0]);
        assert_eq!(frames_to_check(2), [0, 1]);
        assert_eq!(frames_to_check(3), [0, 1, 2]);
        assert_eq!(frames_to_check(100), [0, 50, 99]);
    }
}
