//! Times the value detectors alone over the free-text values of real files, apart from
//! reading and reporting: `cargo run --release --example detector_bench -- DIR [ROUNDS]`.
//! Prints the time for reading the headers, running `detect`, and `scan_text` on the same
//! values, so that a change to the detectors can be measured without the rest of the scan,
//! then `scan_text`'s time by the length of the values (with and without the patient's name
//! to echo), which tells a cost per value from a cost per byte.

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

    // Reading and detecting, like `scan_text` below, are the best of `rounds`: in wasm the first
    // round also runs while the engine compiles the code for speed (`tests/bench/wasi/`).
    let read_all = || -> Vec<_> {
        bytes
            .iter()
            .filter_map(|b| match read_dicom(b, true) {
                ReadOutcome::Read(read) => Some(read.dataset),
                _ => None,
            })
            .collect()
    };
    let (mut read, mut datasets) = (f64::MAX, Vec::new());
    for _ in 0..rounds {
        drop(std::mem::take(&mut datasets));
        let t = Instant::now();
        datasets = read_all();
        read = read.min(t.elapsed().as_secs_f64());
    }

    let options = DetectOptions::default();
    let (mut detecting, mut findings) = (f64::MAX, 0);
    for _ in 0..rounds {
        let t = Instant::now();
        findings = 0;
        for d in &datasets {
            findings += detect(d, &options).findings.len();
        }
        detecting = detecting.min(t.elapsed().as_secs_f64());
    }

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
         ({} values, {:.1} KB of text a file, {hits} hits, each the best of {rounds})",
        datasets.len(),
        read * 1e3 / n,
        detecting * 1e3 / n,
        best * 1e3 / n,
        texts.len(),
        chars as f64 / n / 1e3,
    );
    by_length(&texts, &echoes, n);
}

/// `scan_text` over the values of each length band: how many a file holds, their bytes, and
/// the time a file spends on them (best of three), with the name echo and without it.
fn by_length(texts: &[(String, usize)], echoes: &[Option<NameEcho>], files: f64) {
    let bands = [0, 16, 64, 256, 1024, 4096, usize::MAX];
    for band in bands.windows(2) {
        let values: Vec<_> = texts
            .iter()
            .filter(|(t, _)| (band[0]..band[1]).contains(&t.len()))
            .collect();
        let bytes: usize = values.iter().map(|(t, _)| t.len()).sum();
        let time = |echo: bool| {
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    for (text, e) in &values {
                        let name = if echo { echoes[*e].as_ref() } else { None };
                        std::hint::black_box(scan_text(text, name));
                    }
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min)
        };
        let lengths = match band[1] {
            usize::MAX => format!("{} bytes or more", band[0]),
            end => format!("{} to {} bytes", band[0], end - 1),
        };
        println!(
            "  values of {lengths}: {:.1} a file, {:.1} KB a file, {:.4} ms a file ({:.4} without the name)",
            values.len() as f64 / files,
            bytes as f64 / files / 1e3,
            time(true) * 1e3 / files,
            time(false) * 1e3 / files,
        );
    }
}
