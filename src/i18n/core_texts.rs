//! Every table text of the core that the page shows, with the key its translations use.
//!
//! English lives in the tables themselves (rules, checklist steps, categories); this list is
//! how the Spanish and German catalogues know what to translate, and how the tests know that
//! they did. Keys are Fluent ids made from the tables' stable ids, so a translation never
//! drifts to another row.

use std::borrow::Cow;

use super::Catalog;
use crate::checklist::{Answer, Path, Step, OFFICE_STEPS, PATIENT_STEPS};
use crate::rules::annex_e::ACTION_LABELS;
use crate::rules::detectors::ROWS as DETECTOR_ROWS;
use crate::rules::file_risks::ROWS as FILE_RISK_ROWS;
use crate::rules::network::ROWS as NETWORK_ROWS;
use crate::rules::{Category, Severity};
use crate::sniff::{NotRead, NOT_READ};

/// One text of a core table: `id` (and `attr`, when the text is an attribute of the message)
/// in every catalogue but English, whose text is `english`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreText {
    pub id: String,
    pub attr: Option<&'static str>,
    pub english: &'static str,
}

impl CoreText {
    /// `id` or `id.attr`, as [`super::defined_keys`] names it.
    pub fn key(&self) -> String {
        match self.attr {
            Some(a) => format!("{}.{a}", self.id),
            None => self.id.clone(),
        }
    }
}

/// The key of a rule's texts: `rule-V-SSN` (title), `.why`, `.fix`.
pub fn rule_key(id: &str) -> String {
    format!("rule-{id}")
}

/// The key of a checklist step's texts: `step-P-LOGIN` (title), `.question`, `.why`, `.how`,
/// `.if-not`.
pub fn step_key(id: &str) -> String {
    format!("step-{id}")
}

/// `category-medical_record` (label) and `.why`.
pub fn category_key(category: Category) -> String {
    format!("category-{}", category.code())
}

pub fn severity_key(severity: Severity) -> String {
    format!("severity-{}", severity.label())
}

/// The key of an Annex E action code: `action-X`, `action-X_Z_D` (`/` and `*` are not
/// allowed in Fluent ids).
pub fn action_key(code: &str) -> String {
    let slug: String = code
        .chars()
        .map(|c| match c {
            '/' => '_',
            '*' => 's',
            c => c,
        })
        .collect();
    format!("action-{slug}")
}

/// The key of a checklist source citation: `source-hhs-sra-tool`.
pub fn source_key(citation: &str) -> String {
    let mut slug = String::from("source-");
    let mut dash = false;
    for c in citation.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.ends_with('-') {
                slug.push('-');
            }
            slug.push(c.to_ascii_lowercase());
            dash = false;
        } else {
            dash = true;
        }
    }
    slug
}

/// What a kind of file not read is, and what to do with it: `notread-pdf`.
pub fn notread_key(id: &str) -> String {
    format!("notread-{id}")
}

pub fn path_key(path: Path) -> String {
    format!(
        "path-{}",
        match path {
            Path::Patient => "patient",
            Path::Office => "office",
        }
    )
}

pub fn answer_key(answer: Answer) -> String {
    format!(
        "answer-{}",
        match answer {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotSure => "not-sure",
            Answer::NotApplicable => "not-applicable",
        }
    )
}

fn text(id: String, attr: Option<&'static str>, english: &'static str) -> CoreText {
    CoreText { id, attr, english }
}

/// Every core text, table by table.
pub fn core_texts() -> Vec<CoreText> {
    let mut out = Vec::new();
    let rules = DETECTOR_ROWS
        .iter()
        .map(|r| (r.id, r.title, r.why, r.fix))
        .chain(FILE_RISK_ROWS.iter().map(|r| (r.id, r.title, r.why, r.fix)))
        .chain(NETWORK_ROWS.iter().map(|r| (r.id, r.title, r.why, r.fix)));
    for (id, title, why, fix) in rules {
        out.push(text(rule_key(id), None, title));
        out.push(text(rule_key(id), Some("why"), why));
        out.push(text(rule_key(id), Some("fix"), fix));
    }
    for category in Category::ALL {
        out.push(text(category_key(category), None, category.label()));
        out.push(text(category_key(category), Some("why"), category.why()));
    }
    for severity in Severity::ALL {
        out.push(text(severity_key(severity), None, severity.label()));
    }
    for (code, label) in ACTION_LABELS {
        out.push(text(action_key(code), None, label));
    }
    let mut citations: Vec<&'static str> = Vec::new();
    for step in PATIENT_STEPS.iter().chain(OFFICE_STEPS) {
        out.extend(step_texts(step));
        for citation in step.sources {
            if !citations.contains(citation) {
                citations.push(citation);
            }
        }
    }
    for citation in citations {
        out.push(text(source_key(citation), None, citation));
    }
    for path in [Path::Patient, Path::Office] {
        out.push(text(path_key(path), None, path.label()));
    }
    for answer in [
        Answer::Yes,
        Answer::No,
        Answer::NotSure,
        Answer::NotApplicable,
    ] {
        out.push(text(answer_key(answer), None, answer.label()));
    }
    for row in NOT_READ {
        out.push(text(notread_key(row.id), None, row.what));
    }
    for ask in crate::checklist::letter::asks() {
        out.push(text(format!("ask-{}", ask.0), Some("not-sure"), ask.1));
        out.push(text(format!("ask-{}", ask.0), Some("no"), ask.2));
    }
    out
}

fn step_texts(step: &Step) -> [CoreText; 5] {
    let key = step_key(step.id);
    [
        text(key.clone(), None, step.title),
        text(key.clone(), Some("question"), step.question),
        text(key.clone(), Some("why"), step.why),
        text(key.clone(), Some("how"), step.how_to_check),
        text(key, Some("if-not"), step.if_not),
    ]
}

/// The core tables' texts in a catalogue's language.
impl Category {
    pub fn label_in(self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&category_key(self), None, self.label())
    }

    pub fn why_in(self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&category_key(self), Some("why"), self.why())
    }
}

impl Severity {
    pub fn label_in(self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&severity_key(self), None, self.label())
    }
}

impl Path {
    pub fn label_in(self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&path_key(self), None, self.label())
    }
}

impl Answer {
    pub fn label_in(self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&answer_key(self), None, self.label())
    }
}

impl NotRead {
    pub fn what_in(&self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&notread_key(self.id), None, self.what)
    }
}

impl Step {
    pub fn title_in(&self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&step_key(self.id), None, self.title)
    }

    pub fn question_in(&self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&step_key(self.id), Some("question"), self.question)
    }

    pub fn why_in(&self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&step_key(self.id), Some("why"), self.why)
    }

    pub fn how_to_check_in(&self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&step_key(self.id), Some("how"), self.how_to_check)
    }

    pub fn if_not_in(&self, tr: &Catalog) -> Cow<'static, str> {
        tr.core(&step_key(self.id), Some("if-not"), self.if_not)
    }

    /// The step's sources, each in the language where one exists, else marked as English.
    pub fn sources_in(&self, tr: &Catalog) -> Vec<Cow<'static, str>> {
        self.sources
            .iter()
            .map(|citation| tr.core(&source_key(citation), None, citation))
            .collect()
    }
}
