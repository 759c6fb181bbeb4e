//! The scan worker entry point (built by Trunk as a worker, started by the page's scanner).

fn main() {
    dicom_exposure_check::web::worker::run();
}
