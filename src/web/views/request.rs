//! What the page asks of its views module: which view to draw, in which language, from which
//! scan results. Sent as bincode (the encoding the workers already use) across the two modules.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::report::FileReport;

/// The parts of the page drawn by the views module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// The guided checklist, with what the scans so far prove.
    Checklist,
    /// The people the files name, one row each.
    People,
    /// Every finding, sortable.
    Findings,
    /// The clean copy: what it changes, and the button that makes it. The files go with the
    /// request as handles (`File`s), not in it.
    CopyPanel { total_bytes: u64 },
}

/// A report file the views module writes when the user asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Export {
    Json,
    Csv,
}

/// Draw a [`View`] (or write an [`Export`]) in `lang` from the reports of the files scanned
/// so far, archives themselves left out as in the page's report. The page sends the reports it
/// holds as a slice (`R = &[Arc<FileReport>]`, encoded as a `Vec` is), not a copy.
#[derive(Debug, Serialize, Deserialize)]
pub struct ViewRequest<T, R = Vec<Arc<FileReport>>> {
    pub lang: Lang,
    pub what: T,
    pub reports: R,
    /// Files were still being checked: the view shows those done when it was opened, and says
    /// so (the page draws it again once all are done).
    pub held: bool,
}
