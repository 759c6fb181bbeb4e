//! The scan queue between the page and a small pool of workers: hands files (a small file's
//! bytes, a large file's handle) to the least busy worker a few at a time, streams the reports
//! back, and replaces a worker that crashes (a panic or out-of-memory in wasm) or stops
//! answering.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::pixel_worker::decode_answer;
use super::small_file::{self, Start};
use super::worker::{decode_message, READY};
use crate::file_list::Arrived;
use crate::pixels::thumbnail::Thumbnail;
use crate::pixels::{NotChecked, PixelCheck};
use crate::report::{FileReport, FileStatus, Said};
use crate::scan::Scanned;

/// The scan worker's loader, a module script written at build time by
/// `.ci/externalize_loader.py`: it waits for the page's compiled wasm module (the first
/// message) and starts it as a worker. Relative to the page so that it works under a sub-path;
/// a file of the page's origin keeps the CSP at `worker-src 'self'`.
const WORKER_LOADER_URL: &str = "./worker_loader.js";

/// Trunk's loader for the export worker (`src/bin/export_worker.rs`), a module of its own that
/// is fetched the first time a scan worker hands on a file holding an export.
const EXPORT_WORKER_LOADER_URL: &str = "./export_worker_loader.js";

/// Trunk's loader for the pixel worker (`src/bin/pixel_worker.rs`): it looks at the images
/// the scan workers hand on, a module of its own fetched when the user turns the pixel check
/// on.
const PIXEL_WORKER_LOADER_URL: &str = "./pixel_worker_loader.js";

/// Image bytes waiting for the pixel worker, past which the scan and export workers get no
/// more files until it catches up (images are read faster than they are looked at).
const MAX_WAITING_IMAGE_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// What a worker of the pool runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The page's own module: headers (exports handed on).
    Scan,
    /// The export workers: files a scan worker handed on (exports, and archives, which the
    /// page's module does not read), one at a time each; added while more files wait than
    /// export workers are starting or free, up to the pool's size.
    Exports,
    /// The pixel worker: images the scan workers handed on (added when the pixel check is
    /// turned on).
    Pixels,
}

/// Workers in the pool: one per core the browser reports, at most this many.
pub const MAX_WORKERS: usize = 4;

/// Files handed to one worker at a time (being read by the page, or waiting in the worker), so
/// that some are always ready while the page takes in the last answer. The first is the one
/// being scanned. 8 rather than 4 since the page reads small files: 2,000 files 3,131 -> 3,010
/// ms (median of three runs each, alternating; docs/benchmarks.md).
const IN_FLIGHT_PER_WORKER: usize = 8;

/// A worker that has not answered for this long is presumed stuck: the file it was scanning is
/// marked failed and the worker replaced.
pub const WORKER_TIMEOUT_MS: f64 = 20_000.0;

/// How often the watchdog looks.
const WATCHDOG_EVERY_MS: u32 = 2_000;

/// A worker that dies this many times in a row before it is ready is not started again.
const MAX_FAILED_STARTS: u32 = 3;

/// What the queue tells the page.
pub enum Update {
    /// Reports for a file (an archive sends its members in batches).
    Reports(Arrived),
    /// A worker has loaded and can scan (said each time one gets ready).
    WorkerReady,
    /// The reports just sent were the last of what was given: no file is queued or in any
    /// worker, so the page can draw them at once instead of at its next turn.
    Idle,
}

type Handlers = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(ErrorEvent)>,
);

/// One worker of the pool and the files it holds.
struct Slot {
    worker: Option<Worker>,
    /// Kept alive as long as the worker; dropped after the worker is terminated.
    handlers: Option<Handlers>,
    ready: bool,
    /// In the order handed out: the worker scans them in that order.
    in_flight: VecDeque<usize>,
    /// Files handed to this worker whose bytes the page is still reading, in the order
    /// handed out, each with its message once read: sent in that order.
    reading: VecDeque<(usize, Option<Array>)>,
    /// Bumped on every (re)start, so a late answer from a replaced worker does nothing.
    generation: u32,
    last_heard_ms: f64,
    failed_starts: u32,
    kind: Kind,
}

