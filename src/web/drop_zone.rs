//! The drop zone: drop files on it, or press its button to open the file picker.

use web_sys::{DragEvent, FileList, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub on_files: Callback<FileList>,
}

#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let hovering = use_state(|| false);
    let input_ref = use_node_ref();

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
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hovering.set(false);
            if let Some(files) = e.data_transfer().and_then(|dt| dt.files()) {
                on_files.emit(files);
            }
        })
    };
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(files) = input.files() {
                on_files.emit(files);
            }
            // Clearing lets the same file be chosen again.
            input.set_value("");
        })
    };
    let open_picker = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };

    let class = classes!("drop-zone", hovering.then_some("drop-zone--over"));
    html! {
        <section {class} aria-labelledby="drop-title"
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <h2 id="drop-title" class="drop-zone__title">{ "Drop DICOM files here" }</h2>
            <p class="drop-zone__hint">{ "Files from a CD, a USB stick or a download from your provider." }</p>
            <button type="button" class="button" onclick={open_picker}>{ "Choose files" }</button>
            <input id="file" ref={input_ref} class="visually-hidden" type="file" multiple=true
                tabindex="-1" aria-label="Choose files to check" onchange={on_change} />
        </section>
    }
}
