//! The page's side of a clean copy: starts the copy worker (fetched now, not at first load),
//! hands it the request, the files and the folder, passes its events on, and stops it.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

use super::copy_worker::{decode_event, CopyEvent, CopyRequest};
use super::js_call::{call, js_error_name, js_message, object};
use super::worker::READY;

/// Trunk's loader shim for the copy worker, relative to the page (works under a sub-path).
const COPY_WORKER_LOADER_URL: &str = "./copy_worker_loader.js";

/// A folder the copy is written into: made by the page inside the folder the user picked, so
/// that it is new and empty, and removed whole if the user cancels.
#[derive(Clone)]
pub struct Target {
    pub parent: JsValue,
    pub name: String,
    pub folder: JsValue,
}

/// What the copier tells the page.
pub enum CopierUpdate {
    Event(CopyEvent),
    /// The ZIP, when the copy was built as one.
    Zip(Uint8Array),
    /// The worker failed outside the core (out of memory, or it could not load).
    Crashed,
}

/// Why the copier could not start (the page says it in its language).
#[derive(Debug, Clone, PartialEq)]
pub enum StartError {
    /// The request could not be encoded (a technical message, in English).
    Request(String),
    /// The browser refused to start the worker.
    NoWorker,
}

type Handlers = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(ErrorEvent)>,
);

pub struct Copier {
    worker: Worker,
    _handlers: Handlers,
    target: Option<Target>,
}

impl Copier {
    pub fn start(
        request: &CopyRequest,
        files: Vec<File>,
        target: Option<Target>,
        on_update: impl Fn(CopierUpdate) + 'static,
    ) -> Result<Copier, StartError> {
        let request =
            super::worker::encode(request).map_err(|e| StartError::Request(e.to_string()))?;
        let worker =
            Worker::new_with_options(COPY_WORKER_LOADER_URL, &web_sys::WorkerOptions::new())
                .map_err(|_| StartError::NoWorker)?;
        let on_update = Rc::new(on_update);
        // Posted once the worker is ready; taken then, so it is posted once.
        let job = RefCell::new(Some((
            request,
            files,
            target.as_ref().map(|t| t.folder.clone()),
        )));
        let sender = worker.clone();
        let updates = on_update.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some(READY) {
                if let Some((request, files, folder)) = job.borrow_mut().take() {
                    let files: Array = files.iter().collect();
                    let message = Array::of3(
                        &Uint8Array::from(request.as_slice()),
                        &files,
                        &folder.unwrap_or(JsValue::NULL),
                    );
                    if sender.post_message(&message).is_err() {
                        updates(CopierUpdate::Crashed);
                    }
                }
                return;
            }
            let parts = Array::from(&data);
            let event = parts
                .get(0)
                .dyn_into::<Uint8Array>()
                .ok()
                .and_then(|bytes| decode_event(&bytes.to_vec()));
            if let Some(event) = event {
                updates(CopierUpdate::Event(event));
            }
            if let Ok(zip) = parts.get(1).dyn_into::<Uint8Array>() {
                updates(CopierUpdate::Zip(zip));
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            on_update(CopierUpdate::Crashed);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Copier {
            worker,
            _handlers: (on_message, on_error),
            target,
        })
    }

    /// Stop now, and give back the folder the copy was being written into, if any.
    pub fn cancel(mut self) -> Option<Target> {
        self.worker.terminate();
        self.target.take()
    }
}

/// Tries to remove a cancelled copy's folder whole; files written so far go with it, and the
/// file being written was never in place (its stream was not closed). The browser may hold the
/// stream of the stopped worker for a moment, so removal is tried a few times.
pub async fn remove(target: &Target) -> Result<(), String> {
    let options = object(&[("recursive", JsValue::TRUE)]);
    let mut last = String::new();
    for attempt in 0..REMOVE_ATTEMPTS {
        if attempt > 0 {
            gloo_timers::future::TimeoutFuture::new(REMOVE_RETRY_MS).await;
        }
        match call(
            &target.parent,
            "removeEntry",
            &[&target.name.clone().into(), &options],
        )
        .await
        {
            Ok(_) => return Ok(()),
            Err(e) if js_error_name(&e).as_deref() == Some("NotFoundError") => return Ok(()),
            Err(e) => last = js_message(e),
        }
    }
    Err(last)
}

/// How often, and how far apart, removing a cancelled copy is tried.
const REMOVE_ATTEMPTS: u32 = 10;
const REMOVE_RETRY_MS: u32 = 300;

impl Drop for Copier {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
