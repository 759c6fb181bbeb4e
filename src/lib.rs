//! # dicom-exposure-check
//!
//! Finds what identifies a person in medical-imaging files, locally: bytes in, data out.
//!
//! The pipeline runs one way:
//!
//! ```text
//! bytes + file name ─► sniff ─► decode ─► detect ─► findings ─► report ─► web UI / CLI
//! ```
//!
//! - **sniff**: decide what a file is from its bytes; the extension is only a hint.
//! - **decode**: turn an input into a [`decode::dataset::Dataset`] (flat elements with tag
//!   paths), reading a DICOM header only up to the pixel data.
//! - **rules**: the data: PS3.15 Annex E, value detectors, file-level risks, one catalog.
//! - **detect**: run the rules over a dataset; findings are masked as they are made.
//! - **mask**: show that a value is there without showing the value (`D*** J***`).
//! - **report**: per file, per person, per study, and the exposure summary (JSON, text).
//! - **scan**: the one entry point the browser worker and the CLI share.
//! - **deidentify**: a clean copy of a DICOM file (PS3.15 Annex E and its options), proven by
//!   scanning the copy again.
//! - **evidence** and **checklist**: what a scan proves, and the guided checklist (patient and
//!   office paths) as a pure state machine that the evidence answers or flags.
//!
//! The core never touches the file system, the clock or the DOM, so it behaves the same
//! natively, in the browser and in the worker. The browser front end lives behind the
//! `web` cargo feature.

pub mod checklist;
pub mod decode;
pub mod deidentify;
pub mod detect;
pub mod evidence;
pub mod file_list;
pub mod i18n;
pub mod mask;
pub mod pixels;
pub mod report;
pub mod rules;
pub mod scan;
pub mod sniff;

#[cfg(feature = "web")]
pub mod web;

pub use detect::DetectOptions;
pub use report::{FileReport, FileStatus, Report};
pub use scan::{scan_complete, scan_file, ScanOutcome};
