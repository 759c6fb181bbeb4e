//! Native command line: `dicom-exposure-check scan FILE...` prints what each file reveals, masked.

use std::process::ExitCode;

use dicom_exposure_check::{scan_bytes, ScanStatus};

const USAGE: &str = "usage: dicom-exposure-check scan FILE...";

/// Files above this size are read only up to it: the header sits at the start.
const MAX_HEADER_BYTES: u64 = 16 * 1024 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, paths)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command != "scan" || paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut found = false;
    let mut unreadable = false;
    for path in paths {
        let bytes = match read_prefix(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                unreadable = true;
                continue;
            }
        };
        let result = scan_bytes(path, &bytes);
        match result.status {
            ScanStatus::Ok => {
                let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                println!(
                    "{path}: name {} | birth date {} | patient ID {}",
                    show(&result.patient_name),
                    show(&result.patient_birth_date),
                    show(&result.patient_id)
                );
                found |= result.patient_name.is_some()
                    || result.patient_birth_date.is_some()
                    || result.patient_id.is_some();
            }
            _ => {
                println!("{path}: {}", result.message.unwrap_or_default());
                unreadable = true;
            }
        }
    }
    // Exit codes: 0 nothing identifying, 1 identifiers found, 2 some input unreadable.
    ExitCode::from(if unreadable {
        2
    } else if found {
        1
    } else {
        0
    })
}

fn read_prefix(path: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_HEADER_BYTES)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
