//! File-level risks: what a whole object reveals beyond any single attribute.

use serde::{Deserialize, Serialize};

use super::{Category, Severity};

/// A risk that concerns the file as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FileRisk {
    /// Burned In Annotation (0028,0301) is YES: text is drawn into the pixels.
    BurnedIn,
    /// Burned In Annotation is absent for a modality that usually burns text into pixels.
    BurnedInLikely,
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

impl FileRisk {
    pub const ALL: [FileRisk; 8] = [
        FileRisk::BurnedIn,
        FileRisk::BurnedInLikely,
        FileRisk::EncapsulatedDocument,
        FileRisk::StructuredReport,
        FileRisk::FaceReconstruction,
        FileRisk::BrokenDeidentification,
        FileRisk::PrivateTags,
        FileRisk::RetiredAttributes,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FileRisk::BurnedIn => "F-BURNED-IN",
            FileRisk::BurnedInLikely => "F-BURNED-IN-LIKELY",
            FileRisk::EncapsulatedDocument => "F-DOCUMENT",
            FileRisk::StructuredReport => "F-SR",
            FileRisk::FaceReconstruction => "F-FACE",
            FileRisk::BrokenDeidentification => "F-DEID-BROKEN",
            FileRisk::PrivateTags => "F-PRIVATE",
            FileRisk::RetiredAttributes => "F-RETIRED",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            FileRisk::BurnedIn => "Text is burned into the image",
            FileRisk::BurnedInLikely => "Text may be burned into the image",
            FileRisk::EncapsulatedDocument => "A document (PDF or CDA) is embedded",
            FileRisk::StructuredReport => "A structured report with free text",
            FileRisk::FaceReconstruction => "Head scan: the face can be rebuilt",
            FileRisk::BrokenDeidentification => "Marked de-identified, but identifiers remain",
            FileRisk::PrivateTags => "Private vendor data is present",
            FileRisk::RetiredAttributes => "Retired attributes are present",
        }
    }

    pub fn category(self) -> Category {
        match self {
            FileRisk::BurnedIn | FileRisk::BurnedInLikely => Category::FreeText,
            FileRisk::EncapsulatedDocument | FileRisk::StructuredReport => Category::FreeText,
            FileRisk::FaceReconstruction => Category::FaceImage,
            FileRisk::BrokenDeidentification => Category::Names,
            FileRisk::PrivateTags | FileRisk::RetiredAttributes => Category::OtherUnique,
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            FileRisk::BrokenDeidentification => Severity::Critical,
            FileRisk::BurnedIn | FileRisk::EncapsulatedDocument | FileRisk::FaceReconstruction => {
                Severity::High
            }
            FileRisk::BurnedInLikely | FileRisk::StructuredReport => Severity::Medium,
            FileRisk::PrivateTags => Severity::Low,
            FileRisk::RetiredAttributes => Severity::Info,
        }
    }

    pub fn why(self) -> &'static str {
        match self {
            FileRisk::BurnedIn => {
                "The file says text is drawn into the picture itself, often your name, birth \
                 date or ID. Cleaning the header does not remove it."
            }
            FileRisk::BurnedInLikely => {
                "Ultrasound, screen captures, X-ray angiography and similar images usually have \
                 your name or ID drawn into the picture, and this file does not say otherwise."
            }
            FileRisk::EncapsulatedDocument => {
                "A whole document (a report or letter) travels inside the file; it can hold \
                 anything about you."
            }
            FileRisk::StructuredReport => {
                "Reports carry findings as free text, with names of people and dates of care."
            }
            FileRisk::FaceReconstruction => {
                "From a series of head CT or MR slices, software can rebuild a face that \
                 face-recognition tools can match to a photo."
            }
            FileRisk::BrokenDeidentification => {
                "The file claims the patient's identity was removed, yet it still names or \
                 numbers the person. Anyone trusting the claim would share it."
            }
            FileRisk::PrivateTags => {
                "Vendors store their own data in private attributes; some copy names, IDs or \
                 notes there, and most tools cannot read them."
            }
            FileRisk::RetiredAttributes => {
                "Attributes the standard no longer uses are often missed by de-identification \
                 tools that only know the current ones."
            }
        }
    }

    pub fn fix(self) -> &'static str {
        match self {
            FileRisk::BurnedIn | FileRisk::BurnedInLikely => {
                "Look at the images before sharing; black out text in the picture with a tool \
                 that cleans pixel data, or share a de-identified copy made by your provider."
            }
            FileRisk::EncapsulatedDocument | FileRisk::StructuredReport => {
                "Read the report before sharing it; remove it from the set if it is not needed."
            }
            FileRisk::FaceReconstruction => {
                "Share head scans only with people you trust, or ask for a defaced copy."
            }
            FileRisk::BrokenDeidentification => {
                "Do not share this file as anonymous. Run a full de-identification (DICOM PS3.15 \
                 Basic Profile) again and check the result."
            }
            FileRisk::PrivateTags => {
                "Remove private attributes before sharing unless the recipient needs them."
            }
            FileRisk::RetiredAttributes => "Remove retired attributes when de-identifying.",
        }
    }
}
