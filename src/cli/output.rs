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
            Format::Json => write_tagged(
                &mut io::BufWriter::new(self.out.lock()),
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
                write_tagged(&mut out, "summary", None, &value)
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
/// that `grep '"type":"summary"'` finds the last line). Written as it is serialized: a file's
/// line can be tens of MB.
fn write_tagged<T: Serialize>(
    out: &mut impl Write,
    kind: &str,
    index: Option<usize>,
    object: &T,
) -> io::Result<()> {
    write!(out, "{{\"type\":\"{kind}\"")?;
    if let Some(index) = index {
        write!(out, ",\"index\":{index}")?;
    }
    let mut fields = Fields {
        out: &mut *out,
        state: FieldsState::Start,
    };
    serde_json::to_writer(&mut fields, object)?;
    if fields.state != FieldsState::Fields {
        // An empty object: only its `}` is left to close the line's object.
        write!(out, "}}")?;
    }
    writeln!(out)?;
    out.flush()
}

#[derive(PartialEq)]
enum FieldsState {
    /// Nothing written yet: the object's `{` comes next and is dropped.
    Start,
    /// The `{` was dropped; what comes next says whether the object has fields.
    Opened,
    /// Writing the object's fields (a `,` was put before them) and its `}`.
    Fields,
}

/// The fields of a JSON object written after other fields: its `{` is dropped and a `,` put
/// in its place, unless the object is empty (its `}` is then dropped too).
struct Fields<'a, W> {
    out: &'a mut W,
    state: FieldsState,
}

impl<W: Write> Write for Fields<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        if self.state == FieldsState::Start && !rest.is_empty() {
            rest = &rest[1..];
            self.state = FieldsState::Opened;
        }
        if self.state == FieldsState::Opened && !rest.is_empty() {
            if rest == b"}" {
                return Ok(buf.len());
            }
            self.out.write_all(b",")?;
            self.state = FieldsState::Fields;
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
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
