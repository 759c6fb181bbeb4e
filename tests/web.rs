//! Code that only runs in the browser, tested in headless Chromium with wasm-bindgen-test,
//! inside a dedicated worker as the scanner runs: reading a `File` by byte ranges
//! (`FileReaderSync` exists only in workers), and the core compiled to wasm32 over it.
#![cfg(all(target_arch = "wasm32", feature = "web"))]

use std::io::{BufReader, Cursor, Read, Seek, SeekFrom, Write};

use dicom_exposure_check::scan::scan_reader;
use dicom_exposure_check::web::blob_reader::BlobReader;
use dicom_exposure_check::{scan_complete, DetectOptions, FileStatus};

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const CT_SMALL: &[u8] = include_bytes!("fixtures/CT_small.dcm");

fn blob(bytes: &[u8]) -> web_sys::Blob {
    gloo_file::Blob::new(bytes).into()
}

#[wasm_bindgen_test]
fn a_blob_is_read_only_where_asked() {
    let mut reader = BlobReader::new(blob(CT_SMALL)).expect("in a worker");
    assert_eq!(reader.size(), CT_SMALL.len() as u64);
    let mut head = [0u8; 1024];
    reader.read_exact(&mut head).expect("read");
    assert_eq!(&head[..], &CT_SMALL[..1024]);
    reader.seek(SeekFrom::End(-10)).expect("seek");
    let mut tail = Vec::new();
    reader.read_to_end(&mut tail).expect("read");
    assert_eq!(&tail[..], &CT_SMALL[CT_SMALL.len() - 10..]);
    assert_eq!(
        reader.fetched(),
        1024 + 10,
        "only the bytes asked for are loaded"
    );
}

#[wasm_bindgen_test]
fn the_first_bytes_fetched_ahead_are_served_from_memory_and_reads_beat() {
    let beats = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = beats.clone();
    let mut reader = BlobReader::new(blob(CT_SMALL))
        .expect("in a worker")
        .with_head(CT_SMALL[..4096].to_vec())
        .with_heartbeat(move || counter.set(counter.get() + 1));
    let mut all = Vec::new();
    reader.read_to_end(&mut all).expect("read");
    assert_eq!(all, CT_SMALL);
    assert_eq!(
        reader.fetched(),
        (CT_SMALL.len() - 4096) as u64,
        "the head is not fetched again"
    );
    assert!(
        beats.get() > 0,
        "each fetch from the blob calls the heartbeat"
    );
}

#[wasm_bindgen_test]
fn a_file_read_through_a_blob_scans_to_the_masked_name() {
    let reader = BlobReader::new(blob(CT_SMALL)).expect("in a worker");
    let reports = scan_reader(
        "CT_small.dcm",
        BufReader::new(reader),
        &DetectOptions::default(),
    );
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Ok);
    assert_eq!(reports[0].people[0].name.as_deref(), Some("C*** C***"));
}

#[wasm_bindgen_test]
fn bytes_read_whole_before_scan_as_the_same_file_through_its_blob() {
    let mut reader = BlobReader::from_bytes(CT_SMALL.to_vec());
    assert_eq!(reader.size(), CT_SMALL.len() as u64);
    reader.seek(SeekFrom::End(-10)).expect("seek");
    let mut tail = Vec::new();
    reader.read_to_end(&mut tail).expect("read");
    assert_eq!(&tail[..], &CT_SMALL[CT_SMALL.len() - 10..]);
    assert_eq!(reader.fetched(), 0, "nothing is fetched from a blob");
    let whole = scan_reader(
        "CT_small.dcm",
        BufReader::new(BlobReader::from_bytes(CT_SMALL.to_vec())),
        &DetectOptions::default(),
    );
    let through_blob = scan_reader(
        "CT_small.dcm",
        BufReader::new(BlobReader::new(blob(CT_SMALL)).expect("in a worker")),
        &DetectOptions::default(),
    );
    assert_eq!(whole, through_blob);
    assert_eq!(whole[0].people[0].name.as_deref(), Some("C*** C***"));
}

