//! One scanned file: who it names (masked), how bad it is, and its main findings.

use std::rc::Rc;

use yew::prelude::*;

use super::i18n::{use_tr, Tr};
use super::pixel_note::PixelNote;
use crate::decode::{ExportFormat, InputKind};
use crate::pixels::thumbnail::Thumbnail;
use crate::report::{FileReport, PersonRef};
use crate::rules::Severity;

#[derive(Properties)]
pub struct FileCardProps {
    pub file_name: AttrValue,
    /// `None` while the worker is still reading the file.
    pub report: Option<std::sync::Arc<FileReport>>,
    /// What a printed report calls the file instead of its name (names are often patients').
    #[prop_or_default]
    pub number: Option<usize>,
    /// The frame where the pixel check found text (see [`crate::file_list::Entry`]).
    #[prop_or_default]
    pub thumbnail: Option<Rc<Thumbnail>>,
}

// A report never changes once made, so the same `Rc` means the same card: comparing pointers
// spares a deep comparison of every finding on each render of a long list.
impl PartialEq for FileCardProps {
    fn eq(&self, other: &Self) -> bool {
        self.file_name == other.file_name
            && self.number == other.number
            && self.thumbnail.as_ref().map(Rc::as_ptr) == other.thumbnail.as_ref().map(Rc::as_ptr)
            && match (&self.report, &other.report) {
                (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

fn identity(tr: Tr, person: Option<&PersonRef>) -> Html {
    let row = |label: &'static str, class: &'static str, value: Option<&String>| {
        let (text, missing) = match value {
            Some(v) => (v.clone(), false),
            None => (tr.text("card-not-present"), true),
        };
        html! {
            <>
                <dt>{ tr.text(label) }</dt>
                <dd class={classes!(class, missing.then_some("absent"))}>{ text }</dd>
            </>
        }
    };
    html! {
        <dl class="identity">
            { row("card-patient-name", "patient-name", person.and_then(|p| p.name.as_ref())) }
            { row("card-birth-date", "birth-date", person.and_then(|p| p.birth_date.as_ref())) }
            { row("card-patient-id", "patient-id", person.and_then(|p| p.id.as_ref())) }
        </dl>
    }
}

/// Findings a card lists at first, and at most when opened (a large export can hold
/// 200,000; the All findings view pages through them all).
const FINDINGS_SHOWN: usize = 8;
const FINDINGS_SHOWN_OPEN: usize = 500;
/// People an export's card lists (the People view lists them all).
const PEOPLE_SHOWN: usize = 5;

/// One person of an export, masked: only what the export holds (`D*** J*** · born 1970 · ID ****01`).
fn person_line(tr: Tr, person: &PersonRef) -> String {
    let mut parts = vec![person
        .name
        .clone()
        .unwrap_or_else(|| tr.text("card-no-name"))];
    if let Some(birth) = &person.birth_date {
        parts.push(tr.text_with("card-born", &[("date", birth.into())]));
    }
    if let Some(id) = &person.id {
        parts.push(tr.text_with("card-id", &[("id", id.into())]));
    }
    parts.join(" · ")
}

/// A severity badge: the class keeps the English code (the style sheet's), the text is the
/// page's language.
pub(crate) fn severity_badge(tr: Tr, severity: Severity) -> Html {
    html! {
        <span class={classes!("badge", format!("sev-{}", severity.label()))}>{ severity.label_in(&tr) }</span>
    }
}

/// What kind of input a card is about, in the page's language: the words around a tool's or
/// format's name are translated, the names stay as their makers spell them. English is
/// [`InputKind::label`] exactly (the JSON report's `format`).
fn kind_label(tr: Tr, kind: InputKind) -> String {
    let tool_output = |tool: &str| tr.text_with("card-kind-tool-output", &[("tool", tool.into())]);
    let worklist = |format: &str| tr.text_with("card-kind-worklist", &[("format", format.into())]);
    match kind {
        InputKind::Archive => tr.text("card-archive"),
        InputKind::Export(format) => match format {
            ExportFormat::NmapText => tool_output("nmap"),
            ExportFormat::NmapGrepable => tr.text("card-kind-nmap-grepable"),
            ExportFormat::DicomRsFindscu => tool_output("dicom-rs findscu"),
            ExportFormat::Dcm4cheFindscu => tool_output("dcm4che findscu"),
            ExportFormat::DcmtkFindscu => tool_output("DCMTK findscu"),
            ExportFormat::DcmtkDcmdump => tool_output("DCMTK dcmdump"),
            ExportFormat::CsvWorklist => worklist("CSV"),
            ExportFormat::TsvWorklist => worklist("TSV"),
            ExportFormat::XlsxWorklist => tr.text("card-kind-xlsx-worklist"),
            // Names only: nothing to translate.
            ExportFormat::NmapXml
            | ExportFormat::OrthancRest
            | ExportFormat::DicomJson
            | ExportFormat::DcmtkXml
            | ExportFormat::NativeXml
            | ExportFormat::DicomXml => format.label().to_string(),
        },
        InputKind::Unknown | InputKind::Dicom | InputKind::Dicomdir => kind.label().to_string(),
    }
}

#[function_component(FileCard)]
pub fn file_card(props: &FileCardProps) -> Html {
    let tr = use_tr();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let rows = use_node_ref();
    let shown_rows = if *open {
        FINDINGS_SHOWN_OPEN
    } else {
        FINDINGS_SHOWN
    };
    super::use_focus_added_rows(rows.clone(), shown_rows);
    let body = match &props.report {
        None => html! { <p class="file-card__pending">{ tr.text("card-checking") }</p> },
        Some(report) if report.status.was_scanned() => {
            let mut findings: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::Medium)
                .collect();
            findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
            let shown = findings.len().min(shown_rows);
            let hidden_people = report.people.len().saturating_sub(PEOPLE_SHOWN);
            html! {
                <>
                    if let Some(message) = &report.message {
                        <p class="file-card__note">{ message.in_lang(&tr).into_owned() }</p>
                    }
                    if !report.warnings.is_empty() {
                        <details class="file-card__warnings">
                            <summary>{ tr.text_with("card-notes", &[("count", report.warnings.len().into())]) }</summary>
                            <ul>{ for report.warnings.iter().map(|w| html! { <li>{ w.to_string() }</li> }) }</ul>
                        </details>
                    }
                    if report.kind == InputKind::Dicom {
                        { identity(tr, report.people.first()) }
                        if let Some(check) = &report.pixels {
                            <PixelNote check={check.clone()} thumbnail={props.thumbnail.clone()}
                                wanted={Rc::new(crate::pixels::ocr_match::Wanted::of(report))} />
                        }
                    // An archive's own card has its message ("An archive holding 5 files"); the
                    // people are on its members' cards, and "0 people" here read as none found.
                    } else if report.kind != InputKind::Archive {
                        <p class="file-card__format">
                            if report.network.is_empty() || report.records > 0 {
                                { tr.text_with("card-export-summary", &[("kind", kind_label(tr, report.kind).into()), ("records", report.records.into()), ("people", report.distinct_people.into())]) }
                            } else {
                                { tr.text_with("card-network-summary", &[("kind", kind_label(tr, report.kind).into()), ("services", report.network.len().into())]) }
                            }
                        </p>
                        if !report.people.is_empty() {
                            <ul class="people">
                                { for report.people.iter().take(PEOPLE_SHOWN).map(|p| html! {
                                    <li class="mono">{ person_line(tr, p) }</li>
                                }) }
                                if hidden_people > 0 {
                                    <li class="people__more">{ tr.text_with("card-more-people", &[("count", hidden_people.into())]) }</li>
                                }
                            </ul>
                        }
                        { for report.network.iter().map(|n| html! {
                            <p class="network">{ severity_badge(tr, n.severity) }{ format!(" {}:{} · {} — {}", n.host, n.port, crate::rules::rule::Rule::Network(n.rule).title_in(&tr), n.evidence) }</p>
                        }) }
                    }
                    <p class="file-card__count">
                        { tr.text_with("card-findings", &[("count", (report.findings.len() + report.network.len()).into())]) }
                        if let Some(worst) = report.worst_severity() { { " · " }{ tr.text("card-worst") }{ " " }{ severity_badge(tr, worst) } }
                    </p>
                    if shown > 0 {
                        <table class="findings">
                            <thead><tr><th scope="col">{ tr.text("results-severity") }</th><th scope="col">{ tr.text("results-what") }</th><th scope="col">{ tr.text("results-where") }</th><th scope="col">{ tr.text("card-value-masked") }</th></tr></thead>
                            <tbody ref={rows.clone()}>
                                { for findings.iter().take(shown).map(|f| {
                                    let title = f.rule.title_in(&tr);
                                    html! {
                                        <tr>
                                            <td>{ severity_badge(tr, f.severity) }</td>
                                            <td>{ title }</td>
                                            <td class="mono">{ if f.location.is_empty() { f.path.clone() } else { format!("{} · {}", f.location, f.path) } }</td>
                                            <td class="mono">{ f.excerpt.clone() }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                        if findings.len() > FINDINGS_SHOWN {
                            <p class="file-card__more">
                                if findings.len() > shown {
                                    { tr.text_with("card-more-findings", &[("count", (findings.len() - shown).into())]) }
                                    if *open { { " " }{ tr.text("card-all-in-view") } }
                                    { " " }
                                }
                                <button type="button" class="button button--quiet no-print" aria-expanded={open.to_string()} onclick={toggle}>
                                    { match (*open, findings.len() > FINDINGS_SHOWN_OPEN) {
                                    (true, _) => tr.text("card-show-fewer"),
                                    (false, false) => tr.text_with("card-show-all", &[("count", findings.len().into())]),
                                    (false, true) => tr.text_with("card-show-first", &[("count", FINDINGS_SHOWN_OPEN.into())]),
                                } }
                                </button>
                            </p>
                        }
                    }
                </>
            }
        }
        Some(report) => html! {
            <p class="file-card__error" role="alert">
                <span class="badge badge--error">{ tr.text("card-not-checked") }</span>
                { " " }{ report.message.as_ref().map(|m| m.in_lang(&tr).into_owned()).unwrap_or_default() }
            </p>
        },
    };
    html! {
        <li class="file-card">
            <h3 class="file-card__name">
                <span class="no-print">{ props.file_name.clone() }</span>
                <span class="print-only">{ props.number.map_or_else(|| tr.text("card-archive"), |n| tr.text_with("card-file-number", &[("number", n.into())])) }</span>
            </h3>
            { body }
        </li>
    }
}
