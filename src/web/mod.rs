//! The browser front end: a Yew page that hands each dropped file to a scan worker.
//!
//! The page only renders; all reading and masking happens in the core, inside the worker.

mod app;
pub mod blob_reader;
mod checklist_view;
mod copier;
mod copy_panel;
pub mod copy_worker;
mod download;
mod drop_zone;
mod file_card;
mod findings_view;
pub mod i18n;
pub mod js_call;
mod ocr;
mod offline;
mod people_view;
mod pixel_note;
pub mod pixel_worker;
mod scanner;
pub mod small_file;
mod tabs;
pub mod views;
mod warmup;
pub mod worker;

pub use app::App;

/// Today's date as the page's reports give it (the core has no clock), e.g. `2026-12-06`.
pub(crate) fn today() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
        .chars()
        .take(10)
        .collect()
}

/// Move keyboard focus to the first element `selector` matches, if any. An element that is
/// not focusable by itself (a card, a heading) is made focusable from script only
/// (`tabindex="-1"`), so that it does not become a Tab stop.
pub(crate) fn focus_first(selector: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        if element.tab_index() < 0 && !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}

/// After the user lets a list show more rows (a "Show more" or "Show all"), move focus to
/// the first row added, so that a keyboard or screen-reader user lands on what was added
/// rather than on a button that may be gone. `list` is the element whose children are the
/// rows; `limit` how many rows the user lets it show (never the rows a scan adds, which must
/// not take the focus).
#[yew::hook]
pub(crate) fn use_focus_added_rows(list: yew::NodeRef, limit: usize) {
    let last = yew::use_mut_ref(|| limit);
    yew::use_effect_with(limit, move |&limit| {
        let before = std::mem::replace(&mut *last.borrow_mut(), limit);
        if limit > before {
            focus_child(&list, before);
        }
    });
}

fn focus_child(list: &yew::NodeRef, index: usize) {
    use wasm_bindgen::JsCast;
    let child = list
        .cast::<web_sys::Element>()
        .and_then(|list| list.children().item(index as u32))
        .and_then(|child| child.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(child) = child {
        if !child.has_attribute("tabindex") {
            let _ = child.set_attribute("tabindex", "-1");
        }
        let _ = child.focus();
    }
}
