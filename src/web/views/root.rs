//! The views module's side: each view the page asks for is a Yew app mounted on the page's
//! element for it, updated in place when the page sends newer results.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, File};
use yew::prelude::*;
use yew::AppHandle;

use super::request::{Export, View, ViewRequest};
use crate::evidence::evidence_from_report;
use crate::report::{redacted_file_name, render_summary_text_in, Report};
use crate::web::checklist_view::ChecklistView;
use crate::web::copy_panel::CopyPanel;
use crate::web::download::download;
use crate::web::findings_view::FindingsView;
use crate::web::i18n::{load, load_with_checklist, Tr};
use crate::web::people_view::PeopleView;
use crate::web::today;

/// Yew app roots this module burns before its first view (see [`start`]).
const ROOT_IDS_LEFT_TO_THE_PAGE: usize = 32;

/// Why a request could not be drawn.
#[derive(Debug)]
pub enum ViewError {
    /// The bytes are not a request of this build (the page and this module from different
    /// deploys).
    Request(bincode::Error),
}

impl std::fmt::Display for ViewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ViewError::Request(e) => {
                write!(f, "the views module could not read the page's request: {e}")
            }
        }
    }
}

/// Runs once, when the module starts.
///
/// Why the burnt roots: Yew marks every element that listens with the id of its app, and an
/// event is handled by the app whose id the nearest marked element carries. Ids count from 1
/// in each module, so the first view's id would be the page's own, and the page would take
/// its events (and run its own handlers for them). Apps mounted and dropped here move this
/// module's ids past any the page uses (one for its app; it has no portals).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for _ in 0..ROOT_IDS_LEFT_TO_THE_PAGE {
        if let Ok(element) = document.create_element("div") {
            yew::Renderer::<Nothing>::with_root(element)
                .render()
                .destroy();
        }
    }
}

#[function_component(Nothing)]
fn nothing() -> Html {
    Html::default()
}

thread_local! {
    static MOUNTED: RefCell<Vec<(Element, AppHandle<Root>)>> = const { RefCell::new(Vec::new()) };
}

/// Draw the request in `host`, or update what is drawn there.
pub fn mount(host: Element, request: &[u8], files: js_sys::Array) -> Result<(), ViewError> {
    let request: ViewRequest<View> = bincode::deserialize(request).map_err(ViewError::Request)?;
    let props = RootProps {
        request: Rc::new(request),
        files: Rc::new(
            files
                .iter()
                .filter_map(|f| f.dyn_into::<File>().ok())
                .collect(),
        ),
    };
    MOUNTED.with(|mounted| {
        let mut mounted = mounted.borrow_mut();
        match mounted.iter_mut().find(|(element, _)| *element == host) {
            Some((_, app)) => app.update(props),
            None => {
                let app = yew::Renderer::<Root>::with_root_and_props(host.clone(), props).render();
                mounted.push((host, app));
            }
        }
    });
    Ok(())
}

/// Take down what is drawn in `host` (the page no longer shows it).
pub fn unmount(host: &Element) {
    let app = MOUNTED.with(|mounted| {
        let mut mounted = mounted.borrow_mut();
        let at = mounted.iter().position(|(element, _)| element == host)?;
        Some(mounted.swap_remove(at).1)
    });
    if let Some(app) = app {
        app.destroy();
    }
}

/// Write the report file asked for, in the request's language, as a download.
pub async fn export(request: &[u8]) -> Result<(), ViewError> {
    let request: ViewRequest<Export> = bincode::deserialize(request).map_err(ViewError::Request)?;
    // The page stays in English when a catalogue cannot be loaded; so does its file.
    let tr = load(request.lang).await.unwrap_or_else(|_| Tr::english());
    let report = Report::build(request.reports, &today(), false);
    match request.what {
        Export::Json => {
            let text = serde_json::to_string_pretty(&report.redacted().to_export_json())
                .unwrap_or_default();
            download(
                &format!("dicom-exposure-report-{}.json", report.generated),
                "application/json",
                &text,
            );
        }
        Export::Csv => download(
            &format!("dicom-exposure-findings-{}.csv", report.generated),
            "text/csv",
            &report.redacted().findings_csv_in(&tr),
        ),
    }
    Ok(())
}

