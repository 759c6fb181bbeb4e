//! The pixel worker (`src/bin/pixel_worker.rs`, a module of its own with dicom-rs's image
//! codecs, fetched when the user turns the pixel check on): it looks at images for burned-in
//! text and nothing else. The page's scan workers read headers as always and hand on the
//! bytes of every image they find (a file, or an archive's member, read whole); the page
//! passes them here and adds the answer to the image's report
//! ([`FileReport::add_pixel_check`](crate::report::FileReport::add_pixel_check)). So this
//! module carries no reader of headers, archives or exports, no detector and no rule: only
//! the pixel reader, the codecs and the text detector.
//!
//! The page posts `[key, Uint8Array]` (the buffer transferred, not copied); the worker answers
//! with a bincode-encoded [`PixelAnswer`], and posts [`READY`](super::worker::READY) first.

use serde::{Deserialize, Serialize};

use crate::pixels::thumbnail::Thumbnail;
use crate::pixels::PixelCheck;

#[cfg(feature = "pixels")]
pub use entry::run;

/// What the pixel worker found in one image.
#[derive(Debug, Serialize, Deserialize)]
pub struct PixelAnswer {
    /// The page's key for the image (see `Scanner`).
    pub key: u64,
    #[serde(with = "crate::pixels::wire")]
    pub check: Option<PixelCheck>,
    /// The frame with text, small, for the page to draw (never stored, never exported).
    pub thumbnail: Option<Thumbnail>,
    /// The worker's memory grew past [`RETIRE_AT_BYTES`](super::worker::RETIRE_AT_BYTES):
    /// the page replaces it once this answer is in.
    pub retire: bool,
}

/// Decode a pixel worker's message: `None` for anything that is not an answer.
pub fn decode_answer(bytes: &[u8]) -> Option<PixelAnswer> {
    bincode::deserialize(bytes).ok()
}

/// The worker's side, built only into the pixel worker's module (with the codecs).
#[cfg(feature = "pixels")]
mod entry {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use super::super::worker::{memory_bytes, READY, RETIRE_AT_BYTES};
    use super::PixelAnswer;
    use crate::pixels::thumbnail::Thumbnail;
    use crate::pixels::PixelCheck;

    /// The pixel worker's entry point.
    pub fn run() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let answer = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = Array::from(&event.data());
            let (Some(key), Ok(bytes)) =
                (data.get(0).as_f64(), data.get(1).dyn_into::<Uint8Array>())
            else {
                return;
            };
            let bytes = bytes.to_vec();
            let (check, thumbnail) = look(&bytes);
            drop(bytes);
            let answer_bytes = bincode::serialize(&PixelAnswer {
                key: key as u64,
                check: Some(check),
                thumbnail,
                retire: memory_bytes() > RETIRE_AT_BYTES,
            });
            if let Ok(answer_bytes) = answer_bytes {
                let array = Uint8Array::from(answer_bytes.as_slice());
                let _ = answer.post_message_with_transfer(&array, &Array::of1(&array.buffer()));
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str(READY));
    }

    /// The check of one image with the detector's default tuning (as `scan --pixels` does), and
    /// the frame to draw when text was found.
    fn look(bytes: &[u8]) -> (PixelCheck, Option<Thumbnail>) {
        use crate::pixels::{check_dicom_with_preview, text_lines::Tuning};
        let (check, preview) = check_dicom_with_preview(bytes, &Tuning::default());
        let thumbnail = match (&check, preview) {
            (PixelCheck::Text { boxes, .. }, Some(preview)) => {
                Thumbnail::of(preview.frame, &preview.planes, boxes)
            }
            _ => None,
        };
        (check, thumbnail)
    }
}
