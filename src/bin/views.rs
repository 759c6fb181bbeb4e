//! The page's second module (built by Trunk as a classic script, fetched once a scan is done or
//! the first time a view, the checklist or an export is asked for): see `src/web/views/mod.rs`.

use dicom_exposure_check::web::views::root;
use wasm_bindgen::prelude::*;

fn main() {
    root::start();
}

/// Draw the page's request (bincode) in `host`, or update what is drawn there.
#[wasm_bindgen]
pub fn mount(host: web_sys::Element, request: &[u8], files: js_sys::Array) -> Result<(), JsError> {
    root::mount(host, request, files).map_err(|e| JsError::new(&e.to_string()))
}

/// Take down what is drawn in `host`.
#[wasm_bindgen]
pub fn unmount(host: web_sys::Element) {
    root::unmount(&host);
}

/// Write the report file the request asks for, as a download. (Not named `export`, a word
/// JavaScript reserves: wasm-bindgen would rename it.)
#[wasm_bindgen]
pub async fn save_report(request: Vec<u8>) -> Result<(), JsError> {
    root::export(&request)
        .await
        .map_err(|e| JsError::new(&e.to_string()))
}
