//! Report: per file, per person, per study, and an exposure summary.
//!
//! A [`FileReport`] is what scanning one file yields; it holds masked values only, plus
//! [`PersonKey`]s: hashes of the normalised name, ID and birth date that let files of the same
//! person be grouped without carrying the values themselves. [`Report::build`] groups them.
//!
//! The JSON form is versioned by [`SCHEMA_VERSION`] and documented in docs/report-schema.md.
//!
//! - `model`: [`FileReport`], [`Report`] and the groups; `identity`: masking and keying a person;
//!   `group`: [`ReportBuilder`]; `verdict`: the opening sentence; `export`: the JSON form and
//!   redaction; `text` and `csv`: the other renderers.

mod csv;
mod export;
mod file_message;
mod group;
mod identity;
mod model;
mod text;
mod verdict;

#[cfg(test)]
mod tests;

pub use export::{redacted_file_name, ExportFile};
pub use file_message::{FileMessage, Said};
pub use group::{GroupOrder, ReportBuilder};
pub use identity::{count_people, normalize_id, normalize_name, person_ref, study_ref};
pub use model::*;
pub use text::{
    render_file_text, render_summary_text, render_summary_text_in, render_text,
    TEXT_FINDINGS_PER_FILE,
};
pub(crate) use verdict::plural;
pub use verdict::VerdictFacts;

// What the parts share without making it public.
use identity::*;
