//! Damaged inputs never panic: every fixture (DICOM files, DICOMDIR, exports, scan results)
//! cut short, with bytes flipped, with spans deleted or repeated, is scanned to a report.
//! Mutations come from a fixed seed, so a failure names a case that can be replayed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use dicom_exposure_check::scan::scan_reader;
use dicom_exposure_check::{scan_complete, DetectOptions};

/// Mutated copies scanned per fixture (besides the cuts at every 1/16 of its length); the
/// environment variable `MUTATIONS` asks for more (a longer hunt by hand).
fn mutations_per_fixture() -> usize {
    std::env::var("MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        // SplitMix64: small, fast, and the same on every machine.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    }
}

/// One damaged copy of `bytes`.
fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len().max(1);
        let at = rng.below(len);
        match rng.below(5) {
            // Flip bytes: lengths, tags, quotes, brackets become something else.
            0 => {
                for i in at..(at + 1 + rng.below(8)).min(out.len()) {
                    out[i] ^= 1 << rng.below(8);
                }
            }
            // A byte that matters to a format: a delimiter, a quote, a bracket, 0xFF.
            1 if !out.is_empty() => {
                let special = b"\",[]{}<>/\\\n\r\t\0\xFF";
                let place = at.min(out.len() - 1);
                out[place] = special[rng.below(special.len())];
            }
            // Delete a span.
            2 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            // Repeat a span (nesting, duplicated records).
            3 => {
                let end = (at + rng.below(64)).min(out.len());
                let span = out[at.min(end)..end].to_vec();
                let place = at.min(out.len());
                out.splice(place..place, span);
            }
            // Cut the end off.
            _ => out.truncate(at),
        }
    }
    out
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_none_or(|e| e != "md") {
                let name = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
                out.push((name, bytes));
            }
        }
    }
    out
}

#[test]
fn damaged_inputs_are_scanned_without_a_panic() {
    let options = DetectOptions::default();
    let mut failures = Vec::new();
    let mut scanned = 0;
    let fixtures = fixtures();
    assert!(fixtures.len() > 50, "{} fixtures", fixtures.len());
    for (name, bytes) in &fixtures {
        let mut cases: Vec<(String, Vec<u8>)> = (1..16)
            .map(|k| {
                (
                    format!("cut at {k}/16"),
                    bytes[..bytes.len() * k / 16].to_vec(),
                )
            })
            .collect();
        let mut rng = Rng(name
            .bytes()
            .fold(7, |h: u64, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
        for i in 0..mutations_per_fixture() {
            cases.push((format!("mutation {i}"), mutate(bytes, &mut rng)));
        }
        for (case, input) in cases {
            scanned += 1;
            // Both entry points: bytes in memory (tests, nested archives) and a reader (the
            // CLI and the page).
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let whole = scan_complete(name, &input, &options);
                let read = scan_reader(name, &mut std::io::Cursor::new(&input), &options);
                (whole, read)
            }));
            match outcome {
                Ok((whole, read)) => {
                    // Reports about this input: named as it, or as a member inside it.
                    assert!(!read.is_empty(), "{name} {case}: no report from the reader");
                    let member = format!("{name}/");
                    for r in std::iter::once(&whole).chain(&read) {
                        assert!(
                            r.file_name == *name || r.file_name.starts_with(&member),
                            "{name} {case}: a report named {:?}",
                            r.file_name
                        );
                    }
                }
                Err(_) => failures.push(format!("{name}: {case}")),
            }
        }
    }
    eprintln!("{scanned} damaged inputs scanned");
    assert!(failures.is_empty(), "panicked on: {failures:#?}");
}