/// A scan worker's batch of reports held until the pixel worker has looked at its images.
struct Held {
    arrived: Arrived,
    /// Images of this batch not answered yet.
    waiting: usize,
}

/// An image handed on by a scan worker: its bytes, and the report it belongs to.
struct Image {
    bytes: Uint8Array,
    /// The file's id, the batch's sequence number among the file's held batches, and the
    /// report's position in the batch.
    id: usize,
    batch: u64,
    position: usize,
}

/// The pixel check's share of the queue: batches held per file (in the order they came, so
/// that an archive's members are listed in order) and images waiting or in a pixel worker.
#[derive(Default)]
struct PixelWork {
    held: HashMap<usize, VecDeque<(u64, Held)>>,
    images: HashMap<usize, Image>,
    next_key: usize,
    next_batch: u64,
    /// Bytes of the images not answered yet.
    bytes: f64,
}

pub struct Scanner {
    files: RefCell<Vec<web_sys::File>>,
    queue: RefCell<VecDeque<usize>>,
    /// Files a scan worker handed on, for the export worker.
    export_queue: RefCell<VecDeque<usize>>,
    /// Keys of images (in `pixel_work`) waiting for a pixel worker.
    image_queue: RefCell<VecDeque<usize>>,
    pixel_work: RefCell<PixelWork>,
    /// Whether files handed out from now on have their images looked at (the user turned the
    /// pixel check on).
    pixels: std::cell::Cell<bool>,
    slots: RefCell<Vec<Slot>>,
    on_update: Rc<dyn Fn(Update)>,
    watchdog: RefCell<Option<gloo_timers::callback::Interval>>,
}

/// Files one worker of `kind` holds at a time: an export worker one, since what it reads is
/// read whole and may be large; the others [`IN_FLIGHT_PER_WORKER`].
fn in_flight_limit(kind: Kind) -> usize {
    match kind {
        Kind::Exports => 1,
        Kind::Scan | Kind::Pixels => IN_FLIGHT_PER_WORKER,
    }
}