/// A ZIP of members that are mostly pixel data is read by its directory and member headers.
#[wasm_bindgen_test]
fn a_zip_in_a_blob_is_read_by_ranges_not_whole() {
    let mut member = CT_SMALL.to_vec();
    member.resize(2 * 1024 * 1024, 0);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..8 {
        writer.start_file(format!("CT/IM{i}"), options).unwrap();
        writer.write_all(&member).unwrap();
    }
    let archive = writer.finish().unwrap().into_inner();

    struct Counting(BlobReader, std::rc::Rc<std::cell::Cell<u64>>);
    impl Read for Counting {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1.set(self.0.fetched());
            Ok(n)
        }
    }
    impl Seek for Counting {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            self.0.seek(pos)
        }
    }
    let fetched = std::rc::Rc::new(std::cell::Cell::new(0));
    let reader = Counting(BlobReader::new(blob(&archive)).unwrap(), fetched.clone());
    let reports = scan_reader("cd.zip", BufReader::new(reader), &DetectOptions::default());
    assert_eq!(reports.len(), 8);
    assert!(
        reports.iter().all(|r| r.status == FileStatus::Ok),
        "{reports:?}"
    );
    assert!(
        fetched.get() < archive.len() as u64 / 4,
        "read {} of {} bytes",
        fetched.get(),
        archive.len()
    );
}

#[wasm_bindgen_test]
fn bad_bytes_give_a_status_not_a_trap() {
    let report = scan_complete("x.dcm", &[0u8; 300], &DetectOptions::default());
    assert!(!report.status.was_scanned());
}

/// In wasm32 the Japanese, Korean and Chinese tables come from the browser's `TextDecoder`
/// (vendor/encoding-index-browser): names in those sets must read as natively.
#[wasm_bindgen_test]
fn cjk_names_decode_with_the_browsers_tables() {
    use dicom_exposure_check::decode::dicom::{read_dicom, ReadOutcome};
    let cases: [(&[u8], &str); 4] = [
        (
            include_bytes!("fixtures/chrH31.dcm"),
            "Yamada^Tarou=山田^太郎=やまだ^たろう",
        ),
        (
            include_bytes!("fixtures/chrH32.dcm"),
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
        ),
        (
            include_bytes!("fixtures/chrI2.dcm"),
            "Hong^Gildong=洪^吉洞=홍^길동",
        ),
        (
            include_bytes!("fixtures/chrX2.dcm"),
            "Wang^XiaoDong=王^小东",
        ),
    ];
    for (bytes, expected) in cases {
        let ReadOutcome::Read(read) = read_dicom(bytes, true) else {
            panic!("{expected}: not read");
        };
        let name = read.dataset.top_text(0x0010, 0x0010).unwrap();
        assert_eq!(name.trim_end_matches('='), expected);
        assert!(read.warnings.is_empty(), "{expected}: {:?}", read.warnings);
    }
}

/// The pixel check (feature `pixels`, the pixel worker's build): dicom-rs's codecs and the text
/// detector run in the browser on JPEG 2000 (openjp2, a C port, over `pixels::libc_shim`), RLE
/// and native pixel data, and text drawn into a real CT image is found. Each check's time is
/// printed (`-- --nocapture`): the mean of five after one warm-up.
#[cfg(feature = "pixels")]
mod pixels {
    use dicom_exposure_check::pixels::text_lines::Tuning;
    use dicom_exposure_check::pixels::{check_dicom, test_font, PixelCheck};
    use wasm_bindgen_test::*;

    use super::CT_SMALL;

    /// As in the pixel worker's bin: the JPEG 2000 decoder frees null pointers.
    #[global_allocator]
    static ALLOCATOR: dicom_exposure_check::pixels::NullTolerant =
        dicom_exposure_check::pixels::NullTolerant;

    /// Runs the check once to warm up, then five times, and prints the mean time.
    fn timed_check(name: &str, bytes: &[u8]) -> PixelCheck {
        let check = check_dicom(bytes, &Tuning::default());
        const RUNS: u32 = 5;
        let start = js_sys::Date::now();
        for _ in 0..RUNS {
            assert_eq!(
                check_dicom(bytes, &Tuning::default()),
                check,
                "{name}: same each time"
            );
        }
        let ms = (js_sys::Date::now() - start) / f64::from(RUNS);
        console_log!("pixel check {name} ({} bytes): {ms:.1} ms", bytes.len());
        check
    }

    #[wasm_bindgen_test]
    fn jpeg_2000_rle_and_native_images_are_decoded_and_show_no_text() {
        let cases: [(&str, &[u8]); 3] = [
            ("JPEG2000.dcm", include_bytes!("fixtures/JPEG2000.dcm")),
            (
                "MR_small_RLE.dcm",
                include_bytes!("fixtures/MR_small_RLE.dcm"),
            ),
            ("CT_small.dcm", CT_SMALL),
        ];
        for (name, bytes) in cases {
            let check = timed_check(name, bytes);
            assert!(
                matches!(check, PixelCheck::NoText { ref frames } if frames == &[0]),
                "{name}: {check:?}"
            );
        }
    }

