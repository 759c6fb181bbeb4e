//! Saving the checklist: answers, notes, overrides, the path and the current step, as
//! versioned JSON. Never evidence (it holds host addresses and file names), and never an
//! answer that evidence set: apply the evidence again after loading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{find_step, Answer, ChecklistState, Path, StepState};

/// The version `to_storage_json` writes and `from_storage_json` reads.
pub const STORAGE_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    version: u32,
    path: Option<Path>,
    current: usize,
    steps: BTreeMap<String, StoredStep>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    overridden: bool,
}

/// The state as JSON for local storage: no evidence, no evidence-set answer.
pub fn to_storage_json(state: &ChecklistState) -> String {
    let steps = state
        .answers
        .iter()
        .filter_map(|(id, s)| {
            let answer = if s.answered_by_evidence {
                None
            } else {
                s.answer
            };
            (answer.is_some() || !s.note.is_empty() || s.overridden).then(|| {
                (
                    id.clone(),
                    StoredStep {
                        answer,
                        note: s.note.clone(),
                        overridden: s.overridden,
                    },
                )
            })
        })
        .collect();
    let stored = Stored {
        version: STORAGE_VERSION,
        path: state.path,
        current: state.current,
        steps,
    };
    // Plain data with string keys: serialization cannot fail.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// A state saved by [`to_storage_json`]. Another version or malformed text is an error.
/// Steps this version does not know are dropped; `current` is kept within the path.
pub fn from_storage_json(json: &str) -> Result<ChecklistState, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not a saved checklist: {e}"))?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(STORAGE_VERSION) => {}
        Some(v) => return Err(format!("saved checklist has unsupported version {v}")),
        None => return Err("not a saved checklist: no version".to_string()),
    }
    let stored: Stored =
        serde_json::from_value(value).map_err(|e| format!("saved checklist is damaged: {e}"))?;
    let answers = stored
        .steps
        .into_iter()
        .filter(|(id, _)| find_step(id).is_some())
        .map(|(id, s)| {
            (
                id,
                StepState {
                    answer: s.answer,
                    note: s.note,
                    from_evidence: None,
                    overridden: s.overridden,
                    answered_by_evidence: false,
                },
            )
        })
        .collect();
    let mut state = ChecklistState {
        path: stored.path,
        answers,
        current: 0,
        evidence: Vec::new(),
    };
    state.current = stored.current.min(state.steps().len());
    Ok(state)
}
