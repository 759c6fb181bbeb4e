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
    fn date_keeps_the_year() {
        assert_eq!(mask_date("19700101"), "1970-**-**");
        assert_eq!(mask_date("1970-01-01"), "1970-**-**");
        assert_eq!(mask_date("70"), "****-**-**");
    }

    #[test]
    fn id_keeps_last_two_of_long_values_only() {
        assert_eq!(mask_id("123456789"), "*******89");
        assert_eq!(mask_id("1CT1"), "****");
        assert_eq!(mask_id(""), "*");
    }
}
