//! The page's side: fetching the views module once, and the element each view is drawn in.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, File};
use yew::prelude::*;

use super::request::{Export, View, ViewRequest};
use crate::i18n::Lang;
use crate::report::{FileReport, Report};
use crate::web::i18n::use_tr;
use crate::web::js_call::{call, call_sync, js_message};
use crate::web::worker::encode;

/// The views module's glue (Trunk builds it as a classic script), relative to the page so that
/// it works under a sub-path. `.ci/externalize_loader.py` ends it with the start of the module
/// and [`READY`] set to the promise of its exports.
const VIEWS_URL: &str = "./views.js";

/// The global the views module's script sets: a promise of the module's exports, started.
const READY: &str = "dicomExposureViews";

/// How long a view may take to be drawn before its place says it is loading.
const SLOW_MS: u32 = 400;

thread_local! {
    /// The views module's exports, once asked for: fetched and started once per page.
    static MODULE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Why a view could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum HostError {
    /// The module's script could not be fetched (offline without the cache, a broken deploy).
    Fetch,
    /// It was fetched and did not start, or refused the request; the browser's words.
    Start(String),
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostError::Fetch => write!(f, "{VIEWS_URL} could not be fetched"),
            HostError::Start(e) => write!(f, "{e}"),
        }
    }
}

fn load_module() -> Promise {
    Promise::new(&mut |resolve, reject| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("no document"));
            return;
        };
        let Ok(script) = document.create_element("script") else {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("no script element"));
            return;
        };
        let loaded = Closure::once_into_js(move || {
            let ready = web_sys::window()
                .map(|w| Reflect::get(&w, &JsValue::from_str(READY)).unwrap_or_default())
                .unwrap_or_default();
            // A promise resolved with a promise takes on its outcome.
            let _ = resolve.call1(&JsValue::NULL, &ready);
        });
        let failed = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::NULL);
        });
        let _ = script.add_event_listener_with_callback("load", loaded.unchecked_ref());
        let _ = script.add_event_listener_with_callback("error", failed.unchecked_ref());
        let _ = script.set_attribute("src", VIEWS_URL);
        if let Some(head) = document.head() {
            let _ = head.append_child(&script);
        }
    })
}

/// The views module's exports, fetched and started the first time.
pub async fn views_module() -> Result<JsValue, HostError> {
    let promise = MODULE.with(|m| m.borrow_mut().get_or_insert_with(load_module).clone());
    JsFuture::from(promise).await.map_err(|e| {
        // A failed start is kept: asking again would fail the same way until a reload.
        if e.is_null() {
            HostError::Fetch
        } else {
            HostError::Start(js_message(e))
        }
    })
}

/// Start fetching the views module now, so that a view opened later is drawn at once.
pub fn prefetch_views() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = views_module().await;
    });
}

/// Write a report file (JSON or CSV) of these reports, in `lang`.
pub async fn export(
    what: Export,
    lang: Lang,
    reports: &[Arc<FileReport>],
) -> Result<(), HostError> {
    let module = views_module().await?;
    let bytes = encode(&ViewRequest {
        lang,
        what,
        reports,
        held: false,
    })
    .map_err(|e| HostError::Start(e.to_string()))?;
    call(
        &module,
        "save_report",
        &[&Uint8Array::from(bytes.as_slice()).into()],
    )
    .await
    .map(drop)
    .map_err(|e| HostError::Start(js_message(e)))
}

#[derive(Properties)]
pub struct ViewHostProps {
    pub view: View,
    /// The report the view is drawn from: its files' reports are sent, and the views module
    /// builds it again from them.
    #[prop_or_default]
    pub report: Option<Rc<Report>>,
    /// Files handed to the view (the clean copy reads them).
    #[prop_or_default]
    pub files: Option<Rc<Vec<File>>>,
    /// Files are still being checked: the view keeps the report it was first drawn with, says
    /// so, and is drawn again once this is false. Drawn again at every checkpoint, it sent every
    /// report so far to the views module each time: with all findings open, 6,000 files took a
    /// quarter longer, in tasks of up to 290 ms (docs/benchmarks.md, session 28).
    #[prop_or_default]
    pub held: bool,
}

