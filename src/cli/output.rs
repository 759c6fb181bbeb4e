//! The three output forms of `scan`, each written file by file as scans complete:
//! text (files worth a look, then the summary), NDJSON (`--json`) and CSV (`--csv`).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use dicom_exposure_check::decode::InputKind;
use dicom_exposure_check::report::{
    render_file_text, render_summary_text, ExportFile, FileReport, Report,
};
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
    /// JSON: the line being written (see `write_tagged`).
    line: Vec<u8>,
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
            line: Vec::new(),
        }
    }

    /// One file's report, as soon as it is scanned. `index` is its place in the output order,
    /// which the summary's `people[].files` and `studies[].files` refer to.
    pub fn file(&mut self, index: usize, file: &FileReport) -> io::Result<()> {
        match self.format {
            Format::Json => write_tagged(
                &mut self.out.lock(),
                &mut self.line,
                "file",
                Some(index),
                &ExportFile(file),
            ),
            Format::Csv => self.csv_rows(file),
            Format::Text => {
                if file.kind == InputKind::Dicomdir {
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
                write_tagged(&mut out, &mut self.line, "summary", None, &value)
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
                f.rule.id().to_string(),
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
            let category = name_of(&n.rule.category());
            let mut row = vec![
                file.file_name.clone(),
                format!("{}:{}", n.host, n.port),
                String::new(),
                n.service.clone(),
                String::new(),
                n.rule.id().to_string(),
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
/// that `grep '"type":"summary"'` finds the last line), serialized into `line` (cleared first)
/// and written with one call. Why a buffer: serde_json writes a line in many small pieces, and
/// through a writer to stdout each piece cost more than its serialization (about a quarter of
/// the writer thread's time); the buffer keeps its capacity from one line to the next.
fn write_tagged<T: Serialize>(
    out: &mut impl Write,
    line: &mut Vec<u8>,
    kind: &str,
    index: Option<usize>,
    object: &T,
) -> io::Result<()> {
    line.clear();
    write!(line, "{{\"type\":\"{kind}\"")?;
    if let Some(index) = index {
        write!(line, ",\"index\":{index}")?;
    }
    let fields = line.len();
    serde_json::to_writer(&mut *line, object)?;
    // The object's own `{` gives way to the `,` after the line's first fields; an empty
    // object leaves only its `}`.
    if line[fields..] == *b"{}" {
        line.truncate(fields);
        line.push(b'}');
    } else if line.get(fields) == Some(&b'{') {
        line[fields] = b',';
    } else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a report line must serialize as a JSON object",
        ));
    }
    line.push(b'\n');
    out.write_all(line)?;
    out.flush()?;
    // A line can be tens of MB (a large export); that much is not kept for the next one.
    if line.capacity() > MAX_KEPT_LINE {
        *line = Vec::new();
    }
    Ok(())
}

/// The largest line buffer kept from one file's line to the next.
const MAX_KEPT_LINE: usize = 1 << 20;

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

#[cfg(test)]
mod tests {
    use super::write_tagged;

    fn line(index: Option<usize>, object: &serde_json::Value) -> String {
        let (mut out, mut buffer) = (Vec::new(), Vec::new());
        write_tagged(&mut out, &mut buffer, "file", index, object).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_line_is_the_tag_then_the_objects_own_fields() {
        let object = serde_json::json!({"a": 1, "b": {"c": []}});
        assert_eq!(
            line(Some(3), &object),
            "{\"type\":\"file\",\"index\":3,\"a\":1,\"b\":{\"c\":[]}}\n"
        );
        assert_eq!(line(None, &serde_json::json!({})), "{\"type\":\"file\"}\n");
        let (mut out, mut buffer) = (Vec::new(), Vec::new());
        let not_an_object = write_tagged(&mut out, &mut buffer, "file", None, &[1, 2]);
        assert!(not_an_object.is_err());
    }
}
