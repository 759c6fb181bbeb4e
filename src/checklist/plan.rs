//! What the answers add up to: a score, an action plan ordered by urgency, and a printable
//! text of both.

use serde::Serialize;

use crate::i18n::Catalog;

use crate::rules::Severity;

use super::evidence_map::{self, Match};
use super::{Answer, ChecklistState, EvidenceMark, Outcome, Step, Verdict};

/// How far the user is. Steps answered "does not apply" are left out of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Steps answered yes, no or not sure.
    pub answered: usize,
    /// Steps of the path that apply (all minus "does not apply").
    pub total: usize,
    pub yes: usize,
    pub no: usize,
    pub not_sure: usize,
    pub not_applicable: usize,
    /// Share of the steps that apply answered yes, rounded down (0 when none apply).
    pub percent: u8,
}

/// One thing to do, from a "no", a "not sure" or what a scan shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub step_id: String,
    pub title: String,
    pub what_to_do: String,
    pub severity: Severity,
    /// "you answered no", "you answered not sure", "the scan shows ...", or a combination.
    pub reason: String,
}

/// The score of the current path.
pub fn score(state: &ChecklistState) -> Score {
    let mut s = Score::default();
    for step in state.steps() {
        match state.answers.get(step.id).and_then(|x| x.answer) {
            Some(Answer::Yes) => s.yes += 1,
            Some(Answer::No) => s.no += 1,
            Some(Answer::NotSure) => s.not_sure += 1,
            Some(Answer::NotApplicable) => s.not_applicable += 1,
            None => {}
        }
    }
    s.answered = s.yes + s.no + s.not_sure;
    s.total = state.steps().len() - s.not_applicable;
    // At most 100, so the cast cannot truncate; 0 when no step applies.
    s.percent = (s.yes * 100).checked_div(s.total).unwrap_or(0) as u8;
    s
}

fn scan_text(matches: &[Match], tr: &Catalog) -> String {
    let sentences: Vec<&str> = matches.iter().map(|m| m.sentence.as_str()).collect();
    tr.text_with(
        "plan-scan-shows",
        &[("sentences", sentences.join("; ").into())],
    )
}

fn action_for(state: &ChecklistState, step: &'static Step, tr: &Catalog) -> Option<Action> {
    let s = state.answers.get(step.id).cloned().unwrap_or_default();
    let matches: Vec<Match> = if s.overridden {
        Vec::new()
    } else {
        evidence_map::matches(step, &state.evidence, tr)
    };
    let mark = if s.overridden { None } else { s.from_evidence };
    let scan_raises = matches
        .iter()
        .any(|m| matches!(m.outcome, Outcome::Fails(_) | Outcome::Flags(_)));
    let (mut reasons, mut severity) = match (s.answer, mark) {
        (Some(Answer::No), _) if s.answered_by_evidence => (
            Vec::new(),
            evidence_map::no_severity(step, mark, s.overridden),
        ),
        (Some(Answer::No), _) => (vec![tr.text("plan-answered-no")], step.severity),
        (Some(Answer::NotSure), _) => (vec![tr.text("plan-answered-not-sure")], step.severity),
        (_, Some(EvidenceMark { severity, .. })) if scan_raises => (Vec::new(), severity),
        _ => return None,
    };
    if let Some(EvidenceMark {
        verdict: Verdict::Fails | Verdict::Flags,
        severity: evidence_severity,
    }) = mark
    {
        severity = severity.max(evidence_severity);
    }
    if !matches.is_empty() {
        reasons.push(scan_text(&matches, tr));
    }
    Some(Action {
        step_id: step.id.to_string(),
        title: step.title_in(tr).into_owned(),
        what_to_do: step.if_not_in(tr).into_owned(),
        severity,
        reason: reasons.join("; "),
    })
}

/// What to do, most severe first, then in step order (English).
pub fn action_plan(state: &ChecklistState) -> Vec<Action> {
    action_plan_in(state, Catalog::english())
}

/// [`action_plan`] in the catalogue's language.
pub fn action_plan_in(state: &ChecklistState, tr: &Catalog) -> Vec<Action> {
    let mut plan: Vec<(usize, Action)> = state
        .steps()
        .iter()
        .enumerate()
        .filter_map(|(i, step)| action_for(state, step, tr).map(|a| (i, a)))
        .collect();
    plan.sort_by(|(ia, a), (ib, b)| b.severity.cmp(&a.severity).then(ia.cmp(ib)));
    plan.into_iter().map(|(_, a)| a).collect()
}

/// Append `text` wrapped at 78 columns, every line starting with `indent`.
fn push_wrapped(out: &mut String, indent: &str, text: &str) {
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        if line.len() > indent.len() && line.len() + 1 + word.len() > 78 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if line.len() > indent.len() {
        out.push_str(&line);
        out.push('\n');
    }
}

/// The score and the action plan as printable plain text, in English (tests and tools; the
/// page prints its own view, in the user's language).
pub fn render_plan_text(state: &ChecklistState) -> String {
    let Some(path) = state.path else {
        return "No checklist chosen yet.\n".to_string();
    };
    let sc = score(state);
    let mut out = format!("Checklist: {}\n\n", path.label());
    push_wrapped(
        &mut out,
        "",
        &format!(
            "Answered {} of {} questions that apply: {} yes, {} no, {} not sure. {}% answered \
             yes.",
            sc.answered, sc.total, sc.yes, sc.no, sc.not_sure, sc.percent
        ),
    );
    let plan = action_plan(state);
    out.push_str("\nWhat to do, most urgent first\n-----------------------------\n");
    if plan.is_empty() {
        out.push_str(
            "Nothing: no question was answered no or not sure, and no scan result \
                      needs attention.\n",
        );
    }
    for (n, a) in plan.iter().enumerate() {
        out.push('\n');
        push_wrapped(
            &mut out,
            "",
            &format!(
                "{}. [{}] {} ({})",
                n + 1,
                a.severity.label().to_uppercase(),
                a.title,
                a.step_id
            ),
        );
        push_wrapped(&mut out, "   ", &format!("Why it is here: {}.", a.reason));
        push_wrapped(&mut out, "   ", &format!("What to do: {}", a.what_to_do));
        if let Some(step) = super::find_step(&a.step_id) {
            push_wrapped(
                &mut out,
                "   ",
                &format!("Sources: {}.", step.sources.join("; ")),
            );
        }
        let note = state.step_state(&a.step_id).note;
        if !note.trim().is_empty() {
            push_wrapped(&mut out, "   ", &format!("Your note: {}", note.trim()));
        }
    }
    let open: Vec<&Step> = state
        .steps()
        .iter()
        .filter(|s| state.step_state(s.id).answer.is_none())
        .collect();
    if !open.is_empty() {
        out.push_str("\nNot answered yet\n----------------\n");
        for step in open {
            push_wrapped(&mut out, "", &format!("- {} ({})", step.title, step.id));
        }
    }
    out
}
