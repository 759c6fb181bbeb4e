//! Retain Safe Private (PS3.15 E.3.10): the vendor elements a copy may keep.
//!
//! The list is the standard's sample list of private attributes thought safe (PS3.15 Table
//! E.3.10-1; "vendors do not guarantee them to be safe"), narrowed to what the copy can check:
//! numbers and codes (DS, IS, CS, FL, FD, SS, US, SL, UL), whose values are checked to be
//! numbers or codes before they are kept, and UIDs, which get new UIDs like every other UID.
//! Entries whose values could hold anything (free text LO, SH, LT; opaque OB bytes;
//! sequences) are removed even under this option: the copy could not prove them clean.
//!
//! A private element is found by its group, its block's Private Creator (gggg,00xx) and the
//! low byte of its element number (gggg,xxEE), as PS3.5 7.8.1 defines private blocks.

use dicom_core::VR;

/// One entry of the safe list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafePrivate {
    pub group: u16,
    pub creator: &'static str,
    /// The low byte of the element number (`xxEE`).
    pub element: u8,
    pub vr: VR,
    pub meaning: &'static str,
}

/// The safe list (from PS3.15 Table E.3.10-1, as described above).
#[rustfmt::skip]
pub const SAFE_PRIVATE: &[SafePrivate] = &[
    SafePrivate { group: 0x7053, creator: "Philips PET Private Group", element: 0x00, vr: VR::DS, meaning: "SUV Factor - Multiplying stored pixel values by Rescale Slope then this factor results in SUVbw in g/l" },
    SafePrivate { group: 0x7053, creator: "Philips PET Private Group", element: 0x09, vr: VR::DS, meaning: "Activity Concentration Factor - Multiplying stored pixel values by Rescale Slope then this factor results in MBq/ml." },
    SafePrivate { group: 0x00E1, creator: "ELSCINT1", element: 0x21, vr: VR::DS, meaning: "DLP" },
    SafePrivate { group: 0x00E1, creator: "ELSCINT1", element: 0x50, vr: VR::DS, meaning: "Acquisition Duration" },
    SafePrivate { group: 0x01E1, creator: "ELSCINT1", element: 0x26, vr: VR::CS, meaning: "Phantom Type" },
    SafePrivate { group: 0x01F1, creator: "ELSCINT1", element: 0x01, vr: VR::CS, meaning: "Acquisition Type" },
    SafePrivate { group: 0x01F1, creator: "ELSCINT1", element: 0x07, vr: VR::DS, meaning: "Table Velocity" },
    SafePrivate { group: 0x01F1, creator: "ELSCINT1", element: 0x26, vr: VR::DS, meaning: "Pitch" },
    SafePrivate { group: 0x01F1, creator: "ELSCINT1", element: 0x27, vr: VR::DS, meaning: "Rotation Time" },
    SafePrivate { group: 0x0019, creator: "GEMS_ACQU_01", element: 0x23, vr: VR::DS, meaning: "Table Speed [mm/rotation]" },
    SafePrivate { group: 0x0019, creator: "GEMS_ACQU_01", element: 0x24, vr: VR::DS, meaning: "Mid Scan Time [sec]" },
    SafePrivate { group: 0x0019, creator: "GEMS_ACQU_01", element: 0x27, vr: VR::DS, meaning: "Rotation Speed (Gantry Period)" },
    SafePrivate { group: 0x0045, creator: "GEMS_HELIOS_01", element: 0x01, vr: VR::SS, meaning: "Number of Macro Rows in Detector" },
    SafePrivate { group: 0x0045, creator: "GEMS_HELIOS_01", element: 0x02, vr: VR::FL, meaning: "Macro width at ISO Center" },
    SafePrivate { group: 0x0903, creator: "GEIIS PACS", element: 0x10, vr: VR::US, meaning: "Reject Image Flag" },
    SafePrivate { group: 0x0903, creator: "GEIIS PACS", element: 0x11, vr: VR::US, meaning: "Significant Flag" },
    SafePrivate { group: 0x0903, creator: "GEIIS PACS", element: 0x12, vr: VR::US, meaning: "Confidential Flag" },
    SafePrivate { group: 0x2001, creator: "Philips Imaging DD 001", element: 0x03, vr: VR::FL, meaning: "Diffusion B-Factor" },
    SafePrivate { group: 0x2001, creator: "Philips Imaging DD 001", element: 0x04, vr: VR::CS, meaning: "Diffusion Direction" },
    SafePrivate { group: 0x0019, creator: "SIEMENS MR HEADER", element: 0x0C, vr: VR::IS, meaning: "B Value" },
    SafePrivate { group: 0x0019, creator: "SIEMENS MR HEADER", element: 0x0D, vr: VR::CS, meaning: "Diffusion Directionality" },
    SafePrivate { group: 0x0019, creator: "SIEMENS MR HEADER", element: 0x0E, vr: VR::FD, meaning: "Diffusion Gradient Direction" },
    SafePrivate { group: 0x0019, creator: "SIEMENS MR HEADER", element: 0x27, vr: VR::FD, meaning: "B Matrix" },
    SafePrivate { group: 0x0043, creator: "GEMS_PARM_01", element: 0x39, vr: VR::IS, meaning: "1st value is B Value" },
    SafePrivate { group: 0x0043, creator: "GEMS_PARM_01", element: 0x6F, vr: VR::DS, meaning: "Scanner Table Entry + Gradient Coil Selected" },
    SafePrivate { group: 0x0025, creator: "GEMS_SERS_01", element: 0x07, vr: VR::SL, meaning: "Images in Series" },
    SafePrivate { group: 0x0099, creator: "NQHeader", element: 0x01, vr: VR::UI, meaning: "Version" },
    SafePrivate { group: 0x0099, creator: "NQHeader", element: 0x02, vr: VR::UI, meaning: "Analyzed Series UID" },
    SafePrivate { group: 0x0099, creator: "NQHeader", element: 0x04, vr: VR::SS, meaning: "Return Code" },
    SafePrivate { group: 0x0099, creator: "NQHeader", element: 0x10, vr: VR::FL, meaning: "MI" },
    SafePrivate { group: 0x0099, creator: "NQHeader", element: 0x21, vr: VR::FL, meaning: "ICV" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x01, vr: VR::FL, meaning: "Left Cortical White Matter" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x02, vr: VR::FL, meaning: "Left Cortical Gray Matter" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x03, vr: VR::FL, meaning: "Left 3rd Ventricle" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x04, vr: VR::FL, meaning: "Left 4th Ventricle" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x05, vr: VR::FL, meaning: "Left 5th Ventricle" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x06, vr: VR::FL, meaning: "Left Lateral Ventricle" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x07, vr: VR::FL, meaning: "Left Inferior Lateral Ventricle" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x08, vr: VR::FL, meaning: "Left Inferior CSF" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x09, vr: VR::FL, meaning: "Left Cerebellar White Matter" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x0A, vr: VR::FL, meaning: "Left Cerebellar Gray Matter" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x0B, vr: VR::FL, meaning: "Left Hippocampus" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x0C, vr: VR::FL, meaning: "Left Amygdala" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x0D, vr: VR::FL, meaning: "Left Thalamus" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x0E, vr: VR::FL, meaning: "Left Caudate" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x0F, vr: VR::FL, meaning: "Left Putamen" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x10, vr: VR::FL, meaning: "Left Pallidum" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x11, vr: VR::FL, meaning: "Left Ventral Diencephalon" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x12, vr: VR::FL, meaning: "Left Nucleus Accumbens" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x13, vr: VR::FL, meaning: "Left Brain Stem" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x14, vr: VR::FL, meaning: "Left Exterior CSF" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x15, vr: VR::FL, meaning: "Left WM Hypo" },
    SafePrivate { group: 0x0199, creator: "NQLeft", element: 0x16, vr: VR::FL, meaning: "Left Other" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x01, vr: VR::FL, meaning: "Right Cortical White Matter" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x02, vr: VR::FL, meaning: "Right Cortical Gray Matter" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x03, vr: VR::FL, meaning: "Right 3rd Ventricle" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x04, vr: VR::FL, meaning: "Right 4th Ventricle" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x05, vr: VR::FL, meaning: "Right 5th Ventricle" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x06, vr: VR::FL, meaning: "Right Lateral Ventricle" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x07, vr: VR::FL, meaning: "Right Inferior Lateral Ventricle" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x08, vr: VR::FL, meaning: "Right Inferior CSF" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x09, vr: VR::FL, meaning: "Right Cerebellar White Matter" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x0A, vr: VR::FL, meaning: "Right Cerebellar Gray Matter" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x0B, vr: VR::FL, meaning: "Right Hippocampus" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x0C, vr: VR::FL, meaning: "Right Amygdala" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x0D, vr: VR::FL, meaning: "Right Thalamus" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x0E, vr: VR::FL, meaning: "Right Caudate" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x0F, vr: VR::FL, meaning: "Right Putamen" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x10, vr: VR::FL, meaning: "Right Pallidum" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x11, vr: VR::FL, meaning: "Right Ventral Diencephalon" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x12, vr: VR::FL, meaning: "Right Nucleus Accumbens" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x13, vr: VR::FL, meaning: "Right Brain Stem" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x14, vr: VR::FL, meaning: "Right Exterior CSF" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x15, vr: VR::FL, meaning: "Right WM Hypo" },
    SafePrivate { group: 0x0299, creator: "NQRight", element: 0x16, vr: VR::FL, meaning: "Right Other" },
    SafePrivate { group: 0x2005, creator: "Philips MR Imaging DD 001", element: 0x0D, vr: VR::FL, meaning: "Scale Intercept" },
    SafePrivate { group: 0x2005, creator: "Philips MR Imaging DD 001", element: 0x0E, vr: VR::FL, meaning: "Scale Slope" },
    SafePrivate { group: 0x0119, creator: "SIEMENS Ultrasound SC2000", element: 0x05, vr: VR::UL, meaning: "Acoustic Data Offset" },
    SafePrivate { group: 0x0119, creator: "SIEMENS Ultrasound SC2000", element: 0x06, vr: VR::UL, meaning: "Acoustic Data Length" },
    SafePrivate { group: 0x0119, creator: "SIEMENS Ultrasound SC2000", element: 0x07, vr: VR::UL, meaning: "Footer Offset" },
    SafePrivate { group: 0x0119, creator: "SIEMENS Ultrasound SC2000", element: 0x08, vr: VR::UL, meaning: "Footer Length" },
    SafePrivate { group: 0x0119, creator: "SIEMENS Ultrasound SC2000", element: 0x09, vr: VR::SS, meaning: "Acoustic Stream Number" },
    SafePrivate { group: 0x0119, creator: "SIEMENS Ultrasound SC2000", element: 0x13, vr: VR::IS, meaning: "Volume Rate" },
    SafePrivate { group: 0x0129, creator: "SIEMENS Ultrasound SC2000", element: 0x02, vr: VR::UI, meaning: "Bookmark UID" },
    SafePrivate { group: 0x0129, creator: "SIEMENS Ultrasound SC2000", element: 0x07, vr: VR::UI, meaning: "Bookmark UID" },
    SafePrivate { group: 0x0129, creator: "SIEMENS Ultrasound SC2000", element: 0x12, vr: VR::UI, meaning: "Referenced Bookmark UID" },
    SafePrivate { group: 0x0129, creator: "SIEMENS Ultrasound SC2000", element: 0x30, vr: VR::CS, meaning: "Raw Data Object Type" },
    SafePrivate { group: 0x0139, creator: "SIEMENS Ultrasound SC2000", element: 0x01, vr: VR::SL, meaning: "Physio Capture ROI" },
    SafePrivate { group: 0x0149, creator: "SIEMENS Ultrasound SC2000", element: 0x01, vr: VR::FD, meaning: "Vector of BROI Points" },
    SafePrivate { group: 0x0149, creator: "SIEMENS Ultrasound SC2000", element: 0x02, vr: VR::FD, meaning: "Start/End Timestamps of Strip Stream" },
    SafePrivate { group: 0x0149, creator: "SIEMENS Ultrasound SC2000", element: 0x03, vr: VR::FD, meaning: "Timestamps of Visible R-waves" },
    SafePrivate { group: 0x7FD1, creator: "SIEMENS Ultrasound SC2000", element: 0x09, vr: VR::UI, meaning: "Volume Version ID" },
    SafePrivate { group: 0x7FD1, creator: "SIEMENS SYNGO ULTRA-SOUND TOYON DATA STREAMING", element: 0x09, vr: VR::UI, meaning: "Version ID" },
];

