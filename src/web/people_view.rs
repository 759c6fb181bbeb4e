//! The people view: everyone the files name, grouped across files (masked).

use std::rc::Rc;

use yew::prelude::*;

use crate::report::Report;
use crate::rules::Severity;

#[derive(Properties, PartialEq)]
pub struct PeopleProps {
    pub report: Rc<Report>,
}

/// A masked value, or what stands for it when the files do not hold it (said, not a dash).
fn cell(value: &Option<String>, missing: &'static str) -> Html {
    match value {
        Some(v) => html! { <td class="mono">{ v.clone() }</td> },
        None => html! { <td class="absent">{ missing }</td> },
    }
}

/// People listed at first and added by each "Show more": a query export can name tens of
/// thousands, and a table of them all would take the page seconds to draw.
const PEOPLE_ROWS: usize = 500;

#[function_component(PeopleView)]
pub fn people_view(props: &PeopleProps) -> Html {
    let shown = use_state(|| PEOPLE_ROWS);
    let rows = use_node_ref();
    super::use_focus_added_rows(rows.clone(), *shown);
    let report = &props.report;
    if report.people.is_empty() {
        return html! { <p>{ "These files name no one." }</p> };
    }
    let total = report.people.len();
    let listed = (*shown).min(total);
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PEOPLE_ROWS))
    };
    html! {
        <>
        <p class="findings-view__count" role="status">
            { format!("{} named", if total == 1 { "1 person".to_string() } else { format!("{total} people") }) }
            if total > listed { { format!("; the first {listed} are listed") } }
        </p>
        <table class="findings people-table">
            <thead><tr>
                <th scope="col">{ "Name" }</th><th scope="col">{ "Birth date" }</th>
                <th scope="col">{ "Patient ID" }</th><th scope="col">{ "Files" }</th>
                <th scope="col">{ "What the files hold" }</th><th scope="col">{ "Worst" }</th>
            </tr></thead>
            <tbody ref={rows}>
                { for report.people.iter().take(listed).map(|p| html! {
                    <tr>
                        { cell(&p.name, "no name") }
                        { cell(&p.birth_date, "not present") }
                        { cell(&p.id, "not present") }
                        <td>{ p.files.len() }</td>
                        <td>{ p.categories.iter().filter(|c| c.is_safe_harbor()).map(|c| c.label()).collect::<Vec<_>>().join(", ") }</td>
                        <td>{ for p.worst_severity.map(|s: Severity| html! {
                            <span class={classes!("badge", format!("sev-{}", s.label()))}>{ s.label() }</span>
                        }) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        if total > listed {
            <button type="button" class="button button--quiet no-print" id="more-people" onclick={more}>
                { format!("Show {} more people (showing {listed} of {total})", (total - listed).min(PEOPLE_ROWS)) }
            </button>
            <p class="print-only">{ format!("This printout lists the first {listed} of {total} people; the JSON export lists them all.") }</p>
        }
        </>
    }
}
