//! How evidence answers, flags or annotates steps, and how it reads as a sentence.

use crate::evidence::Evidence;
use crate::i18n::Catalog;
use crate::rules::network::NetworkRule;
use crate::rules::Severity;

use super::{EvidenceKind, EvidenceMark, Outcome, Step, Verdict};

/// One piece of evidence that concerns a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Match {
    pub outcome: Outcome,
    pub sentence: String,
}

/// The kind of a piece of evidence.
pub fn evidence_kind(evidence: &Evidence) -> EvidenceKind {
    match evidence {
        Evidence::NetworkExposure { rule, .. } => match rule {
            NetworkRule::AnyAet | NetworkRule::AetGuessed => EvidenceKind::DicomAnyAeTitle,
            NetworkRule::DicomTls => EvidenceKind::DicomTls,
            NetworkRule::PacsWebOpen => EvidenceKind::PacsWeb,
            NetworkRule::QueryAnswered | NetworkRule::DicomOpen | NetworkRule::DicomPortOpen => {
                EvidenceKind::DicomReachable
            }
        },
        Evidence::QueryExportListsPeople { .. } => EvidenceKind::QueryExport,
        Evidence::FilesWithIdentifiers { .. } => EvidenceKind::FilesWithIdentifiers,
        Evidence::BurnedInText { .. } => EvidenceKind::BurnedInText,
        Evidence::BrokenDeidentification { .. } => EvidenceKind::BrokenDeidentification,
        Evidence::ServerInfo { .. } => EvidenceKind::ServerInfo,
    }
}

/// A piece of evidence as one human sentence, in English, e.g.
/// `nmap: 203.0.113.9:104 accepts any AE title (public address)`.
pub fn evidence_sentence(evidence: &Evidence) -> String {
    evidence_sentence_in(evidence, Catalog::english())
}

/// [`evidence_sentence`] in the catalogue's language.
pub fn evidence_sentence_in(evidence: &Evidence, tr: &Catalog) -> String {
    match evidence {
        Evidence::NetworkExposure {
            rule,
            host,
            port,
            public_address,
            ..
        } => {
            let what = match rule {
                NetworkRule::AnyAet => "evidence-any-aet",
                NetworkRule::AetGuessed => "evidence-aet-guessed",
                NetworkRule::DicomOpen => "evidence-dicom-open",
                NetworkRule::DicomPortOpen => "evidence-dicom-port-open",
                NetworkRule::DicomTls => "evidence-dicom-tls",
                NetworkRule::PacsWebOpen => "evidence-pacs-web",
                NetworkRule::QueryAnswered => "evidence-query-answered",
            };
            let place = if *public_address {
                "evidence-public-address"
            } else {
                "evidence-private-address"
            };
            tr.text_with(
                "evidence-network",
                &[
                    ("host", host.into()),
                    ("port", port.to_string().into()),
                    ("what", tr.text(what).into()),
                    ("place", tr.text(place).into()),
                ],
            )
        }
        Evidence::QueryExportListsPeople {
            file_name,
            format,
            people,
            records,
        } => tr.text_with(
            "evidence-query-export",
            &[
                ("file", file_name.into()),
                ("format", format.to_string().into()),
                ("people", (*people).into()),
                ("records", (*records).into()),
            ],
        ),
        Evidence::FilesWithIdentifiers {
            files,
            people,
            categories,
            ..
        } => {
            let counts = [("files", (*files).into()), ("people", (*people).into())];
            if categories.is_empty() {
                tr.text_with("evidence-files", &counts)
            } else {
                let labels: Vec<_> = categories.iter().map(|c| c.label_in(tr)).collect();
                let [files, people] = counts;
                tr.text_with(
                    "evidence-files-holding",
                    &[files, people, ("categories", labels.join(", ").into())],
                )
            }
        }
        Evidence::BurnedInText { files } => {
            tr.text_with("evidence-burned-in", &[("files", (*files).into())])
        }
        Evidence::BrokenDeidentification { files } => tr.text_with(
            "evidence-broken-deidentification",
            &[("files", (*files).into())],
        ),
        Evidence::ServerInfo { file_name, text } => tr.text_with(
            "evidence-server-info",
            &[("file", file_name.into()), ("text", text.into())],
        ),
    }
}

/// The pieces of evidence that concern a step, in evidence order.
pub(crate) fn matches(step: &Step, evidence: &[Evidence], tr: &Catalog) -> Vec<Match> {
    let mut out = Vec::new();
    for e in evidence {
        let kind = evidence_kind(e);
        let public = match e {
            Evidence::NetworkExposure { public_address, .. } => *public_address,
            _ => true,
        };
        for rule in step.evidence.iter().filter(|r| r.kind == kind) {
            let mut outcome = if public { rule.public } else { rule.private };
            // Files flag a step no higher than the worst finding in them.
            if let (Outcome::Flags(s), Evidence::FilesWithIdentifiers { worst_severity, .. }) =
                (outcome, e)
            {
                outcome = Outcome::Flags(s.min(*worst_severity));
            }
            if outcome != Outcome::Ignores {
                out.push(Match {
                    outcome,
                    sentence: evidence_sentence_in(e, tr),
                });
            }
        }
    }
    out
}

/// What the evidence as a whole says about a step: fails beat flags; the worst severity of
/// the strongest verdict wins.
pub(crate) fn mark(step: &Step, evidence: &[Evidence]) -> Option<EvidenceMark> {
    let mut best: Option<EvidenceMark> = None;
    for m in matches(step, evidence, Catalog::english()) {
        let (verdict, severity) = match m.outcome {
            Outcome::Fails(s) => (Verdict::Fails, s),
            Outcome::Flags(s) => (Verdict::Flags, s),
            Outcome::Notes | Outcome::Ignores => continue,
        };
        best = Some(match best {
            None => EvidenceMark { verdict, severity },
            Some(b) => match (b.verdict, verdict) {
                (Verdict::Fails, Verdict::Flags) => b,
                (Verdict::Flags, Verdict::Fails) => EvidenceMark { verdict, severity },
                _ => EvidenceMark {
                    verdict,
                    severity: b.severity.max(severity),
                },
            },
        });
    }
    best
}

/// The severity a "no" on this step carries: the evidence's when it failed the step and the
/// user did not override it, else the step's own.
pub(crate) fn no_severity(step: &Step, mark: Option<EvidenceMark>, overridden: bool) -> Severity {
    match mark {
        Some(EvidenceMark {
            verdict: Verdict::Fails,
            severity,
        }) if !overridden => severity,
        _ => step.severity,
    }
}
