use dicom_exposure_check::rules::detectors::scan_text;
fn main() {
    let data = std::fs::read("/tmp/gate_texts.bin").unwrap();
    let texts: Vec<&str> = data
        .split(|&b| b == 0)
        .filter(|t| t.len() >= 4096)
        .map(|t| std::str::from_utf8(t).unwrap())
        .collect();
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let rounds = 20;
    let t = std::time::Instant::now();
    let mut hits = 0;
    for _ in 0..rounds {
        for x in &texts {
            hits += std::hint::black_box(scan_text(x, None)).len();
        }
    }
    let e = t.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "{} texts {} bytes: {:.2} ns/B, {:.1} us/text, hits {}",
        texts.len(),
        total,
        e * 1e9 / total as f64,
        e * 1e6 / texts.len() as f64,
        hits / rounds
    );
}