    /// CT_small with "PATIENT JOHN" drawn at the image's maximum (as `ct_with_text` in
    /// tests/pixels.rs).
    #[wasm_bindgen_test]
    fn text_drawn_into_a_real_ct_is_found() {
        let bytes = test_font::draw_into_signed_16(CT_SMALL, "PATIENT JOHN", 4, 100, 2);
        let check = timed_check("CT_small.dcm with text", &bytes);
        let PixelCheck::Text { frames, boxes } = check else {
            panic!("no text found: {check:?}");
        };
        // Where tests/pixels.rs finds it natively.
        assert_eq!(frames, [0]);
        assert_eq!(boxes.len(), 1, "{boxes:?}");
        let b = boxes[0];
        assert!(b.x <= 6 && b.y.abs_diff(100) <= 3, "{b:?}");
        assert!(b.height.abs_diff(14) <= 4 && b.x + b.width >= 120, "{b:?}");
    }

    extern "C" {
        fn malloc(size: usize) -> *mut u8;
        fn calloc(count: usize, size: usize) -> *mut u8;
        fn realloc(ptr: *mut u8, size: usize) -> *mut u8;
        fn free(ptr: *mut u8);
    }

    /// The C allocator the JPEG 2000 decoder links against in wasm32 (src/pixels/libc_shim.rs).
    #[wasm_bindgen_test]
    fn the_c_allocator_keeps_bytes_through_realloc_and_tolerates_null() {
        use std::hint::black_box;
        unsafe {
            free(std::ptr::null_mut());
            let p = realloc(std::ptr::null_mut(), 5);
            assert!(!p.is_null() && p as usize % 16 == 0);
            p.copy_from(b"hello".as_ptr(), 5);
            let q = realloc(p, 100_000);
            assert_eq!(std::slice::from_raw_parts(q, 5), b"hello");
            let z = calloc(10, 10);
            assert!(std::slice::from_raw_parts(z, 100).iter().all(|&b| b == 0));
            // black_box: LLVM knows these names, and may drop an allocation only tested for
            // null, taking it as a success.
            assert!(black_box(calloc(usize::MAX, 2)).is_null());
            assert!(black_box(malloc(usize::MAX)).is_null());
            assert!(realloc(q, 0).is_null());
            free(z);
        }
    }
}

mod small_file {
    use dicom_exposure_check::web::small_file::{read_start, Start};
    use wasm_bindgen_test::*;

    fn file(bytes: &[u8]) -> web_sys::File {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::File::new_with_u8_array_sequence(&parts, "f.dcm").expect("a file")
    }

    /// Bytes that differ at every position, so that a chunk out of place shows.
    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
    }

    fn whole(start: Start) -> Option<Vec<u8>> {
        match start {
            Start::Whole(bytes) => Some(bytes.to_vec()),
            _ => None,
        }
    }

    fn prefix(start: Start) -> Option<Vec<u8>> {
        match start {
            Start::Prefix(bytes) => Some(bytes.to_vec()),
            _ => None,
        }
    }

    #[wasm_bindgen_test]
    async fn a_file_up_to_the_limit_is_read_whole() {
        let bytes = pattern(super::CT_SMALL.len());
        let read = read_start(&file(&bytes), bytes.len()).await;
        assert_eq!(whole(read), Some(bytes));
        let empty = read_start(&file(&[]), 10).await;
        assert_eq!(whole(empty), Some(Vec::new()));
    }

    #[wasm_bindgen_test]
    async fn a_file_of_many_chunks_is_put_together_in_order() {
        // Larger than one chunk of a blob's stream (64 KiB in Chromium).
        let bytes = pattern(700 * 1024);
        let read = read_start(&file(&bytes), 1 << 20).await;
        assert_eq!(whole(read), Some(bytes));
    }

    /// The worker scans a large file from these bytes on without reading them again, so they
    /// must be exactly the file's first `limit` bytes, wherever the limit falls in a chunk.
    #[wasm_bindgen_test]
    async fn a_file_over_the_limit_gives_exactly_its_first_bytes() {
        let bytes = pattern(300 * 1024);
        for limit in [256 * 1024, bytes.len() - 1, 1000, 64 * 1024 + 1] {
            let read = read_start(&file(&bytes), limit).await;
            assert_eq!(
                prefix(read).as_deref(),
                Some(&bytes[..limit]),
                "limit {limit}"
            );
        }
    }
}
