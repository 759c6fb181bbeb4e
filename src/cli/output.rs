//! The three output forms of `scan`, each written file by file as scans complete:
//! text (files worth a look, then the summary), NDJSON (`--json`) and CSV (`--csv`).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use dicom_exposure_check::report::{render_file_text, render_summary_text, FileReport, Report};
use dicom_exposure_check::rules::catalog::rule_info;
use dicom_exposure_check::rules::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

pub struct Output {
    format: Format,
    out: io::Stdout,
    csv: Option<csv::Writer<io::Stdout>>,
    reveal: bool,
    /// Text: files listed so far.
    listed: usize,
    /// Text: files not listed (scanned, nothing of medium severity or worse).
    unlisted: usize,
    /// Text: names of the DICOMDIRs by index, for the summary's DICOMDIR lines.
    dicomdirs: HashMap<usize, String>,
}

impl Output {
    pub fn new(format: Format, reveal: bool) -> Self {
        let csv = (format == Format::Csv).then(|| {
            let mut writer = csv::Writer::from_writer(io::stdout());
            let mut header = vec![
                "file", "location", "path", "keyword", "vr", "rule_id", "category", "severity",
                "excerpt",
            ];
            if reveal {
                header.push("raw");
            }
            // An error here shows again on the first row.
            let _ = writer.write_record(&header);
            writer
        });
        Output {
            format,
            out: io::stdout(),
            csv,
            reveal,
            listed: 0,
            unlisted: 0,
            dicomdirs: HashMap::new(),
        }
    }

    /// One file's report, as soon as it is scanned. `index` is its place in the output order,
    /// which the summary's `people[].files` and `studies[].files` refer to.
    pub fn file(&mut self, index: usize, file: &FileReport) -> io::Result<()> {
        match self.format {
            Format::Json => {
                let line = tagged("file", Some(index), file.to_export_json())?;
                writeln!(self.out.lock(), "{line}")
            }
            Format::Csv => self.csv_rows(file),
            Format::Text => {
                if file.format == "DICOMDIR" {
                    self.dicomdirs.insert(index, file.file_name.clone());
                }
                let listed =
                    !file.status.was_scanned() || file.worst_severity() >= Some(Severity::Medium);
                if !listed {
                    self.unlisted += 1;
                    return Ok(());
                }
                let mut out = self.out.lock();
                self.listed += 1;
                if self.listed == 1 {
                    writeln!(
                        out,
                        "Files with findings of medium severity or worse, or not read:"
                    )?;
                }
                write!(out, "{}", render_file_text(file))
            }
        }
    }

    /// The summary, once every file is done.
    pub fn finish(&mut self, report: &Report) -> io::Result<()> {
        let mut out = self.out.lock();
        match self.format {
            Format::Json => {
                let mut value = report.to_export_json();
                if let Some(object) = value.as_object_mut() {
                    object.remove("files");
                }
                writeln!(out, "{}", tagged("summary", None, value)?)
            }
            Format::Csv => match self.csv.as_mut() {
                Some(writer) => writer.flush(),
                None => Ok(()),
            },
            Format::Text if report.summary.files == 0 => {
                writeln!(out, "No files found under the given paths.")
            }
            Format::Text => {
                if self.unlisted > 0 {
                    writeln!(
                        out,
                        "{}{} with nothing of medium severity or worse (not listed).",
                        if self.listed > 0 { "\n" } else { "" },
                        plural(self.unlisted, "file", "files"),
                    )?;
                }
                let name = |i: usize| self.dicomdirs.get(&i).map_or("", String::as_str);
                write!(out, "\n{}", render_summary_text(report, name))
            }
        }
    }

    fn csv_rows(&mut self, file: &FileReport) -> io::Result<()> {
        let Some(writer) = self.csv.as_mut() else {
            return Ok(());
        };
        if !file.status.was_scanned() {
            // No finding rows: say on stderr which file was not read (the exit code is 2).
            eprintln!(
                "not read: {}: {}",
                file.file_name,
                file.message.as_deref().unwrap_or("")
            );
        }
        for f in &file.findings {
            let mut row = vec![
                file.file_name.clone(),
                f.location.clone(),
                f.path.clone(),
                f.keyword.clone(),
                f.vr.clone(),
                f.rule_id.clone(),
                name_of(&f.category),
                name_of(&f.severity),
                f.excerpt.clone(),
            ];
            if self.reveal {
                row.push(f.raw.clone().unwrap_or_default());
            }
            writer.write_record(&row)?;
        }
        // Network exposure from a scan result: the place is the host and port.
        for n in &file.network {
            let category = rule_info(&n.rule_id).map_or(String::new(), |r| name_of(&r.category));
            let mut row = vec![
                file.file_name.clone(),
                format!("{}:{}", n.host, n.port),
                String::new(),
                n.service.clone(),
                String::new(),
                n.rule_id.clone(),
                category,
                name_of(&n.severity),
                n.evidence.replace('\n', " | "),
            ];
            if self.reveal {
                row.push(String::new());
            }
            writer.write_record(&row)?;
        }
        Ok(())
    }
}

/// One JSON line: `{"type":KIND,"index":N,` then the object's own fields (`type` first, so
/// that `grep '"type":"summary"'` finds the last line).
fn tagged(kind: &str, index: Option<usize>, value: serde_json::Value) -> io::Result<String> {
    let mut line = format!("{{\"type\":\"{kind}\"");
    if let Some(index) = index {
        line.push_str(&format!(",\"index\":{index}"));
    }
    let body = serde_json::to_string(&value)?;
    match body.strip_prefix('{') {
        Some("}") | None => line.push('}'),
        Some(fields) => {
            line.push(',');
            line.push_str(fields);
        }
    }
    Ok(line)
}

/// The JSON name of a unit enum (`names`, `high`), as the JSON report writes it.
fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
