//! The browser front end: a Yew page that hands each dropped file to a scan worker.
//!
//! The page only renders; all reading and masking happens in the core, inside the worker.

mod app;
pub mod blob_reader;
mod checklist_view;
mod download;
mod drop_zone;
mod file_card;
mod findings_view;
mod people_view;
mod scanner;
mod tabs;
pub mod worker;

pub use app::App;
