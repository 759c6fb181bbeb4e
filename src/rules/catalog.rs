//! The rule catalog: every rule, whatever its kind, described the same way by its stable id.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::annex_e::{AnnexERow, EDITION};
use super::row::RuleRow;
use super::rule::Rule;
use super::{Category, Severity};
use crate::i18n::core_texts::{action_key, rule_key};
use crate::i18n::Catalog;

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

impl Rule {
    /// The rule's description, as reports and `explain` give it (English).
    pub fn info(self) -> RuleInfo {
        self.info_in(Catalog::english())
    }

    /// The rule's title in the catalogue's language (an Annex E row's is the standard's English
    /// attribute name in every language).
    pub fn title_in(self, tr: &Catalog) -> Cow<'static, str> {
        match self {
            Rule::AnnexE(row) => Cow::Borrowed(row.name),
            other => tr.core(&rule_key(other.id()), None, other.title()),
        }
    }

    /// The rule's description in the catalogue's language. The reference stays as the source
    /// writes it, and an Annex E row keeps the standard's English attribute name as its title.
    pub fn info_in(self, tr: &Catalog) -> RuleInfo {
        match self {
            Rule::AnnexE(row) => annex_e_info(row, tr),
            Rule::Detector(d) => row_info(d.row(), tr),
            Rule::File(r) => row_info(r.row(), tr),
            Rule::Network(n) => {
                let row = n.row();
                let key = rule_key(row.id);
                RuleInfo {
                    id: row.id.to_string(),
                    title: tr.core(&key, None, row.title).into_owned(),
                    category: n.category(),
                    severity: self.severity(),
                    why: tr.core(&key, Some("why"), row.why).into_owned(),
                    fix: tr.core(&key, Some("fix"), row.fix).into_owned(),
                    reference: row.reference.to_string(),
                }
            }
        }
    }
}

fn row_info<R>(row: &RuleRow<R>, tr: &Catalog) -> RuleInfo {
    let key = rule_key(row.id);
    RuleInfo {
        id: row.id.to_string(),
        title: tr.core(&key, None, row.title).into_owned(),
        category: row.category,
        severity: row.severity,
        why: tr.core(&key, Some("why"), row.why).into_owned(),
        fix: tr.core(&key, Some("fix"), row.fix).into_owned(),
        reference: row.reference.to_string(),
    }
}

/// An Annex E row's texts are made from its columns: the table has no prose of its own.
fn annex_e_info(row: &AnnexERow, tr: &Catalog) -> RuleInfo {
    let action = tr.core(&action_key(row.action_code()), None, row.action_label());
    RuleInfo {
        id: row.id.to_string(),
        title: row.name.to_string(),
        category: row.category,
        severity: row.severity,
        why: row.category.why_in(tr).into_owned(),
        fix: tr.text_with("annex-e-fix", &[("action", action.as_ref().into())]),
        reference: format!(
            "DICOM PS3.15 ({EDITION}) Table E.1-1, {} {}, action {}",
            row.tag, row.name, row.basic
        ),
    }
}

/// Look any rule up by its stable id (`E-00100010`, `V-SSN`, `F-BURNED-IN`).
pub fn rule_info(id: &str) -> Option<RuleInfo> {
    Rule::from_id(id).ok().map(Rule::info)
}

/// Every rule, kind by kind: Annex E, value detectors, file risks, network.
pub fn all_rules() -> Vec<RuleInfo> {
    Rule::all().map(Rule::info).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_info_round_trips_for_every_rule_of_every_kind() {
        let rules: Vec<Rule> = Rule::all().collect();
        let infos = all_rules();
        assert_eq!(infos.len(), rules.len());
        for (rule, info) in rules.iter().zip(&infos) {
            assert_eq!(info.id, rule.id());
            assert_eq!(rule_info(&info.id).as_ref(), Some(info));
            assert_eq!(info.title, rule.title());
            assert_eq!(info.category, rule.category());
            assert_eq!(info.severity, rule.severity());
        }
        assert!(rule_info("NOPE").is_none());
    }

    #[test]
    fn every_rule_says_why_what_to_do_and_where_it_comes_from() {
        for info in all_rules() {
            for (what, text) in [
                ("title", &info.title),
                ("why", &info.why),
                ("fix", &info.fix),
                ("reference", &info.reference),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {what}", info.id);
            }
        }
    }

    #[test]
    fn every_kind_is_in_the_catalog() {
        let kinds = |prefix: &str| {
            all_rules()
                .iter()
                .filter(|r| r.id.starts_with(prefix))
                .count()
        };
        assert_eq!(kinds("E-"), super::super::annex_e::rows().len());
        assert_eq!(kinds("V-"), super::super::detectors::ROWS.len());
        assert_eq!(kinds("F-"), super::super::file_risks::ROWS.len());
        assert_eq!(kinds("N-"), super::super::network::ROWS.len());
    }

    #[test]
    fn annex_e_texts_come_from_the_row() {
        let name = rule_info("E-00100010").unwrap();
        assert_eq!(name.title, "Patient's Name");
        assert!(
            name.reference.contains("(0010,0010) Patient's Name"),
            "{}",
            name.reference
        );
        assert!(name.reference.contains(EDITION), "{}", name.reference);
    }
}
