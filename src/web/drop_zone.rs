//! The drop zone: drop files or whole folders on it, pick files or a folder, or try the
//! bundled samples.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DragEvent, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry,
    HtmlInputElement,
};
use yew::prelude::*;

use super::i18n::use_tr;

/// Folders nested deeper than this are not entered.
pub const MAX_FOLDER_DEPTH: usize = 32;
/// A dropped folder yields at most this many files; the rest are left out with a notice.
pub const MAX_DROPPED_FILES: usize = 200_000;

/// Public sample files bundled with the page (pydicom test data and real exports of it; no
/// real person's data). Paths are relative to the page so they work under a sub-path.
const SAMPLES: &[&str] = &[
    "samples/CT_small.dcm",
    "samples/MR_small_RLE.dcm",
    "samples/findscu-studyroot-STUDY.txt",
    "samples/worklist-en-utf8bom.csv",
    "samples/nmap-dicom.xml",
];

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// Files gathered from folders and samples (with their relative paths as names).
    pub on_files: Callback<Vec<gloo_file::File>>,
    /// Files from the file picker or a plain drop.
    pub on_file_list: Callback<FileList>,
    /// Whether files added from now on have their pixels checked too.
    pub pixels: bool,
    pub on_pixels: Callback<bool>,
    /// Files added before the pixel check was on, whose pixels it can look at now.
    pub pixels_unchecked: usize,
    pub on_recheck: Callback<()>,
}

/// What turning the pixel check on downloads (the pixel worker's wasm and loader, gzipped),
/// as measured by `.ci/bench`; the e2e test holds it to the built module.
pub const PIXEL_MODULE_KIB: u32 = 258;

/// A copy of `file` named `path` (the data is shared, not copied): keeps folder structure,
/// which DICOMDIR references rely on.
fn renamed(file: &web_sys::File, path: &str) -> Option<gloo_file::File> {
    let parts = js_sys::Array::of1(file);
    web_sys::File::new_with_blob_sequence(&parts, path.trim_start_matches('/'))
        .ok()
        .map(gloo_file::File::from)
}

async fn promise<F: FnMut(js_sys::Function, js_sys::Function)>(
    mut f: F,
) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| f(resolve, reject));
    JsFuture::from(promise).await
}

/// Every file under a dropped entry, depth first.
async fn walk(entry: FileSystemEntry, out: Rc<RefCell<Vec<gloo_file::File>>>, depth: usize) {
    if out.borrow().len() >= MAX_DROPPED_FILES || depth > MAX_FOLDER_DEPTH {
        return;
    }
    if entry.is_file() {
        let file_entry: FileSystemFileEntry = entry.unchecked_into();
        let got = promise(|resolve, reject| {
            file_entry.file_with_callback_and_callback(&resolve, &reject);
        })
        .await;
        if let Ok(file) = got.and_then(|f| f.dyn_into::<web_sys::File>()) {
            if let Some(file) = renamed(&file, &file_entry.full_path()) {
                out.borrow_mut().push(file);
            }
        }
    } else if entry.is_directory() {
        let dir: FileSystemDirectoryEntry = entry.unchecked_into();
        let reader = dir.create_reader();
        // readEntries returns the listing in batches until an empty one.
        loop {
            let batch = promise(|resolve, reject| {
                // An error here is reported through `reject`.
                let _ = reader.read_entries_with_callback_and_callback(&resolve, &reject);
            })
            .await;
            let Ok(batch) = batch.map(|v| js_sys::Array::from(&v)) else {
                break;
            };
            if batch.length() == 0 {
                break;
            }
            for child in batch.iter() {
                Box::pin(walk(child.unchecked_into(), out.clone(), depth + 1)).await;
            }
        }
    }
}

async fn fetch_sample(path: &str) -> Option<gloo_file::File> {
    let bytes = super::js_call::fetch_bytes(&web_sys::window()?, path).await?;
    let name = path.rsplit('/').next().unwrap_or(path);
    Some(gloo_file::File::new(
        &format!("sample/{name}"),
        bytes.as_slice(),
    ))
}

