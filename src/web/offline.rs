//! Offline use: the page registers its service worker (`www/sw.js`, whose file list and
//! version the build writes) and says two things it learns from it: that every file of this
//! version is cached, so the page opens and works without a network, and that a new version
//! has been installed and waits, which a reload puts in use. Nothing else passes between the
//! page and the service worker; no file a user checks is ever sent to it.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    MessageEvent, RegistrationOptions, ServiceWorker, ServiceWorkerContainer,
    ServiceWorkerRegistration, ServiceWorkerState,
};
use yew::prelude::*;

use super::i18n::use_tr;

/// The service worker, relative to the page, so that a sub-path build registers its own.
const SCRIPT: &str = "sw.js";
/// How often an open page asks whether a new version was deployed.
const CHECK_EVERY_MS: u32 = 60 * 60 * 1000;

/// What the page has learnt from its service worker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Offline {
    /// Every file of this version is in the cache.
    ready: bool,
    /// A newer version is installed and waits for this page to let it take over.
    update_waiting: bool,
}

/// What the service worker said.
enum Heard {
    Ready,
    UpdateWaiting,
}

impl Reducible for Offline {
    type Action = Heard;

    fn reduce(self: std::rc::Rc<Self>, action: Heard) -> std::rc::Rc<Self> {
        let next = match action {
            Heard::Ready => Offline {
                ready: true,
                ..*self
            },
            Heard::UpdateWaiting => Offline {
                update_waiting: true,
                ..*self
            },
        };
        next.into()
    }
}

/// The line under the page's promise: "works offline" once the cache is complete, and the
/// offer to reload when a new version waits. Shows nothing where service workers are not
/// available (an insecure origin, some private windows).
#[derive(Properties, PartialEq)]
pub struct OfflineNoteProps {
    /// Register the service worker now. Why wait: its first cache fill downloads the whole
    /// build, which on a slow link would delay the scan worker a user is waiting for; so the
    /// page starts it once a scan worker is ready.
    pub start: bool,
}

#[function_component(OfflineNote)]
pub fn offline_note(props: &OfflineNoteProps) -> Html {
    let tr = use_tr();
    let state = use_reducer(Offline::default);
    let started = use_mut_ref(|| false);
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.start, move |&go| {
            if go && !started.replace(true) {
                let ready = dispatcher.clone();
                start(
                    Callback::from(move |()| ready.dispatch(Heard::Ready)),
                    Callback::from(move |()| dispatcher.dispatch(Heard::UpdateWaiting)),
                );
            }
        });
    }
    let reload = Callback::from(|_: MouseEvent| take_update());
    html! {
        <>
            if state.ready {
                <p class="offline-note no-print" id="offline-status">
                    { tr.text("offline-ready") }
                </p>
            }
            if state.update_waiting {
                <p class="offline-note offline-note--update no-print" id="offline-update" role="status">
                    { tr.text("offline-update") }{ " " }
                    <button type="button" class="button button--quiet" onclick={reload}>
                        { tr.text("offline-reload") }
                    </button>
                </p>
            }
        </>
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Why the check: `navigator.serviceWorker` is missing outside secure contexts, and the
    // binding would throw on it.
    let present = Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    present.then(|| navigator.service_worker())
}

fn start(ready: Callback<()>, waiting: Callback<()>) {
    let Some(container) = container() else {
        return;
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let field = |name: &str| Reflect::get(&data, &JsValue::from_str(name)).ok();
        let is_status = field("type").and_then(|t| t.as_string()).as_deref() == Some("status");
        if is_status && field("complete").and_then(|c| c.as_bool()) == Some(true) {
            ready.emit(());
        }
    });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    wasm_bindgen_futures::spawn_local(async move {
        let options = RegistrationOptions::new();
        options.set_scope("./");
        let registered = JsFuture::from(container.register_with_options(SCRIPT, &options)).await;
        // A browser that blocks service workers may answer with no registration at all.
        let Some(registration) = registered
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
        else {
            return;
        };
        watch_for_updates(&registration, waiting);
        let active = match container.ready() {
            Ok(promise) => JsFuture::from(promise).await.ok(),
            Err(_) => None,
        };
        let active = active
            .map(|r| r.unchecked_into::<ServiceWorkerRegistration>())
            .and_then(|r| r.active());
        if let Some(active) = active {
            post(&active, "status");
        }
    });
}

/// A new version is found when the browser checks the service worker (on each page load,
/// and here every [`CHECK_EVERY_MS`] and whenever the tab is shown again); once it is installed, and this page runs an older one,
/// the page offers to reload.
fn watch_for_updates(registration: &ServiceWorkerRegistration, waiting: Callback<()>) {
    // Why ask each time: on a first visit the page comes under its service worker only once
    // that one is active, and a version installed after it is then a newer one.
    let has_older = || container().is_some_and(|c| c.controller().is_some());
    if has_older() && registration.waiting().is_some() {
        waiting.emit(());
    }
    let on_update_found = {
        let registration = registration.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let worker = installing.clone();
            let waiting = waiting.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && has_older() {
                    waiting.emit(());
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        })
    };
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    let check = {
        let registration = registration.clone();
        move || {
            let _ = registration.update();
        }
    };
    gloo_timers::callback::Interval::new(CHECK_EVERY_MS, check.clone()).forget();
    // A tab left open for days is shown again: a good moment to look.
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_shown = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| !d.hidden());
        if visible {
            check();
        }
    });
    document.set_onvisibilitychange(Some(on_shown.as_ref().unchecked_ref()));
    on_shown.forget();
}

/// Let the waiting version take over, and reload the page when it has.
fn take_update() {
    let Some(container) = container() else {
        return;
    };
    let on_change = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    wasm_bindgen_futures::spawn_local(async move {
        let registration = JsFuture::from(container.get_registration()).await;
        let waiting = registration
            .ok()
            .filter(|r| !r.is_undefined())
            .map(|r| r.unchecked_into::<ServiceWorkerRegistration>())
            .and_then(|r| r.waiting());
        if let Some(waiting) = waiting {
            post(&waiting, "activate");
        }
    });
}

fn post(worker: &ServiceWorker, kind: &str) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    let _ = worker.post_message(&message);
}
