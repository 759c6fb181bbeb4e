//! The scan worker: runs the core off the main thread so the page never freezes.
//!
//! The page posts `[index, File, pixels, null, first bytes]` for a large file: a handle, so
//! nothing more is copied and the worker reads the rest it needs itself, synchronously, through
//! [`BlobReader`] (the same `scan_reader` the CLI runs on a file on disk). A small file comes as
//! `[index, bytes, pixels, name]`, read whole by the page ([`super::small_file`]). The worker
//! answers with bincode-encoded [`ScanResponse`]s, several for a large archive so results
//! stream in. It posts [`READY`] once its wasm is running, so the page never posts into a
//! worker still loading.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::BufReader;

use js_sys::{Array, ArrayBuffer, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use super::blob_reader::BlobReader;
use super::js_call::js_message;
use crate::detect::DetectOptions;
use crate::report::{FileReport, FileStatus, Said};
use crate::scan::{
    scan_reader_each_with, DeferExports, ExportReader, ReadExports, Scanned, FIRST_READ_BYTES,
};

/// The worker's first message: it is ready for files.
pub const READY: &str = "ready";

/// Sent while a long read goes on (a big archive or export), at most every [`ALIVE_EVERY_MS`],
/// so the page's watchdog does not take a busy worker for a stuck one.
pub const ALIVE: &str = "alive";
const ALIVE_EVERY_MS: f64 = 2_000.0;

/// Reads from the file go through a buffer this large (the zip reader makes many small reads).
const READ_BUFFER: usize = 64 * 1024;

/// Reports for the file at `index`; `last` when the file is done (an archive sends its members
/// in several batches).
#[derive(Debug, Serialize, Deserialize)]
pub struct ScanResponse {
    pub index: usize,
    pub reports: Vec<Scanned>,
    pub last: bool,
    /// The file's size in bytes (the page does not ask the browser for it: see
    /// [`crate::file_list::Action::Added`]).
    pub bytes: u64,
    /// The worker's memory grew past [`RETIRE_AT_BYTES`]: wasm memory never shrinks, so the
    /// page should replace this worker once it is done with this file.
    pub retire: bool,
    /// The file holds an export, which this worker does not read (see [`run`]): the page
    /// forgets what it got for this file and has the export worker scan it again.
    pub deferred: bool,
    /// With the pixel check on: the positions in `reports` of images whose bytes follow this
    /// response in the same message (one `Uint8Array` each, in this order), for the page to
    /// hand to its pixel worker. Their reports have no pixel check yet.
    pub images: Vec<usize>,
}

/// A worker whose memory has grown this large asks to be replaced (a huge file, or a read that
/// ran out of memory, leaves it there for good).
pub const RETIRE_AT_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

pub(crate) fn memory_bytes() -> f64 {
    // Why the `memory.size` instruction: asked through JavaScript (`Memory.grow(0)`, once a
    // file), the browser replaced the memory's buffer each time (no measured cost in time, but
    // a call out of wasm and a new buffer for nothing). Pages, not `byteLength`: as a u32 that
    // would wrap at the 4 GiB a wasm32 memory can reach.
    let pages = core::arch::wasm32::memory_size::<0>();
    pages as f64 * 65536.0
}

/// A message to or from a worker of the page's module, in bincode.
///
/// `serialize_into`, not `serialize`: that measures the value first with a serializer of its
/// own, a second copy of every report type's encoding in the page's module (1.5 KB gzipped).
pub(crate) fn encode<T: Serialize>(value: &T) -> bincode::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    bincode::serialize_into(&mut bytes, value)?;
    Ok(bytes)
}

/// Decode a worker message: `None` for anything that is not a response.
pub fn decode_response(bytes: &[u8]) -> Option<ScanResponse> {
    bincode::deserialize(bytes).ok()
}

/// A worker message decoded: the response, the image bytes that came with it (see
/// [`ScanResponse::images`]), and the buffers of read files the worker gives back.
pub type Message = (ScanResponse, Vec<Uint8Array>, Vec<ArrayBuffer>);

/// Decode a worker message. `None` for anything that is not a response.
pub fn decode_message(data: &JsValue) -> Option<Message> {
    if let Some(bytes) = data.dyn_ref::<Uint8Array>() {
        return Some((decode_response(&bytes.to_vec())?, Vec::new(), Vec::new()));
    }
    let parts = data.dyn_ref::<Array>()?;
    let head = parts.get(0).dyn_into::<Uint8Array>().ok()?;
    let response = decode_response(&head.to_vec())?;
    let (mut images, mut returned) = (Vec::new(), Vec::new());
    for part in parts.iter().skip(1) {
        if let Some(image) = part.dyn_ref::<Uint8Array>() {
            images.push(image.clone());
        } else if let Ok(buffer) = part.dyn_into::<ArrayBuffer>() {
            returned.push(buffer);
        }
    }
    (images.len() == response.images.len()).then_some((response, images, returned))
}

