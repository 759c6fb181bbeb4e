//! The page: title, promise, drop zone, the verdict, and one card per file.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use web_sys::FileList;
use yew::prelude::*;

use super::checklist_view::ChecklistView;
use super::drop_zone::DropZone;
use super::file_card::FileCard;
use super::read::read_prefix;
use super::worker::{ScanRequest, ScanResponse, ScanWorker};
use crate::evidence::evidence_from_report;
use crate::report::{FileReport, FileStatus, Report};
use crate::scan::{ScanOutcome, FIRST_READ_BYTES};

/// Trunk's loader shim for the worker (`data-loader-shim`), relative to the page so that it
/// works under a sub-path. Spawning through a file, not gloo's default `blob:` shim, keeps the
/// CSP at `worker-src 'self'`.
const WORKER_LOADER_URL: &str = "./worker_loader.js";

type BridgeSlot = Rc<RefCell<Option<WorkerBridge<ScanWorker>>>>;
type FileStore = Rc<RefCell<Vec<gloo_file::File>>>;

/// A row of the list. `id` is the index of the dropped file in the file store; members of an
/// archive, which have no file of their own, get `None`.
#[derive(Clone, PartialEq)]
struct Entry {
    id: Option<usize>,
    file_name: AttrValue,
    report: Option<Rc<FileReport>>,
}

#[derive(Default, PartialEq)]
struct Files {
    entries: Vec<Entry>,
}

enum Action {
    /// Dropped files, with their ids in the file store.
    Added(Vec<(usize, AttrValue)>),
    Scanned(usize, FileReport),
    /// An archive at `usize` was opened: its members join the list after the others.
    Expanded(usize, Vec<FileReport>),
}

impl Reducible for Files {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut entries = self.entries.clone();
        match action {
            Action::Added(names) => {
                entries.extend(names.into_iter().map(|(id, file_name)| Entry {
                    id: Some(id),
                    file_name,
                    report: None,
                }))
            }
            Action::Scanned(id, report) => {
                if let Some(entry) = entries.iter_mut().find(|e| e.id == Some(id)) {
                    entry.report = Some(Rc::new(report));
                }
            }
            Action::Expanded(id, members) => {
                if let Some(entry) = entries.iter_mut().find(|e| e.id == Some(id)) {
                    let mut archive =
                        FileReport::failed(&entry.file_name, FileStatus::Ok, String::new());
                    archive.format = "ZIP archive".to_string();
                    archive.records = members.len();
                    archive.message = Some(format!(
                        "A ZIP archive with {} file(s); each is listed below.",
                        members.len()
                    ));
                    entry.report = Some(Rc::new(archive));
                }
                entries.extend(members.into_iter().map(|report| Entry {
                    id: None,
                    file_name: AttrValue::from(report.file_name.clone()),
                    report: Some(Rc::new(report)),
                }));
            }
        }
        Rc::new(Files { entries })
    }
}

/// Read the first `limit` bytes of file `index` and hand them to the worker.
fn send_prefix(
    bridge: BridgeSlot,
    store: FileStore,
    dispatcher: UseReducerDispatcher<Files>,
    index: usize,
    limit: usize,
) {
    let Some(file) = store.borrow().get(index).cloned() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        match read_prefix(&file, limit as u64).await {
            Ok((bytes, complete)) => {
                if let Some(bridge) = bridge.borrow().as_ref() {
                    bridge.send(ScanRequest {
                        index,
                        file_name: file.name(),
                        bytes,
                        complete,
                    });
                }
            }
            Err(message) => dispatcher.dispatch(Action::Scanned(
                index,
                FileReport::failed(&file.name(), FileStatus::Unreadable, message),
            )),
        }
    });
}

/// The two parts of the page.
#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Scan,
    Checklist,
}

