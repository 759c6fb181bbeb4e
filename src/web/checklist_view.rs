//! The guided checklist: renders the core's state machine; answers persist in localStorage.

use std::rc::Rc;

use yew::prelude::*;

use crate::checklist::{
    action_plan, from_storage_json, provider_letter, score, to_storage_json, Answer,
    ChecklistState, Event, Path, StepView, SUMMARY,
};
use crate::evidence::Evidence;

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
                <h2 id="checklist-title">{ "Guided checklist" }</h2>
                <p>{ "A few questions, with what to do for each answer. Who are you?" }</p>
                <div class="path-choice">
                    <button type="button" class="button" onclick={send(Event::ChoosePath(Path::Patient))}>{ "I am a patient" }</button>
                    <button type="button" class="button" onclick={send(Event::ChoosePath(Path::Office))}>{ "I run an imaging office" }</button>
                </div>
            </section>
        };
    };
    let views = state.views();
    let other = match path {
        Path::Patient => Path::Office,
        Path::Office => Path::Patient,
    };
    html! {
        <section class="checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{ format!("Guided checklist: {}", path.label()) }</h2>
            <p class="checklist__tools no-print">
                <button type="button" class="link" onclick={send(Event::ChoosePath(other))}>{ format!("Switch to: {}", other.label()) }</button>
                { " · " }
                <button type="button" class="link" id="checklist-reset" onclick={
                    let dispatcher = model.dispatcher();
                    Callback::from(move |_: MouseEvent| {
                        if let Some(s) = storage() { let _ = s.remove_item(STORAGE_KEY); }
                        dispatcher.dispatch(Event::Reset);
                    })
                }>{ "Clear my answers" }</button>
            </p>
            <div class="checklist__layout">
                <nav class="steps no-print" aria-label="Steps">
                    <ol>
                        { for views.iter().enumerate().map(|(i, v)| {
                            let current = i == state.current;
                            let mark = v.state.answer.map(Answer::label);
                            html! {
                                <li>
                                    <button type="button" class="link" aria-current={current.then_some("step")}
                                        onclick={send(Event::Goto(v.step.id.to_string()))}>
                                        { v.step.title }
                                    </button>
                                    if let Some(mark) = mark {
                                        <span class="steps__answer">{ format!(" ({mark})") }</span>
                                    } else {
                                        <span class="visually-hidden">{ " (not answered)" }</span>
                                    }
                                </li>
                            }
                        }) }
                        <li><button type="button" class="link" aria-current={state.is_finished().then_some("step")}
                            onclick={send(Event::Goto(SUMMARY.into()))}>{ "Your action plan" }</button></li>
                    </ol>
                </nav>
                <div class="checklist__main">
                    if let Some(view) = views.get(state.current) {
                        { step_card(view, state.current, views.len(), &model) }
                    } else {
                        { summary(state, path, &model, props.scan_summary.clone(), with_scan.clone()) }
                    }
                </div>
            </div>
        </section>
    }
}

/// Button text: a capitalised answer, as people read buttons.
fn answer_text(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "Yes",
        Answer::No => "No",
        Answer::NotSure => "Not sure",
        Answer::NotApplicable => "Does not apply",
    }
}

fn step_card(view: &StepView, index: usize, total: usize, model: &UseReducerHandle<Model>) -> Html {
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
                aria-pressed={pressed.to_string()} {onclick}>{ answer_text(answer) }</button>
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
            <p class="step__count">{ format!("Step {} of {total}", index + 1) }</p>
            <h3 id="step-title" tabindex="-1">{ step.title }</h3>
            <p class="step__question">{ step.question }</p>
            if !view.evidence_summary.is_empty() {
                <div class="evidence" role="note">
                    <strong>{ "What your scan shows: " }</strong>
                    <ul>{ for view.evidence_summary.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
                    if view.state.answered_by_evidence {
                        <p>{ "The scan answered this step. Answer it yourself to override, and say why in the note." }</p>
                    }
                </div>
            }
            <fieldset class="answers">
                <legend>{ "Your answer" }</legend>
                { answer_button(Answer::Yes) }
                { answer_button(Answer::No) }
                { answer_button(Answer::NotSure) }
                { answer_button(Answer::NotApplicable) }
            </fieldset>
            if needs_action {
                <p class="step__fix"><strong>{ "What to do: " }</strong>{ step.if_not }</p>
            }
            <details>
                <summary>{ "Why it matters" }</summary>
                <p>{ step.why }</p>
            </details>
            <details>
                <summary>{ "How to check" }</summary>
                <p class="pre">{ step.how_to_check }</p>
            </details>
            <p class="step__sources">{ format!("Sources: {}", step.sources.join("; ")) }</p>
            <label class="note">
                { "Note (optional; stays on this computer)" }
                <textarea rows="2" value={view.state.note.clone()} oninput={on_note} />
            </label>
            <p class="step__nav">
                <button type="button" class="button button--quiet" onclick={back} disabled={index == 0}>{ "Back" }</button>
                <button type="button" class="button" onclick={next}>{ if index + 1 == total { "See my action plan" } else { "Next" } }</button>
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
) -> Html {
    let toggle_scan = {
        let with_scan = with_scan.clone();
        Callback::from(move |_: web_sys::Event| with_scan.set(!*with_scan))
    };
    let s = score(state);
    let plan = action_plan(state);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let dispatcher = model.dispatcher();
    let back = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Event::Back));
    html! {
        <article class="plan" aria-labelledby="plan-title">
            <h3 id="plan-title" tabindex="-1">{ "Your action plan" }</h3>
            <p class="plan__score">
                { format!("{}% of the steps that apply are done ({} yes, {} no, {} not sure, {} not answered).",
                    s.percent, s.yes, s.no, s.not_sure, s.total.saturating_sub(s.answered)) }
            </p>
            if plan.is_empty() {
                <p>{ "Nothing to do: every step that applies is answered yes." }</p>
            } else {
                <ol class="plan__actions">
                    { for plan.iter().map(|a| html! {
                        <li>
                            <span class={classes!("badge", format!("sev-{}", a.severity.label()))}>{ a.severity.label() }</span>
                            { " " }<strong>{ a.title.clone() }</strong>
                            <span class="plan__reason">{ format!(" — {}", a.reason) }</span>
                            <p>{ a.what_to_do.clone() }</p>
                        </li>
                    }) }
                </ol>
            }
            if path == Path::Patient {
                <h4>{ "A letter to your provider" }</h4>
                <p class="no-print">{ "Copy it into an e-mail or print it; it asks the questions you could not answer yes." }</p>
                <textarea class="letter" readonly=true rows="14" aria-label="Letter to your provider" value={provider_letter(state)} />
            }
            if let Some(scan) = scan_summary {
                <label class="no-print with-scan">
                    <input type="checkbox" id="print-with-scan" checked={*with_scan} onchange={toggle_scan} />
                    { " Print the scan report with the plan" }
                </label>
                if *with_scan {
                    <section class="print-only" aria-label="Scan report">
                        <h4>{ "The scan report" }</h4>
                        <pre class="scan-summary">{ scan }</pre>
                    </section>
                }
            }
            <p class="step__nav no-print">
                <button type="button" class="button button--quiet" onclick={back}>{ "Back" }</button>
                <button type="button" class="button" id="print-plan" onclick={print}>{ "Print the plan" }</button>
            </p>
        </article>
    }
}
