//! Masking: say that a value is present without showing it.
//!
//! Masks keep just enough to let a person recognise their own record (the first letter of
//! each name part, the birth year, the last two characters of an ID) and nothing that lets
//! a stranger rebuild the value.

/// Mask a DICOM person name (`DOE^JOHN` → `D*** J***`).
///
/// Components (`^`) and words become separate parts; each part keeps its first character.
/// Component groups (`=`, ideographic and phonetic forms) are masked the same way.
pub fn mask_person_name(value: &str) -> String {
    value
        .split(['^', '=', ' '])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            format!("{first}***")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Mask a DICOM date (`19700101` → `1970-**-**`): the year alone is not an identifier
/// under HIPAA Safe Harbor, the month and day are.
pub fn mask_date(value: &str) -> String {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4 {
        format!("{}-**-**", &digits[..4])
    } else {
        "****-**-**".to_string()
    }
}

/// Mask an identifier (`123456789` → `*******89`), keeping at most its last two characters
/// and only when the value is long enough for that not to reveal most of it.
pub fn mask_id(value: &str) -> String {
    let chars: Vec<char> = value.trim().chars().collect();
    let keep = if chars.len() >= 6 { 2 } else { 0 };
    let hidden = chars.len() - keep;
    let mut out = "*".repeat(hidden.max(1));
    out.extend(&chars[chars.len() - keep..]);
    out
}

/// Mask a UID, keeping the organisation root (which names a vendor or site, not a person).
pub fn mask_uid(value: &str) -> String {
    let arcs: Vec<&str> = value.trim_end_matches('\0').split('.').collect();
    if arcs.len() <= 4 {
        return "*.*.*".to_string();
    }
    format!("{}.***", arcs[..4].join("."))
}

/// Mask a time (`101530.123` → `**:**`).
pub fn mask_time(_value: &str) -> String {
    "**:**".to_string()
}

/// Mask free text word by word, keeping each word's first character (`CT HEAD` → `C*** H***`).
/// Past [`MASKED_WORDS`] words the rest is counted, not shown: a long report or parameter
/// block would otherwise fill a screen with initials that tell the reader nothing.
pub fn mask_text(value: &str) -> String {
    // Why one string built in place: the findings of a header mask a dozen texts, some of them
    // long reports, and collecting every word and a string for each cost more than the scan
    // of the text.
    let mut words = value.split_whitespace();
    let mut masked = String::new();
    for word in words.by_ref().take(MASKED_WORDS) {
        if !masked.is_empty() {
            masked.push(' ');
        }
        masked.extend(word.chars().next());
        masked.push_str("***");
    }
    if masked.is_empty() {
        return "***".to_string();
    }
    let rest = words.count();
    if rest > 0 {
        masked.push_str(&format!(" … (+{rest} words)"));
    }
    masked
}

/// How many words of a masked free text are shown.
pub const MASKED_WORDS: usize = 12;

/// Mask a US Social Security number, keeping the last four digits (`***-**-6789`).
pub fn mask_ssn(value: &str) -> String {
    let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    let last4: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("***-**-{last4}")
}

/// Mask an e-mail address, keeping the first letter of the user and the top-level domain.
pub fn mask_email(value: &str) -> String {
    let (user, domain) = value.split_once('@').unwrap_or((value, ""));
    let first = user.chars().next().map(String::from).unwrap_or_default();
    let tld = domain.rsplit('.').next().unwrap_or("");
    format!("{first}***@***.{tld}")
}

/// Mask a value by its DICOM value representation.
pub fn mask_by_vr(vr: &str, value: &str) -> String {
    let value = value.trim_matches(|c: char| c == '\0' || c == ' ');
    let each = |f: fn(&str) -> String| {
        if value.contains('\\') {
            value.split('\\').map(f).collect::<Vec<_>>().join("\\")
        } else {
            f(value)
        }
    };
    match vr {
        "PN" => each(mask_person_name),
        "DA" | "DT" => each(mask_date),
        "TM" => each(mask_time),
        "UI" => each(mask_uid),
        "LO" | "SH" | "CS" | "AE" | "AS" | "IS" | "DS" | "UL" | "US" | "SL" | "SS" => each(mask_id),
        _ => mask_text(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_name_keeps_initials_only() {
        assert_eq!(mask_person_name("DOE^JOHN"), "D*** J***");
        assert_eq!(mask_person_name("CompressedSamples^CT1"), "C*** C***");
        assert_eq!(mask_person_name("Doe^John^^Dr."), "D*** J*** D***");
    }

    #[test]
    fn person_name_handles_multibyte_and_groups() {
        assert_eq!(
            mask_person_name("Yamada^Tarou=山田^太郎"),
            "Y*** T*** 山*** 太***"
        );
    }

    #[test]
    fn long_text_shows_its_first_words_and_counts_the_rest() {
        assert_eq!(mask_text("CT HEAD"), "C*** H***");
        assert_eq!(mask_text("  "), "***");
        let twelve = "a b c d e f g h i j k l";
        assert_eq!(mask_text(twelve).matches("***").count(), 12);
        assert!(!mask_text(twelve).contains('…'));
        let long = "word ".repeat(500);
        let masked = mask_text(&long);
        assert_eq!(masked.matches("w***").count(), MASKED_WORDS);
        assert!(masked.ends_with("… (+488 words)"), "{masked}");
        assert!(masked.len() < 100);
    }

    #[test]
    fn date_keeps_the_year() {
        assert_eq!(mask_date("19700101"), "1970-**-**");
        assert_eq!(mask_date("1970-01-01"), "1970-**-**");
        assert_eq!(mask_date("70"), "****-**-**");
    }

    #[test]
    fn uid_keeps_the_organisation_root() {
        assert_eq!(
            mask_uid("1.2.840.113619.2.55.3.604688119"),
            "1.2.840.113619.***"
        );
        assert_eq!(mask_uid("1.2.3"), "*.*.*");
    }

    #[test]
    fn ssn_and_email_keep_little() {
        assert_eq!(mask_ssn("123-45-6789"), "***-**-6789");
        assert_eq!(mask_email("john.doe@example.org"), "j***@***.org");
    }

    #[test]
    fn by_vr_masks_each_value_of_a_multi_valued_element() {
        assert_eq!(
            mask_by_vr("PN", "DOE^JOHN\\ROE^JANE"),
            "D*** J***\\R*** J***"
        );
        assert_eq!(mask_by_vr("DA", "20240131"), "2024-**-**");
        assert_eq!(mask_by_vr("LT", "seen by Dr Roe"), "s*** b*** D*** R***");
    }

    #[test]
    fn id_keeps_last_two_of_long_values_only() {
        assert_eq!(mask_id("123456789"), "*******89");
        assert_eq!(mask_id("1CT1"), "****");
        assert_eq!(mask_id(""), "*");
    }
}
