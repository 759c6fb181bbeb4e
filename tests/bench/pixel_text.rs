//! The burned-in text detector on a labelled corpus: recall, false alarms and time per image.
//!
//!     cargo bench --bench pixel_text -- [DIR]   (default: tests/pixels)
//!
//! DIR holds `labels.csv` (columns `file`, `split`, `label` = text | clean | unsure, ...) and
//! the files under `DIR/<file>` or `DIR/<split>/<file>`. Prints one row per split, the files it got wrong,
//! and the median and 95th percentile of the time to check one file (read whole, decode the
//! frames, convert, detect), single-threaded. `PIXEL_TUNING="contrast=40,min_chars=2"` tries
//! other thresholds.

// The pixel decoders are built natively only (src/pixels/decode.rs).
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::PathBuf;
    use std::time::Instant;

    use dicom_exposure_check::pixels::text_lines::Tuning;
    use dicom_exposure_check::pixels::{check_dicom, PixelCheck};

    /// A file, its split, its label, what the check said, and milliseconds it took.
    type Row = (String, String, String, PixelCheck, f64);

    pub fn main() {
        let dir = std::env::args()
            .skip(1)
            .find(|a| !a.starts_with('-'))
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pixels"));
        let mut labels = csv::Reader::from_path(dir.join("labels.csv")).expect("labels.csv");
        let headers = labels.headers().expect("a header row").clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("labels.csv has no {name} column"))
        };
        let (file_at, split_at, label_at) = (column("file"), column("split"), column("label"));
        let tuning = Tuning::from_env();
        let mut rows: Vec<Row> = Vec::new();
        for record in labels.records() {
            let record = record.expect("a CSV row");
            let (file, split, label) = (&record[file_at], &record[split_at], &record[label_at]);
            let start = Instant::now();
            // `file` is relative to DIR, or to DIR/<split>.
            let path = Some(dir.join(file))
                .filter(|p| p.is_file())
                .unwrap_or_else(|| dir.join(split).join(file));
            let bytes = std::fs::read(&path).expect("a corpus file");
            let check = check_dicom(&bytes, &tuning);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            rows.push((file.into(), split.into(), label.into(), check, ms));
        }
        println!(
            "| split | text images | found | recall | recall of decoded | clean images | flagged | \
             false alarms | of decoded | not checked |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for split in ["tune", "check", "all"] {
            let of = |label: &str| {
                rows.iter()
                    .filter(|r| (split == "all" || r.1 == split) && r.2 == label)
                    .collect::<Vec<_>>()
            };
            let (text, clean) = (of("text"), of("clean"));
            let found = text
                .iter()
                .filter(|r| matches!(r.3, PixelCheck::Text { .. }))
                .count();
            let flagged = clean
                .iter()
                .filter(|r| matches!(r.3, PixelCheck::Text { .. }))
                .count();
            let not_checked = text
                .iter()
                .chain(&clean)
                .filter(|r| matches!(r.3, PixelCheck::NotChecked { .. }))
                .count();
            let decoded = |rows: &[&Row]| {
                rows.iter()
                    .filter(|r| !matches!(r.3, PixelCheck::NotChecked { .. }))
                    .count()
            };
            let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
            println!(
                "| {split} | {} | {found} | {:.1}% | {:.1}% | {} | {flagged} | {:.1}% | {:.1}% | {not_checked} |",
                text.len(),
                pct(found, text.len()),
                pct(found, decoded(&text)),
                clean.len(),
                pct(flagged, clean.len()),
                pct(flagged, decoded(&clean)),
            );
        }
        println!();
        for (file, split, label, check, _) in &rows {
            let said = match check {
                PixelCheck::Text { boxes, .. } => format!("text ({} boxes)", boxes.len()),
                PixelCheck::NoText { .. } => "no text".to_string(),
                PixelCheck::NotChecked { reason } => format!("not checked: {reason}"),
            };
            let wrong = !matches!(
                (label.as_str(), check),
                ("text", PixelCheck::Text { .. })
                    | ("clean", PixelCheck::NoText { .. })
                    | ("unsure", _)
            );
            if wrong {
                println!("wrong: {file} ({split}): labelled {label}, detector says {said}");
            }
        }
        let mut times: Vec<f64> = rows.iter().map(|r| r.4).collect();
        times.sort_by(f64::total_cmp);
        if !times.is_empty() {
            let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
            println!(
                "\ntime per file (native, one thread): median {:.1} ms, p95 {:.1} ms, max {:.1} ms over {} files",
                at(0.5),
                at(0.95),
                at(1.0),
                times.len()
            );
        }
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
