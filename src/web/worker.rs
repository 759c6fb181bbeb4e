//! The scan worker: runs the core off the main thread so the page never freezes.

use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

use crate::scan::{scan_bytes, FileResult};

/// One file to scan: its position in the page's list, its name and its (prefix) bytes.
#[derive(Debug, Serialize, Deserialize)]
pub struct ScanRequest {
    pub index: usize,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The masked result for the file at `index`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ScanResponse {
    pub index: usize,
    pub result: FileResult,
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
        let result = scan_bytes(&request.file_name, &request.bytes);
        scope.respond(
            id,
            ScanResponse {
                index: request.index,
                result,
            },
        );
    }
}
