//! What the user chooses for a clean copy: the PS3.15 profile options, in their own types.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What happens to dates and times (the two Retain Longitudinal Temporal Information options,
/// or neither).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateHandling {
    /// The Basic Profile: dates and times are removed or replaced by dummies.
    #[default]
    Remove,
    /// Retain Longitudinal Temporal Information with Full Dates.
    KeepFull,
    /// Retain Longitudinal Temporal Information with Modified Dates: every date of a person is
    /// moved by the same number of days (one random shift per person), so intervals hold.
    Shift,
}

/// The options of a run. `Default` is what the CLI and the page use unless told otherwise:
/// the Basic Profile with Clean Descriptors and Clean Structured Content (free text is kept
/// with the identifiers the value detectors find cut out, instead of removed whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    pub dates: DateHandling,
    pub patient_characteristics: bool,
    pub device_identity: bool,
    pub institution_identity: bool,
    pub uids: bool,
    /// Retain Safe Private: keep the vendor elements of [`super::safe_private`].
    #[serde(default)]
    pub safe_private: bool,
    pub clean_descriptors: bool,
    pub clean_structured_content: bool,
    /// Write files whose pixels may show text (burned-in annotation stated or likely, or an
    /// embedded document) instead of leaving them out.
    pub keep_burned_in: bool,
    /// Look at every image's pixels: text found in uncompressed pixels is blacked out (and
    /// looked for again), so such images are copied instead of left out; images whose frames
    /// show no text are copied though the header guessed they might. Compressed images with
    /// text are left out.
    #[serde(default)]
    pub black_out_text: bool,
    /// Replacement patient names are this prefix and a number ("Patient 1"); never derived
    /// from the original.
    pub name_prefix: String,
    /// Replacement patient IDs are this prefix and a number ("ANON1").
    pub id_prefix: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dates: DateHandling::Remove,
            patient_characteristics: false,
            device_identity: false,
            institution_identity: false,
            uids: false,
            safe_private: false,
            clean_descriptors: true,
            clean_structured_content: true,
            keep_burned_in: false,
            black_out_text: false,
            name_prefix: "Patient".to_string(),
            id_prefix: "ANON".to_string(),
        }
    }
}

/// Longest replacement prefix: the name and a number must fit a PN component group, and
/// "names: " with the prefix must fit the 64 characters of an LO value.
pub const MAX_PREFIX_CHARS: usize = 32;

/// Why the chosen options cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionsError {
    EmptyPrefix,
    PrefixTooLong {
        chars: usize,
    },
    /// `\`, `^`, `=` and control characters have meanings in DICOM values.
    PrefixCharacter {
        character: char,
    },
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionsError::EmptyPrefix => f.write_str("a replacement prefix may not be empty"),
            OptionsError::PrefixTooLong { chars } => write!(
                f,
                "a replacement prefix may have at most {MAX_PREFIX_CHARS} characters, not {chars}"
            ),
            OptionsError::PrefixCharacter { character } => write!(
                f,
                "a replacement prefix may not contain {character:?}, which has a meaning in DICOM \
                 values"
            ),
        }
    }
}

impl std::error::Error for OptionsError {}

impl Options {
    /// Whether the options can be written into DICOM values as they are.
    pub fn check(&self) -> Result<(), OptionsError> {
        for prefix in [&self.name_prefix, &self.id_prefix] {
            if prefix.trim().is_empty() {
                return Err(OptionsError::EmptyPrefix);
            }
            let chars = prefix.chars().count();
            if chars > MAX_PREFIX_CHARS {
                return Err(OptionsError::PrefixTooLong { chars });
            }
            // Spaces at the edges would be trimmed away by a reader, and the prefix with them.
            let edge = [prefix.chars().next(), prefix.chars().last()]
                .into_iter()
                .flatten()
                .find(|c| c.is_whitespace());
            if let Some(character) = edge.or_else(|| {
                prefix
                    .chars()
                    .find(|c| matches!(c, '\\' | '^' | '=') || c.is_control())
            }) {
                return Err(OptionsError::PrefixCharacter { character });
            }
        }
        Ok(())
    }

