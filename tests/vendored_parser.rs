//! The vendored dicom-parser (vendor/README.md) answers "is this attribute US or SS?" from a
//! list in wasm32 instead of the standard dictionary. The list must be exactly the
//! dictionary's "US or SS" attributes, or a signed image's values would be read with another
//! VR in the page than in the CLI.

use dicom_core::dictionary::{DataDictionary, VirtualVr};
use dicom_core::Tag;
use dicom_dictionary_std::StandardDataDictionary;
use dicom_parser::stateful::decode::US_OR_SS;

#[path = "support/dictionary_groups.rs"]
mod support;
use support::dictionary_groups;

fn is_us_or_ss(group: u16, element: u16) -> bool {
    StandardDataDictionary
        .by_tag(Tag(group, element))
        .is_some_and(|e| e.vr == VirtualVr::Xs)
}

#[test]
fn every_listed_attribute_is_us_or_ss_in_the_dictionary() {
    assert!(
        US_OR_SS.windows(2).all(|w| w[0] < w[1]),
        "sorted, no repeats"
    );
    for (group, element) in US_OR_SS {
        assert!(
            is_us_or_ss(group, element),
            "({group:04X},{element:04X}) is not US or SS in the dictionary"
        );
    }
}

#[test]
fn no_attribute_of_the_dictionary_that_is_us_or_ss_is_missing() {
    // Even groups only: odd ones are private, and the dictionary's answer there is a private
    // creator (LO) or nothing.
    let groups = dictionary_groups().filter(|g| g % 2 == 0);
    let mut found = Vec::new();
    for group in groups {
        for element in 0..=0xFFFFu16 {
            if is_us_or_ss(group, element) {
                found.push((group, element));
            }
        }
    }
    assert_eq!(found, US_OR_SS);
}
