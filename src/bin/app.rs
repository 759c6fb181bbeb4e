//! The web page entry point (built by Trunk for wasm32). The same module is the scan worker:
//! one download and one compile serve both. The page hands its compiled module to each worker,
//! whose loader (written by `.ci/externalize_loader.py`) starts it and calls `scan_worker`.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    // Why the check: wasm-bindgen runs `main` wherever the module starts, and a worker has no
    // window to draw in.
    if web_sys::window().is_some() {
        yew::Renderer::<dicom_exposure_check::web::App>::new().render();
    }
}

/// Runs in a scan worker instead of the page.
#[wasm_bindgen]
pub fn scan_worker() {
    dicom_exposure_check::web::worker::run();
}
