#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dicom_exposure_check_fuzz::tar_gzip(data));
