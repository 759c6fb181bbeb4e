//! The findings as CSV, one row per finding, for spreadsheets.

use crate::rules::Category;

use super::*;

impl Report {
    /// One row per finding, for spreadsheets. Network findings are rows too. A first line
    /// says when, by which version and over what the report was made (counts, never names):
    /// a `#` comment, which R, pandas (`comment='#'`) and spreadsheets read as one cell, as it
    /// holds no comma.
    pub fn findings_csv(&self) -> String {
        let s = &self.summary;
        let mut about = format!(
            "# {} {} report of {}: {} scanned; {} not read; {}; {}; {}; values {}",
            self.tool,
            self.tool_version,
            self.generated,
            plural(s.files_scanned, "file", "files"),
            s.files_failed,
            plural(s.distinct_people, "person", "people"),
            plural(s.findings_by_severity.values().sum(), "finding", "findings"),
            plural(s.network_exposures, "exposed service", "exposed services"),
            if self.values_revealed {
                "revealed"
            } else {
                "masked"
            },
        );
        about.retain(|c| c != ',');
        about.push('\n');
        let mut writer = ::csv::Writer::from_writer(about.into_bytes());
        let header = [
            "file", "location", "path", "keyword", "vr", "rule_id", "category", "severity", "value",
        ];
        let _ = writer.write_record(header);
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
                    category_key(f.category),
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

/// The JSON spelling of a category (`medical_record`), for CSV.
pub(super) fn category_key(category: Category) -> &'static str {
    match category {
        Category::Names => "names",
        Category::Geography => "geography",
        Category::Dates => "dates",
        Category::Phone => "phone",
        Category::Fax => "fax",
        Category::Email => "email",
        Category::Ssn => "ssn",
        Category::MedicalRecord => "medical_record",
        Category::HealthPlan => "health_plan",
        Category::Account => "account",
        Category::License => "license",
        Category::Vehicle => "vehicle",
        Category::Device => "device",
        Category::Url => "url",
        Category::Ip => "ip",
        Category::Biometric => "biometric",
        Category::FaceImage => "face_image",
        Category::OtherUnique => "other_unique",
        Category::FreeText => "free_text",
        Category::Context => "context",
    }
}