/// A file waiting in the worker.
struct Job {
    index: usize,
    source: Source,
    /// Hand on the bytes of its images for the pixel check.
    pixels: bool,
}

/// What the page sent for a file.
pub(super) enum Source {
    /// A handle the worker reads itself (a large file), with its first bytes once they have
    /// arrived, or why the browser could not read them (the file was moved or deleted since it
    /// was chosen, or a USB stick pulled out).
    File {
        file: File,
        head: Option<Result<Vec<u8>, String>>,
    },
    /// A small file the page read whole ([`super::scanner`]): its name and every byte.
    Read { name: String, bytes: Vec<u8> },
}

impl Source {
    fn ready(&self) -> bool {
        match self {
            Source::File { head, .. } => head.is_some(),
            Source::Read { .. } => true,
        }
    }
}

thread_local! {
    /// The bytes of the image just read whole for the pixel check, until its report joins the
    /// batch (the look runs right before its report is emitted).
    static PENDING_IMAGE: RefCell<Option<Uint8Array>> = const { RefCell::new(None) };
    /// Files in the order the page sent them: they are scanned in that order (the page counts
    /// on it to know which file a crash belongs to).
    static JOBS: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
    /// The buffers of files the page read, once copied here: they go back to the page with the
    /// next message, for other files to be read into (see `small_file`).
    static RETURNS: RefCell<Vec<ArrayBuffer>> = const { RefCell::new(Vec::new()) };
}

/// The scan worker's entry point: `scan_worker` in `src/bin/app.rs`, called by the worker's
/// loader once the page's module runs in the worker. It reads DICOM files, DICOMDIRs and
/// archives of them; a file that holds an export is answered `deferred` (see
/// [`crate::scan::DeferExports`]), so the page's module carries no export decoder.
pub fn run() {
    let scope = start(scan_deferring);
    super::warmup::start(scope);
}

/// The export worker's entry point (`src/bin/export_worker.rs`, a module of its own that the
/// page fetches the first time a file is deferred): it reads everything, exports included.
pub fn run_with_exports() {
    start(scan_reading_exports);
}

fn scan_deferring(scope: &DedicatedWorkerGlobalScope, index: usize, source: Source, pixels: bool) {
    let exports = DeferExports::default();
    scan_handing_on_images(scope, index, source, &exports, pixels).finish(exports.handed_on());
}

/// [`scan`], the images handed on to the page's pixel worker when `pixels` (see
/// [`HandOnPixels`]).
fn scan_handing_on_images<'a>(
    scope: &'a DedicatedWorkerGlobalScope,
    index: usize,
    source: Source,
    exports: &dyn ExportReader,
    pixels: bool,
) -> Batch<'a> {
    if pixels {
        let with_pixels = crate::scan::PixelsToo {
            exports,
            pixels: &HandOnPixels,
        };
        scan(scope, index, source, &with_pixels, true)
    } else {
        scan(scope, index, source, exports, true)
    }
}

/// The pixel check, as the page's scan worker takes part in it: an image's bytes, read whole,
/// go to the page with its report, and the page's pixel worker looks at them
/// ([`super::pixel_worker`]), so that this module carries no image codec.
struct HandOnPixels;

impl crate::scan::LookAtPixels for HandOnPixels {
    fn look(&self, bytes: &[u8]) -> Option<crate::pixels::PixelCheck> {
        // Copied once, into the browser's memory: this module's memory does not grow with it.
        PENDING_IMAGE.set(Some(Uint8Array::from(bytes)));
        None
    }
}

fn scan_reading_exports(
    scope: &DedicatedWorkerGlobalScope,
    index: usize,
    source: Source,
    pixels: bool,
) {
    // The images of an archive read here go to the pixel worker as a scan worker's do (the
    // page's module hands archives on to this worker).
    scan_handing_on_images(scope, index, source, &ReadExports, pixels).finish(false);
}

type ScanFn = fn(&DedicatedWorkerGlobalScope, usize, Source, bool);

