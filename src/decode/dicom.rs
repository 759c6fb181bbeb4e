//! DICOM objects, read with dicom-rs up to (never into) the pixel data.

use dicom_dictionary_std::tags;
use dicom_object::file::ReadPreamble;
use dicom_object::{DefaultDicomObject, OpenFileOptions};

use crate::sniff::Kind;

/// The person-identifying values of one DICOM object, as written in it (unmasked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub patient_name: Option<String>,
    pub patient_birth_date: Option<String>,
    pub patient_id: Option<String>,
}

/// Why a DICOM object could not be read. Messages name the step, never a patient value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Read the header of a Part 10 object (with or without preamble) and pull out who it is about.
pub fn read_identity(bytes: &[u8], kind: Kind) -> Result<Identity, DecodeError> {
    let preamble = match kind {
        Kind::DicomPart10 => ReadPreamble::Always,
        _ => ReadPreamble::Never,
    };
    let obj: DefaultDicomObject = OpenFileOptions::new()
        .read_preamble(preamble)
        .read_until(tags::PIXEL_DATA)
        .from_reader(bytes)
        .map_err(|e| DecodeError(format!("could not read the DICOM header: {e}")))?;
    // A value made only of name separators (`^^^^`) is an empty name, not an identifier.
    let text = |tag| {
        obj.get(tag)
            .and_then(|e| e.to_str().ok())
            .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
            .filter(|s| s.chars().any(|c| !matches!(c, '^' | '=' | ' ')))
    };
    Ok(Identity {
        patient_name: text(tags::PATIENT_NAME),
        patient_birth_date: text(tags::PATIENT_BIRTH_DATE),
        patient_id: text(tags::PATIENT_ID),
    })
}
