//! The guided checklist: a short list of yes/no questions that turns a scan into a to-do list.
//!
//! There are two **paths** ([`Path`]):
//!
//! - **Patient**: what to ask your provider (your own login, a security risk assessment, a
//!   personal portal), what to do with the discs and ZIPs you hold, and whom to call if you
//!   find your data exposed. It ends with a letter to the provider ([`provider_letter`]).
//! - **Office**: what an outsider can reach (DICOM ports, the PACS web viewer), how to check
//!   from outside with nmap, and the fixes (VPN, AE title and IP allow-lists, DICOM TLS, web
//!   authentication, patches, segmentation, backups, a yearly risk assessment,
//!   de-identification).
//!
//! The content lives in [`steps`] as data. Every question is phrased so that *yes* is the safe
//! answer; each step carries why it matters, how to check, what to do if not, a severity for a
//! "no", and its sources.
//!
//! ## State machine
//!
//! [`ChecklistState`] is plain data changed only by [`ChecklistState::apply`] with an
//! [`Event`] (a reducer: no I/O, no clock, no DOM). `current` runs from `0` to the number of
//! steps; `current == steps().len()` is the summary (the action plan).
//!
//! ## Evidence
//!
//! [`Event::ApplyEvidence`] gives the checklist what a scan proved ([`Evidence`]). Each step
//! says in its `evidence` table which kinds of evidence *fail* it (the answer becomes "no"),
//! *flag* it (it goes on the action plan with "the scan shows ...", and waits for the user to
//! confirm), or only *annotate* it. Network evidence on a private address flags rather than
//! fails: the port is reachable inside the network, which a scan from inside cannot tell
//! apart from the Internet. The user may override what evidence says; the override keeps
//! the user's answer and note and is marked. [`ChecklistState::view`] puts the evidence, as
//! sentences, beside each step.
//!
//! ## What may be stored
//!
//! Only answers, notes, overrides, the path and the current step ([`to_storage_json`]). Never
//! evidence: it holds host addresses and file names. Apply the evidence again after loading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::evidence::Evidence;
use crate::i18n::Catalog;
use crate::rules::Severity;

mod evidence_map;
pub mod letter;
pub mod plan;
pub mod steps;
pub mod storage;

#[cfg(test)]
mod tests;

pub use evidence_map::{evidence_kind, evidence_sentence, evidence_sentence_in};
pub use letter::{provider_letter, provider_letter_in};
pub use plan::{action_plan, action_plan_in, render_plan_text, score, Action, Score};
pub use steps::{Step, OFFICE_STEPS, PATIENT_STEPS};
pub use storage::{from_storage_json, to_storage_json, STORAGE_VERSION};

/// Who is walking the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Path {
    Patient,
    Office,
}

impl Path {
    /// The steps of this path, in order.
    pub fn steps(self) -> &'static [Step] {
        match self {
            Path::Patient => PATIENT_STEPS,
            Path::Office => OFFICE_STEPS,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Path::Patient => "Patient",
            Path::Office => "Imaging office",
        }
    }
}

/// An answer to a step. "Yes" is always the safe answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    NotSure,
    NotApplicable,
}

impl Answer {
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotSure => "not sure",
            Answer::NotApplicable => "does not apply",
        }
    }
}

/// Which evidence a step listens to. One piece of [`Evidence`] is of exactly one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A DICOM service that let a stranger associate: `N-DICOM-ANY-AET` (any AE title
    /// accepted) or `N-DICOM-AET-GUESSED` (dicom-brute guessed the AE title).
    DicomAnyAeTitle,
    /// A DICOM port that answers: `N-DICOM-OPEN`, `N-DICOM-PORT-OPEN` (and any other
    /// `N-DICOM-*` rule not listed here).
    DicomReachable,
    /// A DICOM TLS port that answers: `N-DICOM-TLS`.
    DicomTls,
    /// A PACS web viewer or REST API that answers: `N-PACS-WEB-OPEN`.
    PacsWeb,
    /// A query export that lists people.
    QueryExport,
    /// Image files that carry identifiers.
    FilesWithIdentifiers,
    /// Images with text burned into the pixels.
    BurnedInText,
    /// Files that claim to be de-identified but are not.
    BrokenDeidentification,
    /// What an export says about the server (product, version).
    ServerInfo,
}

