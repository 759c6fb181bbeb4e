//! The groups the standard data dictionary has attributes in, for tests that scan every tag of
//! them: shared, because two hand-kept lists drifted (2200 and 7Fxx were missing from one).
//! `tests/dictionary.rs` checks that every attribute of the dictionary lies in these groups.

/// Every group the standard dictionary has attributes in, the repeating groups 50xx, 60xx and
/// 7Fxx whole.
pub fn dictionary_groups() -> impl Iterator<Item = u16> {
    (0x0000..=0x0600u16)
        .chain(0x1000..=0x1012)
        .chain(0x2000..=0x2140)
        .chain(0x2200..=0x2210)
        .chain(0x3000..=0x3010)
        .chain(0x4000..=0x4012)
        .chain(0x5000..=0x50FF)
        .chain(0x6000..=0x60FF)
        .chain(0x7F00..=0x7FFF)
        .chain([0x4FFE, 0x5200, 0x5400, 0x5600, 0xFFFA, 0xFFFC, 0xFFFE])
}
