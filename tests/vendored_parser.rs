//! The vendored dicom-parser (vendor/README.md) answers "is this attribute US or SS?" from a
//! list in wasm32 instead of the standard dictionary. The list must be exactly the
//! dictionary's "US or SS" attributes, or a signed image's values would be read with another
//! VR in the page than in the CLI.

use dicom_core::dictionary::{DataDictionary, VirtualVr};
use dicom_core::Tag;
use dicom_dictionary_std::StandardDataDictionary;
use dicom_parser::stateful::decode::US_OR_SS;

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
    // Every group the standard dictionary has single attributes in (the repeating groups
    // 50xx and 60xx are ranges, and none of them is US or SS).
    let groups = (0x0000..=0x0600u16)
        .chain(0x1000..=0x1012)
        .chain(0x2000..=0x2140)
        .chain(0x2200..=0x2210)
        .chain(0x3000..=0x3010)
        .chain(0x4000..=0x4012)
        .chain(0x7F00..=0x7FFF)
        .chain([0x4FFE, 0x5200, 0x5400, 0x5600, 0xFFFA, 0xFFFC])
        .filter(|g| g % 2 == 0);
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
