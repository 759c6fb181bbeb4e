//! Saving a file from the page: a Blob, an object URL and a click on a hidden link.
//! Nothing is sent anywhere; the browser writes the file to the user's disk.

use wasm_bindgen::{JsCast, JsValue};

/// Offer `text` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) {
    download_parts(
        file_name,
        mime,
        &js_sys::Array::of1(&JsValue::from_str(text)),
    );
}

/// Offer `bytes` (a `Uint8Array`) as a download named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &js_sys::Uint8Array) {
    download_parts(file_name, mime, &js_sys::Array::of1(bytes));
}

fn download_parts(file_name: &str, mime: &str, parts: &js_sys::Array) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