/// What one kind of evidence does to a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The answer becomes "no", with this severity.
    Fails(Severity),
    /// The step goes on the action plan with this severity until the user answers it.
    Flags(Severity),
    /// The evidence is shown beside the step; nothing else changes.
    Notes,
    /// The evidence does not concern the step.
    Ignores,
}

/// How a step reacts to one kind of evidence. Network evidence distinguishes a public
/// address from a private one; other evidence uses `public`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceRule {
    pub kind: EvidenceKind,
    pub public: Outcome,
    pub private: Outcome,
}

impl EvidenceRule {
    /// The same outcome whatever the address.
    pub const fn always(kind: EvidenceKind, outcome: Outcome) -> Self {
        EvidenceRule {
            kind,
            public: outcome,
            private: outcome,
        }
    }
}

/// Whether evidence fails a step or only flags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Fails,
    Flags,
}

/// What the evidence as a whole says about one step: the strongest verdict and the worst
/// severity among the pieces that fail or flag it. Holds no evidence text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceMark {
    pub verdict: Verdict,
    pub severity: Severity,
}

/// The state of one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepState {
    /// The answer in effect: the user's, or "no" when evidence failed the step.
    pub answer: Option<Answer>,
    /// The user's note.
    #[serde(default)]
    pub note: String,
    /// What the evidence says, if any concerns this step (never stored).
    #[serde(default)]
    pub from_evidence: Option<EvidenceMark>,
    /// The user's answer stands against the evidence.
    #[serde(default)]
    pub overridden: bool,
    /// `answer` was set by evidence, not by the user (it is not stored, and it is cleared
    /// when the evidence no longer fails the step).
    #[serde(default)]
    pub answered_by_evidence: bool,
}

impl StepState {
    fn is_empty(&self) -> bool {
        self.answer.is_none()
            && self.note.is_empty()
            && self.from_evidence.is_none()
            && !self.overridden
    }
}

/// The whole checklist: path, answers by step id, where the user is, and the evidence last
/// applied (kept in memory only, see [`to_storage_json`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistState {
    /// `None` until the user chooses a path.
    pub path: Option<Path>,
    /// By step id. Answers of both paths are kept, so switching path loses nothing.
    pub answers: BTreeMap<String, StepState>,
    /// Index into the path's steps; equal to their number on the summary page.
    pub current: usize,
    /// The evidence last applied.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// The id [`Event::Goto`] takes for the summary (action plan) page.
pub const SUMMARY: &str = "summary";

/// What the user (or the scan) does to the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// Start (or switch to) a path, at its first step.
    ChoosePath(Path),
    /// Answer a step. Against evidence, an answer other than what it says is an override.
    Answer { step: String, answer: Answer },
    /// Replace the note of a step.
    Note { step: String, text: String },
    /// Go to the next step (or to the summary after the last one).
    Next,
    /// Go to the previous step.
    Back,
    /// Go to a step of the current path by id.
    Goto(String),
    /// Replace the evidence: all of it, as the report now stands.
    ApplyEvidence(Vec<Evidence>),
    /// Answer against the evidence, with a note saying why.
    Override {
        step: String,
        answer: Answer,
        note: String,
    },
    /// Forget everything.
    Reset,
}

/// One step as the UI shows it: the content, the state, the evidence in sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepView {
    pub step: &'static Step,
    pub state: StepState,
    pub evidence_summary: Vec<String>,
}

/// The step with this id, on either path.
pub fn find_step(id: &str) -> Option<&'static Step> {
    PATIENT_STEPS
        .iter()
        .chain(OFFICE_STEPS.iter())
        .find(|s| s.id == id)
}

impl ChecklistState {
    /// A fresh checklist on a path.
    pub fn new(path: Path) -> Self {
        ChecklistState::default().apply(Event::ChoosePath(path))
    }