#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let tr = use_tr();
    let hovering = use_state(|| false);
    let files_ref = use_node_ref();
    let folder_ref = use_node_ref();

    let on_dragover = {
        let hovering = hovering.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser would open the dropped file instead of handing it to us.
            e.prevent_default();
            hovering.set(true);
        })
    };
    let on_dragleave = {
        let hovering = hovering.clone();
        Callback::from(move |_: DragEvent| hovering.set(false))
    };
    let on_drop = {
        let hovering = hovering.clone();
        let (on_files, on_file_list) = (props.on_files.clone(), props.on_file_list.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hovering.set(false);
            let Some(transfer) = e.data_transfer() else {
                return;
            };
            // Entries must be taken during the event; they are gone after it returns.
            let items = transfer.items();
            let entries: Vec<FileSystemEntry> = (0..items.length())
                .filter_map(|i| items.get(i))
                .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
                .collect();
            if entries.iter().any(FileSystemEntry::is_directory) {
                let on_files = on_files.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let out = Rc::new(RefCell::new(Vec::new()));
                    for entry in entries {
                        walk(entry, out.clone(), 0).await;
                    }
                    let files = std::mem::take(&mut *out.borrow_mut());
                    on_files.emit(files);
                });
            } else if let Some(files) = transfer.files() {
                on_file_list.emit(files);
            }
        })
    };
    let on_pick = {
        let on_file_list = props.on_file_list.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(files) = input.files() {
                on_file_list.emit(files);
            }
            // Clearing lets the same file be chosen again.
            input.set_value("");
        })
    };
    let on_pick_folder = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(list) = input.files() {
                let files = (0..list.length())
                    .filter_map(|i| list.item(i))
                    .take(MAX_DROPPED_FILES)
                    .filter_map(|f| {
                        // webkitRelativePath is not in web-sys; read the property.
                        let path =
                            js_sys::Reflect::get(&f, &JsValue::from_str("webkitRelativePath"))
                                .ok()
                                .and_then(|v| v.as_string())
                                .unwrap_or_default();
                        if path.is_empty() {
                            Some(gloo_file::File::from(f))
                        } else {
                            renamed(&f, &path)
                        }
                    })
                    .collect();
                on_files.emit(files);
            }
            input.set_value("");
        })
    };
    let open = |node: NodeRef| {
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = node.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let try_samples = {
        let on_files = props.on_files.clone();
        Callback::from(move |_: MouseEvent| {
            let on_files = on_files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut files = Vec::new();
                for path in SAMPLES {
                    if let Some(file) = fetch_sample(path).await {
                        files.push(file);
                    }
                }
                on_files.emit(files);
            });
        })
    };

    let class = classes!(
        "drop-zone",
        "no-print",
        hovering.then_some("drop-zone--over")
    );
    html! {
        <section {class} aria-labelledby="drop-title"
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <h2 id="drop-title" class="drop-zone__title">{ tr.text("drop-title") }</h2>
            <p class="drop-zone__hint">{ tr.text("drop-hint") }</p>
            <div class="drop-zone__buttons">
                <button type="button" class="button" id="choose-files" onclick={open(files_ref.clone())}>{ tr.text("drop-choose-files") }</button>
                <button type="button" class="button button--quiet" id="choose-folder" onclick={open(folder_ref.clone())}>{ tr.text("drop-choose-folder") }</button>
                <button type="button" class="button button--quiet" id="try-sample" onclick={try_samples}>{ tr.text("drop-try-sample") }</button>
            </div>
            <p class="drop-zone__pixels">
                <label>
                    <input type="checkbox" id="check-pixels" checked={props.pixels}
                        onchange={
                            let on_pixels = props.on_pixels.clone();
                            Callback::from(move |e: Event| {
                                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                on_pixels.emit(input.checked());
                            })
                        } />
                    { " " }{ tr.text("drop-pixels") }
                </label>
                <span class="drop-zone__pixels-hint">{ tr.text_with("drop-pixels-hint", &[("kib", PIXEL_MODULE_KIB.into()), ("ocr", super::ocr::OCR_DOWNLOAD_MB.into())]) }</span>
                if props.pixels_unchecked > 0 {
                    <button type="button" class="button button--quiet" id="recheck-pixels"
                        onclick={ let on_recheck = props.on_recheck.clone(); Callback::from(move |_: MouseEvent| on_recheck.emit(())) }>
                        { tr.text_with("drop-pixels-recheck", &[("count", props.pixels_unchecked.into())]) }
                    </button>
                }
            </p>
            <input id="file" ref={files_ref} class="visually-hidden" type="file" multiple=true
                tabindex="-1" aria-label={tr.text("drop-files-label")} onchange={on_pick} />
            <input id="folder" ref={folder_ref} class="visually-hidden" type="file" multiple=true
                webkitdirectory=true tabindex="-1" aria-label={tr.text("drop-folder-label")} onchange={on_pick_folder} />
        </section>
    }
}
