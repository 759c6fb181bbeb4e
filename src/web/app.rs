//! The page: title, promise, drop zone and one card per file.

use std::rc::Rc;

use gloo_worker::Spawnable;
use web_sys::FileList;
use yew::prelude::*;

use super::drop_zone::DropZone;
use super::file_card::FileCard;
use super::read::{read_prefix, MAX_HEADER_BYTES};
use super::worker::{ScanRequest, ScanResponse, ScanWorker};
use crate::scan::FileResult;

/// Trunk's loader shim for the worker (`data-loader-shim`), relative to the page so that it
/// works under a sub-path. Spawning through a file, not gloo's default `blob:` shim, keeps the
/// CSP at `worker-src 'self'`.
const WORKER_LOADER_URL: &str = "./worker_loader.js";

#[derive(Clone, PartialEq)]
struct Entry {
    file_name: AttrValue,
    result: Option<FileResult>,
}

#[derive(Default, PartialEq)]
struct Files {
    entries: Vec<Entry>,
}

enum Action {
    Added(Vec<AttrValue>),
    Scanned(ScanResponse),
}

impl Reducible for Files {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut entries = self.entries.clone();
        match action {
            Action::Added(names) => entries.extend(names.into_iter().map(|file_name| Entry {
                file_name,
                result: None,
            })),
            Action::Scanned(response) => {
                if let Some(entry) = entries.get_mut(response.index) {
                    entry.result = Some(response.result);
                }
            }
        }
        Rc::new(Files { entries })
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let files = use_reducer(Files::default);

    let bridge = {
        let dispatcher = files.dispatcher();
        use_memo((), move |_| {
            ScanWorker::spawner()
                .callback(move |response| dispatcher.dispatch(Action::Scanned(response)))
                .spawn_with_loader(WORKER_LOADER_URL)
        })
    };

    let on_files = {
        let files = files.clone();
        Callback::from(move |list: FileList| {
            let first_index = files.entries.len();
            let picked: Vec<gloo_file::File> = (0..list.length())
                .filter_map(|i| list.item(i))
                .map(gloo_file::File::from)
                .collect();
            files.dispatch(Action::Added(
                picked.iter().map(|f| AttrValue::from(f.name())).collect(),
            ));
            for (offset, file) in picked.into_iter().enumerate() {
                let index = first_index + offset;
                let bridge = bridge.clone();
                let dispatcher = files.dispatcher();
                wasm_bindgen_futures::spawn_local(async move {
                    match read_prefix(&file, MAX_HEADER_BYTES).await {
                        Ok(bytes) => bridge.send(ScanRequest {
                            index,
                            file_name: file.name(),
                            bytes,
                        }),
                        Err(message) => dispatcher.dispatch(Action::Scanned(ScanResponse {
                            index,
                            result: FileResult::unreadable(&file.name(), message),
                        })),
                    }
                });
            }
        })
    };

    html! {
        <main class="page">
            <header class="masthead">
                <h1>{ "DICOM Exposure Self-Check" }</h1>
                <p class="promise">
                    { "See what in your medical images identifies you. " }
                    <strong>{ "Nothing leaves this computer:" }</strong>
                    { " your files are read here, in this page, and never uploaded." }
                </p>
            </header>
            <DropZone {on_files} />
            if !files.entries.is_empty() {
                <section class="results" aria-labelledby="results-title" aria-live="polite">
                    <h2 id="results-title">{ "What these files reveal" }</h2>
                    <p class="results__note">{ "Values are masked: only initials, the birth year and the last characters of an ID are shown." }</p>
                    <ul class="file-list">
                        { for files.entries.iter().map(|e| html! {
                            <FileCard file_name={e.file_name.clone()} result={e.result.clone()} />
                        }) }
                    </ul>
                </section>
            }
        </main>
    }
}
