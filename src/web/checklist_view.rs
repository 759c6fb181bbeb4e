//! The guided checklist: renders the core's state machine; answers persist in localStorage.

use std::rc::Rc;

use yew::prelude::*;

use crate::checklist::{
    action_plan_in, from_storage_json, provider_letter_in, score, to_storage_json, Answer,
    ChecklistState, Event, Path, StepView, SUMMARY,
};
use crate::evidence::Evidence;

use super::i18n::{use_tr, Tr};

/// localStorage key. Only answers, notes and position are stored (see `to_storage_json`).
pub const STORAGE_KEY: &str = "dicom-exposure-check.checklist";

#[derive(PartialEq)]
struct Model(ChecklistState);

impl Reducible for Model {
    type Action = Event;
    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        Rc::new(Model(self.0.clone().apply(event)))
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn load() -> ChecklistState {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| from_storage_json(&json).ok())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    /// What the scans so far prove; applied whenever it changes.
    pub evidence: Vec<Evidence>,
    /// The scan report's text (verdict, counts, people; masked), to print with the plan.
    #[prop_or_default]
    pub scan_summary: Option<AttrValue>,
}

#[function_component(ChecklistView)]
pub fn checklist_view(props: &ChecklistProps) -> Html {
    let tr = use_tr();
    let model = use_reducer(|| Model(load()));
    let with_scan = use_state(|| true);
    {
        let dispatcher = model.dispatcher();
        use_effect_with(props.evidence.clone(), move |evidence| {
            dispatcher.dispatch(Event::ApplyEvidence(evidence.clone()));
        });
    }
    {
        let state = model.0.clone();
        use_effect_with(state, |state| {
            if let Some(s) = storage() {
                let _ = if state == &ChecklistState::default() {
                    s.remove_item(STORAGE_KEY)
                } else {
                    s.set_item(STORAGE_KEY, &to_storage_json(state))
                };
            }
        });
    }
    {
        // Moving to another step or to the plan puts keyboard focus on its heading, so a
        // screen reader announces it and Tab continues from there.
        let position = (model.0.path, model.0.current);
        use_effect_with(position, |_| super::focus_first("#step-title, #plan-title"));
    }
    let send = |event: Event| {
        let dispatcher = model.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(event.clone()))
    };
    let state = &model.0;
    let Some(path) = state.path else {
        return html! {
            <section class="checklist" aria-labelledby="checklist-title">
                <h2 id="checklist-title">{ tr.text("checklist-title") }</h2>
                <p>{ tr.text("checklist-intro") }</p>
                <div class="path-choice">
                    <button type="button" class="button" onclick={send(Event::ChoosePath(Path::Patient))}>{ tr.text("checklist-choose-patient") }</button>
                    <button type="button" class="button" onclick={send(Event::ChoosePath(Path::Office))}>{ tr.text("checklist-choose-office") }</button>
                </div>
            </section>
        };
    };
    let views = state.views_in(&tr);
    let other = match path {
        Path::Patient => Path::Office,
        Path::Office => Path::Patient,
    };
    html! {
        <section class="checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{ tr.text_with("checklist-title-path", &[("path", path.label_in(&tr).as_ref().into())]) }</h2>
            <p class="checklist__tools no-print">
                <button type="button" class="link" onclick={send(Event::ChoosePath(other))}>{ tr.text_with("checklist-switch", &[("path", other.label_in(&tr).as_ref().into())]) }</button>
                { " · " }
                <button type="button" class="link" id="checklist-reset" onclick={
                    let dispatcher = model.dispatcher();
                    Callback::from(move |_: MouseEvent| {
                        if let Some(s) = storage() { let _ = s.remove_item(STORAGE_KEY); }
                        dispatcher.dispatch(Event::Reset);
                    })
                }>{ tr.text("checklist-reset") }</button>
            </p>
            <div class="checklist__layout">
                <nav class="steps no-print" aria-label={tr.text("checklist-steps-label")}>
                    <ol>
                        { for views.iter().enumerate().map(|(i, v)| {
                            let current = i == state.current;
                            let mark = v.state.answer.map(|a| a.label_in(&tr));
                            html! {
                                <li>
                                    <button type="button" class="link" aria-current={current.then_some("step")}
                                        onclick={send(Event::Goto(v.step.id.to_string()))}>
                                        { v.step.title_in(&tr) }
                                    </button>
                                    if let Some(mark) = mark {
                                        <span class="steps__answer">{ format!(" ({mark})") }</span>
                                    } else {
                                        <span class="visually-hidden">{ format!(" {}", tr.text("checklist-not-answered")) }</span>
                                    }
                                </li>
                            }
                        }) }
                        <li><button type="button" class="link" aria-current={state.is_finished().then_some("step")}
                            onclick={send(Event::Goto(SUMMARY.into()))}>{ tr.text("checklist-plan-title") }</button></li>
                    </ol>
                </nav>
                <div class="checklist__main">
                    if let Some(view) = views.get(state.current) {
                        { step_card(view, state.current, views.len(), &model, tr) }
                    } else {
                        { summary(state, path, &model, props.scan_summary.clone(), with_scan.clone(), tr) }
                    }
                </div>
            </div>
        </section>
    }
}