    /// The profile and options this run applies, as CID 7050 lists them (Basic Profile first).
    pub fn applied(&self) -> Vec<ProfileOption> {
        let mut applied = vec![ProfileOption::BasicProfile];
        let chosen = [
            (
                self.clean_structured_content,
                ProfileOption::CleanStructuredContent,
            ),
            (self.clean_descriptors, ProfileOption::CleanDescriptors),
            (
                self.dates == DateHandling::KeepFull,
                ProfileOption::RetainFullDates,
            ),
            (
                self.dates == DateHandling::Shift,
                ProfileOption::RetainModifiedDates,
            ),
            (
                self.patient_characteristics,
                ProfileOption::RetainPatientCharacteristics,
            ),
            (self.device_identity, ProfileOption::RetainDeviceIdentity),
            (self.uids, ProfileOption::RetainUids),
            (self.safe_private, ProfileOption::RetainSafePrivate),
            (
                self.institution_identity,
                ProfileOption::RetainInstitutionIdentity,
            ),
        ];
        applied.extend(chosen.into_iter().filter(|(on, _)| *on).map(|(_, o)| o));
        applied
    }
}

/// The Basic Profile and each option, with its code in DICOM CID 7050 (De-identification
/// Method, coding scheme DCM).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileOption {
    BasicProfile,
    CleanStructuredContent,
    CleanDescriptors,
    RetainFullDates,
    RetainModifiedDates,
    RetainPatientCharacteristics,
    RetainDeviceIdentity,
    RetainUids,
    RetainSafePrivate,
    RetainInstitutionIdentity,
}

impl ProfileOption {
    /// Code Value in CID 7050.
    pub fn code(self) -> &'static str {
        match self {
            ProfileOption::BasicProfile => "113100",
            ProfileOption::CleanStructuredContent => "113104",
            ProfileOption::CleanDescriptors => "113105",
            ProfileOption::RetainFullDates => "113106",
            ProfileOption::RetainModifiedDates => "113107",
            ProfileOption::RetainPatientCharacteristics => "113108",
            ProfileOption::RetainDeviceIdentity => "113109",
            ProfileOption::RetainUids => "113110",
            ProfileOption::RetainSafePrivate => "113111",
            ProfileOption::RetainInstitutionIdentity => "113112",
        }
    }

    /// Code Meaning in CID 7050.
    pub fn meaning(self) -> &'static str {
        match self {
            ProfileOption::BasicProfile => "Basic Application Confidentiality Profile",
            ProfileOption::CleanStructuredContent => "Clean Structured Content Option",
            ProfileOption::CleanDescriptors => "Clean Descriptors Option",
            ProfileOption::RetainFullDates => {
                "Retain Longitudinal Temporal Information Full Dates Option"
            }
            ProfileOption::RetainModifiedDates => {
                "Retain Longitudinal Temporal Information Modified Dates Option"
            }
            ProfileOption::RetainPatientCharacteristics => "Retain Patient Characteristics Option",
            ProfileOption::RetainDeviceIdentity => "Retain Device Identity Option",
            ProfileOption::RetainUids => "Retain UIDs Option",
            ProfileOption::RetainSafePrivate => "Retain Safe Private Option",
            ProfileOption::RetainInstitutionIdentity => "Retain Institution Identity Option",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_prefixes(name: &str, id: &str) -> Options {
        Options {
            name_prefix: name.to_string(),
            id_prefix: id.to_string(),
            ..Options::default()
        }
    }

    #[test]
    fn prefixes_that_fit_dicom_values_pass() {
        assert_eq!(Options::default().check(), Ok(()));
        assert_eq!(with_prefixes("Fall Müller", "ST-").check(), Ok(()));
    }

    #[test]
    fn prefixes_that_do_not_fit_dicom_values_are_refused() {
        assert_eq!(
            with_prefixes(" ", "A").check(),
            Err(OptionsError::EmptyPrefix)
        );
        assert_eq!(
            with_prefixes("P", &"x".repeat(33)).check(),
            Err(OptionsError::PrefixTooLong { chars: 33 })
        );
        for (bad, character) in [("Doe^John", '^'), ("A\\B", '\\'), ("Case ", ' ')] {
            assert_eq!(
                with_prefixes(bad, "A").check(),
                Err(OptionsError::PrefixCharacter { character })
            );
        }
    }
}
