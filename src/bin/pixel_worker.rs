//! The pixel worker entry point (built by Trunk as a worker module of its own, with the
//! feature `pixels`): a scan worker that also looks at every image's pixels for burned-in text,
//! with dicom-rs's image codecs (JPEG, RLE, JPEG 2000). Exports are handed on as in the page's
//! own scan worker, so the export decoders are not in it; keeping the codecs apart keeps them
//! out of the page's first download.

/// The JPEG 2000 decoder frees null pointers, which wasm32's allocator traps on.
#[global_allocator]
static ALLOCATOR: dicom_exposure_check::pixels::NullTolerant =
    dicom_exposure_check::pixels::NullTolerant;

fn main() {
    dicom_exposure_check::web::pixel_worker::run();
}