/// Button text: a capitalised answer, as people read buttons.
fn answer_text(answer: Answer, tr: Tr) -> String {
    tr.text(match answer {
        Answer::Yes => "checklist-answer-yes",
        Answer::No => "checklist-answer-no",
        Answer::NotSure => "checklist-answer-not-sure",
        Answer::NotApplicable => "checklist-answer-not-applicable",
    })
}

fn step_card(
    view: &StepView,
    index: usize,
    total: usize,
    model: &UseReducerHandle<Model>,
    tr: Tr,
) -> Html {
    let step = view.step;
    let answer_button = |answer: Answer| {
        let pressed = view.state.answer == Some(answer);
        let dispatcher = model.dispatcher();
        let id = step.id.to_string();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Event::Answer {
                step: id.clone(),
                answer,
            })
        });
        html! {
            <button type="button" class={classes!("answer", pressed.then_some("answer--on"))}
                aria-pressed={pressed.to_string()} {onclick}>{ answer_text(answer, tr) }</button>
        }
    };
    let on_note = {
        let dispatcher = model.dispatcher();
        let id = step.id.to_string();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                dispatcher.dispatch(Event::Note {
                    step: id.clone(),
                    text: area.value(),
                });
            }
        })
    };
    let needs_action = matches!(view.state.answer, Some(Answer::No | Answer::NotSure));
    let dispatcher = model.dispatcher();
    let back = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Event::Back));
    let dispatcher = model.dispatcher();
    let next = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Event::Next));
    html! {
        <article class="step" aria-labelledby="step-title">
            <p class="step__count">{ tr.text_with("checklist-step-count", &[("number", (index + 1).into()), ("total", total.into())]) }</p>
            <h3 id="step-title" tabindex="-1">{ step.title_in(&tr) }</h3>
            <p class="step__question">{ step.question_in(&tr) }</p>
            if !view.evidence_summary.is_empty() {
                <div class="evidence" role="note">
                    <strong>{ format!("{} ", tr.text("checklist-scan-shows")) }</strong>
                    <ul>{ for view.evidence_summary.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
                    if view.state.answered_by_evidence {
                        <p>{ tr.text("checklist-scan-answered") }</p>
                    }
                </div>
            }
            <fieldset class="answers">
                <legend>{ tr.text("checklist-your-answer") }</legend>
                { answer_button(Answer::Yes) }
                { answer_button(Answer::No) }
                { answer_button(Answer::NotSure) }
                { answer_button(Answer::NotApplicable) }
            </fieldset>
            if needs_action {
                <p class="step__fix"><strong>{ format!("{} ", tr.text("checklist-what-to-do")) }</strong>{ step.if_not_in(&tr) }</p>
            }
            <details>
                <summary>{ tr.text("checklist-why") }</summary>
                <p>{ step.why_in(&tr) }</p>
            </details>
            <details>
                <summary>{ tr.text("checklist-how") }</summary>
                <p class="pre">{ step.how_to_check_in(&tr) }</p>
            </details>
            <p class="step__sources">{ tr.text_with("checklist-sources", &[("sources", step.sources_in(&tr).join("; ").into())]) }</p>
            <label class="note">
                { tr.text("checklist-note") }
                <textarea rows="2" value={view.state.note.clone()} oninput={on_note} />
            </label>
            <p class="step__nav">
                <button type="button" class="button button--quiet" onclick={back} disabled={index == 0}>{ tr.text("checklist-back") }</button>
                <button type="button" class="button" onclick={next}>{ tr.text(if index + 1 == total { "checklist-see-plan" } else { "checklist-next" }) }</button>
            </p>
        </article>
    }
}

