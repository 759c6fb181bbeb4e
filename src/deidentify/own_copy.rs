//! The values this tool's clean copy writes, recognised when such a copy is scanned again.
//!
//! A copy made by `deidentify` carries Patient Identity Removed = YES and a De-identification
//! Method that names this tool and its replacement names. In such a file "Patient 3", "ANON3",
//! a new `2.25.` UID, a dummy date or a shifted date are what the profile put there, not
//! identifiers; everything else is still judged as in any file, so a real name left behind is
//! still found, and still breaks the de-identification (F-DEID-BROKEN).
//!
//! Only exact shapes are recognised: the prefix this copy states, then digits.

/// First words of De-identification Method (0012,0063) in every copy.
pub const METHOD_TOOL: &str = "dicom-exposure-check ";
/// How the method's second and third values state the replacement names and IDs.
pub const METHOD_NAMES: &str = "names: ";
pub const METHOD_IDS: &str = "IDs: ";
/// The sign for "a number" after the prefixes in those values.
pub const NUMBER_SIGN: &str = "N";

/// What the profile's D action writes where it needs a value (PS3.15 E.3.1: a dummy value of
/// the right VR that is not an identifier).
pub const DUMMY_PERSON: &str = "ANONYMOUS";
pub const DUMMY_TEXT: &str = "ANONYMIZED";
pub const DUMMY_DATE: &str = "19000101";
pub const DUMMY_TIME: &str = "000000";
pub const DUMMY_DATE_TIME: &str = "19000101000000";
pub const DUMMY_AGE: &str = "000Y";

use super::action::{decide, Action};
use super::options::{DateHandling, Options, ProfileOption};
use std::collections::HashMap;

use super::safe_private;
use crate::decode::dataset::{Dataset, Element, Value};
use crate::rules::annex_e::{self, AnnexERow};

/// What a recognised value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    Pseudonym,
    NewUid,
    Dummy,
    ShiftedDate,
    KeptWithDates,
    /// A description the copy kept with the value detectors' finds cut out, and in which they
    /// find nothing now.
    CleanedText,
}

impl Replaced {
    /// The excerpt a finding shows instead of the value.
    pub fn excerpt(self) -> &'static str {
        match self {
            Replaced::Pseudonym => "(replacement from a clean copy)",
            Replaced::NewUid => "(new UID from a clean copy)",
            Replaced::Dummy => "(dummy value from a clean copy)",
            Replaced::ShiftedDate => "(date shifted by a clean copy)",
            Replaced::KeptWithDates => "(kept beside the shifted dates of a clean copy)",
            Replaced::CleanedText => "(text cleaned by a clean copy)",
        }
    }
}

/// How a clean copy made by this tool states what it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnCopy {
    /// The options the copy states (prefixes, and the CID 7050 codes it lists).
    options: Options,
}

impl OwnCopy {
    /// The De-identification Method values a copy with these prefixes carries.
    pub fn method_values(version_line: &str, name_prefix: &str, id_prefix: &str) -> [String; 3] {
        [
            version_line.to_string(),
            format!("{METHOD_NAMES}{name_prefix} {NUMBER_SIGN}"),
            format!("{METHOD_IDS}{id_prefix}{NUMBER_SIGN}"),
        ]
    }

