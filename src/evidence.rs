//! Evidence: what a scan proves, in the terms the guided checklist asks about.
//!
//! The checklist never reads findings directly; it reads these facts. Each holds counts and
//! addresses of servers, never a patient value, so a checklist state built from them can be
//! stored.

use serde::{Deserialize, Serialize};

use crate::decode::{ExportFormat, InputKind};
use crate::report::Report;
use crate::rules::file_risks::FileRisk;
use crate::rules::network::NetworkRule;
use crate::rules::{Category, Severity};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// A scan result shows a DICOM or PACS web service reachable on the network.
    NetworkExposure {
        #[serde(rename = "rule_id")]
        rule: NetworkRule,
        host: String,
        port: u16,
        public_address: bool,
        severity: Severity,
        evidence: String,
    },
    /// A query export (findscu, QIDO-RS, Orthanc, CSV) lists people: the server answered a
    /// query with patient data.
    QueryExportListsPeople {
        file_name: String,
        format: ExportFormat,
        people: usize,
        records: usize,
    },
    /// Image files that carry identifiers (what would be shared on a CD, a USB stick, a ZIP).
    FilesWithIdentifiers {
        files: usize,
        people: usize,
        worst_severity: Severity,
        categories: Vec<Category>,
    },
    /// Images that have, or probably have, text burned into the pixels.
    BurnedInText { files: usize },
    /// Files that claim to be de-identified but are not.
    BrokenDeidentification { files: usize },
    /// What an export says about the server (product, version).
    ServerInfo { file_name: String, text: String },
}

/// Every piece of evidence in a report.
pub fn evidence_from_report(report: &Report) -> Vec<Evidence> {
    let mut out = Vec::new();
    for file in &report.files {
        for n in &file.network {
            out.push(Evidence::NetworkExposure {
                rule: n.rule,
                host: n.host.clone(),
                port: n.port,
                public_address: n.public_address,
                severity: n.severity,
                evidence: n.evidence.clone(),
            });
        }
        if let (InputKind::Export(format), true) = (file.kind, file.distinct_people > 0) {
            out.push(Evidence::QueryExportListsPeople {
                file_name: file.file_name.clone(),
                format,
                people: file.distinct_people,
                records: file.records,
            });
        }
        if let Some(server) = &file.server {
            out.push(Evidence::ServerInfo {
                file_name: file.file_name.clone(),
                text: server.clone(),
            });
        }
    }
    let images: Vec<_> = report.files.iter().filter(|f| f.kind.is_dicom()).collect();
    let identifying: Vec<_> = images
        .iter()
        .filter(|f| f.worst_severity() >= Some(Severity::Medium))
        .collect();
    if let Some(worst) = identifying.iter().filter_map(|f| f.worst_severity()).max() {
        let mut categories: Vec<Category> = identifying
            .iter()
            .flat_map(|f| f.findings.iter())
            .filter(|x| x.severity >= Severity::Medium)
            .map(|x| x.category)
            .collect();
        categories.sort_unstable();
        categories.dedup();
        out.push(Evidence::FilesWithIdentifiers {
            files: identifying.len(),
            people: report.summary.distinct_people,
            worst_severity: worst,
            categories,
        });
    }
    let count = |risk: fn(FileRisk) -> bool| {
        images
            .iter()
            .filter(|f| {
                f.findings
                    .iter()
                    .any(|x| x.rule.file_risk().is_some_and(risk))
            })
            .count()
    };
    let burned = count(FileRisk::is_burned_in);
    if burned > 0 {
        out.push(Evidence::BurnedInText { files: burned });
    }
    let broken = count(|r| r == FileRisk::BrokenDeidentification);
    if broken > 0 {
        out.push(Evidence::BrokenDeidentification { files: broken });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::NetworkFinding;
    use crate::report::{FileReport, FileStatus};

    #[test]
    fn network_findings_and_exports_become_evidence() {
        let mut nmap = FileReport::failed("scan.xml", FileStatus::Ok, String::new());
        nmap.kind = InputKind::Export(ExportFormat::NmapXml);
        nmap.network.push(NetworkFinding {
            rule: NetworkRule::AnyAet,
            host: "203.0.113.9".into(),
            port: 104,
            service: "dicom".into(),
            evidence: "config: Any AET is accepted (Insecure)".into(),
            severity: Severity::Critical,
            public_address: true,
        });
        let mut export = FileReport::failed("find.txt", FileStatus::Ok, String::new());
        export.kind = InputKind::Export(ExportFormat::DcmtkFindscu);
        export.distinct_people = 3;
        export.records = 4;
        let report = Report::build(vec![nmap, export], "", false);
        let evidence = evidence_from_report(&report);
        // Exactly these two: no image evidence from files that are not images.
        assert_eq!(evidence.len(), 2, "{evidence:?}");
        assert!(matches!(
            &evidence[0],
            Evidence::NetworkExposure {
                port: 104,
                public_address: true,
                ..
            }
        ));
        assert!(matches!(
            &evidence[1],
            Evidence::QueryExportListsPeople { people: 3, .. }
        ));
    }
}
