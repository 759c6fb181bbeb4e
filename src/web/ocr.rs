//! The optional text reader: tesseract.js, served by this page's own origin from `ocr/`
//! (copied in by `.ci/ocr_assets.py`), loaded only when the user asks to read the text found in
//! an image. The frame's thumbnail is read whole, and each box on its own, enlarged and made
//! dark on light ([`Thumbnail::crop_for_reading`]). Nothing is cached by tesseract.js (`cacheMethod:
//! none`), and its worker is started from its own file, not a blob (the CSP allows workers of
//! this origin only).

use js_sys::{Promise, Reflect};
use wasm_bindgen::{Clamped, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::js_call::{call, js_message, object};
use crate::pixels::thumbnail::Thumbnail;

/// What the reader downloads the first time, gzipped, as the page states it: the English model
/// (2.9 MB), one build of the core (1.5 MB) and the scripts (44 KB); measured 2026-12-04.
pub const OCR_DOWNLOAD_MB: u32 = 5;

fn window() -> Result<web_sys::Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

/// The reader's folder as an absolute URL (its worker resolves paths against its own).
fn base() -> Result<String, JsValue> {
    let here = window()?.location().href()?;
    Ok(web_sys::Url::new_with_base("ocr/", &here)?.href())
}

/// Load `ocr/tesseract.min.js` once, with a `<script>` of this origin.
async fn load_tesseract(base: &str) -> Result<JsValue, JsValue> {
    let window = window()?;
    let existing = Reflect::get(&window, &"Tesseract".into())?;
    if !existing.is_undefined() {
        return Ok(existing);
    }
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let script = document.create_element("script")?;
    script.set_attribute("src", &format!("{base}tesseract.min.js"))?;
    let loaded = Promise::new(&mut |resolve, reject| {
        let _ = Reflect::set(&script, &"onload".into(), &resolve);
        let _ = Reflect::set(&script, &"onerror".into(), &reject);
    });
    document
        .head()
        .ok_or_else(|| JsValue::from_str("no head"))?
        .append_child(&script)?;
    JsFuture::from(loaded)
        .await
        .map_err(|_| JsValue::from_str("the text reader could not be loaded"))?;
    Reflect::get(&window, &"Tesseract".into())
}

fn canvas_of(width: u32, height: u32, rgba: &[u8]) -> Result<HtmlCanvasElement, JsValue> {
    let canvas: HtmlCanvasElement = window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height)?;
    context.put_image_data(&image, 0.0, 0.0)?;
    Ok(canvas)
}

/// The text of `thumbnail`'s frame and of each of its boxes, read on this computer.
pub async fn read_boxes(thumbnail: &Thumbnail) -> Result<Vec<String>, String> {
    read(thumbnail).await.map_err(js_message)
}

async fn read(thumbnail: &Thumbnail) -> Result<Vec<String>, JsValue> {
    let base = base()?;
    let tesseract = load_tesseract(&base).await?;
    let options = object(&[
        ("workerPath", format!("{base}worker.min.js").into()),
        ("corePath", base.as_str().into()),
        ("langPath", base.as_str().into()),
        ("workerBlobURL", false.into()),
        ("cacheMethod", "none".into()),
        ("gzip", true.into()),
    ]);
    let worker = call(
        &tesseract,
        "createWorker",
        &[&"eng".into(), &JsValue::from_f64(1.0), &options],
    )
    .await?;
    let mut lines = Vec::new();
    // The whole frame first (the reader finds lines the detector missed), then each box,
    // enlarged.
    let regions = std::iter::once(thumbnail.whole_for_reading()).chain(
        thumbnail
            .boxes
            .iter()
            .map(|b| thumbnail.crop_for_reading(b)),
    );
    for (width, height, rgba) in regions {
        let canvas = canvas_of(width, height, &rgba)?;
        let result = call(&worker, "recognize", &[&canvas]).await;
        let text =
            result.and_then(|r| Reflect::get(&Reflect::get(&r, &"data".into())?, &"text".into()));
        match text {
            Ok(text) => lines.push(text.as_string().unwrap_or_default()),
            Err(e) => {
                let _ = call(&worker, "terminate", &[]).await;
                return Err(e);
            }
        }
    }
    let _ = call(&worker, "terminate", &[]).await;
    Ok(lines)
}
