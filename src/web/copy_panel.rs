//! "Make a clean copy": the options in plain words, where the copy goes (a new folder inside
//! one the user picks, or a ZIP download), progress with cancel, and what the copy's own check
//! found. The copy itself is made by the copy worker ([`super::copier`]).

use std::rc::Rc;

use web_sys::{File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::copier::{remove, Copier, CopierUpdate, StartError, Target};
use super::copy_worker::{CopyEvent, CopyRequest, MAX_COPY_FILE_BYTES, MAX_ZIP_INPUT_BYTES};
use super::download::download_bytes;
use super::i18n::use_tr;
use super::js_call::{call, call_sync, has_method, js_error_name, js_message, object};
use crate::deidentify::options::MAX_PREFIX_CHARS;
use crate::deidentify::{DateHandling, Options, OptionsError};
use crate::i18n::Catalog;

#[derive(Properties, PartialEq)]
pub struct CopyPanelProps {
    /// The files of the page's list (handles; read by the copy worker only).
    pub files: Rc<Vec<File>>,
    /// Their size in bytes, as the scan workers read them.
    pub total_bytes: u64,
}

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Running {
        done: usize,
        total: usize,
        copied: usize,
    },
    Done {
        copied: usize,
        left_out: usize,
        left_out_files: Vec<(String, String)>,
        people: u64,
        manifest_text: String,
        place: Place,
    },
    Failed(Failure),
    /// `left`: a folder that could not be removed, and why.
    Cancelled {
        removing: bool,
        left: Option<(String, String)>,
    },
}

/// Why no copy was made; said in the page's language when drawn.
#[derive(Clone, PartialEq)]
enum Failure {
    /// A message from the copy worker (written by the core, in English).
    Worker(String),
    /// The copier's request could not be encoded (a technical message, in English).
    Request(String),
    /// The browser refused to start the copier.
    NoWorker,
    /// The copier stopped without a word (out of memory, or it could not load).
    Crashed,
    /// The picked folder could not be opened, and why (the browser's message).
    FolderNotOpened(String),
    /// No new folder could be made in the picked one, and why (the browser's message).
    FolderNotMade(String),
}

impl Failure {
    fn text(&self, tr: &Catalog) -> String {
        let with = |id: &str, reason: &str| tr.text_with(id, &[("reason", reason.into())]);
        match self {
            Failure::Worker(message) | Failure::Request(message) => message.clone(),
            Failure::NoWorker => tr.text("copy-no-worker"),
            Failure::Crashed => tr.text("copy-crashed"),
            Failure::FolderNotOpened(reason) => with("copy-folder-not-opened", reason),
            Failure::FolderNotMade(reason) => with("copy-folder-not-made", reason),
        }
    }
}

/// Why the chosen options cannot be used, in the page's language.
fn options_error_text(error: &OptionsError, tr: &Catalog) -> String {
    match error {
        OptionsError::EmptyPrefix => tr.text("copy-prefix-empty"),
        OptionsError::PrefixTooLong { chars } => tr.text_with(
            "copy-prefix-too-long",
            &[("max", MAX_PREFIX_CHARS.into()), ("count", (*chars).into())],
        ),
        OptionsError::PrefixCharacter { character } => tr.text_with(
            "copy-prefix-character",
            &[("character", format!("{character:?}").into())],
        ),
    }
}

#[derive(Clone, PartialEq)]
enum Place {
    Folder(String),
    Zip,
}

