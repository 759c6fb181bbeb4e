//! DICOM keywords and tags, both ways, from the standard data dictionary (dicom-rs's, packed:
//! [`super::dictionary`]).
//!
//! Exports name attributes by keyword (`PatientName`), by tag text (`0010,0010`, `00100010`)
//! or by a column header; this is where those become tags and value representations.

use super::dictionary::PackedDictionary;
use dicom_core::dictionary::{DataDictionary, DataDictionaryEntry, VirtualVr};
use dicom_core::Tag;

/// The tag and typical VR of a standard keyword (`"PatientName"` → `(0x0010, 0x0010, "PN")`).
pub fn tag_for_keyword(keyword: &str) -> Option<(u16, u16, &'static str)> {
    let entry = PackedDictionary.by_name(keyword)?;
    let tag = entry.tag_range().inner();
    Some((tag.group(), tag.element(), vr_text(entry.vr)))
}

/// The keyword and typical VR of a tag; `None` for private or unknown tags.
pub fn keyword_for_tag(group: u16, element: u16) -> Option<(&'static str, &'static str)> {
    let entry = PackedDictionary.by_tag(Tag(group, element))?;
    Some((entry.alias, vr_text(entry.vr)))
}

/// Parse a tag written as `(0010,0010)`, `0010,0010`, `00100010` or `0010 0010`.
pub fn parse_tag(text: &str) -> Option<(u16, u16)> {
    let hex: String = text
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | ',' | ' ' | '|'))
        .collect();
    if hex.len() != 8 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let group = u16::from_str_radix(&hex[..4], 16).ok()?;
    let element = u16::from_str_radix(&hex[4..], 16).ok()?;
    Some((group, element))
}

fn vr_text(vr: VirtualVr) -> &'static str {
    match vr {
        VirtualVr::Exact(vr) => vr.to_string(),
        // Ambiguous VRs (US or SS, OB or OW, ...): the first reading is good enough for text.
        VirtualVr::Xs => "US",
        VirtualVr::Ox | VirtualVr::Px => "OB",
        VirtualVr::Lt => "OW",
        _ => "UN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_and_tag_round_trip() {
        assert_eq!(tag_for_keyword("PatientName"), Some((0x0010, 0x0010, "PN")));
        assert_eq!(
            keyword_for_tag(0x0008, 0x0050),
            Some(("AccessionNumber", "SH"))
        );
        assert_eq!(tag_for_keyword("NotAKeyword"), None);
    }

    #[test]
    fn tags_parse_in_every_common_spelling() {
        for text in ["(0010,0010)", "0010,0010", "00100010", "0010 0010"] {
            assert_eq!(parse_tag(text), Some((0x0010, 0x0010)), "{text}");
        }
        assert_eq!(parse_tag("(0010,00"), None);
        assert_eq!(parse_tag("PatientName"), None);
    }
}