    /// `Some` when the data set's top level says this tool de-identified it.
    pub fn of(dataset: &Dataset) -> Option<OwnCopy> {
        if !dataset
            .top_text(0x0012, 0x0062)
            .is_some_and(|v| v.eq_ignore_ascii_case("YES"))
        {
            return None;
        }
        let method = dataset.top(0x0012, 0x0063)?;
        let values = match &method.value {
            crate::decode::dataset::Value::Text(values) => values,
            _ => return None,
        };
        let trimmed: Vec<&str> = values
            .iter()
            .map(|v| v.trim_matches(|c: char| c == '\0' || c == ' '))
            .collect();
        if !trimmed.first()?.starts_with(METHOD_TOOL) {
            return None;
        }
        let stated = |lead: &str, tail: &str| {
            trimmed
                .iter()
                .find_map(|v| v.strip_prefix(lead)?.strip_suffix(tail))
                .filter(|p| !p.is_empty())
                .map(str::to_string)
        };
        let codes: Vec<String> = dataset
            .elements
            .iter()
            .filter(|e| {
                e.path.0.first().map(|s| (s.group, s.element)) == Some((0x0012, 0x0064))
                    && e.tag() == (0x0008, 0x0100)
            })
            .filter_map(|e| e.value.text())
            .map(|t| t.trim().to_string())
            .collect();
        let has = |option: ProfileOption| codes.iter().any(|c| c == option.code());
        let options = Options {
            dates: if has(ProfileOption::RetainModifiedDates) {
                DateHandling::Shift
            } else if has(ProfileOption::RetainFullDates) {
                DateHandling::KeepFull
            } else {
                DateHandling::Remove
            },
            patient_characteristics: has(ProfileOption::RetainPatientCharacteristics),
            device_identity: has(ProfileOption::RetainDeviceIdentity),
            institution_identity: has(ProfileOption::RetainInstitutionIdentity),
            uids: has(ProfileOption::RetainUids),
            safe_private: has(ProfileOption::RetainSafePrivate),
            clean_descriptors: has(ProfileOption::CleanDescriptors),
            clean_structured_content: has(ProfileOption::CleanStructuredContent),
            keep_burned_in: false,
            black_out_text: false,
            name_prefix: stated(METHOD_NAMES, &format!(" {NUMBER_SIGN}"))?,
            id_prefix: stated(METHOD_IDS, NUMBER_SIGN)?,
        };
        Some(OwnCopy { options })
    }

