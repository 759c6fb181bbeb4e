//! Decode: turn the bytes of an input into [`dataset::Dataset`]s, the one shape detectors read.

pub mod dataset;
pub mod dicom;