/// The safe-list entry of a private element, if it has one. `creator` is its block's Private
/// Creator value (compared without padding).
pub fn lookup(group: u16, creator: &str, element: u16) -> Option<&'static SafePrivate> {
    let creator = creator.trim_matches(|c: char| c == ' ' || c == '\0');
    let low = (element & 0x00FF) as u8;
    SAFE_PRIVATE
        .iter()
        .find(|s| s.group == group && s.element == low && s.creator == creator)
}

/// Whether `bytes` are a value the entry allows: numbers or a code in the entry's VR. A file
/// in Implicit VR Little Endian gives private values as bytes (VR UN); they are checked as
/// the entry's VR.
pub fn value_fits(entry: &SafePrivate, bytes: &[u8]) -> bool {
    let text = || std::str::from_utf8(bytes).ok();
    match entry.vr {
        VR::DS | VR::IS => text().is_some_and(|t| {
            t.bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE \\\0".contains(&b))
        }),
        VR::CS => text().is_some_and(|t| {
            t.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b" _\\\0".contains(&b))
        }),
        VR::UI => text().is_some_and(|t| {
            t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'\\' || b == b'\0')
        }),
        VR::FL | VR::SL | VR::UL => bytes.len() % 4 == 0,
        VR::FD => bytes.len() % 8 == 0,
        VR::SS | VR::US => bytes.len() % 2 == 0,
        _ => false,
    }
}

