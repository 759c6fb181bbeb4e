//! Decide what a file is from its first bytes.

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// DICOM Part 10: 128-byte preamble, then `DICM`.
    DicomPart10,
    /// DICOM Part 10 file meta group without the preamble (starts with `DICM`).
    DicomNoPreamble,
    /// Nothing this version recognises.
    Unknown,
}

/// The magic that follows the preamble in a Part 10 file.
const DICM: &[u8; 4] = b"DICM";
const PREAMBLE_LEN: usize = 128;

/// Sniff the kind of a file from a prefix of its bytes.
pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.len() >= PREAMBLE_LEN + DICM.len()
        && &bytes[PREAMBLE_LEN..PREAMBLE_LEN + DICM.len()] == DICM
    {
        Kind::DicomPart10
    } else if bytes.starts_with(DICM) {
        Kind::DicomNoPreamble
    } else {
        Kind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preamble_then_magic_is_part10() {
        let mut bytes = vec![0u8; 128];
        bytes.extend_from_slice(b"DICM\x02\x00");
        assert_eq!(sniff(&bytes), Kind::DicomPart10);
    }

    #[test]
    fn magic_at_start_is_part10_without_preamble() {
        assert_eq!(sniff(b"DICM\x02\x00\x00\x00"), Kind::DicomNoPreamble);
    }

    #[test]
    fn text_and_short_input_are_unknown() {
        assert_eq!(sniff(b"PatientName,BirthDate\n"), Kind::Unknown);
        assert_eq!(sniff(b""), Kind::Unknown);
    }
}
