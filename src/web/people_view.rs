//! The people view: everyone the files name, grouped across files (masked).

use std::rc::Rc;

use yew::prelude::*;

use super::i18n::use_tr;
use crate::report::Report;
use crate::rules::Severity;

#[derive(Properties, PartialEq)]
pub struct PeopleProps {
    pub report: Rc<Report>,
}

/// A masked value, or what stands for it when the files do not hold it (said, not a dash).
fn cell(value: &Option<String>, missing: String) -> Html {
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
    let tr = use_tr();
    let shown = use_state(|| PEOPLE_ROWS);
    let rows = use_node_ref();
    super::use_focus_added_rows(rows.clone(), *shown);
    let report = &props.report;
    if report.people.is_empty() {
        return html! { <p>{ tr.text("people-none") }</p> };
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
            if total > listed {
                { tr.text_with("people-count-partial", &[("count", total.into()), ("listed", listed.into())]) }
            } else {
                { tr.text_with("people-count", &[("count", total.into())]) }
            }
        </p>
        <table class="findings people-table">
            <thead><tr>
                <th scope="col">{ tr.text("people-col-name") }</th><th scope="col">{ tr.text("people-col-birth") }</th>
                <th scope="col">{ tr.text("people-col-id") }</th><th scope="col">{ tr.text("people-col-files") }</th>
                <th scope="col">{ tr.text("people-col-holds") }</th><th scope="col">{ tr.text("people-col-worst") }</th>
            </tr></thead>
            <tbody ref={rows}>
                { for report.people.iter().take(listed).map(|p| html! {
                    <tr>
                        { cell(&p.name, tr.text("people-no-name")) }
                        { cell(&p.birth_date, tr.text("people-not-present")) }
                        { cell(&p.id, tr.text("people-not-present")) }
                        <td>{ p.files.len() }</td>
                        <td>{ p.categories.iter().filter(|c| c.is_safe_harbor()).map(|c| c.label_in(&tr)).collect::<Vec<_>>().join(", ") }</td>
                        <td>{ for p.worst_severity.map(|s: Severity| html! {
                            <span class={classes!("badge", format!("sev-{}", s.label()))}>{ s.label_in(&tr) }</span>
                        }) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        if total > listed {
            <button type="button" class="button button--quiet no-print" id="more-people" onclick={more}>
                { tr.text_with("people-show-more", &[
                    ("more", (total - listed).min(PEOPLE_ROWS).into()),
                    ("listed", listed.into()),
                    ("count", total.into()),
                ]) }
            </button>
            <p class="print-only">{ tr.text_with("people-print-first", &[("listed", listed.into()), ("count", total.into())]) }</p>
        }
        </>
    }
}
