//! The plain-language verdict that opens the report.

use std::collections::BTreeMap;

use crate::rules::Category;

use super::*;

/// `1 file`, `2 files`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The plain-language verdict that opens the report.
pub(super) fn verdict(
    summary: &Summary,
    people: &[Person],
    serious: &BTreeMap<Category, usize>,
) -> String {
    if summary.files_scanned == 0 {
        return format!(
            "None of the {} could be read.",
            plural(summary.files, "file", "files")
        );
    }
    let these = if summary.files_scanned == 1 {
        "This file".to_string()
    } else {
        format!("These {} files", summary.files_scanned)
    };
    if people.is_empty() && summary.files_with_findings == 0 && summary.network_exposures == 0 {
        let verb = if summary.files_scanned == 1 {
            "names no one and holds"
        } else {
            "name no one and hold"
        };
        return format!("{these} {verb} no identifier we know of.");
    }
    let identify = if summary.files_scanned == 1 {
        "identifies"
    } else {
        "identify"
    };
    let mut by: Vec<&str> = Vec::new();
    if people.iter().any(|p| p.name.is_some()) {
        by.push("name");
    }
    if people.iter().any(|p| p.birth_date.is_some()) {
        by.push("birth date");
    }
    if people.iter().any(|p| p.id.is_some()) {
        by.push("patient ID");
    }
    let mut text = if people.is_empty() && summary.files_with_findings == 0 {
        let verb = if summary.files_scanned == 1 {
            "names"
        } else {
            "name"
        };
        format!("{these} {verb} no one")
    } else if people.is_empty() {
        if summary.files_scanned == 1 {
            format!("{these} names no one, but holds other identifying details")
        } else {
            format!(
                "{these} name no one, but {} other identifying details",
                plural(summary.files_with_findings, "file holds", "files hold")
            )
        }
    } else if by.is_empty() {
        format!(
            "{these} {identify} {}",
            plural(people.len(), "person", "people")
        )
    } else {
        format!(
            "{these} {identify} {} by {}",
            plural(people.len(), "person", "people"),
            join_words(&by)
        )
    };
    let extra: Vec<String> = [
        Category::Ssn,
        Category::Geography,
        Category::Phone,
        Category::Email,
    ]
    .iter()
    .filter_map(|c| {
        serious
            .get(c)
            .map(|n| format!("{} also hold {}", plural(*n, "file", "files"), c.label()))
    })
    .collect();
    if !extra.is_empty() {
        text.push_str("; ");
        text.push_str(&extra.join("; "));
    }
    text.push('.');
    if summary.network_exposures > 0 {
        text.push_str(&format!(
            " A network scan shows {} reachable over the network.",
            plural(
                summary.network_exposures,
                "imaging service",
                "imaging services"
            )
        ));
    }
    if summary.files_failed > 0 {
        text.push_str(&format!(
            " {} could not be read.",
            plural(summary.files_failed, "file", "files")
        ));
    }
    text
}
