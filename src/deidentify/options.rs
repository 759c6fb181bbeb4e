//! What the user chooses for a clean copy: the PS3.15 profile options, in their own types.

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
    pub clean_descriptors: bool,
    pub clean_structured_content: bool,
    /// Write files whose pixels may show text (burned-in annotation stated or likely, or an
    /// embedded document) instead of leaving them out.
    pub keep_burned_in: bool,
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
            clean_descriptors: true,
            clean_structured_content: true,
            keep_burned_in: false,
            name_prefix: "Patient".to_string(),
            id_prefix: "ANON".to_string(),
        }
    }
}

impl Options {
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
            ProfileOption::RetainInstitutionIdentity => "Retain Institution Identity Option",
        }
    }
}
