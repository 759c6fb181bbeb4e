//! Warnings: problems that did not stop reading a file, with how often they occurred.
//!
//! A decoder counts what it warns about ("3 malformed row(s) were skipped"); when a large
//! export is read in parts, the counts of the same warning from each part add up, as if the
//! file had been read whole. The count is a field, so adding up never reads a sentence.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A problem that did not stop reading. Holds no patient value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Warning {
    /// How many times it occurred, when the sentence starts with that number.
    pub count: Option<usize>,
    /// The rest of the sentence (all of it, for a warning without a count).
    pub what: String,
}

impl Warning {
    /// A warning about `count` occurrences: written "`count` `what`".
    pub fn counted(count: usize, what: impl Into<String>) -> Warning {
        Warning {
            count: Some(count),
            what: what.into(),
        }
    }

    /// A warning said once, as is.
    pub fn note(text: impl Into<String>) -> Warning {
        Warning {
            count: None,
            what: text.into(),
        }
    }

    /// Add `self` to `warnings`: a counted warning adds its count to the same warning already
    /// there; any other is listed once.
    pub fn merge_into(self, warnings: &mut Vec<Warning>) {
        if let Some(count) = self.count {
            let same = warnings
                .iter_mut()
                .find(|w| w.count.is_some() && w.what == self.what);
            if let Some(Warning {
                count: Some(total), ..
            }) = same
            {
                *total += count;
                return;
            }
        }
        if !warnings.contains(&self) {
            warnings.push(self);
        }
    }

    /// Whether the sentence contains `text`.
    pub fn contains(&self, text: &str) -> bool {
        self.to_string().contains(text)
    }

    /// Whether the sentence starts with `text`.
    pub fn starts_with(&self, text: &str) -> bool {
        self.to_string().starts_with(text)
    }
}

/// A warning equals the sentence it is written as.
impl PartialEq<&str> for Warning {
    // The sentence is the comparison; building it is cheaper to read than re-deriving it.
    #[allow(clippy::cmp_owned)]
    fn eq(&self, other: &&str) -> bool {
        self.to_string() == *other
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.count {
            Some(count) => write!(f, "{count} {}", self.what),
            None => f.write_str(&self.what),
        }
    }
}

impl From<String> for Warning {
    fn from(text: String) -> Warning {
        Warning::note(text)
    }
}

impl From<&str> for Warning {
    fn from(text: &str) -> Warning {
        Warning::note(text)
    }
}

// In reports (JSON) a warning is its sentence, as the schema has always had it; between the
// page and its workers (bincode, not human-readable) it keeps its count. A sentence read back
// from JSON is a note: its count is not parsed out of the text again.
impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            Warning::serialize(self, serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Warning, D::Error> {
        if deserializer.is_human_readable() {
            String::deserialize(deserializer).map(Warning::note)
        } else {
            Warning::deserialize(deserializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_warnings_of_parts_add_up_and_others_are_listed_once() {
        let mut warnings = vec![Warning::counted(3, "malformed row(s) were skipped")];
        Warning::counted(2, "malformed row(s) were skipped").merge_into(&mut warnings);
        Warning::note("no header row found").merge_into(&mut warnings);
        Warning::note("no header row found").merge_into(&mut warnings);
        Warning::counted(1, "other thing").merge_into(&mut warnings);
        assert_eq!(
            warnings,
            [
                "5 malformed row(s) were skipped",
                "no header row found",
                "1 other thing"
            ]
        );
    }

    #[test]
    fn a_note_that_starts_with_a_number_is_not_a_count() {
        let mut warnings = vec![Warning::note("2 sheets are hidden")];
        Warning::note("2 sheets are hidden").merge_into(&mut warnings);
        Warning::counted(2, "sheets are hidden").merge_into(&mut warnings);
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[1].to_string(), "2 sheets are hidden");
    }

    #[test]
    fn json_holds_the_sentence_and_bincode_the_count() {
        let warning = Warning::counted(5, "line(s) were cut");
        assert_eq!(
            serde_json::to_string(&warning).unwrap(),
            "\"5 line(s) were cut\""
        );
        let bytes = bincode::serialize(&warning).unwrap();
        assert_eq!(bincode::deserialize::<Warning>(&bytes).unwrap(), warning);
        let read: Warning = serde_json::from_str("\"5 line(s) were cut\"").unwrap();
        assert_eq!(read, Warning::note("5 line(s) were cut"));
    }
}
