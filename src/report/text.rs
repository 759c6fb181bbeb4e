//! The report as text, for the terminal and for snapshots of what users read.

use crate::decode::InputKind;
use crate::detect::Finding;
use crate::i18n::Catalog;
use crate::rules::Severity;

use super::*;

/// The report as text, for the terminal and for snapshot tests of what users read.
pub fn render_text(report: &Report) -> String {
    let mut out = render_summary_text(report, |i| report.files[i].file_name.as_str());
    out.push_str("\nFiles:\n");
    for f in &report.files {
        out.push_str(&render_file_text(f));
    }
    out
}

/// Everything [`render_text`] prints before the files: verdict, counts, kinds, people and
/// DICOMDIR sets. `file_name` names a file by its index (the CLI no longer holds the files).
pub fn render_summary_text<'a>(report: &Report, file_name: impl Fn(usize) -> &'a str) -> String {
    render_summary_text_in(report, Catalog::english(), file_name)
}

/// [`render_summary_text`] in the catalogue's language (the page prints it with the plan).
pub fn render_summary_text_in<'a>(
    report: &Report,
    tr: &Catalog,
    file_name: impl Fn(usize) -> &'a str,
) -> String {
    let s = &report.summary;
    let none = || tr.text("summary-none");
    let mut out = String::new();
    out.push_str(&s.verdict_in(tr));
    out.push('\n');
    out.push_str(
        &tr.text_with(
            "summary-counts",
            &[
                (
                    "worst",
                    s.worst_severity
                        .map_or_else(none, |w| w.label_in(tr).into_owned())
                        .into(),
                ),
                ("scanned", s.files_scanned.into()),
                ("failed", s.files_failed.into()),
                ("with", s.files_with_findings.into()),
                ("studies", s.studies.into()),
            ],
        ),
    );
    out.push('\n');
    if let Some(pixels) = &s.pixels {
        out.push_str(&tr.text_with(
            "summary-pixels",
            &[
                ("checked", pixels.images_checked.into()),
                ("text", pixels.with_text.into()),
                ("unchecked", pixels.not_checked.into()),
            ],
        ));
        out.push('\n');
    }
    if !s.files_by_category.is_empty() {
        out.push_str(&format!("\n{}\n", tr.text("summary-kinds")));
        for (category, n) in &s.files_by_category {
            out.push_str(&format!("  {:<40} {n}\n", category.label_in(tr)));
        }
    }
    if !report.people.is_empty() {
        out.push_str(&format!("\n{}\n", tr.text("summary-people")));
        for p in &report.people {
            let dash = || "-".to_string();
            out.push_str(&format!(
                "  {}\n",
                tr.text_with(
                    "summary-person",
                    &[
                        (
                            "name",
                            p.name
                                .clone()
                                .unwrap_or_else(|| tr.text("summary-no-name"))
                                .into()
                        ),
                        ("born", p.birth_date.clone().unwrap_or_else(dash).into()),
                        ("id", p.id.clone().unwrap_or_else(dash).into()),
                        ("files", p.files.len().into()),
                        (
                            "worst",
                            p.worst_severity
                                .map_or_else(none, |w| w.label_in(tr).into_owned())
                                .into(),
                        ),
                    ],
                )
            ));
        }
    }
    for set in &report.dicomdir_sets {
        out.push('\n');
        out.push_str(&tr.text_with(
            "summary-dicomdir",
            &[
                ("name", file_name(set.dicomdir).into()),
                ("referenced", set.referenced.into()),
                ("scanned", set.files.len().into()),
                ("missing", set.missing_count.into()),
            ],
        ));
        out.push('\n');
    }
    out
}

/// Findings of medium severity or worse a file's text lists: a query export of 100,000
/// records would print 200,000 lines (the JSON and CSV forms list them all).
pub const TEXT_FINDINGS_PER_FILE: usize = 100;

/// One file as [`render_text`] lists it: name, status, message, and its first
/// [`TEXT_FINDINGS_PER_FILE`] findings of medium severity or worse (the rest counted).
pub fn render_file_text(f: &FileReport) -> String {
    let mut out = String::new();
    let status = match f.status {
        FileStatus::Ok => String::new(),
        other => format!(" [{}]", serde_json_status(other)),
    };
    out.push_str(&format!("  {}{}\n", f.file_name, status));
    if let Some(message) = &f.message {
        out.push_str(&format!("    {message}\n"));
    }
    // What the reader met on the way (a cut archive, data hidden behind an image, a guessed
    // character set): the JSON and CSV forms carry these, and text was silent about them.
    for warning in &f.warnings {
        out.push_str(&format!("    warning: {warning}\n"));
    }
    if !matches!(f.kind, InputKind::Unknown | InputKind::Dicom) {
        out.push_str(&format!(
            "    {}: {}, {}{}\n",
            f.kind,
            plural(f.records, "record", "records"),
            plural(f.distinct_people, "person", "people"),
            f.query_level
                .as_deref()
                .map(|l| format!(", query level {l}"))
                .unwrap_or_default()
        ));
    }
    if let Some(server) = &f.server {
        out.push_str(&format!("    server: {server}\n"));
    }
    for n in &f.network {
        out.push_str(&format!(
            "    {:<8} {:<20} {}:{} ({}, {} address) {}\n",
            n.severity.label(),
            n.rule.id(),
            n.host,
            n.port,
            n.service,
            if n.public_address {
                "public"
            } else {
                "private"
            },
            n.evidence.replace('\n', " | ")
        ));
    }
    let mut findings: Vec<&Finding> = f.findings.iter().collect();
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.path.cmp(&b.path)));
    let serious = findings
        .iter()
        .filter(|x| x.severity >= Severity::Medium)
        .count();
    for x in findings
        .iter()
        .filter(|x| x.severity >= Severity::Medium)
        .take(TEXT_FINDINGS_PER_FILE)
    {
        let place = if x.location.is_empty() {
            x.path.clone()
        } else {
            format!("{} {}", x.location, x.path)
        };
        out.push_str(&format!(
            "    {:<8} {:<12} {:<28} {:<32} {}\n",
            x.severity.label(),
            x.rule.id(),
            place,
            x.keyword,
            x.excerpt
        ));
    }
    if serious > TEXT_FINDINGS_PER_FILE {
        out.push_str(&format!(
            "    (+ {} more of medium severity or worse: --json or --csv lists every finding)\n",
            serious - TEXT_FINDINGS_PER_FILE
        ));
    }
    let minor = findings
        .iter()
        .filter(|x| x.severity < Severity::Medium)
        .count();
    if minor > 0 {
        out.push_str(&format!(
            "    (+ {} of low or info severity)\n",
            plural(minor, "finding", "findings")
        ));
    }
    out
}

pub(super) fn serde_json_status(status: FileStatus) -> &'static str {
    match status {
        FileStatus::Ok => "ok",
        FileStatus::Recovered => "recovered",
        FileStatus::Truncated => "truncated",
        FileStatus::NotDicom => "not DICOM",
        FileStatus::Unsupported => "unsupported",
        FileStatus::Unreadable => "unreadable",
    }
}
