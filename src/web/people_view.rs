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

#[function_component(PeopleView)]
pub fn people_view(props: &PeopleProps) -> Html {
    let report = &props.report;
    if report.people.is_empty() {
        return html! { <p>{ "These files name no one." }</p> };
    }
    html! {
        <table class="findings people-table">
            <thead><tr>
                <th scope="col">{ "Name" }</th><th scope="col">{ "Birth date" }</th>
                <th scope="col">{ "Patient ID" }</th><th scope="col">{ "Files" }</th>
                <th scope="col">{ "What the files hold" }</th><th scope="col">{ "Worst" }</th>
            </tr></thead>
            <tbody>
                { for report.people.iter().map(|p| html! {
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
    }
}
