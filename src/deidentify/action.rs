//! What a clean copy does to one attribute: the Annex E action code of its row, as changed by
//! the options the user chose, resolved to one [`Action`].

use serde::{Deserialize, Serialize};

use super::options::{DateHandling, Options, ProfileOption};
use crate::rules::annex_e::AnnexERow;

/// One action of PS3.15 Table E.1-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// `X`: the attribute is removed.
    Remove,
    /// `Z`: the attribute stays, empty (a sequence keeps no item).
    Empty,
    /// `D`: a dummy value of the same VR replaces it (a sequence is cleaned item by item).
    Dummy,
    /// `U`: each UID is replaced by the run's new UID for it.
    NewUid,
    /// `K`: kept (a sequence is still cleaned item by item).
    Keep,
    /// `C`: kept with the identifying parts changed: identifiers cut out of text, dates
    /// shifted (a sequence is cleaned item by item).
    Clean,
}

impl Action {
    /// The action for an action code. Compound codes leave the choice to the IOD (Type 3,
    /// Type 2 or Type 1 attribute); without IOD tables the copy takes the choice that keeps
    /// every IOD valid and still removes the value: `X/Z` empties, `X/D`, `Z/D` and `X/Z/D`
    /// put a dummy, `X/Z/U*` gives the UIDs inside new ones.
    pub fn from_code(code: &str) -> Option<Action> {
        Some(match code {
            "X" => Action::Remove,
            "Z" | "X/Z" => Action::Empty,
            "D" | "X/D" | "Z/D" | "X/Z/D" => Action::Dummy,
            "U" | "X/Z/U*" => Action::NewUid,
            "K" => Action::Keep,
            "C" => Action::Clean,
            _ => return None,
        })
    }

    /// The action in a few plain words (for the manifest).
    pub fn label(self) -> &'static str {
        match self {
            Action::Remove => "removed",
            Action::Empty => "emptied",
            Action::Dummy => "replaced with a dummy value",
            Action::NewUid => "given a new UID",
            Action::Keep => "kept",
            Action::Clean => "cleaned",
        }
    }
}

/// The action a run takes on one row, and the option that chose it (`None`: the Basic Profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub action: Action,
    pub by: Option<ProfileOption>,
}

/// What `options` make of `row`.
///
/// The option columns come from the 2020 edition of the table (see `rules::annex_e`); rows
/// added since carry no option data. For those, the two date options still apply to every
/// DA, DT and TM row and Retain UIDs to every row whose Basic code gives new UIDs, since that
/// is what the options say in words.
pub fn decide(row: &AnnexERow, options: &Options) -> Decision {
    let columns = &row.options;
    let no_option_data = columns.is_unset();
    let is_date = matches!(row.vr, "DA" | "DT" | "TM");
    let gives_uids = matches!(row.basic, "U" | "X/Z/U*");
    let date_code = |full: Option<&'static str>, modified: Option<&'static str>| match options.dates
    {
        DateHandling::Remove => None,
        DateHandling::KeepFull => full
            .or((no_option_data && is_date).then_some("K"))
            .map(|c| (c, ProfileOption::RetainFullDates)),
        DateHandling::Shift => modified
            .or((no_option_data && is_date).then_some("C"))
            .map(|c| (c, ProfileOption::RetainModifiedDates)),
    };
    // Options that keep come before options that clean: a row both kept by one chosen option
    // and cleaned by another is kept, as the user asked.
    let chosen = [
        (
            options.uids,
            columns
                .uids
                .or((no_option_data && gives_uids).then_some("K")),
            ProfileOption::RetainUids,
        ),
        (
            options.device_identity,
            columns.device_identity,
            ProfileOption::RetainDeviceIdentity,
        ),
        (
            options.institution_identity,
            columns.institution_identity,
            ProfileOption::RetainInstitutionIdentity,
        ),
        (
            options.patient_characteristics,
            columns.patient_characteristics,
            ProfileOption::RetainPatientCharacteristics,
        ),
        (
            options.safe_private,
            columns.safe_private,
            ProfileOption::RetainSafePrivate,
        ),
    ];
    let mut found = chosen
        .into_iter()
        .filter(|(on, code, _)| *on && code.is_some())
        .filter_map(|(_, code, option)| code.map(|c| (c, option)))
        .chain(date_code(columns.full_dates, columns.modified_dates))
        .chain(
            [
                (
                    options.clean_structured_content,
                    columns.clean_structured_content,
                    ProfileOption::CleanStructuredContent,
                ),
                (
                    options.clean_descriptors,
                    columns.clean_descriptors,
                    ProfileOption::CleanDescriptors,
                ),
            ]
            .into_iter()
            .filter(|(on, _, _)| *on)
            .filter_map(|(_, code, option)| code.map(|c| (c, option))),
        )
        .filter_map(|(code, option)| Action::from_code(code).map(|a| (a, option)));
    match found.next() {
        Some((action, option)) => Decision {
            action,
            by: Some(option),
        },
        None => Decision {
            action: Action::from_code(row.basic).unwrap_or(Action::Remove),
            by: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::annex_e::{lookup, rows};

    #[test]
    fn every_code_of_the_table_is_an_action() {
        for row in rows() {
            assert!(
                Action::from_code(row.basic).is_some(),
                "{} {}",
                row.id,
                row.basic
            );
            let o = &row.options;
            for code in [
                o.safe_private,
                o.uids,
                o.device_identity,
                o.institution_identity,
                o.patient_characteristics,
                o.full_dates,
                o.modified_dates,
                o.clean_descriptors,
                o.clean_structured_content,
            ]
            .into_iter()
            .flatten()
            {
                assert!(Action::from_code(code).is_some(), "{} {code}", row.id);
            }
        }
    }

    #[test]
    fn options_change_only_their_rows() {
        let basic = Options {
            clean_descriptors: false,
            clean_structured_content: false,
            ..Options::default()
        };
        let name = lookup(0x0010, 0x0010).unwrap();
        let study_date = lookup(0x0008, 0x0020).unwrap();
        let description = lookup(0x0008, 0x1030).unwrap();
        let sop_uid = lookup(0x0008, 0x0018).unwrap();
        let station = lookup(0x0008, 0x1010).unwrap();
        assert_eq!(
            decide(name, &basic).action,
            Action::Empty,
            "the table says Z; apply puts the replacement name"
        );
        assert_eq!(decide(description, &basic).action, Action::Remove);
        assert_eq!(decide(sop_uid, &basic).action, Action::NewUid);
        assert_eq!(decide(study_date, &basic).by, None);

        let all = Options {
            dates: DateHandling::Shift,
            uids: true,
            device_identity: true,
            ..Options::default()
        };
        assert_eq!(decide(name, &all).action, Action::Empty);
        assert_eq!(
            decide(description, &all),
            Decision {
                action: Action::Clean,
                by: Some(ProfileOption::CleanDescriptors)
            }
        );
        assert_eq!(
            decide(sop_uid, &all),
            Decision {
                action: Action::Keep,
                by: Some(ProfileOption::RetainUids)
            }
        );
        assert_eq!(
            decide(study_date, &all),
            Decision {
                action: Action::Clean,
                by: Some(ProfileOption::RetainModifiedDates)
            }
        );
        assert_eq!(
            decide(station, &all).by,
            Some(ProfileOption::RetainDeviceIdentity)
        );
    }
}
