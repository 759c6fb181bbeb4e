//! "Make a clean copy": the options in plain words, where the copy goes (a new folder inside
//! one the user picks, or a ZIP download), progress with cancel, and what the copy's own check
//! found. The copy itself is made by the copy worker ([`super::copier`]).

use std::rc::Rc;

use web_sys::{File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::copier::{remove, Copier, CopierUpdate, Target};
use super::copy_worker::{CopyEvent, CopyRequest, MAX_COPY_FILE_BYTES, MAX_ZIP_INPUT_BYTES};
use super::download::download_bytes;
use super::js_call::{call, call_sync, has_method, js_error_name, js_message, object};
use crate::deidentify::{DateHandling, Options};
use crate::report::plural;

#[derive(Properties, PartialEq)]
pub struct CopyPanelProps {
    /// The files of the page's list (handles; read by the copy worker only).
    pub files: Rc<Vec<File>>,
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
    Failed(String),
    /// `left`: a folder that could not be removed, and why.
    Cancelled {
        removing: bool,
        left: Option<(String, String)>,
    },
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
    let options = use_state(Options::default);
    let stage = use_state(|| Stage::Idle);
    let copier: Rc<std::cell::RefCell<Option<Copier>>> = use_mut_ref(|| None);
    let can_pick = window().is_some_and(|w| has_method(&w, "showDirectoryPicker"));
    let total_bytes: u64 = props.files.iter().map(|f| f.size() as u64).sum();
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
                    updates.set(Stage::Failed(message))
                }
                CopierUpdate::Zip(bytes) => {
                    download_bytes("clean-copy.zip", "application/zip", &bytes)
                }
                CopierUpdate::Crashed => updates.set(Stage::Failed(
                    "The copier stopped (the browser may have run out of memory). Try fewer \
                     files at a time, or the command-line tool."
                        .to_string(),
                )),
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
                Err(message) => stage.set(Stage::Failed(message)),
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
                        stage.set(Stage::Failed(format!(
                            "The folder could not be opened: {}",
                            js_message(e)
                        )));
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
                    Err(e) => stage.set(Stage::Failed(format!(
                        "A folder could not be made there: {}",
                        js_message(e)
                    ))),
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
    let options_error = options.check().err().map(|e| e.to_string());
    let running = matches!(*stage, Stage::Running { .. });
    let blocked = running || options_error.is_some();
    let checkbox = |id: &str, label: &str, hint: &str, checked: bool, onchange: Callback<Event>| {
        html! {
            <li>
                <input type="checkbox" id={id.to_string()} {checked} {onchange} disabled={running} />
                <label for={id.to_string()}>{ label }<span class="clean-copy__hint">{ hint }</span></label>
            </li>
        }
    };

    html! {
        <section class="clean-copy no-print" aria-labelledby="clean-copy-title">
            <h3 id="clean-copy-title">{ "Make a clean copy" }</h3>
            <p>{ "A copy of these DICOM files you can share: names, IDs, birth dates, addresses, \
                  doctors and hospitals removed as the DICOM standard's de-identification \
                  profile asks; the images themselves unchanged. Every copy is checked again \
                  here; a file that cannot be proven clean is left out, with the reason. \
                  Nothing is uploaded." }</p>
            <details class="clean-copy__options">
                <summary>{ "Options" }</summary>
                <ul class="clean-copy__list">
                    <li>
                        <label for="copy-dates">{ "Dates: " }</label>
                        <select id="copy-dates" onchange={set_dates} disabled={running}>
                            <option value="remove" selected={options.dates == DateHandling::Remove}>{ "remove them" }</option>
                            <option value="shift" selected={options.dates == DateHandling::Shift}>{ "move each person's dates by the same secret number of days" }</option>
                            <option value="keep" selected={options.dates == DateHandling::KeepFull}>{ "keep them (they can identify you)" }</option>
                        </select>
                    </li>
                    { checkbox("copy-characteristics", "Keep age, sex, size and weight", " (useful to a doctor; they narrow down who you are)", options.patient_characteristics, set(|o, v| o.patient_characteristics = v)) }
                    { checkbox("copy-device", "Keep the scanner's make and serial number", "", options.device_identity, set(|o, v| o.device_identity = v)) }
                    { checkbox("copy-institution", "Keep the hospital or clinic name", "", options.institution_identity, set(|o, v| o.institution_identity = v)) }
                    { checkbox("copy-uids", "Keep the original UIDs", " (lets the copy be matched with the originals)", options.uids, set(|o, v| o.uids = v)) }
                    { checkbox("copy-safe-private", "Keep vendor measurements known to be safe", " (such as PET SUV factors and diffusion b-values; the standard's safe list)", options.safe_private, set(|o, v| o.safe_private = v)) }
                    { checkbox("copy-burned-in", "Also copy images that may show text in the pixels", " (ultrasound, screenshots, scanned documents: check them yourself)", options.keep_burned_in, set(|o, v| o.keep_burned_in = v)) }
                    <li>
                        <label for="copy-name-prefix">{ "New names: " }</label>
                        <input type="text" id="copy-name-prefix" value={options.name_prefix.clone()} onchange={set_prefix(|o, v| o.name_prefix = v)} disabled={running} size="12" />
                        <span class="clean-copy__hint">{ format!(" and a number (\"{} 1\")", options.name_prefix) }</span>
                    </li>
                    <li>
                        <label for="copy-id-prefix">{ "New patient IDs: " }</label>
                        <input type="text" id="copy-id-prefix" value={options.id_prefix.clone()} onchange={set_prefix(|o, v| o.id_prefix = v)} disabled={running} size="12" />
                        <span class="clean-copy__hint">{ format!(" and a number (\"{}1\")", options.id_prefix) }</span>
                    </li>
                </ul>
                if let Some(error) = &options_error {
                    <p class="clean-copy__error" role="alert">{ error.clone() }</p>
                }
            </details>
            <div class="exports">
                if can_pick {
                    <button type="button" class="button" id="copy-to-folder" onclick={to_folder} disabled={blocked}>
                        { "Copy into a folder…" }
                    </button>
                }
                <button type="button" class={if can_pick { "button button--quiet" } else { "button" }} id="copy-to-zip"
                    onclick={to_zip} disabled={blocked || zip_too_large}>
                    { "Download the copy as a ZIP" }
                </button>
                if running {
                    <button type="button" class="button button--quiet" id="cancel-copy" onclick={cancel}>{ "Cancel" }</button>
                }
            </div>
            if zip_too_large {
                <p class="clean-copy__hint">{ format!(
                    "A ZIP is made in this page's memory, so it is offered for sets up to {} MB (these files: {} MB).{}",
                    MAX_ZIP_INPUT_BYTES >> 20, total_bytes >> 20,
                    if can_pick { " Copy into a folder instead." } else { " Use Chrome or Edge to copy into a folder, or the command-line tool." }) }</p>
            }
            <p class="clean-copy__hint">{ format!("Files over {} MB are left out (the command-line tool copies them).", MAX_COPY_FILE_BYTES >> 20) }</p>
            <div role="status" aria-live="polite" id="copy-status">
                { match &*stage {
                    Stage::Idle => html! {},
                    Stage::Running { done, total, copied } => html! {
                        <>
                            <progress max={total.to_string()} value={done.to_string()} aria-label="Files copied" />
                            <span>{ format!(" Copying: {done} of {total} files, {copied} written…") }</span>
                        </>
                    },
                    Stage::Done { copied, left_out, left_out_files, people, manifest_text, place } => html! {
                        <div class="clean-copy__done">
                            <p><strong>{ match place {
                                Place::Folder(name) => format!("Done: {} written into the new folder “{name}”.", plural(*copied, "clean copy", "clean copies")),
                                Place::Zip => format!("Done: {} in clean-copy.zip (in your downloads).", plural(*copied, "clean copy", "clean copies")),
                            } }</strong>
                            { format!(" {} each given a new name. ", plural(*people as usize, "person is", "people are")) }
                            if *left_out > 0 {
                                { format!("{} left out; MANIFEST.txt in the copy says which (by number) and why. ", plural(*left_out, "file was", "files were")) }
                            }
                            { "Drop the copy on this page to check it yourself." }</p>
                            if !left_out_files.is_empty() {
                                <details class="clean-copy__left-out">
                                    <summary>{ format!("Files left out ({})", left_out_files.len()) }</summary>
                                    <ul>
                                        { for left_out_files.iter().map(|(name, why)| html! { <li><strong>{ name.clone() }</strong>{ ": " }{ why.clone() }</li> }) }
                                    </ul>
                                </details>
                            }
                            <details>
                                <summary>{ "What was done (MANIFEST.txt)" }</summary>
                                <pre class="clean-copy__manifest">{ manifest_text.clone() }</pre>
                            </details>
                        </div>
                    },
                    Stage::Failed(message) => html! { <p class="clean-copy__error">{ format!("No copy was made: {message}") }</p> },
                    Stage::Cancelled { removing: true, .. } => html! { <p>{ "Cancelling: removing what was written…" }</p> },
                    Stage::Cancelled { left: None, .. } => html! { <p>{ "Cancelled. Nothing of the copy was kept." }</p> },
                    Stage::Cancelled { left: Some((name, why)), .. } => html! {
                        <p class="clean-copy__error">{ format!("Cancelled, but the folder “{name}” could not be removed ({why}): delete it yourself, as it holds a part of the copy only.") }</p>
                    },
                } }
            </div>
        </section>
    }
}
