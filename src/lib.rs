//! # dicom-exposure-check
//!
//! Finds what identifies a person in medical-imaging files, locally: bytes in, data out.
//!
//! The pipeline runs one way:
//!
//! ```text
//! bytes + file name ─► sniff ─► decode ─► scan ─► (masked) result ─► web UI / CLI
//! ```
//!
//! - **sniff**: decide what a file is from its bytes; the extension is only a hint.
//! - **decode**: turn a DICOM object into the identity it carries, reading the header only.
//! - **mask**: show that a value is there without showing the value (`D*** J***`).
//! - **scan**: the one entry point the browser worker and the CLI share.
//!
//! The core never touches the file system, the clock or the DOM, so it behaves the same
//! natively, in the browser and in the worker. The browser front end lives behind the
//! `web` cargo feature.

pub mod decode;
pub mod detect;
pub mod mask;
pub mod report;
pub mod rules;
pub mod scan;
pub mod sniff;

#[cfg(feature = "web")]
pub mod web;

pub use scan::{scan_bytes, FileResult, ScanStatus};
