//! The findings as CSV, one row per finding, for spreadsheets.

use crate::i18n::Catalog;

use super::*;

/// The CSV columns, as catalogue ids of their headers.
const COLUMNS: [&str; 9] = [
    "csv-file",
    "csv-location",
    "csv-path",
    "csv-keyword",
    "csv-vr",
    "csv-rule-id",
    "csv-category",
    "csv-severity",
    "csv-value",
];

impl Report {
    /// One row per finding, for spreadsheets, with English headers. Network findings are rows
    /// too. A first line says when, by which version and over what the report was made
    /// (counts, never names): a `#` comment, which R, pandas (`comment='#'`) and spreadsheets
    /// read as one cell, as it holds no comma.
    pub fn findings_csv(&self) -> String {
        self.findings_csv_in(Catalog::english())
    }

    /// [`Report::findings_csv`] with the headers and the first line in the catalogue's
    /// language. The values stay as the JSON report writes them (rule ids, category codes,
    /// severities), so that a sheet filters the same in every language.
    pub fn findings_csv_in(&self, tr: &Catalog) -> String {
        let s = &self.summary;
        let mut about = tr.text_with(
            "csv-about",
            &[
                ("tool", (&self.tool).into()),
                ("version", (&self.tool_version).into()),
                ("date", (&self.generated).into()),
                ("scanned", s.files_scanned.into()),
                ("failed", s.files_failed.into()),
                ("people", s.distinct_people.into()),
                (
                    "findings",
                    s.findings_by_severity.values().sum::<usize>().into(),
                ),
                ("services", s.network_exposures.into()),
                (
                    "revealed",
                    if self.values_revealed { "yes" } else { "no" }.into(),
                ),
            ],
        );
        about.retain(|c| c != ',');
        about.push('\n');
        let mut writer = ::csv::Writer::from_writer(about.into_bytes());
        let _ = writer.write_record(COLUMNS.map(|id| tr.text(id)));
        for file in &self.files {
            for f in &file.findings {
                let value = f.raw.as_deref().unwrap_or(&f.excerpt);
                let _ = writer.write_record([
                    file.file_name.as_str(),
                    &f.location,
                    &f.path,
                    &f.keyword,
                    &f.vr,
                    f.rule.id(),
                    f.category.code(),
                    f.severity.label(),
                    value,
                ]);
            }
            for n in &file.network {
                let place = format!("{}:{}", n.host, n.port);
                let _ = writer.write_record([
                    file.file_name.as_str(),
                    &place,
                    "",
                    &n.service,
                    "",
                    n.rule.id(),
                    "ip",
                    n.severity.label(),
                    &n.evidence,
                ]);
            }
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}