/// Starts answering the page; returns the worker's scope.
fn start(scan: ScanFn) -> DedicatedWorkerGlobalScope {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        super::warmup::stop();
        // [index, bytes, pixels, name] for a small file, read whole by the page;
        // [index, File, pixels, null, first bytes] for a large one (no first bytes if the page
        // could not read them).
        let data = Array::from(&event.data());
        let Some(index) = data.get(0).as_f64() else {
            return;
        };
        let index = index as usize;
        let pixels = data.get(2).as_bool().unwrap_or(false);
        let source = if let Some(bytes) = data.get(1).dyn_ref::<Uint8Array>() {
            Source::Read {
                name: data.get(3).as_string().unwrap_or_default(),
                bytes: copied(bytes),
            }
        } else if let Ok(file) = data.get(1).dyn_into::<File>() {
            let head = data.get(4).dyn_ref::<Uint8Array>().map(|b| Ok(copied(b)));
            Source::File { file, head }
        } else {
            return;
        };
        // Reading a file costs a round trip to the browser; asked for now, the first bytes of
        // the next files arrive while this one is scanned.
        let unread = match &source {
            Source::File { file, head: None } => Some(file.clone()),
            _ => None,
        };
        JOBS.with_borrow_mut(|jobs| {
            jobs.push_back(Job {
                index,
                source,
                pixels,
            })
        });
        let Some(file) = unread else {
            scan_ready(&answer, scan);
            return;
        };
        let answer = answer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let head = read_head(&file).await;
            JOBS.with_borrow_mut(|jobs| {
                if let Some(Job {
                    source: Source::File { head: slot, .. },
                    ..
                }) = jobs.iter_mut().find(|j| j.index == index)
                {
                    *slot = Some(head);
                }
            });
            scan_ready(&answer, scan);
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
    scope
}

/// The bytes the page read, copied here; their buffer goes back to the page.
fn copied(bytes: &Uint8Array) -> Vec<u8> {
    let copy = bytes.to_vec();
    RETURNS.with_borrow_mut(|returns| returns.push(bytes.buffer()));
    copy
}

/// The first bytes of `file` (as many as a scan reads first), or why the browser could not
/// read them.
async fn read_head(file: &File) -> Result<Vec<u8>, String> {
    // A whole file is read as it is: a slice is a blob of its own, registered with the
    // browser's process before it is read (more messages through its IO thread per file).
    let whole = file.size() <= FIRST_READ_BYTES as f64;
    let read = if whole {
        file.array_buffer()
    } else {
        file.slice_with_f64_and_f64(0.0, FIRST_READ_BYTES as f64)
            .map_err(js_message)?
            .array_buffer()
    };
    match wasm_bindgen_futures::JsFuture::from(read).await {
        Ok(buffer) => Ok(Uint8Array::new(&buffer).to_vec()),
        Err(e) => Err(js_message(e)),
    }
}

/// Scan the files at the front of the queue whose first bytes are here.
fn scan_ready(scope: &DedicatedWorkerGlobalScope, scan: ScanFn) {
    loop {
        let job = JOBS.with_borrow_mut(|jobs| {
            if jobs.front().is_some_and(|j| j.source.ready()) {
                jobs.pop_front()
            } else {
                None
            }
        });
        let Some(job) = job else { return };
        scan(scope, job.index, job.source, job.pixels);
    }
}

pub(super) fn scan<'a>(
    scope: &'a DedicatedWorkerGlobalScope,
    index: usize,
    source: Source,
    exports: &dyn ExportReader,
    post: bool,
) -> Batch<'a> {
    let (name, bytes) = match &source {
        Source::File { file, .. } => (file.name(), file.size() as u64),
        Source::Read { name, bytes } => (name.clone(), bytes.len() as u64),
    };
    // Raw values travel to the page so that a user can reveal one; the page shows masks, and
    // its exports drop raw values (`Report::redacted`). Nothing is stored.
    let options = DetectOptions {
        reveal_values: true,
    };
    let mut batch = Batch {
        scope,
        index,
        bytes,
        reports: Vec::new(),
        images: Vec::new(),
        image_bytes: 0,
        last_post_ms: js_sys::Date::now(),
        post,
    };
    let reader = match source {
        Source::File {
            head: Some(Err(error)),
            ..
        } => Err(error),
        Source::File { file, head } => BlobReader::new(file.into())
            .map(|reader| reader.with_head(head.and_then(Result::ok).unwrap_or_default()))
            .map_err(|e| e.to_string()),
        Source::Read { bytes, .. } => Ok(BlobReader::from_bytes(bytes)),
    };
    match reader {
        Ok(reader) => scan_reader_each_with(
            &name,
            BufReader::with_capacity(READ_BUFFER, reader.with_heartbeat(heartbeat(scope))),
            &options,
            exports,
            &mut |report| batch.push(report),
        ),
        Err(error) => batch.push(Scanned::File(FileReport::failed(
            &name,
            FileStatus::Unreadable,
            Said::BrowserCouldNotRead { error },
        ))),
    }
    batch
}

