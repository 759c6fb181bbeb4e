//! The page: title, promise, the two tabs (check files, guided checklist), progress, the
//! verdict, exports, and one card per file.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use web_sys::FileList;
use yew::prelude::*;

use super::drop_zone::DropZone;
use super::file_card::FileCard;
use super::i18n::{initial_lang, load, set_document_lang, store_lang, use_tr, LanguageSwitch, Tr};
use super::offline::OfflineNote;
use super::scanner::{Scanner, Update};
use super::tabs::{panel_id, Tabs};
use super::today;
use super::views::host::{export, prefetch_views, HostError, ViewHost};
use super::views::request::{Export, View as Drawn};
use crate::decode::InputKind;
use crate::file_list::{Action, Files, ReportSchedule};
use crate::i18n::{Catalog, Lang};
use crate::report::{FileReport, Report};

/// Cards shown at first, and added by each "Show more" (thousands of cards would make the page
/// slow); the summary, the views and the exports always cover every file.
const CARDS_SHOWN: usize = 100;

/// Answers from the workers are gathered this long before the page draws them.
const DRAW_EVERY_MS: u32 = 100;

/// The list's state and transitions live in [`crate::file_list`] (tested natively); the page
/// only dispatches actions to it.
impl Reducible for Files {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.next(action))
    }
}

/// Focus the card at `index` of the file list (made focusable for this).
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The three views of the results.
#[derive(Clone, Copy, PartialEq)]
enum View {
    Files,
    People,
    Findings,
}

/// The views, the message ids of their tab labels, and their tab ids.
const VIEWS: [(View, &str, &str); 3] = [
    (View::Files, "results-view-files", "view-files"),
    (View::People, "results-view-people", "view-people"),
    (View::Findings, "results-view-findings", "view-findings"),
];

/// The two parts of the page.
#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Scan,
    Checklist,
}

/// A number formatted by Rust, with the decimal mark of the catalogue's language.
fn decimal(tr: &Catalog, number: String) -> String {
    match tr.lang() {
        Lang::De => number.replace('.', ","),
        Lang::En | Lang::Es => number,
    }
}

/// `812 bytes`, `39 KB`, `4.7 MB`, `1.25 GB`.
fn size(tr: &Catalog, bytes: u64) -> String {
    let b = bytes as f64;
    let (id, n) = match bytes {
        0..1_000 => return tr.text_with("size-bytes", &[("count", bytes.into())]),
        1_000..1_000_000 => ("size-kb", format!("{:.0}", b / 1e3)),
        1_000_000..1_000_000_000 => ("size-mb", format!("{:.1}", b / 1e6)),
        _ => ("size-gb", format!("{:.2}", b / 1e9)),
    };
    tr.text_with(id, &[("n", decimal(tr, n).into())])
}

/// `, about 40 s left`, `, about 3 min left`.
fn time_left(tr: &Catalog, seconds: f64) -> String {
    if seconds < 90.0 {
        tr.text_with(
            "time-left-seconds",
            &[("n", format!("{seconds:.0}").into())],
        )
    } else {
        tr.text_with(
            "time-left-minutes",
            &[("n", format!("{:.0}", seconds / 60.0).into())],
        )
    }
}

/// The page in the user's language: the catalogue is a context every component reads.
#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(initial_lang);
    let tr = use_state(Tr::english);
    let load_failed = use_state(|| None::<String>);
    {
        let (tr, load_failed) = (tr.clone(), load_failed.clone());
        use_effect_with(*lang, move |&lang| {
            wasm_bindgen_futures::spawn_local(async move {
                match load(lang).await {
                    Ok(catalog) => {
                        load_failed.set(None);
                        tr.set(catalog);
                    }
                    // The page stays usable in the language it has.
                    Err(e) => load_failed.set(Some(e.to_string())),
                }
            });
        });
    }
    // The document says its language (and its title) once the words are in it, not before.
    use_effect_with(*tr, set_document_lang);
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| {
            store_lang(chosen);
            lang.set(chosen);
        })
    };
    html! {
        <ContextProvider<Tr> context={*tr}>
            <Page lang={*lang} {on_lang} load_failed={(*load_failed).clone()} />
        </ContextProvider<Tr>>
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    lang: Lang,
    on_lang: Callback<Lang>,
    /// Why the chosen language could not be loaded, if it could not.
    load_failed: Option<String>,
}

