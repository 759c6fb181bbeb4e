//! The standard data dictionary, packed small.
//!
//! Why not dicom-dictionary-std's `StandardDataDictionary` itself: in the page it was about
//! 70 KB of the gzipped first load, for 5,000 entries of pointers and the hash maps built from
//! them at start. [`PackedDictionary`] keeps the same tags, VRs and keywords as three flat
//! tables (`tools/dictionary.py`, generated into `dictionary_table.rs`) and answers `by_tag`
//! and `by_name` as the standard dictionary does, ranges (`60xx`), private creators and group
//! lengths included: tests/dictionary.rs checks every keyword and every tag of the groups the
//! dictionary uses.

use std::sync::LazyLock;

use dicom_core::dictionary::{DataDictionary, DataDictionaryEntryRef, TagRange, VirtualVr};
use dicom_core::{Tag, VR};

use super::dictionary_table::{KEYWORDS_OF_TEXT, RANGES, TAGS, VRS, VR_OF};

/// Every attribute's keyword, in the order of [`TAGS`].
#[cfg(feature = "all-keywords")]
fn keywords() -> impl Iterator<Item = &'static str> {
    use super::dictionary_table::KEYWORDS_OF_OTHERS;
    KEYWORDS_OF_TEXT
        .lines()
        .zip(KEYWORDS_OF_OTHERS.lines())
        .map(|(text, other)| if text.is_empty() { other } else { text })
}

/// The keywords of attributes of text and sequence VRs, in the order of [`TAGS`]; an empty
/// one for the others. Why: in the page's module (built without default features), which
/// names findings only in text and the sequences above them, the other keywords were about
/// 7 KB of the gzipped first load. Its findings in an attribute of another VR (one written as
/// UN that looks like text) are named by their tag only.
#[cfg(not(feature = "all-keywords"))]
fn keywords() -> impl Iterator<Item = &'static str> {
    KEYWORDS_OF_TEXT.lines()
}

/// The standard data dictionary from the packed table (see the module's documentation).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PackedDictionary;

static ENTRIES: LazyLock<Vec<DataDictionaryEntryRef<'static>>> = LazyLock::new(|| {
    TAGS.iter()
        .zip(VR_OF)
        .zip(keywords())
        .map(|((&key, vr), alias)| {
            let tag = Tag((key >> 16) as u16, key as u16);
            let range = match RANGES.binary_search_by_key(&key, |&(k, _)| k) {
                Ok(i) if RANGES[i].1 == 1 => TagRange::Group100(tag),
                Ok(_) => TagRange::Element100(tag),
                Err(_) => TagRange::Single(tag),
            };
            DataDictionaryEntryRef {
                tag: range,
                alias,
                vr: VRS[usize::from(vr)],
            }
        })
        .collect()
});

/// Indexes into [`ENTRIES`], by keyword. Sorted here rather than stored: a permutation
/// table compresses badly and sorting 5,000 names takes about a millisecond.
static BY_NAME: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let entries = &*ENTRIES;
    let mut order: Vec<u16> = (0..entries.len() as u16).collect();
    order.sort_unstable_by_key(|&i| entries[usize::from(i)].alias);
    order
});

static GROUP_LENGTH: DataDictionaryEntryRef<'static> = DataDictionaryEntryRef {
    tag: TagRange::GroupLength,
    alias: "GenericGroupLength",
    vr: VirtualVr::Exact(VR::UL),
};

static PRIVATE_CREATOR: DataDictionaryEntryRef<'static> = DataDictionaryEntryRef {
    tag: TagRange::PrivateCreator,
    alias: "PrivateCreator",
    vr: VirtualVr::Exact(VR::LO),
};

fn key(tag: Tag) -> u32 {
    u32::from(tag.group()) << 16 | u32::from(tag.element())
}

impl PackedDictionary {
    fn entry(tag: Tag) -> Option<&'static DataDictionaryEntryRef<'static>> {
        let entries = &*ENTRIES;
        let at = |tag: Tag| TAGS.binary_search(&key(tag)).ok().map(|i| &entries[i]);
        // The standard dictionary's order: the tag itself; the first tag of a repeating group
        // (60xx) or element range (xxx0); a private creator; a group length.
        at(tag)
            .or_else(|| {
                at(Tag(tag.group() & 0xFF00, tag.element()))
                    .filter(|e| matches!(e.tag, TagRange::Group100(_)))
            })
            .or_else(|| {
                at(Tag(tag.group(), tag.element() & 0xFF00))
                    .filter(|e| matches!(e.tag, TagRange::Element100(_)))
            })
            .or_else(|| {
                (tag.group() % 2 == 1 && (0x0010..=0x00FF).contains(&tag.element()))
                    .then_some(&PRIVATE_CREATOR)
            })
            .or_else(|| (tag.element() == 0).then_some(&GROUP_LENGTH))
    }
}

impl DataDictionary for PackedDictionary {
    type Entry = DataDictionaryEntryRef<'static>;

    fn by_name(&self, name: &str) -> Option<&Self::Entry> {
        if name == GROUP_LENGTH.alias {
            return Some(&GROUP_LENGTH);
        }
        if name.is_empty() {
            return None;
        }
        let entries = &*ENTRIES;
        BY_NAME
            .binary_search_by_key(&name, |&i| entries[usize::from(i)].alias)
            .ok()
            .map(|k| &entries[usize::from(BY_NAME[k])])
    }

    fn by_tag(&self, tag: Tag) -> Option<&Self::Entry> {
        PackedDictionary::entry(tag)
    }
}

/// The standard keyword of the attribute `(group, element)`, empty when it has none.
pub fn keyword(group: u16, element: u16) -> &'static str {
    PackedDictionary::entry(Tag(group, element)).map_or("", |e| e.alias)
}

#[cfg(test)]
mod tests {
    use super::super::dictionary_table::{KEYWORDS_OF_OTHERS, TEXT_VRS};
    use super::*;

    #[test]
    fn the_page_keeps_the_keywords_of_text_and_sequences_and_only_those() {
        let text: Vec<&str> = KEYWORDS_OF_TEXT.lines().collect();
        let others: Vec<&str> = KEYWORDS_OF_OTHERS.lines().collect();
        assert_eq!(text.len(), TAGS.len());
        assert_eq!(others.len(), TAGS.len());
        for (i, &vr) in VR_OF.iter().enumerate() {
            let is_text =
                matches!(VRS[usize::from(vr)], VirtualVr::Exact(vr) if TEXT_VRS.contains(&vr));
            assert_eq!(
                !text[i].is_empty(),
                is_text,
                "{:08X}: {}{}",
                TAGS[i],
                text[i],
                others[i]
            );
            assert_eq!(
                others[i].is_empty(),
                is_text,
                "{:08X}: {}{}",
                TAGS[i],
                text[i],
                others[i]
            );
        }
        assert!(text.contains(&"PatientName") && text.contains(&"ReferencedStudySequence"));
        assert!(others.contains(&"Rows") && !text.contains(&"Rows"));
    }

    #[test]
    fn an_empty_keyword_names_nothing() {
        assert!(PackedDictionary.by_name("").is_none());
    }
}