    /// The steps of the chosen path (none before a path is chosen).
    pub fn steps(&self) -> &'static [Step] {
        self.path.map(Path::steps).unwrap_or(&[])
    }

    /// The step the user is on, `None` on the summary page or before a path is chosen.
    pub fn current_step(&self) -> Option<&'static Step> {
        self.steps().get(self.current)
    }

    /// Whether the user has gone past the last step.
    pub fn is_finished(&self) -> bool {
        self.path.is_some() && self.current >= self.steps().len()
    }

    /// The state of a step (default when untouched).
    pub fn step_state(&self, id: &str) -> StepState {
        self.answers.get(id).cloned().unwrap_or_default()
    }

    /// A step of the current path with its state and evidence sentences (English).
    pub fn view(&self, index: usize) -> Option<StepView> {
        self.view_in(index, Catalog::english())
    }

    /// [`ChecklistState::view`] with the evidence sentences in the catalogue's language.
    pub fn view_in(&self, index: usize, tr: &Catalog) -> Option<StepView> {
        let step = self.steps().get(index)?;
        Some(StepView {
            step,
            state: self.step_state(step.id),
            evidence_summary: evidence_map::matches(step, &self.evidence, tr)
                .into_iter()
                .map(|m| m.sentence)
                .collect(),
        })
    }

    /// Every step of the current path as a view (English).
    pub fn views(&self) -> Vec<StepView> {
        self.views_in(Catalog::english())
    }

    /// Every step of the current path as a view in the catalogue's language.
    pub fn views_in(&self, tr: &Catalog) -> Vec<StepView> {
        (0..self.steps().len())
            .filter_map(|i| self.view_in(i, tr))
            .collect()
    }

    /// The reducer: the state after `event`. Unknown step ids are ignored.
    pub fn apply(mut self, event: Event) -> Self {
        match event {
            Event::ChoosePath(path) => {
                self.path = Some(path);
                self.current = 0;
            }
            Event::Answer { step, answer } => {
                if find_step(&step).is_some() {
                    let s = self.answers.entry(step).or_default();
                    let agrees = matches!(
                        s.from_evidence,
                        Some(EvidenceMark {
                            verdict: Verdict::Fails,
                            ..
                        })
                    ) && answer == Answer::No;
                    s.overridden = s.from_evidence.is_some() && !agrees;
                    s.answer = Some(answer);
                    s.answered_by_evidence = false;
                }
            }
            Event::Note { step, text } => {
                if find_step(&step).is_some() {
                    self.answers.entry(step).or_default().note = text;
                }
            }
            Event::Next => self.current = (self.current + 1).min(self.steps().len()),
            Event::Back => self.current = self.current.saturating_sub(1),
            Event::Goto(id) => {
                if let Some(i) = self.steps().iter().position(|s| s.id == id) {
                    self.current = i;
                } else if id == SUMMARY {
                    self.current = self.steps().len();
                }
            }
            Event::ApplyEvidence(evidence) => {
                self.evidence = evidence;
                self.refresh_evidence();
            }
            Event::Override { step, answer, note } => {
                if find_step(&step).is_some() {
                    let s = self.answers.entry(step).or_default();
                    s.answer = Some(answer);
                    s.note = note;
                    s.overridden = true;
                    s.answered_by_evidence = false;
                }
            }
            Event::Reset => return ChecklistState::default(),
        }
        self
    }

    /// Recompute every step's mark from `self.evidence` (both paths, so switching path keeps
    /// the evidence in force).
    fn refresh_evidence(&mut self) {
        for step in PATIENT_STEPS.iter().chain(OFFICE_STEPS.iter()) {
            let mark = evidence_map::mark(step, &self.evidence);
            let s = self.answers.entry(step.id.to_string()).or_default();
            if s.answered_by_evidence {
                s.answer = None;
                s.answered_by_evidence = false;
            }
            s.from_evidence = mark;
            if let Some(EvidenceMark {
                verdict: Verdict::Fails,
                ..
            }) = mark
            {
                if !s.overridden && s.answer != Some(Answer::No) {
                    s.answer = Some(Answer::No);
                    s.answered_by_evidence = true;
                }
            }
        }
        self.answers.retain(|_, s| !s.is_empty());
    }
}
