//! Replays every input the fuzzers found a problem with (tests/fuzz/regressions/<target>/)
//! through the same checks the fuzz target makes (tests/fuzz/src/lib.rs), natively and fast.
//! Long fuzzing is its own command: tests/fuzz/run (docs/fuzzing.md).

#[path = "fuzz/src/lib.rs"]
mod harness;

use std::fs;
use std::path::Path;

type Check = fn(&[u8]);

/// The fuzzers ran with a 1 GiB limit. Here an allocation of more than this is refused and
/// recorded, and the input fails its replay: a fallible allocation (`try_reserve`) would
/// otherwise fail quietly, and the system grants large ones lazily.
const MAX_ALLOCATION: usize = 256 << 20;

static TOO_LARGE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

struct Bounded;

impl Bounded {
    fn refuse(size: usize) -> bool {
        let refused = size > MAX_ALLOCATION;
        if refused {
            TOO_LARGE.fetch_max(size, std::sync::atomic::Ordering::Relaxed);
        }
        refused
    }
}

// SAFETY: every call is passed to the system allocator unchanged, or refused with null,
// which `GlobalAlloc` allows.
unsafe impl std::alloc::GlobalAlloc for Bounded {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if Bounded::refuse(layout.size()) {
            return std::ptr::null_mut();
        }
        std::alloc::System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        std::alloc::System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        if Bounded::refuse(size) {
            return std::ptr::null_mut();
        }
        std::alloc::System.realloc(ptr, layout, size)
    }
}

#[global_allocator]
static ALLOCATOR: Bounded = Bounded;

/// Every fuzz target and its check; a folder of regressions must name one of them.
const TARGETS: &[(&str, Check)] = &[
    ("dicom", harness::dicom),
    ("dicomdir", harness::dicomdir),
    ("zip", harness::zip),
    ("tar_gzip", harness::tar_gzip),
    ("xlsx", harness::xlsx),
    ("dcmtk_text", harness::dcmtk_text),
    ("dicom_xml", harness::dicom_xml),
    ("dcm4che_text", harness::dcm4che_text),
    ("dicom_rs_text", harness::dicom_rs_text),
    ("dicom_json", harness::dicom_json),
    ("orthanc_json", harness::orthanc_json),
    ("csv", harness::csv),
    ("nmap", harness::nmap),
    ("report", harness::report),
    ("clean_copy", harness::clean_copy),
    ("pixels", harness::pixels),
];

#[test]
fn every_input_a_fuzzer_broke_the_tool_with_now_passes_its_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    let mut replayed = 0;
    for folder in fs::read_dir(&root).expect("tests/fuzz/regressions exists") {
        let folder = folder.unwrap().path();
        let target = folder.file_name().unwrap().to_string_lossy().into_owned();
        let check = TARGETS
            .iter()
            .find(|(name, _)| *name == target)
            .unwrap_or_else(|| panic!("{target}: not a fuzz target"))
            .1;
        for input in fs::read_dir(&folder).unwrap() {
            let input = input.unwrap().path();
            let bytes = fs::read(&input).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&bytes));
            assert!(outcome.is_ok(), "{} fails its check again", input.display());
            let asked = TOO_LARGE.swap(0, std::sync::atomic::Ordering::Relaxed);
            assert!(
                asked == 0,
                "{} asked for {asked} bytes at once again",
                input.display()
            );
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression input was replayed");
}

#[test]
fn every_fuzz_target_has_a_check_here() {
    let targets =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/fuzz_targets"))
            .unwrap()
            .map(|f| {
                f.unwrap()
                    .path()
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            });
    for target in targets {
        assert!(
            TARGETS.iter().any(|(name, _)| *name == target),
            "fuzz target {target} is not replayed"
        );
    }
}
