//! The manifest written beside a clean copy: the options, what each action did, which files
//! were left out and why, and what the check of every copy found. It holds no identifier: no
//! value, no input file name (those are often patients' names; files are named by their
//! position in the input), and never the run's secret.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::apply::ActionCounts;
use super::options::{DateHandling, Options, ProfileOption};
use super::verify::Verification;
use super::LeftOut;

/// One applied profile or option with its CID 7050 code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedOption {
    pub code: String,
    pub meaning: String,
}

/// A file with no copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOutFile {
    /// Its position among the inputs (1-based, in the order they were read).
    pub input: u64,
    /// For a member of a ZIP input: its position among the archive's files (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<u64>,
    #[serde(flatten)]
    pub reason: LeftOut,
}

/// What the re-scan of every written copy found, added up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckSummary {
    pub files_checked: u64,
    /// Copies in which no identifier was left that an option does not keep (all written ones).
    pub files_clean: u64,
    /// Values the copies wrote in place of identifying ones, seen by the re-scan.
    pub replaced: u64,
    /// Findings in elements kept by an option the user chose, per option.
    pub kept_by_option: BTreeMap<ProfileOption, u64>,
    /// File-level risks still reported in written copies, per rule id.
    pub risks: BTreeMap<String, u64>,
    /// Copies whose pixels had text blacked out ([`Options::black_out_text`]).
    #[serde(default)]
    pub files_blacked_out: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub tool: String,
    pub profile: Vec<AppliedOption>,
    pub options: Options,
    pub files_in: u64,
    pub files_written: u64,
    /// People in the written copies (each under a new name).
    pub people: u64,
    pub actions: ActionCounts,
    pub left_out: Vec<LeftOutFile>,
    pub check: CheckSummary,
    /// Copies the DICOMDIR written beside them indexes (none: no DICOMDIR was written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dicomdir: Option<u64>,
    /// Why no DICOMDIR was written, when copies were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dicomdir_left_out: Option<LeftOut>,
    /// People of the written copies (their numbers in the run); `people` counts them.
    #[serde(skip)]
    people_written: BTreeSet<u32>,
}

impl Manifest {
    pub fn new(options: &Options) -> Manifest {
        Manifest {
            tool: concat!("dicom-exposure-check ", env!("CARGO_PKG_VERSION")).to_string(),
            profile: options
                .applied()
                .into_iter()
                .map(|o| AppliedOption {
                    code: o.code().to_string(),
                    meaning: o.meaning().to_string(),
                })
                .collect(),
            options: options.clone(),
            files_in: 0,
            files_written: 0,
            people: 0,
            actions: ActionCounts::default(),
            left_out: Vec::new(),
            check: CheckSummary::default(),
            dicomdir: None,
            dicomdir_left_out: None,
            people_written: BTreeSet::new(),
        }
    }

    /// Count a written copy.
    /// Count a written copy of the run's person number `person`.
    pub fn add_copy(&mut self, person: u32, counts: &ActionCounts, v: &Verification) {
        if self.people_written.insert(person) {
            self.people = self.people_written.len() as u64;
        }
        self.files_in += 1;
        self.files_written += 1;
        self.actions.add(counts);
        self.check.files_checked += 1;
        self.check.files_clean += u64::from(v.is_clean());
        self.check.replaced += v.replaced;
        for (option, n) in &v.kept {
            *self.check.kept_by_option.entry(*option).or_default() += n;
        }
        for risk in &v.risks {
            *self.check.risks.entry(risk.clone()).or_default() += 1;
        }
        self.check.files_blacked_out += u64::from(v.blacked_out_lines > 0);
    }

    /// Count a file left out; `input` is its 1-based position among the inputs.
    pub fn add_left_out(&mut self, input: u64, reason: LeftOut) {
        self.files_in += 1;
        self.left_out.push(LeftOutFile {
            input,
            member: None,
            reason,
        });
    }

    /// Count a member of a ZIP input left out: `member` is its position in the archive.
    pub fn add_left_out_member(&mut self, input: u64, member: u64, reason: LeftOut) {
        self.files_in += 1;
        self.left_out.push(LeftOutFile {
            input,
            member: Some(member),
            reason,
        });
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest always serializes")
    }

