//! Times the value detectors alone over the free-text values of real files, apart from
//! reading and reporting: `cargo run --release --example detector_bench -- DIR [ROUNDS]`.
//! Prints the time for reading the headers, running `detect`, and `scan_text` on the same
//! values, so that a change to the detectors can be measured without the rest of the scan.

use std::time::Instant;

use dicom_exposure_check::decode::dataset::Value;
use dicom_exposure_check::decode::dicom::{read_dicom, ReadOutcome};
use dicom_exposure_check::detect::detect;
use dicom_exposure_check::rules::detectors::{scan_text, NameEcho};
use dicom_exposure_check::DetectOptions;

const FREE_TEXT_VRS: &[&str] = &["LO", "SH", "LT", "ST", "UT", "UC"];

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: detector_bench DIR [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("ROUNDS is a number"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("DIR is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let bytes: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(p).expect("file"))
        .collect();

    let t = Instant::now();
    let datasets: Vec<_> = bytes
        .iter()
        .filter_map(|b| match read_dicom(b, true) {
            ReadOutcome::Read(read) => Some(read.dataset),
            _ => None,
        })
        .collect();
    let read = t.elapsed();

    let options = DetectOptions::default();
    let t = Instant::now();
    let mut findings = 0;
    for d in &datasets {
        findings += detect(d, &options).findings.len();
    }
    let detecting = t.elapsed();

    let mut texts = Vec::new();
    let mut echoes = Vec::new();
    for d in &datasets {
        let name = d.top_text(0x0010, 0x0010).unwrap_or_default();
        echoes.push(NameEcho::from_dicom_pn(&name));
        let echo = echoes.len() - 1;
        for e in &d.elements {
            let scannable = FREE_TEXT_VRS.contains(&e.vr.as_str())
                || matches!(e.value, Value::Binary { text: Some(_), .. });
            if scannable && e.tag() != (0x0010, 0x0010) {
                if let Some(text) = e.value.text() {
                    texts.push((text, echo));
                }
            }
        }
    }
    let chars: usize = texts.iter().map(|(t, _)| t.len()).sum();
    let mut best = f64::MAX;
    let mut hits = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        hits = 0;
        for (text, echo) in &texts {
            hits += scan_text(text, echoes[*echo].as_ref()).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let n = datasets.len() as f64;
    println!(
        "{} files: read {:.3} ms/file, detect {:.3} ms/file ({findings} findings), scan_text {:.3} ms/file \
         ({} values, {:.1} KB of text a file, {hits} hits, best of {rounds})",
        datasets.len(),
        read.as_secs_f64() * 1e3 / n,
        detecting.as_secs_f64() * 1e3 / n,
        best * 1e3 / n,
        texts.len(),
        chars as f64 / n / 1e3,
    );
}
