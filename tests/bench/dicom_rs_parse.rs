//! Baseline for `.ci/bench`: dicom-rs parsing alone, single-threaded. Opens every file under the
//! given folders the usual way (`OpenFileOptions`, stopping at Pixel Data) and reads
//! PatientName, nothing else.
//!
//!     cargo bench --bench dicom_rs_parse -- DIR...
//!
//! Prints one line: `dicom-rs: N files, N failed, S s`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dicom_dictionary_std::tags;
use dicom_object::OpenFileOptions;

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut children: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("readable folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        children.sort();
        for child in &children {
            walk(child, out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn main() {
    // `cargo bench` passes `--bench`; everything else is a path.
    let mut files = Vec::new();
    for arg in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        walk(Path::new(&arg), &mut files);
    }
    if files.is_empty() {
        // `cargo test --all-targets` runs this without arguments: nothing to measure, not an error.
        eprintln!("usage: cargo bench --bench dicom_rs_parse -- DIR...  (no folder given, nothing measured)");
        return;
    }
    let start = Instant::now();
    let (mut failed, mut name_bytes) = (0usize, 0usize);
    for file in &files {
        match OpenFileOptions::new()
            .read_until(tags::PIXEL_DATA)
            .open_file(file)
        {
            Ok(obj) => {
                if let Ok(name) = obj.element(tags::PATIENT_NAME) {
                    name_bytes += name.to_str().map(|s| s.len()).unwrap_or(0);
                }
            }
            Err(e) => {
                failed += 1;
                if failed <= 3 {
                    eprintln!("dicom-rs: {}: {e}", file.display());
                }
            }
        }
    }
    println!(
        "dicom-rs: {} files, {failed} failed, {:.3} s ({name_bytes} name bytes)",
        files.len(),
        start.elapsed().as_secs_f64()
    );
}
