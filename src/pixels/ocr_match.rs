//! Whether text read from an image (by the page's optional text reader) repeats who the file
//! is about, as its header says: the patient's name, ID or birth date. Read text is noisy, so
//! the test is lenient on layout (case, punctuation, spacing) and strict on the values.

use serde::{Deserialize, Serialize};

use crate::FileReport;

/// What the text in an image repeats of the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Repeats {
    Name,
    Id,
    BirthDate,
}

/// The header's values (raw, from a report made with values revealed) to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// Name components of three or more letters, upper case ("DOE", "JOHN").
    pub names: Vec<String>,
    /// The patient ID, letters and digits only, when it has four or more.
    pub id: Option<String>,
    /// The birth date as YYYYMMDD.
    pub birth_date: Option<String>,
}

impl Wanted {
    /// From the top-level Patient's Name, Patient ID and Patient's Birth Date findings.
    pub fn of(report: &FileReport) -> Wanted {
        let raw = |path: &str| {
            (report.findings.iter())
                .find(|f| f.path == path)
                .and_then(|f| f.raw.clone())
                .unwrap_or_default()
        };
        let names = raw("(0010,0010)")
            .to_uppercase()
            .split(|c: char| !c.is_alphabetic())
            .filter(|part| part.chars().count() >= 3)
            .map(str::to_string)
            .collect();
        let id: String = raw("(0010,0020)")
            .to_uppercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let birth: String = raw("(0010,0030)")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        Wanted {
            names,
            id: (id.len() >= 4).then_some(id),
            birth_date: (birth.len() == 8).then_some(birth),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.id.is_none() && self.birth_date.is_none()
    }

    /// What `text` (read from the image) repeats.
    pub fn repeated_in(&self, text: &str) -> Vec<Repeats> {
        let upper = text.to_uppercase();
        let words: Vec<&str> = upper.split(|c: char| !c.is_alphanumeric()).collect();
        let compact: String = upper.chars().filter(char::is_ascii_alphanumeric).collect();
        let digits: String = upper.chars().filter(char::is_ascii_digit).collect();
        let mut found = Vec::new();
        if self.names.iter().any(|name| words.contains(&name.as_str())) {
            found.push(Repeats::Name);
        }
        if self
            .id
            .as_ref()
            .is_some_and(|id| compact.contains(id.as_str()))
        {
            found.push(Repeats::Id);
        }
        if let Some(date) = &self.birth_date {
            // As written in the header, or day and month first (25/12/1970, 12/25/1970).
            let (y, m, d) = (&date[..4], &date[4..6], &date[6..]);
            if [date.clone(), format!("{d}{m}{y}"), format!("{m}{d}{y}")]
                .iter()
                .any(|form| digits.contains(form.as_str()))
            {
                found.push(Repeats::BirthDate);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Finding;
    use crate::rules::rule::Rule;
    use crate::rules::{Category, Severity};

    fn with(values: &[(&str, &str)]) -> FileReport {
        let mut report = FileReport::failed(
            "a.dcm",
            crate::report::FileStatus::Ok,
            crate::report::Said::Cancelled,
        );
        report.findings = values
            .iter()
            .map(|(path, raw)| Finding {
                rule: Rule::Network(crate::rules::network::NetworkRule::AnyAet),
                location: String::new(),
                path: path.to_string(),
                keyword: String::new(),
                vr: String::new(),
                category: Category::Names,
                severity: Severity::Critical,
                excerpt: String::new(),
                raw: Some(raw.to_string()),
            })
            .collect();
        report
    }

    #[test]
    fn the_name_id_and_birth_date_are_found_in_noisy_text() {
        let wanted = Wanted::of(&with(&[
            ("(0010,0010)", "DOE^JOHN^^^"),
            ("(0010,0020)", "S61289.1476739615"),
            ("(0010,0030)", "19701225"),
        ]));
        assert_eq!(wanted.names, ["DOE", "JOHN"]);
        assert_eq!(wanted.id.as_deref(), Some("S612891476739615"));
        assert_eq!(wanted.repeated_in("Doe, John\n"), [Repeats::Name]);
        assert_eq!(
            wanted.repeated_in("ID: S61289 1476739615  25/12/1970"),
            [Repeats::Id, Repeats::BirthDate]
        );
        assert_eq!(wanted.repeated_in("12-25-1970"), [Repeats::BirthDate]);
        // A name inside a longer word is not the name; other text repeats nothing.
        assert!(wanted.repeated_in("DOEJOHNSON GEN 28Hz 11cm").is_empty());
        assert!(wanted.repeated_in("").is_empty());
    }

    #[test]
    fn short_or_missing_values_are_not_looked_for() {
        let wanted = Wanted::of(&with(&[("(0010,0010)", "OB^^^^"), ("(0010,0020)", "123")]));
        assert!(wanted.is_empty());
        assert!(Wanted::of(&with(&[])).is_empty());
    }
}