impl PartialEq for ViewHostProps {
    fn eq(&self, other: &ViewHostProps) -> bool {
        self.view == other.view
            && self.held == other.held
            && super::same_rc(&self.report, &other.report)
            && super::same_rc(&self.files, &other.files)
    }
}

/// The element a view of the views module is drawn in. It asks for the view when shown and
/// whenever its reports or the language change; what the view holds (a sort order, the
/// checklist's answers) stays across those updates and goes when the page stops showing it.
#[function_component(ViewHost)]
pub fn view_host(props: &ViewHostProps) -> Html {
    let tr = use_tr();
    let host = use_node_ref();
    let failed = use_state(|| None::<HostError>);
    // "Loading…" where a view will be, said only when the module takes a while to come (a
    // first visit on a slow network), not as a flash before every view.
    let slow = use_state(|| false);
    let drawn = use_state(|| false);
    {
        let slow = slow.clone();
        use_effect_with((), move |_| {
            let timer = gloo_timers::callback::Timeout::new(SLOW_MS, move || slow.set(true));
            move || drop(timer)
        });
    }
    // Shown until taken down: a request still waiting for the module is then dropped.
    let shown = use_memo((), |_| Rc::new(Cell::new(true)));
    let drawn_in = use_mut_ref(|| None::<Element>);
    {
        let (shown, drawn_in) = (shown.clone(), drawn_in.clone());
        use_effect_with((), move |_| {
            move || {
                shown.set(false);
                if let Some(element) = drawn_in.borrow_mut().take() {
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(module) = views_module().await {
                            let _ = call_sync(&module, "unmount", &[&element.into()]);
                        }
                    });
                }
            }
        });
    }
    {
        let (host, failed, shown, drawn_in, done) = (
            host.clone(),
            failed.clone(),
            shown.clone(),
            drawn_in.clone(),
            drawn.clone(),
        );
        let (view, report, files, lang, held) = (
            props.view,
            props.report.clone(),
            props.files.clone(),
            tr.lang(),
            props.held,
        );
        let key = (
            view,
            // Held, only the first report counts.
            report
                .as_ref()
                .map(|r| if held { 0 } else { Rc::as_ptr(r) as usize }),
            files.as_ref().map(|f| Rc::as_ptr(f) as usize),
            lang,
            held,
        );
        use_effect_with(key, move |_| {
            let drawn = encode(&ViewRequest {
                lang,
                what: view,
                reports: report.as_deref().map_or(&[][..], |r| r.files.as_slice()),
                held,
            })
            .map_err(|e| HostError::Start(e.to_string()));
            wasm_bindgen_futures::spawn_local(async move {
                let drawn = async {
                    let bytes = drawn?;
                    let module = views_module().await?;
                    let Some(element) = host.cast::<Element>().filter(|_| shown.get()) else {
                        return Ok(());
                    };
                    let files: Array = files.iter().flat_map(|f| f.iter()).collect();
                    call_sync(
                        &module,
                        "mount",
                        &[
                            &element.clone().into(),
                            &Uint8Array::from(bytes.as_slice()).into(),
                            &files.into(),
                        ],
                    )
                    .map_err(|e| HostError::Start(js_message(e)))?;
                    *drawn_in.borrow_mut() = Some(element);
                    Ok(())
                }
                .await;
                done.set(drawn.is_ok());
                failed.set(drawn.err());
            });
        });
    }
    html! {
        <>
            if let Some(error) = &*failed {
                <p class="views__error" role="alert">{ tr.text_with("views-failed", &[("error", error.to_string().into())]) }</p>
            } else if *slow && !*drawn {
                <p class="views__loading" role="status">{ tr.text("views-loading") }</p>
            }
            <div class="views-host" ref={host}></div>
        </>
    }
}