    /// The manifest in words, for a person.
    pub fn to_text(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(t, "Clean copy made by {}", self.tool);
        let _ = writeln!(t, "\nProfile and options (DICOM PS3.15 Annex E, CID 7050):");
        for o in &self.profile {
            let _ = writeln!(t, "  {} {}", o.code, o.meaning);
        }
        let dates = match self.options.dates {
            DateHandling::Remove => "removed or replaced",
            DateHandling::KeepFull => "kept as they were",
            DateHandling::Shift => "moved by a random number of days, the same for each person",
        };
        let _ = writeln!(t, "  Dates: {dates}.");
        let _ =
            writeln!(
            t,
            "\nFiles: {} read, {} copied, {} left out. People: {} (named \"{} 1\", \"{} 2\", ...).",
            self.files_in, self.files_written, self.left_out.len(), self.people,
            self.options.name_prefix, self.options.name_prefix
        );
        match (&self.dicomdir, &self.dicomdir_left_out) {
            (Some(n), _) => {
                let _ = writeln!(
                    t,
                    "DICOMDIR: an index of {n} copies, for viewers that open a CD (checked like \
                     the copies)."
                );
            }
            (None, Some(reason)) => {
                let _ = writeln!(t, "No DICOMDIR was written: {reason}.");
            }
            (None, None) => {}
        }
        let a = &self.actions;
        let _ = writeln!(t, "\nWhat was done to the attributes:");
        for (n, what) in [
            (a.removed, "removed"),
            (a.emptied, "emptied"),
            (a.dummy, "replaced with a dummy value"),
            (
                a.new_uid,
                "given new UIDs (the same new UID wherever the old one appears)",
            ),
            (
                a.cleaned,
                "cleaned (identifiers cut out of text, dates moved)",
            ),
            (
                a.kept_by_option,
                "kept because an option you chose keeps them",
            ),
            (a.private_removed, "private (vendor) attributes removed"),
            (
                a.private_kept,
                "private (vendor) attributes kept as safe (Retain Safe Private)",
            ),
            (a.text_cuts, "identifiers cut out of free text"),
            (a.dates_shifted, "dates moved"),
        ] {
            let _ = writeln!(t, "  {n:>8}  {what}");
        }
        let c = &self.check;
        let _ = writeln!(
            t,
            "\nCheck of the copies: each copy was read back and scanned again by the same checker."
        );
        if c.files_checked == c.files_clean {
            let _ = writeln!(
                t,
                "  No identifier left in any of the {} copies, except what the options keep.",
                c.files_checked
            );
        }
        for (option, n) in &c.kept_by_option {
            let _ = writeln!(t, "  {n} identifying values kept by {}", option.meaning());
        }
        for (risk, n) in &c.risks {
            let _ = writeln!(t, "  {n} copies still carry the file-level risk {risk}");
        }
        if c.files_blacked_out > 0 {
            let _ = writeln!(
                t,
                "  {} copies had text blacked out in their pixels, and none was found again. The \
                 detector misses some text (single letters, text on a pattern): look at these \
                 images before you share them.",
                c.files_blacked_out
            );
        }
        if !self.left_out.is_empty() {
            let _ = writeln!(t, "\nFiles left out (by their position among the inputs):");
            // One line per reason: a folder of exports gives one line, not hundreds.
            let mut by_reason: Vec<(String, Vec<&LeftOutFile>)> = Vec::new();
            for f in &self.left_out {
                let reason = f.reason.to_string();
                match by_reason.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, files)) => files.push(f),
                    None => by_reason.push((reason, vec![f])),
                }
            }
            for (reason, files) in by_reason {
                let count = files.len();
                let inputs: Vec<u64> = files
                    .iter()
                    .filter(|f| f.member.is_none())
                    .map(|f| f.input)
                    .collect();
                let mut places = Vec::new();
                if !inputs.is_empty() {
                    places.push(ranges(&inputs));
                }
                // Members by archive: "input 5, members 3, 7-9".
                let mut archives: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
                for f in &files {
                    if let Some(member) = f.member {
                        archives.entry(f.input).or_default().push(member);
                    }
                }
                for (input, members) in archives {
                    let word = if members.len() == 1 {
                        "member"
                    } else {
                        "members"
                    };
                    places.push(format!("input {input}, {word} {}", spans(&members)));
                }
                let files = if count == 1 { "file" } else { "files" };
                let _ = writeln!(t, "  {count} {files} ({}): {reason}", places.join("; "));
            }
        }
        t
    }
}

/// Sorted input positions written as ranges: `inputs 3, 5-7, 9`.
fn ranges(positions: &[u64]) -> String {
    let prefix = if positions.len() == 1 {
        "input "
    } else {
        "inputs "
    };
    format!("{prefix}{}", spans(positions))
}

/// Sorted positions written as ranges: `3, 5-7, 9`.
fn spans(positions: &[u64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < positions.len() {
        let start = positions[i];
        let mut end = start;
        while i + 1 < positions.len() && positions[i + 1] == end + 1 {
            i += 1;
            end = positions[i];
        }
        out.push(if end == start {
            format!("{start}")
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dropped back into the checker beside the copies, the manifest is named for what it is.
    #[test]
    fn the_checker_knows_a_manifest_when_it_sees_one() {
        use crate::sniff::{sniff, Sniffed};
        let manifest = Manifest::new(&Options::default());
        for text in [manifest.to_json(), manifest.to_text()] {
            match sniff(text.as_bytes()) {
                Sniffed::NotRead(kind) => assert!(kind.what.contains("manifest"), "{}", kind.what),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn positions_are_written_as_ranges() {
        assert_eq!(ranges(&[3]), "input 3");
        assert_eq!(ranges(&[3, 5, 6, 7, 9]), "inputs 3, 5-7, 9");
    }
}
