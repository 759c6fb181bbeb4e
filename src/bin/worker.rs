//! The scan worker entry point (built by Trunk as a module worker).

use gloo_worker::Registrable;

fn main() {
    dicom_exposure_check::web::worker::ScanWorker::registrar().register();
}
