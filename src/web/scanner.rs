//! The scan queue between the page and the worker: reads files a few at a time (so 10,000
//! dropped files do not become 10,000 reads at once), hands prefixes to the worker, grows a
//! prefix when the worker asks for more, and restarts the worker if it stops answering.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};

use super::read::read_prefix;
use super::worker::{ScanRequest, ScanResponse, ScanWorker};
use crate::report::{FileReport, FileStatus};
use crate::scan::{ScanOutcome, FIRST_READ_BYTES};

/// Trunk's loader shim for the worker (`data-loader-shim`), relative to the page so that it
/// works under a sub-path. Spawning through a file, not gloo's default `blob:` shim, keeps the
/// CSP at `worker-src 'self'`.
const WORKER_LOADER_URL: &str = "./worker_loader.js";

/// Files being read or scanned at once: enough to keep the worker busy while the next file is
/// read, few enough that memory stays at a few prefixes.
const MAX_IN_FLIGHT: usize = 3;

/// A file the worker has not answered for this long is marked failed and the worker restarted
/// (a panic or out-of-memory in wasm leaves the worker silent).
pub const WORKER_TIMEOUT_MS: u32 = 20_000;

/// What the queue tells the page.
pub enum Update {
    /// File `id` is done: one report, or several for an archive.
    Done(usize, Vec<FileReport>),
}

pub struct Scanner {
    files: RefCell<Vec<gloo_file::File>>,
    queue: RefCell<VecDeque<usize>>,
    in_flight: RefCell<Vec<usize>>,
    bridge: RefCell<Option<WorkerBridge<ScanWorker>>>,
    on_update: Rc<dyn Fn(Update)>,
    /// Bumped on every (re)start, so a stale watchdog does nothing.
    generation: Cell<u32>,
}

impl Scanner {
    pub fn new(on_update: impl Fn(Update) + 'static) -> Rc<Scanner> {
        let scanner = Rc::new(Scanner {
            files: RefCell::new(Vec::new()),
            queue: RefCell::new(VecDeque::new()),
            in_flight: RefCell::new(Vec::new()),
            bridge: RefCell::new(None),
            on_update: Rc::new(on_update),
            generation: Cell::new(0),
        });
        Scanner::spawn_worker(&scanner);
        scanner
    }

    fn spawn_worker(this: &Rc<Scanner>) {
        let weak = Rc::downgrade(this);
        let bridge = ScanWorker::spawner()
            .callback(move |response: ScanResponse| {
                if let Some(scanner) = weak.upgrade() {
                    Scanner::on_response(&scanner, response);
                }
            })
            .spawn_with_loader(WORKER_LOADER_URL);
        *this.bridge.borrow_mut() = Some(bridge);
    }

    /// Queue files; returns the id of the first.
    pub fn add(this: &Rc<Scanner>, files: Vec<gloo_file::File>) -> usize {
        let first = this.files.borrow().len();
        let count = files.len();
        this.files.borrow_mut().extend(files);
        this.queue.borrow_mut().extend(first..first + count);
        Scanner::pump(this);
        first
    }

    /// Stop: nothing queued is read. Returns the ids that will not be scanned.
    pub fn cancel(&self) -> Vec<usize> {
        self.queue.borrow_mut().drain(..).collect()
    }

    fn pump(this: &Rc<Scanner>) {
        loop {
            if this.in_flight.borrow().len() >= MAX_IN_FLIGHT {
                return;
            }
            let Some(id) = this.queue.borrow_mut().pop_front() else {
                return;
            };
            this.in_flight.borrow_mut().push(id);
            Scanner::send(this, id, FIRST_READ_BYTES);
        }
    }

    fn finish(this: &Rc<Scanner>, id: usize, reports: Vec<FileReport>) {
        this.in_flight.borrow_mut().retain(|x| *x != id);
        (this.on_update)(Update::Done(id, reports));
        Scanner::pump(this);
    }

    fn send(this: &Rc<Scanner>, id: usize, limit: usize) {
        let Some(file) = this.files.borrow().get(id).cloned() else {
            return;
        };
        let this = this.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match read_prefix(&file, limit as u64).await {
                Ok((bytes, complete)) => {
                    if let Some(bridge) = this.bridge.borrow().as_ref() {
                        bridge.send(ScanRequest {
                            index: id,
                            file_name: file.name(),
                            bytes,
                            complete,
                        });
                    }
                    Scanner::watch(&this, id);
                }
                Err(message) => Scanner::finish(
                    &this,
                    id,
                    vec![FileReport::failed(
                        &file.name(),
                        FileStatus::Unreadable,
                        message,
                    )],
                ),
            }
        });
    }

    fn on_response(this: &Rc<Scanner>, response: ScanResponse) {
        let id = response.index;
        match response.outcome {
            ScanOutcome::Done(report) => Scanner::finish(this, id, vec![*report]),
            ScanOutcome::Archive(reports) => Scanner::finish(this, id, reports),
            ScanOutcome::NeedMoreBytes { at_least } => Scanner::send(this, id, at_least),
        }
    }

    /// If file `id` is still in flight after the timeout, the worker is presumed dead: the
    /// file is marked failed, the worker restarted, and the other in-flight files re-sent.
    fn watch(this: &Rc<Scanner>, id: usize) {
        let generation = this.generation.get();
        let weak = Rc::downgrade(this);
        gloo_timers::callback::Timeout::new(WORKER_TIMEOUT_MS, move || {
            let Some(this) = weak.upgrade() else { return };
            if this.generation.get() != generation || !this.in_flight.borrow().contains(&id) {
                return;
            }
            this.generation.set(generation + 1);
            let name = this.files.borrow().get(id).map(gloo_file::File::name);
            let others: Vec<usize> = this
                .in_flight
                .borrow()
                .iter()
                .copied()
                .filter(|x| *x != id)
                .collect();
            this.in_flight.borrow_mut().retain(|x| *x == id);
            // Dropping the bridge terminates the stuck worker.
            this.bridge.borrow_mut().take();
            Scanner::spawn_worker(&this);
            this.queue.borrow_mut().extend(others);
            Scanner::finish(
                &this,
                id,
                vec![FileReport::failed(
                    &name.unwrap_or_default(),
                    FileStatus::Unreadable,
                    format!(
                        "The scanner stopped answering on this file (after {} s); it was \
                         restarted and the other files go on.",
                        WORKER_TIMEOUT_MS / 1000
                    ),
                )],
            );
        })
        .forget();
    }
}
