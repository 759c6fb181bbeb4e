//! The page's language: a Yew context holding the catalogue, the switch, and the fetch of a
//! Spanish or German catalogue the first time it is chosen.
//!
//! The choice is stored under [`LANG_KEY`] (a language code, not an identifier); without one
//! the browser's preferred languages decide.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Deref;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::i18n::{Catalog, CatalogError, Lang, FILES};

/// localStorage key of the chosen language.
pub const LANG_KEY: &str = "dicom-exposure-check.lang";

/// The catalogue every component reads its words from (`use_tr()`).
#[derive(Clone, Copy, Debug)]
pub struct Tr(&'static Catalog);

impl Tr {
    pub fn english() -> Tr {
        Tr(Catalog::english())
    }

    /// English with the checklist's messages: the views module's (see [`load_with_checklist`]).
    pub fn english_with_checklist() -> Tr {
        Tr(Catalog::english_with_checklist())
    }
}

impl PartialEq for Tr {
    fn eq(&self, other: &Tr) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Deref for Tr {
    type Target = Catalog;

    fn deref(&self) -> &Catalog {
        self.0
    }
}

/// The page's catalogue; English outside a provider (a component tested on its own).
#[hook]
pub fn use_tr() -> Tr {
    use_context::<Tr>().unwrap_or_else(Tr::english)
}

/// Why a catalogue could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The server did not give the file (offline without a cache, a broken deploy).
    Fetch { file: &'static str, status: u16 },
    /// The request itself failed.
    Network { file: &'static str },
    /// The file is not a valid catalogue.
    Catalog(CatalogError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Fetch { file, status } => write!(f, "{file}.ftl: HTTP {status}"),
            LoadError::Network { file } => write!(f, "{file}.ftl could not be fetched"),
            LoadError::Catalog(e) => e.fmt(f),
        }
    }
}

thread_local! {
    /// Catalogues loaded so far: each language is fetched and parsed once per page, and kept
    /// for the page's life (so `Tr` can be a plain reference).
    static LOADED: RefCell<HashMap<Lang, &'static Catalog>> = RefCell::default();
}

/// The catalogue of `lang`: English at once, another language fetched the first time.
pub async fn load(lang: Lang) -> Result<Tr, LoadError> {
    if lang == Lang::En {
        return Ok(Tr::english());
    }
    if let Some(catalog) = LOADED.with(|l| l.borrow().get(&lang).copied()) {
        return Ok(Tr(catalog));
    }
    // Every request is sent before the first answer is awaited: the files arrive together.
    let window = web_sys::window().ok_or(LoadError::Network { file: FILES[0] })?;
    let requests: Vec<_> = FILES
        .iter()
        .map(|&file| {
            let url = format!("locales/{}/{file}.ftl", lang.code());
            (file, JsFuture::from(window.fetch_with_str(&url)))
        })
        .collect();
    let mut sources = Vec::with_capacity(FILES.len());
    for (file, request) in requests {
        sources.push((file, response_text(request.await, file).await?));
    }
    let catalog = Catalog::parse(lang, &sources).map_err(LoadError::Catalog)?;
    let catalog: &'static Catalog = Box::leak(Box::new(catalog));
    LOADED.with(|l| l.borrow_mut().insert(lang, catalog));
    Ok(Tr(catalog))
}

/// [`load`] for the views module, which draws the checklist: its English has the checklist's
/// messages, which the page's own English leaves out.
pub async fn load_with_checklist(lang: Lang) -> Result<Tr, LoadError> {
    if lang == Lang::En {
        return Ok(Tr::english_with_checklist());
    }
    load(lang).await
}

async fn response_text(
    response: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>,
    file: &'static str,
) -> Result<String, LoadError> {
    let response = response.map_err(|_| LoadError::Network { file })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| LoadError::Network { file })?;
    if !response.ok() {
        return Err(LoadError::Fetch {
            file,
            status: response.status(),
        });
    }
    let text = response.text().map_err(|_| LoadError::Network { file })?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(LoadError::Network { file })
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The stored choice, else the browser's preferred languages.
pub fn initial_lang() -> Lang {
    if let Some(lang) = storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
    {
        return lang;
    }
    let languages: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    Lang::negotiate(languages.iter().map(String::as_str))
}

/// Remember the user's choice.
pub fn store_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// `<html lang>` (so that screen readers speak the page in its language) and the title.
pub fn set_document_lang(tr: &Tr) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", tr.lang().code());
    }
    document.set_title(&tr.text("page-title"));
}

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
}

/// The language switch: each language named in itself.
#[function_component(LanguageSwitch)]
pub fn language_switch(props: &LanguageSwitchProps) -> Html {
    let tr = use_tr();
    let onchange = props.on_change.reform(|event: Event| {
        let code = event
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        Lang::from_code(&code).unwrap_or(Lang::En)
    });
    html! {
        <label class="language no-print">
            <span>{ tr.text("language-label") }</span>
            <select id="language" {onchange}>
                { for Lang::ALL.iter().map(|&lang| html! {
                    <option value={lang.code()} lang={lang.code()}
                        selected={lang == props.lang}>{ lang.own_name() }</option>
                }) }
            </select>
        </label>
    }
}
