//! The scan queue between the page and a small pool of workers: reads files a few at a time
//! (so 10,000 dropped files do not become 10,000 reads at once), hands prefixes to the least
//! busy worker, grows a prefix when a worker asks for more, and restarts a worker that stops
//! answering.

use std::cell::RefCell;
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

/// Workers in the pool: one per core the browser reports, at most this many.
pub const MAX_WORKERS: usize = 4;

/// Files in flight per worker: one being scanned while the next is read.
const IN_FLIGHT_PER_WORKER: usize = 2;

/// A file the worker has not answered for this long is marked failed and the worker restarted
/// (a panic or out-of-memory in wasm leaves the worker silent).
pub const WORKER_TIMEOUT_MS: u32 = 20_000;

/// What the queue tells the page.
pub enum Update {
    /// File `id` is done: one report, or several for an archive.
    Done(usize, Vec<FileReport>),
}

/// One worker of the pool and the files it holds.
struct Slot {
    bridge: Option<WorkerBridge<ScanWorker>>,
    in_flight: Vec<usize>,
    /// Bumped on every (re)start, so a stale watchdog or answer does nothing.
    generation: u32,
}

pub struct Scanner {
    files: RefCell<Vec<gloo_file::File>>,
    queue: RefCell<VecDeque<usize>>,
    slots: RefCell<Vec<Slot>>,
    on_update: Rc<dyn Fn(Update)>,
}

fn pool_size() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1);
    cores.clamp(1, MAX_WORKERS)
}

impl Scanner {
    pub fn new(on_update: impl Fn(Update) + 'static) -> Rc<Scanner> {
        let scanner = Rc::new(Scanner {
            files: RefCell::new(Vec::new()),
            queue: RefCell::new(VecDeque::new()),
            slots: RefCell::new(Vec::new()),
            on_update: Rc::new(on_update),
        });
        for slot in 0..pool_size() {
            scanner.slots.borrow_mut().push(Slot {
                bridge: None,
                in_flight: Vec::new(),
                generation: 0,
            });
            Scanner::spawn_worker(&scanner, slot);
        }
        scanner
    }

    fn spawn_worker(this: &Rc<Scanner>, slot: usize) {
        let weak = Rc::downgrade(this);
        let generation = this.slots.borrow()[slot].generation;
        let bridge = ScanWorker::spawner()
            .callback(move |response: ScanResponse| {
                if let Some(scanner) = weak.upgrade() {
                    Scanner::on_response(&scanner, slot, generation, response);
                }
            })
            .spawn_with_loader(WORKER_LOADER_URL);
        this.slots.borrow_mut()[slot].bridge = Some(bridge);
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

    /// The least busy worker with room for another file.
    fn free_slot(&self) -> Option<usize> {
        let slots = self.slots.borrow();
        (0..slots.len())
            .filter(|&i| slots[i].in_flight.len() < IN_FLIGHT_PER_WORKER)
            .min_by_key(|&i| slots[i].in_flight.len())
    }

    fn pump(this: &Rc<Scanner>) {
        while let Some(slot) = this.free_slot() {
            let Some(id) = this.queue.borrow_mut().pop_front() else {
                return;
            };
            this.slots.borrow_mut()[slot].in_flight.push(id);
            Scanner::send(this, slot, id, FIRST_READ_BYTES);
        }
    }

    fn finish(this: &Rc<Scanner>, slot: usize, id: usize, reports: Vec<FileReport>) {
        this.slots.borrow_mut()[slot].in_flight.retain(|x| *x != id);
        (this.on_update)(Update::Done(id, reports));
        Scanner::pump(this);
    }

    fn send(this: &Rc<Scanner>, slot: usize, id: usize, limit: usize) {
        let Some(file) = this.files.borrow().get(id).cloned() else {
            return;
        };
        let this = this.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match read_prefix(&file, limit as u64).await {
                Ok((bytes, complete)) => {
                    if let Some(bridge) = this.slots.borrow()[slot].bridge.as_ref() {
                        bridge.send(ScanRequest {
                            index: id,
                            file_name: file.name(),
                            bytes,
                            complete,
                        });
                    }
                    Scanner::watch(&this, slot, id);
                }
                Err(message) => Scanner::finish(
                    &this,
                    slot,
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

    fn on_response(this: &Rc<Scanner>, slot: usize, generation: u32, response: ScanResponse) {
        if this.slots.borrow()[slot].generation != generation {
            return;
        }
        let id = response.index;
        match response.outcome {
            ScanOutcome::Done(report) => Scanner::finish(this, slot, id, vec![*report]),
            ScanOutcome::Archive(reports) => Scanner::finish(this, slot, id, reports),
            ScanOutcome::NeedMoreBytes { at_least } => Scanner::send(this, slot, id, at_least),
        }
    }

    /// If file `id` is still in flight on `slot` after the timeout, that worker is presumed
    /// dead: the file is marked failed, the worker restarted, its other files queued again.
    fn watch(this: &Rc<Scanner>, slot: usize, id: usize) {
        let generation = this.slots.borrow()[slot].generation;
        let weak = Rc::downgrade(this);
        gloo_timers::callback::Timeout::new(WORKER_TIMEOUT_MS, move || {
            let Some(this) = weak.upgrade() else { return };
            let others: Vec<usize> = {
                let mut slots = this.slots.borrow_mut();
                let s = &mut slots[slot];
                if s.generation != generation || !s.in_flight.contains(&id) {
                    return;
                }
                s.generation += 1;
                // Dropping the bridge terminates the stuck worker.
                s.bridge = None;
                let others = s.in_flight.iter().copied().filter(|x| *x != id).collect();
                s.in_flight.retain(|x| *x == id);
                others
            };
            Scanner::spawn_worker(&this, slot);
            {
                let mut queue = this.queue.borrow_mut();
                for other in others.into_iter().rev() {
                    queue.push_front(other);
                }
            }
            let name = this.files.borrow().get(id).map(gloo_file::File::name);
            Scanner::finish(
                &this,
                slot,
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
