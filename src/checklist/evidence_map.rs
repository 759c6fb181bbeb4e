//! How evidence answers, flags or annotates steps, and how it reads as a sentence.

use crate::evidence::Evidence;
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A piece of evidence as one human sentence, e.g.
/// `nmap: 203.0.113.9:104 accepts any AE title (public address)`.
pub fn evidence_sentence(evidence: &Evidence) -> String {
    match evidence {
        Evidence::NetworkExposure {
            rule,
            host,
            port,
            public_address,
            ..
        } => {
            let what = match rule {
                NetworkRule::AnyAet => "accepts any AE title",
                NetworkRule::AetGuessed => "accepted an AE title that dicom-brute guessed",
                NetworkRule::DicomOpen => "answers DICOM",
                NetworkRule::DicomPortOpen => "is open on a DICOM port",
                NetworkRule::DicomTls => "answers DICOM over TLS",
                NetworkRule::PacsWebOpen => "serves a PACS web viewer or REST API",
                NetworkRule::QueryAnswered => "is reachable",
            };
            let place = if *public_address {
                "public address"
            } else {
                "private address: reachable inside your network; confirm it is not reachable \
                 from outside"
            };
            format!("nmap: {host}:{port} {what} ({place})")
        }
        Evidence::QueryExportListsPeople {
            file_name,
            format,
            people,
            records,
        } => format!(
            "{file_name} ({format}): the server answered a query with {} in {}; if the query \
             came from a machine or AE title not on your allow-list, anyone can query",
            plural(*people, "person", "people"),
            plural(*records, "record", "records"),
        ),
        Evidence::FilesWithIdentifiers {
            files,
            people,
            categories,
            ..
        } => {
            let mut s = format!(
                "{} identify {}",
                plural(*files, "image file", "image files"),
                plural(*people, "person", "people"),
            );
            if !categories.is_empty() {
                let labels: Vec<&str> = categories.iter().map(|c| c.label()).collect();
                s.push_str(": ");
                s.push_str(&labels.join(", "));
            }
            s
        }
        Evidence::BurnedInText { files } => format!(
            "{} {} text burned into the pixels, which removing header fields does not remove",
            plural(*files, "image", "images"),
            if *files == 1 { "has" } else { "have" },
        ),
        Evidence::BrokenDeidentification { files } => format!(
            "{} {} to be de-identified but still {} identifiers",
            plural(*files, "file", "files"),
            if *files == 1 { "claims" } else { "claim" },
            if *files == 1 { "carries" } else { "carry" },
        ),
        Evidence::ServerInfo { file_name, text } => {
            format!("{file_name}: the server reports {text}")
        }
    }
}

/// The pieces of evidence that concern a step, in evidence order.
pub(crate) fn matches(step: &Step, evidence: &[Evidence]) -> Vec<Match> {
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
                    sentence: evidence_sentence(e),
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
    for m in matches(step, evidence) {
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