fn pool_size() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1);
    cores.clamp(1, MAX_WORKERS)
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Scanner {
    pub fn new(on_update: impl Fn(Update) + 'static) -> Rc<Scanner> {
        let scanner = Rc::new(Scanner {
            files: RefCell::new(Vec::new()),
            queue: RefCell::new(VecDeque::new()),
            export_queue: RefCell::new(VecDeque::new()),
            image_queue: RefCell::new(VecDeque::new()),
            pixel_work: RefCell::new(PixelWork::default()),
            pixels: std::cell::Cell::new(false),
            slots: RefCell::new(Vec::new()),
            on_update: Rc::new(on_update),
            watchdog: RefCell::new(None),
        });
        for _ in 0..pool_size() {
            Scanner::add_slot(&scanner, Kind::Scan);
        }
        let weak = Rc::downgrade(&scanner);
        let watchdog = gloo_timers::callback::Interval::new(WATCHDOG_EVERY_MS, move || {
            if let Some(scanner) = weak.upgrade() {
                Scanner::check_stuck(&scanner);
            }
        });
        *scanner.watchdog.borrow_mut() = Some(watchdog);
        scanner
    }

    fn add_slot(this: &Rc<Scanner>, kind: Kind) {
        let slot = {
            let mut slots = this.slots.borrow_mut();
            slots.push(Slot {
                worker: None,
                handlers: None,
                ready: false,
                in_flight: VecDeque::new(),
                reading: VecDeque::new(),
                generation: 0,
                last_heard_ms: now_ms(),
                failed_starts: 0,
                kind,
            });
            slots.len() - 1
        };
        Scanner::spawn_worker(this, slot);
    }

    fn spawn_worker(this: &Rc<Scanner>, slot: usize) {
        let (generation, kind) = {
            let slots = this.slots.borrow();
            (slots[slot].generation, slots[slot].kind)
        };
        let weak = Rc::downgrade(this);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(scanner) = weak.upgrade() {
                Scanner::on_message(&scanner, slot, generation, event.data());
            }
        });
        let weak = Rc::downgrade(this);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            // Handled here; the browser need not log it as uncaught as well.
            event.prevent_default();
            if let Some(scanner) = weak.upgrade() {
                Scanner::replace_worker(&scanner, slot, generation, Some(Failure::Crashed));
            }
        });
        let options = web_sys::WorkerOptions::new();
        let started = match kind {
            // Trunk's loader of a worker module is a classic script (importScripts).
            Kind::Exports => Worker::new(EXPORT_WORKER_LOADER_URL),
            Kind::Pixels => Worker::new(PIXEL_WORKER_LOADER_URL),
            Kind::Scan => {
                options.set_type(web_sys::WorkerType::Module);
                // One worker warms the code all of them run (see `warmup`); not one started
                // again in its place, which gets files at once.
                if slot == 0 && generation == 0 {
                    options.set_name(super::warmup::WORKER_NAME);
                }
                Worker::new_with_options(WORKER_LOADER_URL, &options)
            }
        };
        match started {
            Ok(worker) => {
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                // Why: a scan worker runs this very module; handed over compiled, it is
                // neither fetched nor compiled again. The other kinds load their own.
                if kind == Kind::Scan && worker.post_message(&wasm_bindgen::module()).is_err() {
                    // Its handlers are dropped with this scope: it must not call them.
                    worker.terminate();
                    this.slots.borrow_mut()[slot].failed_starts = MAX_FAILED_STARTS;
                    return;
                }
                let mut slots = this.slots.borrow_mut();
                let s = &mut slots[slot];
                s.worker = Some(worker);
                s.handlers = Some((on_message, on_error));
                s.ready = false;
                s.last_heard_ms = now_ms();
            }
            Err(_) => this.slots.borrow_mut()[slot].failed_starts = MAX_FAILED_STARTS,
        }
    }

    /// Queue files; returns the id of the first.
    pub fn add(this: &Rc<Scanner>, files: Vec<web_sys::File>) -> usize {
        let first = this.files.borrow().len();
        let count = files.len();
        this.files.borrow_mut().extend(files);
        this.queue.borrow_mut().extend(first..first + count);
        Scanner::pump(this);
        first
    }

    /// The file handed in under `id`.
    pub fn file(&self, id: usize) -> Option<web_sys::File> {
        self.files.borrow().get(id).cloned()
    }

    /// Stop: nothing queued is read. Returns the ids that will not be scanned.
    pub fn cancel(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = self.queue.borrow_mut().drain(..).collect();
        ids.extend(self.export_queue.borrow_mut().drain(..));
        ids
    }

    /// Scan files `ids` again (handed in before): with the pixel check on, their pixels are
    /// looked at too.
    pub fn recheck(this: &Rc<Scanner>, ids: Vec<usize>) {
        this.queue.borrow_mut().extend(ids);
        Scanner::pump(this);
    }

    /// Send the files queued from now on to workers that look at the pixels too (`on`), or
    /// to the page's own scan workers. The pixel workers are started the first time.
    pub fn set_pixels(this: &Rc<Scanner>, on: bool) {
        this.pixels.set(on);
        Scanner::pump(this);
    }

    /// The least busy ready worker of its kind with room for another file.
    fn free_slot(&self, kind: Kind) -> Option<usize> {
        let slots = self.slots.borrow();
        (0..slots.len())
            .filter(|&i| slots[i].kind == kind)
            .filter(|&i| slots[i].ready && slots[i].in_flight.len() < in_flight_limit(kind))
            .min_by_key(|&i| slots[i].in_flight.len())
    }

    /// Another export worker when more files wait for one than there are export workers
    /// starting or free, up to the pool's size: archives and exports are read whole, so
    /// several dropped together would otherwise wait for each other.
    fn export_worker_wanted(&self) -> bool {
        let slots = self.slots.borrow();
        let exports = || slots.iter().filter(|s| s.kind == Kind::Exports);
        let available = exports()
            .filter(|s| !s.ready || s.in_flight.is_empty())
            .count();
        let waiting = self.export_queue.borrow().len();
        waiting > available && exports().count() < pool_size()
    }

    /// After a worker's answer: if nothing is queued, in a worker, or held for the pixel
    /// check any more, the page hears it at once ([`Update::Idle`]).
    fn tell_if_idle(this: &Rc<Scanner>) {
        let idle = this.queue.borrow().is_empty()
            && this.export_queue.borrow().is_empty()
            && this.image_queue.borrow().is_empty()
            && this.pixel_work.borrow().held.is_empty()
            && this.slots.borrow().iter().all(|s| s.in_flight.is_empty());
        if idle {
            (this.on_update)(Update::Idle);
        }
    }

    fn pump(this: &Rc<Scanner>) {
        let pixels = this.pixels.get() || !this.image_queue.borrow().is_empty();
        if pixels && !this.slots.borrow().iter().any(|s| s.kind == Kind::Pixels) {
            for _ in 0..pool_size() {
                Scanner::add_slot(this, Kind::Pixels);
            }
        }
        for kind in [Kind::Pixels, Kind::Scan, Kind::Exports] {
            if this.queue_of(kind).borrow().is_empty() {
                continue;
            }
            if kind == Kind::Exports && this.export_worker_wanted() {
                Scanner::add_slot(this, Kind::Exports);
            }
            // Images read faster than they are looked at wait here, in the browser's memory:
            // the workers that hand images on (scan workers, and export workers reading
            // archives) get no more files until the pixel worker catches up.
            if kind != Kind::Pixels && this.pixel_work.borrow().bytes > MAX_WAITING_IMAGE_BYTES {
                continue;
            }
            if this.all_dead(kind) {
                Scanner::fail_queued(this, kind);
            } else {
                Scanner::hand_out(this, kind);
            }
        }
    }

    /// Each kind of worker takes from its own queue: files for the scan workers, files
    /// handed on for the export worker, images for the pixel workers.
    fn queue_of(&self, kind: Kind) -> &RefCell<VecDeque<usize>> {
        match kind {
            Kind::Exports => &self.export_queue,
            Kind::Scan => &self.queue,
            Kind::Pixels => &self.image_queue,
        }
    }

    /// Send queued files (or images) to free workers of one kind.
    fn hand_out(this: &Rc<Scanner>, kind: Kind) {
        while let Some(slot) = this.free_slot(kind) {
            let Some(id) = this.queue_of(kind).borrow_mut().pop_front() else {
                return;
            };
            if kind == Kind::Scan {
                Scanner::read_and_send(this, slot, id);
                continue;
            }
            // A file: [id, File, whether to hand on its images]; an image: [key, bytes],
            // copied, not transferred, so that it can go to another worker if this one fails.
            let message = if kind == Kind::Pixels {
                let work = this.pixel_work.borrow();
                work.images
                    .get(&id)
                    .map(|image| Array::of2(&JsValue::from_f64(id as f64), &image.bytes))
            } else {
                this.files.borrow().get(id).map(|file| {
                    Array::of3(
                        &JsValue::from_f64(id as f64),
                        file,
                        // Export workers hand on the images of archives they read too.
                        &JsValue::from_bool(this.pixels.get()),
                    )
                })
            };
            let sent = {
                let mut slots = this.slots.borrow_mut();
                let s = &mut slots[slot];
                if s.in_flight.is_empty() {
                    s.last_heard_ms = now_ms();
                }
                let sent = match (s.worker.as_ref(), message) {
                    (Some(worker), Some(message)) => worker.post_message(&message).is_ok(),
                    _ => false,
                };
                if sent {
                    s.in_flight.push_back(id);
                }
                sent
            };
            if !sent {
                Scanner::fail_in(this, kind, id, Failure::NotHandedOver);
            }
        }
    }

    /// Hand file `id` to the scan worker in `slot`. A small file is read here, whole, and its
    /// bytes sent: sending a `File` makes Chromium ask the disk for its size and date first,
    /// synchronously on this thread, and the worker's own read costs one more blob
    /// registered with the browser's process (2,000 files: the page's thread held 0.6-0.7 s in
    /// those questions; the browser's IO thread handled three messages a file instead of
    /// one). A file larger than [`crate::scan::FIRST_READ_BYTES`] goes as a `File` handle
    /// with the first bytes read here, so the worker does not read them again; it reads the
    /// rest it needs itself.
    fn read_and_send(this: &Rc<Scanner>, slot: usize, id: usize) {
        let Some(file) = this.files.borrow().get(id).cloned() else {
            Scanner::fail_in(this, Kind::Scan, id, Failure::NotHandedOver);
            return;
        };
        let pixels = this.pixels.get();
        let generation = {
            let mut slots = this.slots.borrow_mut();
            let s = &mut slots[slot];
            if s.in_flight.is_empty() {
                s.last_heard_ms = now_ms();
            }
            s.in_flight.push_back(id);
            s.reading.push_back((id, None));
            s.generation
        };
        let weak = Rc::downgrade(this);
        wasm_bindgen_futures::spawn_local(async move {
            let start = small_file::read_start(&file, crate::scan::FIRST_READ_BYTES).await;
            let Some(this) = weak.upgrade() else {
                return;
            };
            // [id, bytes, pixels, name] or [id, File, pixels, null, first bytes]
            let id_value = JsValue::from_f64(id as f64);
            let pixels = JsValue::from_bool(pixels);
            let message = match start {
                Start::Whole(bytes) => {
                    let message = Array::of3(&id_value, &bytes, &pixels);
                    message.push(&JsValue::from_str(&file.name()));
                    message
                }
                Start::Prefix(head) => {
                    let message = Array::of3(&id_value, &file, &pixels);
                    message.push(&JsValue::NULL);
                    message.push(&head);
                    message
                }
                Start::Failed => Array::of3(&id_value, &file, &pixels),
            };
            Scanner::sent_when_read(&this, slot, generation, id, message);
        });
    }

    /// The message for file `id` is ready: send it, and those read before it behind it, in the
    /// order handed out (the worker scans in the order it receives).
    fn sent_when_read(this: &Rc<Scanner>, slot: usize, generation: u32, id: usize, message: Array) {
        let mut failed = Vec::new();
        {
            let mut slots = this.slots.borrow_mut();
            let s = &mut slots[slot];
            // A worker replaced meanwhile has given its files back to the queue.
            if s.generation != generation {
                return;
            }
            if let Some(entry) = s.reading.iter_mut().find(|(i, _)| *i == id) {
                entry.1 = Some(message);
            }
            while s.reading.front().is_some_and(|(_, m)| m.is_some()) {
                let Some((id, Some(message))) = s.reading.pop_front() else {
                    break;
                };
                let sent = s.worker.as_ref().is_some_and(|worker| {
                    // The bytes are transferred, not copied: they are of no use here.
                    let transfer = Array::new();
                    for at in [1, 4] {
                        if let Some(bytes) = message.get(at).dyn_ref::<Uint8Array>() {
                            transfer.push(&bytes.buffer());
                        }
                    }
                    worker
                        .post_message_with_transfer(&message, &transfer)
                        .is_ok()
                });
                if !sent {
                    s.in_flight.retain(|x| *x != id);
                    failed.push(id);
                }
            }
        }
        for id in failed {
            Scanner::fail_in(this, Kind::Scan, id, Failure::NotHandedOver);
        }
    }

    /// File or image `id` of a worker of `kind` is done without an answer (`why`).
    fn fail_in(this: &Rc<Scanner>, kind: Kind, id: usize, why: Failure) {
        if kind != Kind::Pixels {
            Scanner::fail(this, id, why.said());
            return;
        }
        let detail = match why {
            Failure::Crashed => "its worker crashed on this image".to_string(),
            Failure::Silent => format!(
                "its worker did not answer for {} seconds",
                (WORKER_TIMEOUT_MS / 1000.0) as u32
            ),
            Failure::NotHandedOver => "the image could not be handed to its worker".to_string(),
            Failure::NoWorker => "its worker could not be started here".to_string(),
        };
        let check = PixelCheck::NotChecked {
            reason: NotChecked::CheckFailed { detail },
        };
        Scanner::answered(this, id, check, None);
    }

    /// The pixel check of image `key`: added to its report; the file's batches whose images
    /// are all answered go to the page, in order.
    fn answered(this: &Rc<Scanner>, key: usize, check: PixelCheck, thumbnail: Option<Thumbnail>) {
        let ready = {
            let mut work = this.pixel_work.borrow_mut();
            let Some(image) = work.images.remove(&key) else {
                return;
            };
            work.bytes -= f64::from(image.bytes.length());
            let Some(batches) = work.held.get_mut(&image.id) else {
                return;
            };
            if let Some((_, held)) = batches.iter_mut().find(|(seq, _)| *seq == image.batch) {
                if let Some(report) = held.arrived.reports.get_mut(image.position) {
                    match report {
                        Scanned::File(report) | Scanned::Member(report) => {
                            report.add_pixel_check(check)
                        }
                    }
                }
                if let Some(thumbnail) = thumbnail {
                    held.arrived.thumbnails.push((image.position, thumbnail));
                }
                held.waiting = held.waiting.saturating_sub(1);
            }
            Scanner::take_ready(&mut work, image.id)
        };
        for arrived in ready {
            (this.on_update)(Update::Reports(arrived));
        }
    }

    /// The held batches of file `id` that wait for nothing, from the first.
    fn take_ready(work: &mut PixelWork, id: usize) -> Vec<Arrived> {
        let mut ready = Vec::new();
        if let Some(batches) = work.held.get_mut(&id) {
            while batches.front().is_some_and(|(_, held)| held.waiting == 0) {
                if let Some((_, held)) = batches.pop_front() {
                    ready.push(held.arrived);
                }
            }
            if batches.is_empty() {
                work.held.remove(&id);
            }
        }
        ready
    }

    /// A scan worker's batch: to the page, or held while its images (or an earlier batch's
    /// of the same file) are looked at.
    fn arrive(this: &Rc<Scanner>, arrived: Arrived, images: Vec<(usize, Uint8Array)>) {
        let ready = {
            let mut work = this.pixel_work.borrow_mut();
            if arrived.deferred {
                // What was held for this file is void, as the file list voids what it got.
                if let Some(batches) = work.held.remove(&arrived.id) {
                    let batch_ids: Vec<u64> = batches.iter().map(|(seq, _)| *seq).collect();
                    let gone: Vec<usize> = (work.images.iter())
                        .filter(|(_, image)| batch_ids.contains(&image.batch))
                        .map(|(&key, _)| key)
                        .collect();
                    for key in gone {
                        if let Some(image) = work.images.remove(&key) {
                            work.bytes -= f64::from(image.bytes.length());
                        }
                    }
                    this.image_queue
                        .borrow_mut()
                        .retain(|key| work.images.contains_key(key));
                }
            }
            if images.is_empty() && !work.held.contains_key(&arrived.id) {
                drop(work);
                (this.on_update)(Update::Reports(arrived));
                return;
            }
            let batch = work.next_batch;
            work.next_batch += 1;
            let id = arrived.id;
            for (position, bytes) in images {
                let key = work.next_key;
                work.next_key += 1;
                work.bytes += f64::from(bytes.length());
                work.images.insert(
                    key,
                    Image {
                        bytes,
                        id,
                        batch,
                        position,
                    },
                );
                this.image_queue.borrow_mut().push_back(key);
            }
            let waiting = (work.images.values())
                .filter(|image| image.batch == batch)
                .count();
            (work.held.entry(id).or_default()).push_back((batch, Held { arrived, waiting }));
            Scanner::take_ready(&mut work, id)
        };
        for arrived in ready {
            (this.on_update)(Update::Reports(arrived));
        }
    }

    /// File `id` is done without a scan: one failed report saying why.
    fn fail(this: &Rc<Scanner>, id: usize, message: Said) {
        let name = this.file_name(id);
        (this.on_update)(Update::Reports(Arrived {
            id,
            reports: vec![Scanned::File(FileReport::failed(
                &name,
                FileStatus::Unreadable,
                message,
            ))],
            last: true,
            bytes: 0,
            deferred: false,
            thumbnails: Vec::new(),
        }));
    }

    fn file_name(&self, id: usize) -> String {
        self.files
            .borrow()
            .get(id)
            .map(web_sys::File::name)
            .unwrap_or_default()
    }

    fn on_message(this: &Rc<Scanner>, slot: usize, generation: u32, data: JsValue) {
        let became_ready = {
            let mut slots = this.slots.borrow_mut();
            let s = &mut slots[slot];
            if s.generation != generation {
                return;
            }
            s.last_heard_ms = now_ms();
            let ready = data.as_string().as_deref() == Some(READY);
            if ready {
                s.ready = true;
                s.failed_starts = 0;
            }
            ready
        };
        if became_ready {
            (this.on_update)(Update::WorkerReady);
        }
        let kind = this.slots.borrow()[slot].kind;
        if kind == Kind::Pixels {
            if let Some(bytes) = data.dyn_ref::<Uint8Array>() {
                let Some(answer) = decode_answer(&bytes.to_vec()) else {
                    Scanner::replace_worker(this, slot, generation, Some(Failure::Crashed));
                    Scanner::pump(this);
                    return;
                };
                let key = answer.key as usize;
                this.slots.borrow_mut()[slot]
                    .in_flight
                    .retain(|x| *x != key);
                let check = answer.check.unwrap_or(PixelCheck::NotChecked {
                    reason: NotChecked::CheckFailed {
                        detail: "its worker sent no result".to_string(),
                    },
                });
                Scanner::answered(this, key, check, answer.thumbnail);
                if answer.retire {
                    Scanner::replace_worker(this, slot, generation, None);
                    return;
                }
            }
            Scanner::pump(this);
            Scanner::tell_if_idle(this);
            return;
        }
        if data.is_string() {
            Scanner::pump(this);
            return;
        }
        let Some((response, images, returned)) = decode_message(&data) else {
            // A worker of another build, or a report the codec cannot read back: its
            // file would wait forever, so the worker is treated as crashed on it.
            Scanner::replace_worker(this, slot, generation, Some(Failure::Crashed));
            Scanner::pump(this);
            return;
        };
        returned.into_iter().for_each(small_file::give_back);
        if response.last {
            this.slots.borrow_mut()[slot]
                .in_flight
                .retain(|x| *x != response.index);
        }
        if response.deferred {
            this.export_queue.borrow_mut().push_back(response.index);
        }
        let images: Vec<(usize, Uint8Array)> =
            response.images.iter().copied().zip(images).collect();
        Scanner::arrive(
            this,
            Arrived {
                id: response.index,
                reports: response.reports,
                last: response.last,
                bytes: response.bytes,
                deferred: response.deferred,
                thumbnails: Vec::new(),
            },
            images,
        );
        if response.retire {
            Scanner::replace_worker(this, slot, generation, None);
            return;
        }
        Scanner::pump(this);
        Scanner::tell_if_idle(this);
    }

    /// Every few seconds: a worker that holds files and has said nothing for too long is
    /// replaced, and so is one that never got ready.
    fn check_stuck(this: &Rc<Scanner>) {
        let now = now_ms();
        let stuck: Vec<(usize, u32)> = this
            .slots
            .borrow()
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.worker.is_some()
                    && (!s.in_flight.is_empty() || !s.ready)
                    && now - s.last_heard_ms > WORKER_TIMEOUT_MS
            })
            .map(|(i, s)| (i, s.generation))
            .collect();
        for (slot, generation) in stuck {
            Scanner::replace_worker(this, slot, generation, Some(Failure::Silent));
        }
    }

    /// The worker in `slot` crashed or went silent (`why`), or asked to retire (`None`): the
    /// file it was scanning is marked failed (what it already sent is kept), its other files
    /// go back to the front of the queue, and a new worker takes its place.
    fn replace_worker(this: &Rc<Scanner>, slot: usize, generation: u32, why: Option<Failure>) {
        let (victim, others, was_ready, kind) = {
            let mut slots = this.slots.borrow_mut();
            let s = &mut slots[slot];
            if s.generation != generation {
                return;
            }
            s.generation += 1;
            if let Some(worker) = s.worker.take() {
                worker.set_onmessage(None);
                worker.set_onerror(None);
                worker.terminate();
            }
            s.handlers = None;
            s.reading.clear();
            let was_ready = s.ready;
            s.ready = false;
            if !was_ready {
                s.failed_starts += 1;
            }
            let victim = why.and_then(|_| s.in_flight.pop_front());
            let others: Vec<usize> = s.in_flight.drain(..).collect();
            (victim, others, was_ready, s.kind)
        };
        if was_ready || this.slots.borrow()[slot].failed_starts < MAX_FAILED_STARTS {
            Scanner::spawn_worker(this, slot);
        }
        {
            let mut queue = this.queue_of(kind).borrow_mut();
            for other in others.into_iter().rev() {
                queue.push_front(other);
            }
        }
        if let Some(id) = victim {
            Scanner::fail_in(this, kind, id, why.unwrap_or(Failure::Crashed));
        }
        Scanner::pump(this);
    }

    /// Whether no worker of this kind can start again.
    fn all_dead(&self, kind: Kind) -> bool {
        self.slots
            .borrow()
            .iter()
            .filter(|s| s.kind == kind)
            .all(|s| s.worker.is_none() && s.failed_starts >= MAX_FAILED_STARTS)
    }

    /// No worker of this kind can start (the browser refuses them, or the export worker's
    /// or pixel worker's module cannot be fetched): say so for every file waiting for one.
    fn fail_queued(this: &Rc<Scanner>, kind: Kind) {
        let queued: Vec<usize> = this.queue_of(kind).borrow_mut().drain(..).collect();
        for id in queued {
            Scanner::fail_in(this, kind, id, Failure::NoWorker);
        }
    }
}

#[derive(Clone, Copy)]
enum Failure {
    Crashed,
    Silent,
    NotHandedOver,
    NoWorker,
}

impl Failure {
    /// What a file's report says when its scan failed so.
    fn said(self) -> Said {
        match self {
            Failure::Crashed => Said::Crashed,
            Failure::Silent => Said::Silent {
                seconds: (WORKER_TIMEOUT_MS / 1000.0) as u32,
            },
            Failure::NotHandedOver => Said::NotHandedOver,
            Failure::NoWorker => Said::NoScanner,
        }
    }
}
