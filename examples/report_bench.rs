//! Times what the page does with the file reports its scan workers send, apart from scanning:
//! `cargo run --release --example report_bench -- DIR [FILES]` (default 2,000 files).
//! Prints the reports' size in bincode (the codec between the page and its workers), the time
//! to encode and decode them, one report built over all of them, and the builds the page makes
//! at its checkpoints while a scan runs ([`REPORT_EVERY`], [`REPORT_GROWTH`]). With `LOOP=1`,
//! the whole build 50 times more, for a profiler.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dicom_exposure_check::file_list::{REPORT_EVERY, REPORT_GROWTH};
use dicom_exposure_check::report::{FileReport, Report};
use dicom_exposure_check::scan::scan_complete;
use dicom_exposure_check::DetectOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: report_bench DIR [FILES]");
    let count: usize = args
        .next()
        .map_or(2000, |n| n.parse().expect("FILES is a number"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("DIR is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths.truncate(count);
    let reports: Vec<FileReport> = paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            let bytes = std::fs::read(p).expect("file");
            scan_complete(&name, &bytes, &DetectOptions::default())
        })
        .collect();

    let t = Instant::now();
    let encoded: Vec<Vec<u8>> = (reports.iter())
        .map(|r| bincode::serialize(r).expect("encodes"))
        .collect();
    let encoding = t.elapsed();
    let t = Instant::now();
    let decoded: Vec<Arc<FileReport>> = (encoded.iter())
        .map(|b| Arc::new(bincode::deserialize(b).expect("decodes")))
        .collect();
    let decoding = t.elapsed();

    let t = Instant::now();
    let report = Report::build(decoded.clone(), "20000101", false);
    let one_build = t.elapsed();
    let (mut built, mut builds, mut checkpoints) = (0usize, 0, Duration::ZERO);
    while built < decoded.len() {
        let next = (built + REPORT_EVERY).max((built as f64 * REPORT_GROWTH).ceil() as usize);
        built = next.min(decoded.len());
        let t = Instant::now();
        Report::build(decoded[..built].to_vec(), "20000101", false);
        checkpoints += t.elapsed();
        builds += 1;
    }
    if std::env::var_os("LOOP").is_some() {
        for _ in 0..50 {
            Report::build(decoded.clone(), "20000101", false);
        }
    }

    let findings: usize = reports.iter().map(|r| r.findings.len()).sum();
    let bytes: usize = encoded.iter().map(Vec::len).sum();
    let n = reports.len().max(1);
    println!(
        "{} files, {findings} findings, {} people; bincode {bytes} bytes ({} a file)",
        reports.len(),
        report.people.len(),
        bytes / n
    );
    println!("encode {encoding:?}, decode {decoding:?}");
    println!("one build {one_build:?}; {builds} checkpoint builds {checkpoints:?}");
}
