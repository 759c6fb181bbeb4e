//! The clean-copy worker entry point (built by Trunk as a worker, started by the page the first
//! time a user asks for a copy).

fn main() {
    dicom_exposure_check::web::copy_worker::run();
}
