//! The report as exported: JSON without grouping keys, and file names replaced by numbers.

use serde::Serialize;

use super::*;

impl Report {
    /// The report as exported (JSON file, CLI `--json`): grouping keys removed, because an
    /// unkeyed hash of a name or ID can be reversed by trying likely values.
    pub fn to_export_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(files) = value.get_mut("files").and_then(|f| f.as_array_mut()) {
            for (json, file) in files.iter_mut().zip(&self.files) {
                *json = file.to_export_json();
            }
        }
        value
    }
}

impl FileReport {
    /// One file as [`Report::to_export_json`] writes it: grouping keys removed.
    pub fn to_export_json(&self) -> serde_json::Value {
        serde_json::to_value(ExportFile(self)).unwrap_or(serde_json::Value::Null)
    }
}

/// A file as exported (grouping keys left out), to serialize straight to a writer: a file of
/// 200,000 findings built as a JSON tree first took three times the report's memory.
pub struct ExportFile<'a>(pub &'a FileReport);

impl Serialize for ExportFile<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field of `FileReport`, in its order; a test checks none is missing.
        let FileReport {
            file_name,
            status,
            message,
            warnings,
            kind,
            transfer_syntax,
            modality,
            records,
            distinct_people,
            query_level,
            server,
            network,
            referenced_files,
            findings,
            people,
            study,
            pixels,
            pixel_data: _,
            unread_from: _,
        } = self.0;
        let mut out = serializer.serialize_struct("FileReport", 17)?;
        out.serialize_field("file_name", file_name)?;
        out.serialize_field("status", status)?;
        out.serialize_field("message", message)?;
        out.serialize_field("warnings", warnings)?;
        out.serialize_field("format", kind)?;
        out.serialize_field("transfer_syntax", transfer_syntax)?;
        out.serialize_field("modality", modality)?;
        out.serialize_field("records", records)?;
        out.serialize_field("distinct_people", distinct_people)?;
        out.serialize_field("query_level", query_level)?;
        out.serialize_field("server", server)?;
        out.serialize_field("network", network)?;
        out.serialize_field("referenced_files", referenced_files)?;
        out.serialize_field("findings", findings)?;
        out.serialize_field("people", &ExportPeople(people))?;
        let study = study.as_ref().map(|study| {
            let StudyRef {
                study_uid,
                study_date,
                key: _,
            } = study;
            ExportStudy {
                study_uid,
                study_date,
            }
        });
        out.serialize_field("study", &study)?;
        // Only a scan that looked at the pixels says what it saw: reports without the option
        // keep the layout they always had.
        match pixels {
            Some(pixels) => out.serialize_field("pixels", pixels)?,
            None => out.skip_field("pixels")?,
        }
        out.end()
    }
}

pub(super) struct ExportPeople<'a>(&'a [PersonRef]);

impl Serialize for ExportPeople<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Person<'a> {
            name: &'a Option<String>,
            id: &'a Option<String>,
            birth_date: &'a Option<String>,
        }
        // Destructured, so that a new field is a compile error here, not a silent omission.
        serializer.collect_seq(self.0.iter().map(|p| {
            let PersonRef {
                name,
                id,
                birth_date,
                key: _,
            } = p;
            Person {
                name,
                id,
                birth_date,
            }
        }))
    }
}

#[derive(Serialize)]
pub(super) struct ExportStudy<'a> {
    study_uid: &'a str,
    study_date: &'a str,
}

impl Report {
    /// The report with file names replaced by `file 1`, `file 2`, ... (keeping the extension):
    /// names of files and folders often are patients' names. Raw values are dropped too.
    pub fn redacted(&self) -> Report {
        let mut report = self.clone();
        for (i, file) in report.files.iter_mut().enumerate() {
            let file = std::sync::Arc::make_mut(file);
            file.file_name = redacted_file_name(i, &file.file_name);
            for finding in &mut file.findings {
                finding.raw = None;
            }
        }
        report.values_revealed = false;
        report
    }
}

/// What [`Report::redacted`] names the `i`-th file: `file {i + 1}` with the name's extension.
pub fn redacted_file_name(i: usize, name: &str) -> String {
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .filter(|ext| ext.len() <= 5 && !ext.contains('/'))
        .map(|ext| format!(".{ext}"))
        .unwrap_or_default();
    format!("file {}{extension}", i + 1)
}