#[derive(Properties)]
pub struct RootProps {
    request: Rc<ViewRequest<View>>,
    files: Rc<Vec<File>>,
}

impl PartialEq for RootProps {
    fn eq(&self, other: &RootProps) -> bool {
        Rc::ptr_eq(&self.request, &other.request) && Rc::ptr_eq(&self.files, &other.files)
    }
}

/// One view, in the page's language once its catalogue is here (nothing before: a flash of
/// English in a Spanish page would be worse than a moment's wait).
#[function_component(Root)]
pub fn root(props: &RootProps) -> Html {
    let lang = props.request.lang;
    let tr = use_state(|| None::<Tr>);
    {
        let tr = tr.clone();
        use_effect_with(lang, move |&lang| {
            wasm_bindgen_futures::spawn_local(async move {
                tr.set(Some(
                    load_with_checklist(lang)
                        .await
                        .unwrap_or_else(|_| Tr::english_with_checklist()),
                ));
            });
        });
    }
    let report = use_memo(Rc::as_ptr(&props.request) as usize, {
        let request = props.request.clone();
        move |_| {
            (!request.reports.is_empty())
                .then(|| Rc::new(Report::build(request.reports.clone(), &today(), false)))
        }
    });
    let Some(tr) = *tr else {
        return Html::default();
    };
    let view = match props.request.what {
        View::Checklist => html! { <Checklist report={(*report).clone()} /> },
        View::People => (*report)
            .clone()
            .map_or_else(Html::default, |report| html! { <PeopleView {report} /> }),
        View::Findings => (*report)
            .clone()
            .map_or_else(Html::default, |report| html! { <FindingsView {report} /> }),
        View::CopyPanel { total_bytes } => {
            html! { <CopyPanel files={props.files.clone()} {total_bytes} /> }
        }
    };
    let held = (props.request.held)
        .then(|| (*report).as_ref().map(|r| r.summary.files))
        .flatten()
        .map(|files| html! {
            <p class="views__held" role="status">{ tr.text_with("views-held", &[("count", files.into())]) }</p>
        });
    html! { <ContextProvider<Tr> context={tr}>{ held.unwrap_or_default() }{ view }</ContextProvider<Tr>> }
}

#[derive(Properties)]
struct ChecklistProps {
    report: Option<Rc<Report>>,
}

impl PartialEq for ChecklistProps {
    fn eq(&self, other: &ChecklistProps) -> bool {
        super::same_rc(&self.report, &other.report)
    }
}

/// The checklist with what the report proves, and the scan in words (masked) for its printed
/// plan: derived when the report or the language changes, not on every draw.
#[function_component(Checklist)]
fn checklist(props: &ChecklistProps) -> Html {
    let tr = crate::web::i18n::use_tr();
    let report = props.report.clone();
    let derived = use_memo(
        (report.as_ref().map(|r| Rc::as_ptr(r) as usize), tr),
        move |(_, tr)| {
            let evidence = report
                .as_deref()
                .map(evidence_from_report)
                .unwrap_or_default();
            // The summary differs from the redacted report's only in file names: naming them
            // here spares a copy of every file's findings.
            let scan_summary = report.as_deref().map(|r| {
                let names: Vec<String> = (r.files.iter().enumerate())
                    .map(|(i, f)| redacted_file_name(i, &f.file_name))
                    .collect();
                AttrValue::from(render_summary_text_in(r, tr, |i| {
                    names.get(i).map_or("", String::as_str)
                }))
            });
            (evidence, scan_summary)
        },
    );
    let (evidence, scan_summary) = (*derived).clone();
    html! { <ChecklistView {evidence} {scan_summary} /> }
}
