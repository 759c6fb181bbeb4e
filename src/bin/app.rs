//! The web page entry point (built by Trunk for wasm32).

fn main() {
    yew::Renderer::<dicom_exposure_check::web::App>::new().render();
}
