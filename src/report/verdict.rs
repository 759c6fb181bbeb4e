//! The plain-language verdict that opens the report.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::i18n::{Arg, Catalog, Lang};
use crate::rules::Category;

use super::*;

/// `1 file`, `2 files`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What the verdict rests on: counts and which identifiers name people. Reports keep it
/// beside the English sentence, so that the page can word it in the user's language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerdictFacts {
    pub files: usize,
    pub files_scanned: usize,
    pub files_with_findings: usize,
    pub files_failed: usize,
    pub network_exposures: usize,
    pub people: usize,
    pub by_name: bool,
    pub by_birth_date: bool,
    pub by_id: bool,
    /// Files holding each of the categories worth naming on their own, in this order:
    /// Social Security numbers, places, phone numbers, e-mail addresses.
    pub also: Vec<(Category, usize)>,
}

impl VerdictFacts {
    pub(super) fn new(
        summary: &Summary,
        people: &[Person],
        serious: &BTreeMap<Category, usize>,
    ) -> VerdictFacts {
        VerdictFacts {
            files: summary.files,
            files_scanned: summary.files_scanned,
            files_with_findings: summary.files_with_findings,
            files_failed: summary.files_failed,
            network_exposures: summary.network_exposures,
            people: people.len(),
            by_name: people.iter().any(|p| p.name.is_some()),
            by_birth_date: people.iter().any(|p| p.birth_date.is_some()),
            by_id: people.iter().any(|p| p.id.is_some()),
            also: [
                Category::Ssn,
                Category::Geography,
                Category::Phone,
                Category::Email,
            ]
            .into_iter()
            .filter_map(|c| serious.get(&c).map(|n| (c, *n)))
            .collect(),
        }
    }

    /// The plain-language verdict that opens the report, in the catalogue's language.
    pub fn sentence(&self, tr: &Catalog) -> String {
        let count = |name, n: usize| (name, Arg::from(n));
        if self.files_scanned == 0 {
            return tr.text_with("verdict-none-read", &[count("files", self.files)]);
        }
        let scanned = count("scanned", self.files_scanned);
        let nothing = self.people == 0 && self.files_with_findings == 0;
        if nothing && self.network_exposures == 0 {
            return tr.text_with("verdict-clean", &[scanned]);
        }
        let by: Vec<String> = [
            (self.by_name, "verdict-by-name"),
            (self.by_birth_date, "verdict-by-birth-date"),
            (self.by_id, "verdict-by-id"),
        ]
        .into_iter()
        .filter(|(named, _)| *named)
        .map(|(_, id)| tr.text(id))
        .collect();
        let mut text = if nothing {
            tr.text_with("verdict-names-no-one", &[scanned])
        } else if self.people == 0 {
            let with = count("with", self.files_with_findings);
            tr.text_with("verdict-other-details", &[scanned, with])
        } else if by.is_empty() {
            tr.text_with(
                "verdict-identifies",
                &[scanned, count("people", self.people)],
            )
        } else {
            let traits = list(tr, &by);
            tr.text_with(
                "verdict-identifies-by",
                &[
                    scanned,
                    count("people", self.people),
                    ("traits", traits.into()),
                ],
            )
        };
        let also: Vec<String> = self
            .also
            .iter()
            .map(|(category, n)| {
                tr.text_with(
                    "verdict-also",
                    &[count("files", *n), ("what", category.label_in(tr).into())],
                )
            })
            .collect();
        if !also.is_empty() {
            text.push_str("; ");
            text.push_str(&also.join("; "));
        }
        text.push('.');
        if self.network_exposures > 0 {
            text.push(' ');
            text.push_str(&tr.text_with(
                "verdict-network",
                &[count("services", self.network_exposures)],
            ));
        }
        if self.files_failed > 0 {
            text.push(' ');
            text.push_str(&tr.text_with("verdict-failed", &[count("files", self.files_failed)]));
        }
        text
    }
}

impl Summary {
    /// The verdict in the catalogue's language. English is the report's own sentence: a report
    /// read back from JSON has it, but no facts to word it anew.
    pub fn verdict_in(&self, tr: &Catalog) -> Cow<'_, str> {
        match tr.lang() {
            Lang::En => Cow::Borrowed(&self.verdict),
            _ => Cow::Owned(self.verdict_facts.sentence(tr)),
        }
    }
}

/// `a`, `a and b`, `a, b and c` in the catalogue's language.
fn list(tr: &Catalog, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr.text_with(
            "list-and",
            &[("init", init.join(", ").into()), ("last", last.into())],
        ),
    }
}