fn heartbeat(scope: &DedicatedWorkerGlobalScope) -> impl FnMut() + 'static {
    let scope = scope.clone();
    let mut last = js_sys::Date::now();
    move || {
        let now = js_sys::Date::now();
        if now - last >= ALIVE_EVERY_MS {
            last = now;
            let _ = scope.post_message(&JsValue::from_str(ALIVE));
        }
    }
}

/// Reports of one file on their way to the page: an archive's members go in batches, so they
/// show up while the rest is read and the page hears from the worker (its watchdog) often.
pub(super) struct Batch<'a> {
    scope: &'a DedicatedWorkerGlobalScope,
    index: usize,
    bytes: u64,
    reports: Vec<Scanned>,
    /// Images handed on with their report's position (see [`ScanResponse::images`]).
    images: Vec<(usize, Uint8Array)>,
    image_bytes: u64,
    last_post_ms: f64,
    /// Whether a large or old batch goes to the page before the file is done; never for the
    /// warm-up's reads, which no file of the page's stands for.
    post: bool,
}

/// A batch goes out when it is this large or this old, or holds this many bytes of images.
const BATCH_REPORTS: usize = 200;
const BATCH_MS: f64 = 250.0;
const BATCH_IMAGE_BYTES: u64 = 64 << 20;

impl Batch<'_> {
    fn push(&mut self, report: Scanned) {
        if let Some(image) = PENDING_IMAGE.take() {
            self.image_bytes += u64::from(image.length());
            self.images.push((self.reports.len(), image));
        }
        self.reports.push(report);
        let now = js_sys::Date::now();
        if self.post
            && (self.reports.len() >= BATCH_REPORTS
                || now - self.last_post_ms >= BATCH_MS
                || self.image_bytes >= BATCH_IMAGE_BYTES)
        {
            self.send(false);
            self.last_post_ms = now;
        }
    }

    fn send(&mut self, last: bool) {
        self.send_deferred(last, false);
    }

    fn send_deferred(&mut self, last: bool, deferred: bool) {
        let (response, arrays) = self.take_response(last, deferred);
        post(self.scope, &response, arrays);
    }

    /// What the batch holds, as the page gets it, and the images that go with it.
    fn take_response(&mut self, last: bool, deferred: bool) -> (ScanResponse, Vec<Uint8Array>) {
        let (images, arrays): (Vec<usize>, Vec<Uint8Array>) =
            std::mem::take(&mut self.images).into_iter().unzip();
        self.image_bytes = 0;
        let response = ScanResponse {
            index: self.index,
            reports: std::mem::take(&mut self.reports),
            last,
            bytes: self.bytes,
            retire: last && memory_bytes() > RETIRE_AT_BYTES,
            deferred,
            images,
        };
        (response, arrays)
    }

    /// Encoded as for the page, and dropped (the warm-up's reads: [`super::warmup`]).
    pub(super) fn discard(mut self) {
        let _ = encode(&self.take_response(true, false).0);
    }

    /// The file is done; `deferred`: what was scanned of it does not count (see
    /// [`ScanResponse::deferred`]).
    fn finish(mut self, deferred: bool) {
        if deferred {
            self.reports.clear();
            self.images.clear();
        }
        self.send_deferred(true, deferred);
    }
}

/// How many read buffers go back to the page together.
const RETURN_BATCH: usize = 4;

fn post(scope: &DedicatedWorkerGlobalScope, response: &ScanResponse, images: Vec<Uint8Array>) {
    let Ok(bytes) = encode(response) else {
        return;
    };
    let array = Uint8Array::from(bytes.as_slice());
    // Why four at a time: a message with buffers in it costs the page more to take in than
    // one without, and the page's thread is what a scan waits for.
    let returns = if RETURNS.with_borrow(Vec::len) >= RETURN_BATCH {
        RETURNS.take()
    } else {
        Vec::new()
    };
    // Transferred, not copied: the page takes the buffers over.
    if images.is_empty() && returns.is_empty() {
        let _ = scope.post_message_with_transfer(&array, &Array::of1(&array.buffer()));
        return;
    }
    // [report, images..., buffers given back...]
    let message = Array::of1(&array);
    let transfer = Array::of1(&array.buffer());
    for image in images {
        transfer.push(&image.buffer());
        message.push(&image);
    }
    for buffer in returns {
        transfer.push(&buffer);
        message.push(&buffer);
    }
    let _ = scope.post_message_with_transfer(&message, &transfer);
}
