//! Who a file names: normalised, masked and keyed so that files of one person group
//! together without carrying the values themselves.

use std::hash::{Hash, Hasher};

use crate::detect::{Identity, StudyKey};
use crate::mask::{mask_date, mask_id, mask_person_name, mask_uid};

use super::*;

pub(super) fn key_hash(text: &str) -> u64 {
    if text.is_empty() {
        return 0;
    }
    // FNV-1a: stable across runs and targets, so CLI and page group identically.
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    text.hash(&mut hasher);
    hasher.finish().max(1)
}

pub(super) struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Normalise a person name for tolerant matching: case, separators and component order
/// do not matter (`DOE^JOHN` = `John Doe`); only the first (alphabetic) group counts.
pub fn normalize_name(name: &str) -> String {
    let alphabetic = name.split('=').next().unwrap_or("");
    let mut tokens: Vec<String> = alphabetic
        .split(|c: char| c == '^' || c == ',' || c == '.' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_uppercase)
        .collect();
    tokens.sort_unstable();
    tokens.join(" ")
}

/// Normalise an ID: case, spaces and dashes do not matter.
pub fn normalize_id(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

pub(super) fn normalize_date(date: &str) -> String {
    date.chars().filter(char::is_ascii_digit).collect()
}

/// Mask an identity for display and key it for grouping.
pub fn person_ref(identity: &Identity) -> PersonRef {
    let some = |s: &str, f: fn(&str) -> String| (!s.is_empty()).then(|| f(s));
    PersonRef {
        name: some(&identity.name, mask_person_name),
        id: some(&identity.id, mask_id),
        birth_date: some(&identity.birth_date, mask_date),
        key: PersonKey {
            name: key_hash(&normalize_name(&identity.name)),
            id: key_hash(&normalize_id(&identity.id)),
            birth_date: key_hash(&normalize_date(&identity.birth_date)),
        },
    }
}

pub fn study_ref(study: &StudyKey) -> Option<StudyRef> {
    if study.study_uid.is_empty() {
        return None;
    }
    Some(StudyRef {
        study_uid: mask_uid(&study.study_uid),
        study_date: if study.study_date.is_empty() {
            String::new()
        } else {
            mask_date(&study.study_date)
        },
        key: key_hash(&study.study_uid),
    })
}

/// How many distinct people a list of person references names, with the report's matching.
pub fn count_people(people: &[PersonRef]) -> usize {
    let mut file = FileReport::failed("", FileStatus::Ok, String::new());
    file.people = people.to_vec();
    let mut builder = ReportBuilder::default();
    builder.add(&file);
    builder.distinct_people()
}
