//! The scan worker: runs the core off the main thread so the page never freezes.

use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

use crate::detect::DetectOptions;
use crate::scan::{scan_file, ScanOutcome};

/// One file to scan: its position in the page's list, its name, and a prefix of its bytes
/// (`complete` when the prefix is the whole file).
#[derive(Debug, Serialize, Deserialize)]
pub struct ScanRequest {
    pub index: usize,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub complete: bool,
}

/// The masked result for the file at `index`, or a request for a longer prefix.
#[derive(Debug, Serialize, Deserialize)]
pub struct ScanResponse {
    pub index: usize,
    pub outcome: ScanOutcome,
}

pub struct ScanWorker;

impl Worker for ScanWorker {
    type Message = ();
    type Input = ScanRequest;
    type Output = ScanResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ScanWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Self::Input, id: HandlerId) {
        // Raw values travel to the page so that a user can reveal one; the page shows masks,
        // and its exports drop raw values (`Report::redacted`). Nothing is stored.
        let options = DetectOptions {
            reveal_values: true,
        };
        let outcome = scan_file(
            &request.file_name,
            &request.bytes,
            request.complete,
            &options,
        );
        scope.respond(
            id,
            ScanResponse {
                index: request.index,
                outcome,
            },
        );
    }
}
