//! A letter (or e-mail) from a patient to their provider, asking the checklist's questions
//! that the patient answered "no" or "not sure", or left open.
//!
//! The letter holds no note and no evidence: only the questions. The one blank is the
//! signature.

use super::{Answer, ChecklistState};
use crate::i18n::Catalog;

/// What to ask the provider for a step, when the patient is not sure and when they said no.
struct Ask {
    step: &'static str,
    not_sure: &'static str,
    no: &'static str,
}

static ASKS: &[Ask] = &[
    Ask {
        step: "P-LOGIN",
        not_sure: "Can my images be reached over the Internet, and if so, does looking at them \
                   require my own login and password?",
        no: "My images can be viewed online without my own login and password. Could you \
             tell me how access to them is protected, and arrange for access that requires a \
             personal login? Is your imaging system (PACS) itself reachable from the Internet, \
             or only through a VPN with a password?",
    },
    Ask {
        step: "P-RISK-ASSESSMENT",
        not_sure: "Have you, and the imaging centre you refer patients to, carried out the \
                   security risk assessment that HIPAA requires in the last 12 months, and \
                   does it cover the imaging system?",
        no: "I understand that a recent HIPAA security risk assessment may not be available. \
             Could you tell me when one will be done, whether it will cover the imaging system \
             and the imaging centre you refer patients to, and how I will know it is done?",
    },
    Ask {
        step: "P-PORTAL",
        not_sure: "How do I receive my images: through a patient portal with my own account, \
                   or through a shared login or a link that anyone holding it could open?",
        no: "I received access to my images through a shared login or a link that anyone \
             holding it could open. Could you give me access through a portal with my own \
             account instead, and disable the old link?",
    },
    Ask {
        step: "P-IF-EXPOSED",
        not_sure: "Who is your privacy officer, and how can I reach them if I have a concern \
                   about my data?",
        no: "Who is your privacy officer, and how can I reach them if I have a concern about \
             my data?",
    },
];

/// Every ask as `(step id, not sure, no)`: the English texts the catalogues translate.
pub fn asks() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    ASKS.iter().map(|a| (a.step, a.not_sure, a.no))
}

/// A polite letter asking the provider the questions the patient answered "no" or "not
/// sure" (or left open), in English.
pub fn provider_letter(state: &ChecklistState) -> String {
    provider_letter_in(state, Catalog::english())
}

/// [`provider_letter`] in the catalogue's language. When every question was answered yes, it
/// asks for written confirmation of the two main points. Ready to copy or print; only the
/// signature is blank.
pub fn provider_letter_in(state: &ChecklistState, tr: &Catalog) -> String {
    let mut questions: Vec<String> = ASKS
        .iter()
        .filter_map(|ask| {
            let key = format!("ask-{}", ask.step);
            match state.step_state(ask.step).answer {
                Some(Answer::No) => Some(tr.core(&key, Some("no"), ask.no).into_owned()),
                Some(Answer::NotSure) | None => {
                    Some(tr.core(&key, Some("not-sure"), ask.not_sure).into_owned())
                }
                Some(Answer::Yes) | Some(Answer::NotApplicable) => None,
            }
        })
        .collect();
    let confirming = questions.is_empty();
    if confirming {
        questions = vec![
            tr.text("letter-confirm-login"),
            tr.text("letter-confirm-assessment"),
        ];
    }
    let mut out = tr.text("letter-subject");
    out.push_str("\n\n");
    out.push_str(&tr.text("letter-greeting"));
    out.push_str("\n\n");
    out.push_str(&tr.text(if confirming {
        "letter-opening-confirm"
    } else {
        "letter-opening-ask"
    }));
    out.push_str("\n\n");
    for (n, q) in questions.iter().enumerate() {
        out.push_str(&format!("{}. {}\n\n", n + 1, q));
    }
    out.push_str(&tr.text("letter-closing"));
    out.push_str("\n\n");
    out.push_str(&tr.text("letter-regards"));
    out.push_str("\n\n");
    out.push_str(&tr.text("letter-sign-here"));
    out.push('\n');
    out
}