    /// What the copy wrote in this element, if it is recognised as such. `row` is the
    /// element's Annex E row; `detector_hits` says whether the value detectors found anything
    /// in the value.
    pub fn recognise(
        &self,
        element: &Element,
        row: Option<&AnnexERow>,
        detector_hits: bool,
    ) -> Option<Replaced> {
        let decision = row.map(|row| decide(row, &self.options));
        let by = |option: ProfileOption| decision.is_some_and(|d| d.by == Some(option));
        // Descriptors the copy cleaned: what the value detectors found in them was cut out.
        let cleaned = decision.is_some_and(|d| d.action == Action::Clean)
            && (by(ProfileOption::CleanDescriptors) || by(ProfileOption::CleanStructuredContent));
        // What Retain Longitudinal Temporal Information with Modified Dates moved or kept.
        let with_dates = by(ProfileOption::RetainModifiedDates);
        let (name_prefix, id_prefix) = (&self.options.name_prefix, &self.options.id_prefix);
        let text = element.value.text()?;
        let text = text.trim_matches(|c: char| c == '\0' || c == ' ');
        let numbered = |prefix: &str| {
            text.strip_prefix(prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        match (element.tag(), element.vr.as_str()) {
            ((0x0010, 0x0010), _) if numbered(&format!("{name_prefix} ")) => {
                Some(Replaced::Pseudonym)
            }
            ((0x0010, 0x0020), _) if numbered(id_prefix) => Some(Replaced::Pseudonym),
            (_, "PN") if text == DUMMY_PERSON => Some(Replaced::Dummy),
            (_, "UI") if !self.options.uids && is_new_uid_list(text) => Some(Replaced::NewUid),
            (_, "DA") if text == DUMMY_DATE => Some(Replaced::Dummy),
            (_, "TM") if text == DUMMY_TIME => Some(Replaced::Dummy),
            (_, "DT") if text == DUMMY_DATE_TIME => Some(Replaced::Dummy),
            (_, "AS") if text == DUMMY_AGE => Some(Replaced::Dummy),
            (_, "DA" | "DT") if with_dates => Some(Replaced::ShiftedDate),
            // The option moves dates; the time of day and the time zone are kept.
            _ if with_dates => Some(Replaced::KeptWithDates),
            _ if text == DUMMY_TEXT => Some(Replaced::Dummy),
            (_, "LO" | "SH" | "LT" | "ST" | "UT" | "UC") if cleaned && !detector_hits => {
                Some(Replaced::CleanedText)
            }
            _ => None,
        }
    }

    /// Whether the copy keeps safe private elements and every private element in `dataset` is
    /// one of them: a creator, or a safe-listed number, code or UID of its block's creator.
    pub fn private_all_safe(&self, dataset: &Dataset) -> bool {
        if !self.options.safe_private {
            return false;
        }
        let parent = |e: &Element| {
            let mut path = e.path.clone();
            path.0.pop();
            path.to_string()
        };
        let mut creators: HashMap<(String, u16, u16), String> = HashMap::new();
        for e in &dataset.elements {
            let (group, elem) = e.tag();
            if group % 2 == 1 && (0x0010..=0x00FF).contains(&elem) {
                let creator = e.value.text().unwrap_or_default();
                creators.insert((parent(e), group, elem), creator);
            }
        }
        dataset.elements.iter().all(|e| {
            let (group, elem) = e.tag();
            if group % 2 == 0 || elem < 0x1000 {
                return true;
            }
            let Some(creator) = creators.get(&(parent(e), group, elem >> 8)) else {
                return false;
            };
            let Some(entry) = safe_private::lookup(group, creator, elem) else {
                return false;
            };
            match &e.value {
                Value::Text(_) => e
                    .value
                    .text()
                    .is_some_and(|t| safe_private::text_fits(entry, &t)),
                Value::Binary { text, .. } => text
                    .as_deref()
                    .is_none_or(|t| safe_private::text_fits(entry, t)),
                Value::Empty => true,
                Value::Sequence { .. } => false,
            }
        })
    }

    /// Whether a patient name, ID or birth date is one the copy wrote (not a person to list).
    pub fn is_replacement(&self, element: &Element) -> bool {
        let (group, elem) = element.tag();
        self.recognise(element, annex_e::lookup(group, elem), true)
            .is_some()
    }
}

/// `2.25.<digits>` for every value (PS3.5 B.2: a UUID as a decimal integer under `2.25`).
fn is_new_uid_list(text: &str) -> bool {
    text.split('\\').all(|uid| {
        uid.trim_end_matches('\0')
            .strip_prefix("2.25.")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::dataset::{Element, PathStep, TagPath, Value};
    use crate::rules::annex_e;

    fn element(path: &[(u16, u16)], vr: &str, values: &[&str]) -> Element {
        Element {
            path: TagPath(
                path.iter()
                    .map(|&(group, element)| PathStep {
                        group,
                        element,
                        item: None,
                    })
                    .collect(),
            ),
            vr: vr.into(),
            value: Value::Text(values.iter().map(|v| v.to_string()).collect()),
        }
    }

    fn copy(method: &[&str], removed: &str, codes: &[&str]) -> Dataset {
        let mut elements = vec![
            element(&[(0x0012, 0x0062)], "CS", &[removed]),
            element(&[(0x0012, 0x0063)], "LO", method),
        ];
        for code in codes {
            elements.push(element(
                &[(0x0012, 0x0064), (0x0008, 0x0100)],
                "SH",
                &[code],
            ));
        }
        Dataset {
            elements,
            ..Dataset::default()
        }
    }

    fn ours() -> OwnCopy {
        let method = OwnCopy::method_values("dicom-exposure-check 0.1.0: PS3.15", "Case", "C-");
        let method: Vec<&str> = method.iter().map(String::as_str).collect();
        OwnCopy::of(&copy(&method, "YES", &["113100", "113105"])).expect("recognised")
    }

    fn recognise(own: &OwnCopy, tag: (u16, u16), vr: &str, text: &str) -> Option<Replaced> {
        own.recognise(
            &element(&[tag], vr, &[text]),
            annex_e::lookup(tag.0, tag.1),
            true,
        )
    }

    const NAME: (u16, u16) = (0x0010, 0x0010);
    const ID: (u16, u16) = (0x0010, 0x0020);
    const OTHER: (u16, u16) = (0x0008, 0x0018);

    #[test]
    fn a_copy_is_recognised_by_its_method_and_stated_prefixes() {
        let own = ours();
        assert_eq!(
            recognise(&own, NAME, "PN", "Case 12"),
            Some(Replaced::Pseudonym)
        );
        assert_eq!(
            recognise(&own, ID, "LO", "C-12 "),
            Some(Replaced::Pseudonym)
        );
        assert_eq!(
            recognise(&own, OTHER, "UI", "2.25.1234\\2.25.99"),
            Some(Replaced::NewUid)
        );
        assert_eq!(
            recognise(&own, OTHER, "DA", "19000101"),
            Some(Replaced::Dummy)
        );
        let description = element(&[(0x0008, 0x1030)], "LO", &["CT head"]);
        let row = annex_e::lookup(0x0008, 0x1030);
        assert_eq!(
            own.recognise(&description, row, false),
            Some(Replaced::CleanedText)
        );
    }

    #[test]
    fn other_values_in_a_copy_are_not_recognised() {
        let own = ours();
        assert_eq!(recognise(&own, NAME, "PN", "Case^John"), None);
        assert_eq!(recognise(&own, NAME, "PN", "Patient 12"), None);
        assert_eq!(recognise(&own, ID, "LO", "C-12a"), None);
        assert_eq!(
            recognise(&own, (0x0010, 0x1000), "LO", "C-12"),
            None,
            "not the ID"
        );
        assert_eq!(recognise(&own, (0x0008, 0x0090), "PN", "Case 12"), None);
        assert_eq!(recognise(&own, OTHER, "UI", "1.2.840.113619.2.1"), None);
        assert_eq!(recognise(&own, OTHER, "UI", "2.25.12\\1.2.3"), None);
        assert_eq!(
            recognise(&own, OTHER, "DA", "20240105"),
            None,
            "not shifted"
        );
        let description = element(&[(0x0008, 0x1030)], "LO", &["CT head"]);
        let row = annex_e::lookup(0x0008, 0x1030);
        assert_eq!(own.recognise(&description, row, true), None, "a hit in it");
        assert_eq!(
            own.recognise(&description, None, false),
            None,
            "not cleaned"
        );
    }

    #[test]
    fn a_file_that_does_not_say_it_is_our_copy_is_not_recognised() {
        let method = OwnCopy::method_values("dicom-exposure-check 0.1.0", "Patient", "ANON");
        let method: Vec<&str> = method.iter().map(String::as_str).collect();
        assert!(OwnCopy::of(&copy(&method, "NO", &[])).is_none());
        assert!(OwnCopy::of(&copy(&["CTP", "names: Patient N"], "YES", &[])).is_none());
        assert!(
            OwnCopy::of(&copy(&[method[0]], "YES", &[])).is_none(),
            "no prefixes"
        );
    }

    #[test]
    fn retained_uids_and_unshifted_dates_are_not_recognised() {
        let method = OwnCopy::method_values("dicom-exposure-check 0.1.0", "Patient", "ANON");
        let method: Vec<&str> = method.iter().map(String::as_str).collect();
        let own = OwnCopy::of(&copy(&method, "YES", &["113100", "113110"])).unwrap();
        assert_eq!(recognise(&own, OTHER, "UI", "2.25.1234"), None);
        assert_eq!(recognise(&own, OTHER, "TM", "101010"), None);
        let description = element(&[(0x0008, 0x1030)], "LO", &["CT head"]);
        let row = annex_e::lookup(0x0008, 0x1030);
        assert_eq!(own.recognise(&description, row, false), None, "not cleaned");
    }
}
