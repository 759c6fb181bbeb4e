//! A letter (or e-mail) from a patient to their provider, asking the checklist's questions
//! that the patient answered "no" or "not sure", or left open.
//!
//! The letter holds no note and no evidence: only the questions. The one blank is the
//! signature.

use super::{Answer, ChecklistState};

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

/// A polite letter asking the provider the questions the patient answered "no" or "not
/// sure" (or left open). When every question was answered yes, it asks for written
/// confirmation of the two main points. Ready to copy or print; only the signature is blank.
pub fn provider_letter(state: &ChecklistState) -> String {
    let mut questions: Vec<&str> = ASKS
        .iter()
        .filter_map(|ask| match state.step_state(ask.step).answer {
            Some(Answer::No) => Some(ask.no),
            Some(Answer::NotSure) | None => Some(ask.not_sure),
            Some(Answer::Yes) | Some(Answer::NotApplicable) => None,
        })
        .collect();
    let confirming = questions.is_empty();
    if confirming {
        questions = vec![
            "Could you confirm in writing that my images cannot be reached over the Internet \
             without my own login and password?",
            "Could you confirm that you, and the imaging centre you refer patients to, have \
             carried out the HIPAA security risk assessment in the last 12 months?",
        ];
    }
    let mut out = String::from(
        "Subject: Questions about how my medical images are protected\n\n\
         Dear Sir or Madam,\n\n\
         I am a patient of your practice. In 2019, reporters from ProPublica and Bayerischer \
         Rundfunk found 187 imaging servers in the United States that anyone on the Internet \
         could open without a password, exposing millions of patients' names, birth dates \
         and sometimes Social Security numbers. I would like to understand how my images are \
         protected",
    );
    out.push_str(if confirming {
        ", and I would be grateful for a short confirmation of the following:\n\n"
    } else {
        ", and I would be grateful for answers to the following questions:\n\n"
    });
    for (n, q) in questions.iter().enumerate() {
        out.push_str(&format!("{}. {}\n\n", n + 1, q));
    }
    out.push_str(
        "Thank you for your time. A reply by letter or e-mail is fine.\n\n\
         Kind regards,\n\n\
         [your name]\n",
    );
    out
}
