//! The rule catalog: every rule, whatever its kind, described the same way by its stable id.

use serde::{Deserialize, Serialize};

use super::annex_e::{self, AnnexERow, EDITION};
use super::detectors::Detector;
use super::file_risks::FileRisk;
use super::network::NetworkRule;
use super::{Category, Severity};

/// What a rule finds, why it matters, what to do, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub severity: Severity,
    pub why: String,
    pub fix: String,
    pub reference: String,
}

/// The description of an Annex E attribute rule.
pub fn annex_e_info(row: &AnnexERow) -> RuleInfo {
    RuleInfo {
        id: row.id.to_string(),
        title: row.name.to_string(),
        category: row.category,
        severity: row.severity,
        why: row.category.why().to_string(),
        fix: format!(
            "A de-identifier following the DICOM Basic Profile would have {} this attribute. \
             Do that before sharing the file.",
            row.action_label()
        ),
        reference: format!(
            "DICOM PS3.15 ({EDITION}) Table E.1-1, {} {}, action {}",
            row.tag, row.name, row.basic
        ),
    }
}

pub fn detector_info(detector: Detector) -> RuleInfo {
    RuleInfo {
        id: detector.id().to_string(),
        title: detector.title().to_string(),
        category: detector.category(),
        severity: detector.severity(),
        why: detector.why().to_string(),
        fix: detector.fix().to_string(),
        reference: "HIPAA Safe Harbor, 45 CFR 164.514(b)(2)".to_string(),
    }
}

pub fn file_risk_info(risk: FileRisk) -> RuleInfo {
    RuleInfo {
        id: risk.id().to_string(),
        title: risk.title().to_string(),
        category: risk.category(),
        severity: risk.severity(),
        why: risk.why().to_string(),
        fix: risk.fix().to_string(),
        reference: "DICOM PS3.15 Annex E (E.1.1, E.3)".to_string(),
    }
}

pub fn network_info(rule: NetworkRule) -> RuleInfo {
    RuleInfo {
        id: rule.id().to_string(),
        title: rule.title().to_string(),
        category: rule.category(),
        // The report states the severity per host: critical on a public address.
        severity: rule.severity(true),
        why: rule.why().to_string(),
        fix: rule.fix().to_string(),
        reference: "ProPublica / Bayerischer Rundfunk 2019; HHS 405(d) HICP practice 6".to_string(),
    }
}

/// Look any rule up by its stable id (`E-00100010`, `V-SSN`, `F-BURNED-IN`).
pub fn rule_info(id: &str) -> Option<RuleInfo> {
    if let Some(row) = annex_e::by_id(id) {
        return Some(annex_e_info(row));
    }
    if let Some(d) = Detector::ALL.iter().find(|d| d.id() == id) {
        return Some(detector_info(*d));
    }
    if let Some(rule) = NetworkRule::from_id(id) {
        return Some(network_info(rule));
    }
    FileRisk::ALL
        .iter()
        .find(|r| r.id() == id)
        .map(|r| file_risk_info(*r))
}

/// Every rule, in id order within each kind: Annex E, value detectors, file risks, network.
pub fn all_rules() -> Vec<RuleInfo> {
    annex_e::rows()
        .iter()
        .map(annex_e_info)
        .chain(Detector::ALL.iter().map(|d| detector_info(*d)))
        .chain(FileRisk::ALL.iter().map(|r| file_risk_info(*r)))
        .chain(NetworkRule::ALL.iter().map(|r| network_info(*r)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_rule_is_found_by_id() {
        assert_eq!(rule_info("E-00100010").unwrap().title, "Patient's Name");
        assert_eq!(rule_info("V-SSN").unwrap().category, Category::Ssn);
        assert_eq!(
            rule_info("F-DEID-BROKEN").unwrap().severity,
            Severity::Critical
        );
        assert!(rule_info("NOPE").is_none());
    }

    #[test]
    fn rule_ids_are_unique() {
        let rules = all_rules();
        let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rules.len());
    }
}
