//! The proof: the copy is scanned again by the same core, and every finding is either a value
//! the copy wrote, an element an option the user chose keeps, or an identifier left behind.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::action::{decide, Action};
use super::apply::{written_form, Written};
use super::options::{Options, ProfileOption};
use crate::report::FileReport;
use crate::rules::annex_e;
use crate::rules::file_risks::FileRisk;
use crate::rules::rule::Rule;
use crate::rules::Severity;

/// An identifier the re-scan found that neither the profile nor an option accounts for.
/// It names the place, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leftover {
    pub rule_id: String,
    pub path: String,
    pub keyword: String,
}

/// What the re-scan of one copy found, sorted into what is expected and what is not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// Lines of text blacked out in the copy's pixels ([`super::Options::black_out_text`]).
    #[serde(default)]
    pub blacked_out_lines: u64,
    /// Values the copy wrote in place of identifying ones (dummy names and IDs, new UIDs,
    /// shifted dates, cleaned text) that the scan sees as present, as it should.
    pub replaced: u64,
    /// Findings in elements that a chosen option keeps, per option.
    pub kept: BTreeMap<ProfileOption, u64>,
    /// File-level risks still reported (the pixels may show text, a face can be rebuilt, ...),
    /// by rule id.
    pub risks: Vec<String>,
    pub leftovers: Vec<Leftover>,
}

/// Rules whose finding means the pixels or an embedded document may show what the header
/// no longer does: such a file is left out unless the user keeps it.
pub const PIXEL_RISKS: [FileRisk; 3] = [
    FileRisk::BurnedIn,
    FileRisk::BurnedInLikely,
    FileRisk::EncapsulatedDocument,
];

impl Verification {
    /// No identifier left that the options do not account for.
    pub fn is_clean(&self) -> bool {
        self.leftovers.is_empty()
    }

    /// The first pixel risk the re-scan reports (`F-BURNED-IN`, ...).
    pub fn pixel_risk(&self) -> Option<&str> {
        self.pixel_risk_besides(&[])
    }

    /// The first pixel risk the re-scan reports, other than those `settled` (by looking at
    /// the pixels).
    pub fn pixel_risk_besides(&self, settled: &[FileRisk]) -> Option<&str> {
        self.risks.iter().map(String::as_str).find(|id| {
            PIXEL_RISKS.iter().any(|r| r.id() == *id) && !settled.iter().any(|r| r.id() == *id)
        })
    }
}

/// Sort the findings of `report` (made with raw values revealed, in memory only).
pub fn classify(report: &FileReport, options: &Options, written: &Written) -> Verification {
    let mut v = Verification::default();
    for finding in &report.findings {
        let tag = last_tag(&finding.path);
        let kept_by = || {
            let row = tag.and_then(|(g, e)| annex_e::lookup(g, e))?;
            let decision = decide(row, options);
            matches!(decision.action, Action::Keep | Action::Clean)
                .then_some(decision.by)
                .flatten()
        };
        let leftover = || Leftover {
            rule_id: finding.rule.id().to_string(),
            path: finding.path.clone(),
            keyword: finding.keyword.clone(),
        };
        match finding.rule {
            Rule::File(risk) => match risk {
                // The leftovers say what is wrong; this finding only repeats it.
                FileRisk::BrokenDeidentification => {}
                // Retain Safe Private keeps only safe-listed elements (see `apply`).
                FileRisk::PrivateTags if options.safe_private => {
                    *v.kept.entry(ProfileOption::RetainSafePrivate).or_default() += 1
                }
                FileRisk::PrivateTags => v.leftovers.push(leftover()),
                _ => v.risks.push(risk.id().to_string()),
            },
            // A placeholder ("ANONYMOUS") is what the profile asks for.
            _ if finding.severity == Severity::Info => {}
            Rule::AnnexE(_) if finding.vr == "SQ" => v.replaced += 1,
            Rule::AnnexE(_) if wrote(tag, finding.raw.as_deref(), written) => v.replaced += 1,
            _ => match kept_by() {
                Some(option) => *v.kept.entry(option).or_default() += 1,
                None => v.leftovers.push(leftover()),
            },
        }
    }
    v.risks.sort();
    v.risks.dedup();
    v
}

/// Whether every value of `raw` is one the copy wrote into tag `tag`.
fn wrote(tag: Option<(u16, u16)>, raw: Option<&str>, written: &Written) -> bool {
    let (Some((g, e)), Some(raw)) = (tag, raw) else {
        return false;
    };
    raw.split('\\')
        .all(|v| written.contains(&(g, e, written_form(v))))
}

/// The tag at the end of a finding's path: `(0040,A730)[2].(0040,A160)` → `(0x0040, 0xA160)`.
fn last_tag(path: &str) -> Option<(u16, u16)> {
    let last = path.rsplit('.').next()?;
    let inner = last.strip_prefix('(')?.get(..9)?;
    let (g, e) = inner.split_once(',')?;
    Some((
        u16::from_str_radix(g, 16).ok()?,
        u16::from_str_radix(e, 16).ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_is_read_from_the_end_of_the_path() {
        assert_eq!(last_tag("(0010,0010)"), Some((0x0010, 0x0010)));
        assert_eq!(
            last_tag("(0040,A730)[2].(0040,A160)"),
            Some((0x0040, 0xA160))
        );
        assert_eq!(last_tag("file"), None);
        assert_eq!(last_tag(""), None);
    }
}
