//! Decode: turn the bytes of an input into the identifiers it carries.

pub mod dicom;