/// Whether a value the scanner decoded as `text` fits the entry (numbers of binary VRs are
/// rendered as decimal text by the scanner).
pub fn text_fits(entry: &SafePrivate, text: &str) -> bool {
    match entry.vr {
        VR::FL | VR::FD | VR::SS | VR::US | VR::SL | VR::UL => text
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE \\\0".contains(&b)),
        _ => value_fits(entry, text.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_by_group_creator_and_low_byte() {
        let suv = lookup(0x7053, "Philips PET Private Group ", 0x1000).expect("SUV factor");
        assert_eq!(suv.vr, VR::DS);
        assert!(
            lookup(0x7053, "Philips PET Private Group", 0x1109).is_some(),
            "any block"
        );
        assert!(
            lookup(0x7053, "SIEMENS", 0x1000).is_none(),
            "another creator"
        );
        assert!(
            lookup(0x0019, "GEMS_ACQU_01", 0x109E).is_none(),
            "free text left out"
        );
    }

    #[test]
    fn only_numbers_and_codes_fit() {
        let suv = lookup(0x7053, "Philips PET Private Group", 0x1000).unwrap();
        assert!(value_fits(suv, b"0.000123 "));
        assert!(!value_fits(suv, b"DOE^JOHN"));
        let direction = lookup(0x2001, "Philips Imaging DD 001", 0x1004).unwrap();
        assert!(value_fits(direction, b"I "));
        assert!(!value_fits(direction, b"John"));
        let gradient = lookup(0x0019, "SIEMENS MR HEADER", 0x100E).unwrap();
        assert!(value_fits(gradient, &[0; 24]));
        assert!(!value_fits(gradient, &[0; 20]));
    }
}
