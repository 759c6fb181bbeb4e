//! The scan workers' warm-up: while the page waits for its first files, the page's first scan
//! worker reads a synthetic header (`warmup.dcm`, made by `tools/make_warmup.py`) a hundred
//! times, so that the browser has compiled the scan's functions to its fast tier before a
//! user's files come. One worker is enough: the workers run the page's module, handed to them
//! compiled, and share its code.
//!
//! Why: Chromium first runs the module's code as its baseline compiler makes it, and compiles
//! a function again, optimized, only once it has run long enough. A scan of 2,000 files did
//! that mid-scan: about 330 ms of compiling on the browser's threads, with the scan in slow
//! code meanwhile (docs/benchmarks.md, sessions 25 and 26). With this warm-up a 2,000-file
//! scan ran 5 to 9% faster in same-hour A/B runs (`ab.mjs`).
//!
//! What it does not do: it stops for good at the first message from the page (checked between
//! slices of [`ROUNDS_PER_SLICE`] reads, a few milliseconds each), so a user's files wait at
//! most one slice; nothing it finds leaves the worker (the reports are built and encoded as
//! for the page, then dropped); a header that cannot be fetched means no warm-up.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

use super::worker::{scan, Source};
use crate::scan::DeferExports;

/// The name the page gives the scan worker that warms up.
pub(super) const WORKER_NAME: &str = "scan-warm-up";

/// The header, next to the worker's loader (so under the page's own path).
const URL: &str = "./warmup.dcm";

/// Reads of the header in all, and between two looks at whether the page has sent a file.
const ROUNDS: usize = 100;
const ROUNDS_PER_SLICE: usize = 5;

thread_local! {
    static WANTED: Cell<bool> = const { Cell::new(true) };
}

/// The page has sent something: no more warm-up in this worker.
pub(super) fn stop() {
    WANTED.set(false);
}

/// Starts the warm-up in the background of this worker's event loop, if this is the worker
/// the page named for it.
pub(super) fn start(scope: DedicatedWorkerGlobalScope) {
    if scope.name() != WORKER_NAME {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(bytes) = super::js_call::fetch_bytes(scope.unchecked_ref(), URL).await {
            slices(scope, Rc::new(bytes), ROUNDS / ROUNDS_PER_SLICE);
        }
    });
}

/// `left` slices of reads, each after a turn of the event loop: a message from the page is
/// handled before the next slice, and stops the warm-up.
fn slices(scope: DedicatedWorkerGlobalScope, bytes: Rc<Vec<u8>>, left: usize) {
    if left == 0 {
        return;
    }
    gloo_timers::callback::Timeout::new(0, move || {
        if !WANTED.get() {
            return;
        }
        for _ in 0..ROUNDS_PER_SLICE {
            // The page's own path for a small file it read, so that the code warmed is the
            // code that will run.
            let source = Source::Read {
                name: "warmup.dcm".to_string(),
                bytes: bytes.to_vec(),
            };
            scan(&scope, 0, source, &DeferExports::default(), false).discard();
        }
        slices(scope, bytes, left - 1);
    })
    .forget();
}
