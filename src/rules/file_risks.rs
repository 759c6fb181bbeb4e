//! File-level risks: what a whole object reveals beyond any single attribute.

use super::row::RuleRow;
use super::{Category, Severity};

/// A risk that concerns the file as a whole. Variant `i` is row `i` of [`ROWS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileRisk {
    /// Burned In Annotation (0028,0301) is YES: text is drawn into the pixels.
    BurnedIn,
    /// Burned In Annotation is absent for a modality that usually burns text into pixels.
    BurnedInLikely,
    /// The pixels were looked at (`scan --pixels`) and show lines of text.
    BurnedInPixels,
    /// An encapsulated PDF or CDA document: free text that header rules cannot clean.
    EncapsulatedDocument,
    /// A structured report: its content tree holds names, dates and free text.
    StructuredReport,
    /// A head or brain CT/MR/PET image: a series of these can rebuild the face.
    FaceReconstruction,
    /// Patient Identity Removed (0012,0062) says YES, but identifiers remain.
    BrokenDeidentification,
    /// Private (vendor) attributes are present; they may hold anything.
    PrivateTags,
    /// Attributes retired from the standard are present; old tools forget to clean them.
    RetiredAttributes,
}

const ANNEX_E: &str = "DICOM PS3.15 Annex E (E.1.1, E.3)";

const LOOK_AT_PIXELS: &str = "Look at the images before sharing; black out text in the picture \
                              with a tool that cleans pixel data, or share a de-identified copy \
                              made by your provider.";

const READ_THE_REPORT: &str =
    "Read the report before sharing it; remove it from the set if it is not needed.";

/// Every file risk, in report order.
pub const ROWS: [RuleRow<FileRisk>; 9] = [
    RuleRow {
        rule: FileRisk::BurnedIn,
        id: "F-BURNED-IN",
        title: "Text is burned into the image",
        category: Category::FreeText,
        severity: Severity::High,
        why: "The file says text is drawn into the picture itself, often your name, birth \
              date or ID. Cleaning the header does not remove it.",
        fix: LOOK_AT_PIXELS,
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::BurnedInLikely,
        id: "F-BURNED-IN-LIKELY",
        title: "Text may be burned into the image",
        category: Category::FreeText,
        severity: Severity::Medium,
        why: "Ultrasound, screen captures, X-ray angiography and similar images usually have \
              your name or ID drawn into the picture, and this file does not say otherwise.",
        fix: LOOK_AT_PIXELS,
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::BurnedInPixels,
        id: "F-BURNED-IN-PIXELS",
        title: "Text was found in the image",
        category: Category::FreeText,
        severity: Severity::High,
        why: "Looking at the picture itself found lines of text drawn into it, where names, \
              birth dates and IDs are often shown. Cleaning the header does not remove them.",
        fix: LOOK_AT_PIXELS,
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::EncapsulatedDocument,
        id: "F-DOCUMENT",
        title: "A document (PDF or CDA) is embedded",
        category: Category::FreeText,
        severity: Severity::High,
        why: "A whole document (a report or letter) travels inside the file; it can hold \
              anything about you.",
        fix: READ_THE_REPORT,
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::StructuredReport,
        id: "F-SR",
        title: "A structured report with free text",
        category: Category::FreeText,
        severity: Severity::Medium,
        why: "Reports carry findings as free text, with names of people and dates of care.",
        fix: READ_THE_REPORT,
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::FaceReconstruction,
        id: "F-FACE",
        title: "Head scan: the face can be rebuilt",
        category: Category::FaceImage,
        severity: Severity::High,
        why: "From a series of head CT or MR slices, software can rebuild a face that \
              face-recognition tools can match to a photo.",
        fix: "Share head scans only with people you trust, or ask for a defaced copy.",
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::BrokenDeidentification,
        id: "F-DEID-BROKEN",
        title: "Marked de-identified, but identifiers remain",
        category: Category::Names,
        severity: Severity::Critical,
        why: "The file claims the patient's identity was removed, yet it still names or \
              numbers the person. Anyone trusting the claim would share it.",
        fix: "Do not share this file as anonymous. Run a full de-identification (DICOM PS3.15 \
              Basic Profile) again and check the result.",
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::PrivateTags,
        id: "F-PRIVATE",
        title: "Private vendor data is present",
        category: Category::OtherUnique,
        severity: Severity::Low,
        why: "Vendors store their own data in private attributes; some copy names, IDs or \
              notes there, and most tools cannot read them.",
        fix: "Remove private attributes before sharing unless the recipient needs them.",
        reference: ANNEX_E,
    },
    RuleRow {
        rule: FileRisk::RetiredAttributes,
        id: "F-RETIRED",
        title: "Retired attributes are present",
        category: Category::OtherUnique,
        severity: Severity::Info,
        why: "Attributes the standard no longer uses are often missed by de-identification \
              tools that only know the current ones.",
        fix: "Remove retired attributes when de-identifying.",
        reference: ANNEX_E,
    },
];

super::row::rule_rows!(FileRisk, ROWS);

impl FileRisk {
    /// Whether the risk is text drawn into the pixels: stated, likely or seen.
    pub fn is_burned_in(self) -> bool {
        matches!(
            self,
            FileRisk::BurnedIn | FileRisk::BurnedInLikely | FileRisk::BurnedInPixels
        )
    }
}

super::rule::serde_by_id!(FileRisk);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burned_in_means_both_burned_in_risks_and_nothing_else() {
        let burned: Vec<&str> = FileRisk::all()
            .filter(|r| r.is_burned_in())
            .map(FileRisk::id)
            .collect();
        assert_eq!(
            burned,
            ["F-BURNED-IN", "F-BURNED-IN-LIKELY", "F-BURNED-IN-PIXELS"]
        );
    }
}