fn summary(
    state: &ChecklistState,
    path: Path,
    model: &UseReducerHandle<Model>,
    scan_summary: Option<AttrValue>,
    with_scan: UseStateHandle<bool>,
    tr: Tr,
) -> Html {
    let toggle_scan = {
        let with_scan = with_scan.clone();
        Callback::from(move |_: web_sys::Event| with_scan.set(!*with_scan))
    };
    let s = score(state);
    let plan = action_plan_in(state, &tr);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let dispatcher = model.dispatcher();
    let back = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Event::Back));
    html! {
        <article class="plan" aria-labelledby="plan-title">
            <h3 id="plan-title" tabindex="-1">{ tr.text("checklist-plan-title") }</h3>
            <p class="plan__score">
                { tr.text_with("checklist-score", &[
                    ("percent", usize::from(s.percent).into()),
                    ("yes", s.yes.into()),
                    ("no", s.no.into()),
                    ("not_sure", s.not_sure.into()),
                    ("unanswered", s.total.saturating_sub(s.answered).into()),
                ]) }
            </p>
            if plan.is_empty() {
                <p>{ tr.text("checklist-plan-nothing") }</p>
            } else {
                <ol class="plan__actions">
                    { for plan.iter().map(|a| html! {
                        <li>
                            <span class={classes!("badge", format!("sev-{}", a.severity.label()))}>{ a.severity.label_in(&tr) }</span>
                            { " " }<strong>{ a.title.clone() }</strong>
                            <span class="plan__reason">{ format!(" — {}", a.reason) }</span>
                            <p>{ a.what_to_do.clone() }</p>
                        </li>
                    }) }
                </ol>
            }
            if path == Path::Patient {
                <h4>{ tr.text("checklist-letter-heading") }</h4>
                <p class="no-print">{ tr.text("checklist-letter-hint") }</p>
                <textarea class="letter" readonly=true rows="14" aria-label={tr.text("checklist-letter-label")} value={provider_letter_in(state, &tr)} />
            }
            if let Some(scan) = scan_summary {
                <label class="no-print with-scan">
                    <input type="checkbox" id="print-with-scan" checked={*with_scan} onchange={toggle_scan} />
                    { format!(" {}", tr.text("checklist-print-with-scan")) }
                </label>
                if *with_scan {
                    <section class="print-only" aria-label={tr.text("checklist-scan-report-label")}>
                        <h4>{ tr.text("checklist-scan-report-heading") }</h4>
                        <pre class="scan-summary">{ scan }</pre>
                    </section>
                }
            }
            <p class="step__nav no-print">
                <button type="button" class="button button--quiet" onclick={back}>{ tr.text("checklist-back") }</button>
                <button type="button" class="button" id="print-plan" onclick={print}>{ tr.text("checklist-print") }</button>
            </p>
        </article>
    }
}