#[function_component(Page)]
fn page(props: &PageProps) -> Html {
    let tr = use_tr();
    let tab = use_state(|| Tab::Scan);
    let cards_shown = use_state(|| CARDS_SHOWN);
    let view = use_state(|| View::Files);
    let files = use_reducer(Files::default);
    let scanner_ready = use_state(|| false);
    let scanner = {
        let dispatcher = files.dispatcher();
        let scanner_ready = scanner_ready.setter();
        use_memo((), move |_| {
            let waiting: Rc<RefCell<Vec<_>>> = Rc::default();
            let scheduled = Rc::new(Cell::new(false));
            let draw = {
                let (waiting, dispatcher) = (waiting.clone(), dispatcher.clone());
                move || {
                    let arrived = waiting.take();
                    if !arrived.is_empty() {
                        dispatcher.dispatch(Action::Reports(arrived));
                    }
                }
            };
            Scanner::new(move |update| {
                let arrived = match update {
                    Update::Reports(arrived) => arrived,
                    Update::WorkerReady => return scanner_ready.set(true),
                    // The last file's report is drawn at once: "Done" waited up to a turn of
                    // DRAW_EVERY_MS for nothing.
                    Update::Idle => return draw(),
                };
                waiting.borrow_mut().push(arrived);
                if !scheduled.replace(true) {
                    let (draw, scheduled) = (draw.clone(), scheduled.clone());
                    gloo_timers::callback::Timeout::new(DRAW_EVERY_MS, move || {
                        scheduled.set(false);
                        draw();
                    })
                    .forget();
                }
            })
        })
    };

    let on_files = {
        let (files, scanner) = (files.clone(), scanner.clone());
        Callback::from(move |list: Vec<gloo_file::File>| {
            let names: Vec<Rc<str>> = list.iter().map(|f| Rc::from(f.name())).collect();
            let first = Scanner::add(
                &scanner,
                list.iter()
                    .map(|f| AsRef::<web_sys::File>::as_ref(f).clone())
                    .collect(),
            );
            files.dispatch(Action::Added(
                names
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| (first + i, name))
                    .collect(),
                now_ms(),
            ));
        })
    };
    let on_file_list = {
        let on_files = on_files.clone();
        Callback::from(move |list: FileList| {
            on_files.emit(
                (0..list.length())
                    .filter_map(|i| list.item(i))
                    .map(gloo_file::File::from)
                    .collect(),
            )
        })
    };
    // The pixel check: off until asked for (it fetches a module of its own).
    let pixels = use_state(|| false);
    let on_pixels = {
        let (pixels, scanner) = (pixels.clone(), scanner.clone());
        Callback::from(move |on: bool| {
            pixels.set(on);
            Scanner::set_pixels(&scanner, on);
        })
    };
    // Files added before the pixel check was turned on, checked again on request.
    let on_recheck = {
        let (files, scanner) = (files.clone(), scanner.clone());
        Callback::from(move |()| {
            let ids = files.pixels_unchecked();
            files.dispatch(Action::Recheck(ids.clone(), js_sys::Date::now()));
            Scanner::recheck(&scanner, ids);
        })
    };
    let cancel = {
        let (files, scanner) = (files.clone(), scanner.clone());
        Callback::from(move |_: MouseEvent| files.dispatch(Action::Cancelled(scanner.cancel())))
    };

    let total = files.total();
    let pending = files.pending();
    // Building the report groups every file: it is rebuilt when reports changed, at once when
    // nothing is pending and at checkpoints while a long scan runs (`ReportSchedule`); files
    // added change nothing in it.
    let schedule = use_mut_ref(ReportSchedule::default);
    let epoch = schedule.borrow_mut().key(&files);
    let report = {
        let files = files.clone();
        use_memo(epoch, move |_| {
            let done: Vec<Arc<FileReport>> = files
                .entries
                .iter()
                .filter_map(|e| e.report.clone())
                .filter(|r| r.kind != InputKind::Archive)
                .collect();
            (!done.is_empty()).then(|| Rc::new(Report::build(done, &today(), false)))
        })
    };
    let report: Option<Rc<Report>> = (*report).clone();
    // While files are pending, a view of the whole report (people, all findings, the checklist)
    // keeps the report it was opened with, and says so (`ViewHost`'s `held`).
    let held = pending > 0;
    // The views module is fetched once a scan is done (the copy panel needs it then, and a
    // view or an export asked for later is drawn at once), or when a view is opened first.
    // Not while files are scanned: compiling it took CPU from the scan workers (measured with
    // ab.mjs on 2,000 bench files: docs/benchmarks.md, "What changed in session 22").
    use_effect_with(report.is_some() && pending == 0, |&done| {
        if done {
            prefetch_views();
        }
    });
    let progress = (total > 0).then(|| {
        let elapsed = ((now_ms() - files.started_ms) / 1000.0).max(0.001);
        let rate = files.done_files as f64 / elapsed;
        let left = if rate > 0.0 {
            time_left(&tr, pending as f64 / rate)
        } else {
            String::new()
        };
        let batch = files.done_files + pending;
        html! {
            <div class="progress" role="status" aria-live="polite">
                <progress max={batch.to_string()} value={files.done_files.to_string()}
                    aria-label={tr.text("progress-label")} />
                <span id="progress-text">
                    if pending > 0 && files.done_files == 0 {
                        { tr.text_with("progress-starting", &[("count", batch.into())]) }
                    } else if pending > 0 {
                        { tr.text_with("progress-running", &[
                            ("done", files.done_files.into()),
                            ("count", batch.into()),
                            ("size", size(&tr, files.done_bytes).into()),
                            ("rate", format!("{rate:.0}").into()),
                            ("left", left.into()),
                        ]) }
                    } else {
                        { tr.text_with("progress-done", &[
                            ("count", files.done_files.into()),
                            ("size", size(&tr, files.done_bytes).into()),
                        ]) }
                    }
                </span>
                if pending > 0 {
                    <button type="button" class="button button--quiet" id="cancel-scan" onclick={cancel}>{ tr.text("progress-cancel") }</button>
                }
            </div>
        }
    });

    // The report files are written by the views module, from the reports the page holds.
    let export_failed = use_state(|| None::<HostError>);
    let exports = report.clone().map(|report| {
        let write = |what: Export| {
            let (report, failed, lang) = (report.clone(), export_failed.clone(), tr.lang());
            Callback::from(move |_: MouseEvent| {
                let (report, failed) = (report.clone(), failed.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    failed.set(export(what, lang, &report.files).await.err());
                });
            })
        };
        let print = Callback::from(|_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        });
        html! {
            <div class="exports no-print">
                <button type="button" class="button button--quiet" id="export-json" onclick={write(Export::Json)}>{ tr.text("exports-json") }</button>
                <button type="button" class="button button--quiet" id="export-csv" onclick={write(Export::Csv)}>{ tr.text("exports-csv") }</button>
                <button type="button" class="button button--quiet" id="print-report" onclick={print}>{ tr.text("exports-print") }</button>
                <span class="exports__note">{ tr.text("exports-note") }</span>
                if let Some(error) = &*export_failed {
                    <p class="views__error" role="alert">{ tr.text_with("views-failed", &[("error", error.to_string().into())]) }</p>
                }
            </div>
        }
    });

    // The DICOM files a clean copy can be made of, once the scan is done, and their bytes
    // (as the workers read them: asking the browser for each size would wait on the disk).
    let copyable = {
        let (files, scanner) = (files.clone(), scanner.clone());
        use_memo((files.entries.len(), pending), move |_| {
            let mut bytes = 0;
            let handles: Vec<web_sys::File> = files
                .entries
                .iter()
                .filter(|e| {
                    e.report
                        .as_ref()
                        .is_some_and(|r| matches!(r.kind, InputKind::Dicom | InputKind::Archive))
                })
                .filter_map(|e| {
                    let file = e.id.and_then(|id| scanner.file(id))?;
                    bytes += e.bytes;
                    Some(file)
                })
                .collect();
            (Rc::new(handles), bytes)
        })
    };
    let copy_panel = (pending == 0 && !copyable.0.is_empty()).then(|| {
        html! { <ViewHost view={Drawn::CopyPanel { total_bytes: copyable.1 }} files={copyable.0.clone()} /> }
    });

    let shown = (*cards_shown).min(files.entries.len());
    let more = files.entries.len() - shown;
    // "Show more" puts keyboard focus on the first card it revealed, not back at the top.
    use_effect_with(*cards_shown, |shown| {
        if *shown > CARDS_SHOWN {
            let first_new = *shown - CARDS_SHOWN;
            // After the new cards (child components) are in the page.
            gloo_timers::callback::Timeout::new(0, move || {
                super::focus_first(&format!("#file-list > li:nth-child({})", first_new + 1))
            })
            .forget();
        }
    });

    html! {
        <main class="page">
            <header class="masthead">
                <h1>{ tr.text("page-title") }</h1>
                <p class="promise">
                    { tr.text("page-promise-before") }{ " " }
                    <strong>{ tr.text("page-promise-strong") }</strong>
                    { " " }{ tr.text("page-promise-after") }
                </p>
                <OfflineNote start={*scanner_ready} />
                <LanguageSwitch lang={props.lang} on_change={props.on_lang.clone()} />
                if let Some(error) = &props.load_failed {
                    <p class="language__error" role="alert">{ tr.text_with("language-failed", &[("error", error.into())]) }</p>
                }
            </header>
            <Tabs label={tr.text("page-parts-label")}
                tabs={vec![("tab-scan".into(), tr.text("page-tab-scan").into()),
                           ("tab-checklist".into(), tr.text("page-tab-checklist").into())]}
                selected={if *tab == Tab::Scan { 0 } else { 1 }}
                on_select={ let tab = tab.clone(); Callback::from(move |i: usize| tab.set(if i == 0 { Tab::Scan } else { Tab::Checklist })) } />
            if *tab == Tab::Checklist {
                <div role="tabpanel" id={panel_id("tab-checklist")} aria-labelledby="tab-checklist">
                    <ViewHost view={Drawn::Checklist} report={report.clone()} {held} />
                </div>
            } else {
              <div role="tabpanel" id={panel_id("tab-scan")} aria-labelledby="tab-scan">
                <DropZone on_files={on_files} on_file_list={on_file_list}
                    pixels={*pixels} on_pixels={on_pixels}
                    pixels_unchecked={if *pixels && files.pending() == 0 { files.pixels_unchecked().len() } else { 0 }}
                    {on_recheck} />
                { progress.unwrap_or_default() }
                if !files.entries.is_empty() {
                    <section class="results" aria-labelledby="results-title">
                        <h2 id="results-title">{ tr.text("results-title") }</h2>
                        if let Some(report) = report.as_deref() {
                            <p class={classes!("verdict", report.summary.worst_severity.map(|s| format!("sev-{}", s.label())))}>
                                { report.summary.verdict_in(&tr) }
                                if pending > 0 { { " " }{ tr.text_with("results-pending", &[("count", pending.into())]) } }
                            </p>
                            <p class="print-only">{ tr.text_with("results-print-heading", &[
                                ("date", report.generated.as_str().into()),
                                ("version", report.tool_version.as_str().into()),
                                ("count", report.summary.files.into()),
                            ]) }</p>
                        }
                        { exports.unwrap_or_default() }
                        { copy_panel.unwrap_or_default() }
                        <p class="results__note">{ tr.text("results-masked-note") }</p>
                        <Tabs label={tr.text("results-views-label")} small=true
                            tabs={VIEWS.iter().map(|(_, text, id)| (AttrValue::from(*id), AttrValue::from(tr.text(text)))).collect::<Vec<_>>()}
                            selected={VIEWS.iter().position(|(v, _, _)| *v == *view).unwrap_or(0)}
                            on_select={ let view = view.clone(); Callback::from(move |i: usize| view.set(VIEWS[i].0)) } />
                        <div role="tabpanel" id={panel_id(VIEWS.iter().find(|(v, _, _)| *v == *view).map_or("view-files", |v| v.2))}
                            aria-labelledby={VIEWS.iter().find(|(v, _, _)| *v == *view).map_or("view-files", |v| v.2)}>
                        if *view == View::People {
                            if report.is_some() { <ViewHost view={Drawn::People} report={report.clone()} {held} /> }
                        } else if *view == View::Findings {
                            if report.is_some() { <ViewHost view={Drawn::Findings} report={report.clone()} {held} /> }
                        } else {
                            <ul class="file-list" id="file-list">
                                { for files.entries.iter().take(shown).scan(0, |number, e| {
                                    // Printed, a card is "File N" as in the JSON export, whose
                                    // files are these minus the archives themselves.
                                    let archive = e.report.as_ref().is_some_and(|r| r.kind == InputKind::Archive);
                                    *number += usize::from(!archive);
                                    Some(html! {
                                        <FileCard file_name={AttrValue::from(e.file_name.clone())} report={e.report.clone()}
                                            number={(!archive).then_some(*number)} thumbnail={e.thumbnail.clone()} />
                                    })
                                }) }
                            </ul>
                            if more > 0 {
                                <p class="print-only">{ tr.text_with("cards-print-first", &[("shown", shown.into()), ("count", files.entries.len().into())]) }</p>
                                <button type="button" class="button button--quiet no-print" id="show-all"
                                    onclick={ let s = cards_shown.clone(); Callback::from(move |_: MouseEvent| s.set(*s + CARDS_SHOWN)) }>
                                    { tr.text_with("cards-show-more", &[
                                        ("more", more.min(CARDS_SHOWN).into()),
                                        ("shown", shown.into()),
                                        ("count", files.entries.len().into()),
                                    ]) }
                                </button>
                            }
                        }
                        </div>
                    </section>
                }
              </div>
            }
        </main>
    }
}
