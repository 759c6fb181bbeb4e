//! The export worker entry point (built by Trunk as a worker module of its own, started by the
//! page the first time a scan worker hands on a file that holds an export: a PACS query
//! export, a worklist, a spreadsheet, nmap output). It scans like the page's own scan worker,
//! exports included; keeping it apart keeps the export decoders out of the page's first
//! download.

fn main() {
    dicom_exposure_check::web::worker::run_with_exports();
}