/// Name of the new folder made inside the one the user picks (the time keeps it new).
fn folder_name() -> String {
    let now: String = js_sys::Date::new_0().to_iso_string().into();
    // 2026-12-04T01:45:10.123Z → "clean copy 2026-12-04 01-45-10"
    let stamp: String = now.chars().take(19).collect();
    format!("clean copy {}", stamp.replace('T', " ").replace(':', "-"))
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

#[function_component(CopyPanel)]
pub fn copy_panel(props: &CopyPanelProps) -> Html {
    let tr = use_tr();
    let options = use_state(Options::default);
    let stage = use_state(|| Stage::Idle);
    let copier: Rc<std::cell::RefCell<Option<Copier>>> = use_mut_ref(|| None);
    let can_pick = window().is_some_and(|w| has_method(&w, "showDirectoryPicker"));
    let total_bytes = props.total_bytes;
    let zip_too_large = total_bytes > MAX_ZIP_INPUT_BYTES;

    // Starts the worker on `files`; the stage follows its events.
    let start = {
        let (stage, copier, options) = (stage.clone(), copier.clone(), options.clone());
        Rc::new(move |files: Vec<File>, target: Option<Target>| {
            let place = match &target {
                Some(t) => Place::Folder(t.name.clone()),
                None => Place::Zip,
            };
            let total = files.len();
            let request = CopyRequest {
                options: (*options).clone(),
            };
            let updates = stage.clone();
            let holder = copier.clone();
            let started = Copier::start(&request, files, target, move |update| match update {
                CopierUpdate::Event(CopyEvent::Progress {
                    done,
                    total,
                    copied,
                }) => updates.set(Stage::Running {
                    done,
                    total,
                    copied,
                }),
                CopierUpdate::Event(CopyEvent::Finished {
                    copied,
                    left_out,
                    left_out_files,
                    people,
                    manifest_text,
                    ..
                }) => {
                    updates.set(Stage::Done {
                        copied,
                        left_out,
                        left_out_files,
                        people,
                        manifest_text,
                        place: place.clone(),
                    });
                    // Done: the worker goes (its memory with it) once this event is handled.
                    let holder = holder.clone();
                    gloo_timers::callback::Timeout::new(0, move || {
                        drop(holder.borrow_mut().take())
                    })
                    .forget();
                }
                CopierUpdate::Event(CopyEvent::Failed { message }) => {
                    updates.set(Stage::Failed(Failure::Worker(message)))
                }
                CopierUpdate::Zip(bytes) => {
                    download_bytes("clean-copy.zip", "application/zip", &bytes)
                }
                CopierUpdate::Crashed => updates.set(Stage::Failed(Failure::Crashed)),
            });
            match started {
                Ok(started) => {
                    *copier.borrow_mut() = Some(started);
                    stage.set(Stage::Running {
                        done: 0,
                        total,
                        copied: 0,
                    });
                }
                Err(StartError::Request(message)) => {
                    stage.set(Stage::Failed(Failure::Request(message)))
                }
                Err(StartError::NoWorker) => stage.set(Stage::Failed(Failure::NoWorker)),
            }
        })
    };

    let to_folder = {
        let (start, stage, files) = (start.clone(), stage.clone(), props.files.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(window) = window() else { return };
            // Called inside the click: the browser shows a picker only for a user's gesture.
            let picked = call_sync(
                &window,
                "showDirectoryPicker",
                &[&object(&[
                    ("mode", "readwrite".into()),
                    ("id", "clean-copy".into()),
                ])],
            );
            let (start, stage, files) = (start.clone(), stage.clone(), files.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let parent = match picked {
                    Ok(promise) => {
                        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await
                    }
                    Err(e) => Err(e),
                };
                let parent = match parent {
                    Ok(parent) => parent,
                    // The user closed the picker: nothing to say.
                    Err(e) if js_error_name(&e).as_deref() == Some("AbortError") => return,
                    Err(e) => {
                        stage.set(Stage::Failed(Failure::FolderNotOpened(js_message(e))));
                        return;
                    }
                };
                let name = folder_name();
                let create = object(&[("create", true.into())]);
                match call(
                    &parent,
                    "getDirectoryHandle",
                    &[&name.clone().into(), &create],
                )
                .await
                {
                    Ok(folder) => start(
                        files.to_vec(),
                        Some(Target {
                            parent,
                            name,
                            folder,
                        }),
                    ),
                    Err(e) => stage.set(Stage::Failed(Failure::FolderNotMade(js_message(e)))),
                }
            });
        })
    };
    let to_zip = {
        let (start, files) = (start.clone(), props.files.clone());
        Callback::from(move |_: MouseEvent| start(files.to_vec(), None))
    };
    let cancel = {
        let (stage, copier) = (stage.clone(), copier.clone());
        Callback::from(move |_: MouseEvent| {
            let target = copier.borrow_mut().take().and_then(Copier::cancel);
            let Some(target) = target else {
                stage.set(Stage::Cancelled {
                    removing: false,
                    left: None,
                });
                return;
            };
            stage.set(Stage::Cancelled {
                removing: true,
                left: None,
            });
            let stage = stage.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let left = remove(&target)
                    .await
                    .err()
                    .map(|why| (target.name.clone(), why));
                stage.set(Stage::Cancelled {
                    removing: false,
                    left,
                });
            });
        })
    };

    let set = |update: fn(&mut Options, bool)| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*options).clone();
                update(&mut next, input.checked());
                options.set(next);
            }
        })
    };
    let set_dates = {
        let options = options.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let mut next = (*options).clone();
                next.dates = match select.value().as_str() {
                    "shift" => DateHandling::Shift,
                    "keep" => DateHandling::KeepFull,
                    _ => DateHandling::Remove,
                };
                options.set(next);
            }
        })
    };
    let set_prefix = |update: fn(&mut Options, String)| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*options).clone();
                update(&mut next, input.value().trim().to_string());
                options.set(next);
            }
        })
    };
    let options_error = options.check().err().map(|e| options_error_text(&e, &tr));
    let running = matches!(*stage, Stage::Running { .. });
    let blocked = running || options_error.is_some();
    // The label is message `id`; its `.hint` attribute, if it has one, follows in small type.
    let checkbox = |id: &str, checked: bool, onchange: Callback<Event>| {
        let hint = if tr.has(id, Some("hint")) {
            format!(" {}", tr.attr(id, "hint", &[]))
        } else {
            String::new()
        };
        html! {
            <li>
                <input type="checkbox" id={id.to_string()} {checked} {onchange} disabled={running} />
                <label for={id.to_string()}>{ tr.text(id) }<span class="clean-copy__hint">{ hint }</span></label>
            </li>
        }
    };

    html! {
        <section class="clean-copy no-print" aria-labelledby="clean-copy-title">
            <h3 id="clean-copy-title">{ tr.text("copy-title") }</h3>
            <p>{ tr.text("copy-intro") }</p>
            <details class="clean-copy__options">
                <summary>{ tr.text("copy-options") }</summary>
                <ul class="clean-copy__list">
                    <li>
                        <label for="copy-dates">{ tr.text("copy-dates-label") }{ " " }</label>
                        <select id="copy-dates" onchange={set_dates} disabled={running}>
                            <option value="remove" selected={options.dates == DateHandling::Remove}>{ tr.text("copy-dates-remove") }</option>
                            <option value="shift" selected={options.dates == DateHandling::Shift}>{ tr.text("copy-dates-shift") }</option>
                            <option value="keep" selected={options.dates == DateHandling::KeepFull}>{ tr.text("copy-dates-keep") }</option>
                        </select>
                    </li>
                    { checkbox("copy-characteristics", options.patient_characteristics, set(|o, v| o.patient_characteristics = v)) }
                    { checkbox("copy-device", options.device_identity, set(|o, v| o.device_identity = v)) }
                    { checkbox("copy-institution", options.institution_identity, set(|o, v| o.institution_identity = v)) }
                    { checkbox("copy-uids", options.uids, set(|o, v| o.uids = v)) }
                    { checkbox("copy-safe-private", options.safe_private, set(|o, v| o.safe_private = v)) }
                    { checkbox("copy-burned-in", options.keep_burned_in, set(|o, v| o.keep_burned_in = v)) }
                    { checkbox("copy-black-out", options.black_out_text, set(|o, v| o.black_out_text = v)) }
                    <li>
                        <label for="copy-name-prefix">{ tr.text("copy-name-prefix-label") }{ " " }</label>
                        <input type="text" id="copy-name-prefix" value={options.name_prefix.clone()} onchange={set_prefix(|o, v| o.name_prefix = v)} disabled={running} size="12" />
                        <span class="clean-copy__hint">{ format!(" {}", tr.text_with("copy-name-prefix-hint", &[("prefix", options.name_prefix.as_str().into())])) }</span>
                    </li>
                    <li>
                        <label for="copy-id-prefix">{ tr.text("copy-id-prefix-label") }{ " " }</label>
                        <input type="text" id="copy-id-prefix" value={options.id_prefix.clone()} onchange={set_prefix(|o, v| o.id_prefix = v)} disabled={running} size="12" />
                        <span class="clean-copy__hint">{ format!(" {}", tr.text_with("copy-id-prefix-hint", &[("prefix", options.id_prefix.as_str().into())])) }</span>
                    </li>
                </ul>
                if let Some(error) = &options_error {
                    <p class="clean-copy__error" role="alert">{ error.clone() }</p>
                }
            </details>
            <div class="exports">
                if can_pick {
                    <button type="button" class="button" id="copy-to-folder" onclick={to_folder} disabled={blocked}>
                        { tr.text("copy-to-folder") }
                    </button>
                }
                <button type="button" class={if can_pick { "button button--quiet" } else { "button" }} id="copy-to-zip"
                    onclick={to_zip} disabled={blocked || zip_too_large}>
                    { tr.text("copy-to-zip") }
                </button>
                if running {
                    <button type="button" class="button button--quiet" id="cancel-copy" onclick={cancel}>{ tr.text("copy-cancel") }</button>
                }
            </div>
            if zip_too_large {
                <p class="clean-copy__hint">{ tr.text_with(
                    if can_pick { "copy-zip-too-large-folder" } else { "copy-zip-too-large-no-folder" },
                    &[("limit", (MAX_ZIP_INPUT_BYTES >> 20).into()), ("size", (total_bytes >> 20).into())]) }</p>
            }
            <p class="clean-copy__hint">{ tr.text_with("copy-file-limit", &[("limit", (MAX_COPY_FILE_BYTES >> 20).into())]) }</p>
            <div role="status" aria-live="polite" id="copy-status">
                { match &*stage {
                    Stage::Idle => html! {},
                    Stage::Running { done, total, copied } => html! {
                        <>
                            <progress max={total.to_string()} value={done.to_string()} aria-label={tr.text("copy-progress-label")} />
                            <span>{ format!(" {}", tr.text_with("copy-running", &[
                                ("done", (*done).into()),
                                ("count", (*total).into()),
                                ("copied", (*copied).into()),
                            ])) }</span>
                        </>
                    },
                    Stage::Done { copied, left_out, left_out_files, people, manifest_text, place } => html! {
                        <div class="clean-copy__done">
                            <p><strong>{ match place {
                                Place::Folder(name) => tr.text_with("copy-done-folder", &[("count", (*copied).into()), ("folder", name.into())]),
                                Place::Zip => tr.text_with("copy-done-zip", &[("count", (*copied).into())]),
                            } }</strong>
                            { format!(" {} ", tr.text_with("copy-people", &[("count", (*people).into())])) }
                            if *left_out > 0 {
                                { format!("{} ", tr.text_with("copy-left-out", &[("count", (*left_out).into())])) }
                            }
                            { tr.text("copy-check-yourself") }</p>
                            if !left_out_files.is_empty() {
                                <details class="clean-copy__left-out">
                                    <summary>{ tr.text_with("copy-left-out-list", &[("count", left_out_files.len().into())]) }</summary>
                                    <ul>
                                        { for left_out_files.iter().map(|(name, why)| html! { <li><strong>{ name.clone() }</strong>{ ": " }{ why.clone() }</li> }) }
                                    </ul>
                                </details>
                            }
                            <details>
                                <summary>{ tr.text("copy-manifest") }</summary>
                                <pre class="clean-copy__manifest">{ manifest_text.clone() }</pre>
                            </details>
                        </div>
                    },
                    Stage::Failed(failure) => html! { <p class="clean-copy__error">{ tr.text_with("copy-failed", &[("reason", failure.text(&tr).into())]) }</p> },
                    Stage::Cancelled { removing: true, .. } => html! { <p>{ tr.text("copy-cancelling") }</p> },
                    Stage::Cancelled { left: None, .. } => html! { <p>{ tr.text("copy-cancelled") }</p> },
                    Stage::Cancelled { left: Some((name, why)), .. } => html! {
                        <p class="clean-copy__error">{ tr.text_with("copy-cancelled-left", &[("folder", name.into()), ("reason", why.into())]) }</p>
                    },
                } }
            </div>
        </section>
    }
}