#[function_component(App)]
pub fn app() -> Html {
    let tab = use_state(|| Tab::Scan);
    let files = use_reducer(Files::default);
    let store: FileStore = use_mut_ref(Vec::new);
    let bridge: BridgeSlot = use_mut_ref(|| None);

    {
        let (bridge, store, dispatcher) = (bridge.clone(), store.clone(), files.dispatcher());
        use_effect_with((), move |_| {
            let slot = bridge.clone();
            let spawned = ScanWorker::spawner()
                .callback(move |response: ScanResponse| match response.outcome {
                    ScanOutcome::Done(report) => {
                        dispatcher.dispatch(Action::Scanned(response.index, *report))
                    }
                    ScanOutcome::Archive(reports) => {
                        dispatcher.dispatch(Action::Expanded(response.index, reports))
                    }
                    ScanOutcome::NeedMoreBytes { at_least } => send_prefix(
                        slot.clone(),
                        store.clone(),
                        dispatcher.clone(),
                        response.index,
                        at_least,
                    ),
                })
                .spawn_with_loader(WORKER_LOADER_URL);
            *bridge.borrow_mut() = Some(spawned);
        });
    }

    let on_files = {
        let files = files.clone();
        Callback::from(move |list: FileList| {
            let picked: Vec<gloo_file::File> = (0..list.length())
                .filter_map(|i| list.item(i))
                .map(gloo_file::File::from)
                .collect();
            let first_index = store.borrow().len();
            files.dispatch(Action::Added(
                picked
                    .iter()
                    .enumerate()
                    .map(|(offset, f)| (first_index + offset, AttrValue::from(f.name())))
                    .collect(),
            ));
            store.borrow_mut().extend(picked.iter().cloned());
            for offset in 0..picked.len() {
                send_prefix(
                    bridge.clone(),
                    store.clone(),
                    files.dispatcher(),
                    first_index + offset,
                    FIRST_READ_BYTES,
                );
            }
        })
    };

    let done: Vec<FileReport> = files
        .entries
        .iter()
        .filter_map(|e| e.report.as_deref().cloned())
        .collect();
    let pending = files.entries.len() - done.len();
    let report = (!done.is_empty()).then(|| Report::build(done, "", false));
    let evidence = report
        .as_ref()
        .map(evidence_from_report)
        .unwrap_or_default();
    let verdict = report.map(|r| r.summary);
    let tab_button = |which: Tab, label: &'static str, id: &'static str| {
        let selected = *tab == which;
        let tab = tab.clone();
        html! {
            <button type="button" role="tab" {id} aria-selected={selected.to_string()}
                class={classes!("tab", selected.then_some("tab--on"))}
                onclick={Callback::from(move |_: MouseEvent| tab.set(which))}>{ label }</button>
        }
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
            <div class="tabs no-print" role="tablist" aria-label="Parts of this page">
                { tab_button(Tab::Scan, "1. Check your files", "tab-scan") }
                { tab_button(Tab::Checklist, "2. What to do: guided checklist", "tab-checklist") }
            </div>
            if *tab == Tab::Checklist {
                <ChecklistView {evidence} />
            } else {
            <DropZone {on_files} />
            if !files.entries.is_empty() {
                <section class="results" aria-labelledby="results-title" aria-live="polite">
                    <h2 id="results-title">{ "What these files reveal" }</h2>
                    if let Some(summary) = verdict {
                        <p class={classes!("verdict", summary.worst_severity.map(|s| format!("sev-{}", s.label())))}>
                            { summary.verdict.clone() }
                            if pending > 0 { { format!(" ({pending} still being checked.)") } }
                        </p>
                    }
                    <p class="results__note">{ "Values are masked: only initials, the birth year and the last characters of an ID are shown." }</p>
                    <ul class="file-list">
                        { for files.entries.iter().map(|e| html! {
                            <FileCard file_name={e.file_name.clone()} report={e.report.clone()} />
                        }) }
                    </ul>
                </section>
            }
            }
        </main>
    }
}
