//! The findings view: every finding of every file in one table, to filter (severity, kind,
//! rule), sort, search and open. Values are masked unless the user reveals them; nothing revealed is stored.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::file_card::severity_badge;
use super::i18n::use_tr;
use crate::report::Report;
use crate::rules::rule::Rule;
use crate::rules::{Category, Severity};

/// Rows drawn at once; the count says how many match.
const MAX_ROWS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub report: Rc<Report>,
}

#[derive(Clone, Copy, PartialEq)]
enum Sort {
    Severity,
    File,
}

#[function_component(FindingsView)]
pub fn findings_view(props: &FindingsProps) -> Html {
    let tr = use_tr();
    let min_severity = use_state(|| Severity::Low);
    let category = use_state(|| None::<Category>);
    let rule = use_state(|| None::<Rule>);
    let search = use_state(String::new);
    let sort = use_state(|| Sort::Severity);
    let open = use_state(|| None::<(usize, usize)>);
    let revealed = use_state(BTreeSet::<(usize, usize)>::new);
    let reveal_all = use_state(|| false);

    let needle = search.to_lowercase();
    let mut rows: Vec<(usize, usize)> = Vec::new();
    for (fi, file) in props.report.files.iter().enumerate() {
        for (xi, f) in file.findings.iter().enumerate() {
            if f.severity < *min_severity
                || category.is_some_and(|c| c != f.category)
                || rule.is_some_and(|r| r != f.rule)
            {
                continue;
            }
            if !needle.is_empty() {
                let hay = format!(
                    "{} {} {} {} {}",
                    file.file_name,
                    f.keyword,
                    f.rule.id(),
                    f.rule.title_in(&tr),
                    f.path
                )
                .to_lowercase();
                if !hay.contains(&needle) {
                    continue;
                }
            }
            rows.push((fi, xi));
        }
    }
    let finding = |(fi, xi): (usize, usize)| &props.report.files[fi].findings[xi];
    match *sort {
        Sort::Severity => rows.sort_by_key(|r| (std::cmp::Reverse(finding(*r).severity), *r)),
        Sort::File => rows.sort(),
    }
    let matched = rows.len();

    let on_severity = {
        let min_severity = min_severity.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let value = select.value();
                let chosen = Severity::ALL.into_iter().find(|s| s.label() == value);
                min_severity.set(chosen.unwrap_or(Severity::Low));
            }
        })
    };
    let on_category = {
        let category = category.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let value = select.value();
                category.set(Category::ALL.iter().copied().find(|c| c.code() == value));
            }
        })
    };
    let on_rule = {
        let rule = rule.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                // The options' values are ids of rules that fired; "" is "all rules".
                rule.set(Rule::from_id(&select.value()).ok());
            }
        })
    };
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                search.set(input.value());
            }
        })
    };
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                sort.set(if select.value() == "file" {
                    Sort::File
                } else {
                    Sort::Severity
                });
            }
        })
    };
    let toggle_all = {
        let reveal_all = reveal_all.clone();
        Callback::from(move |_: MouseEvent| reveal_all.set(!*reveal_all))
    };
    let present: BTreeSet<Category> = props
        .report
        .files
        .iter()
        .flat_map(|f| f.findings.iter().map(|x| x.category))
        .collect();
    // Each rule that fired, with how often, most frequent first.
    let mut rules: BTreeMap<Rule, usize> = BTreeMap::new();
    for finding in props.report.files.iter().flat_map(|f| &f.findings) {
        *rules.entry(finding.rule).or_default() += 1;
    }
    let mut rules: Vec<(Rule, usize)> = rules.into_iter().collect();
    rules.sort_by_key(|&(rule, count)| (std::cmp::Reverse(count), rule));

    html! {
        <div class="findings-view">
            <div class="filters" role="group" aria-label={tr.text("findings-filters-label")}>
                <label>{ tr.text("findings-at-least") }{ " " }
                    <select id="filter-severity" onchange={on_severity}>
                        { for Severity::ALL.into_iter().rev().map(|s| html! {
                            <option value={s.label()} selected={*min_severity == s}>{ s.label_in(&tr) }</option>
                        }) }
                    </select>
                </label>
                <label>{ tr.text("findings-kind") }{ " " }
                    <select id="filter-category" onchange={on_category}>
                        <option value="" selected={category.is_none()}>{ tr.text("findings-all-kinds") }</option>
                        { for present.iter().map(|c| html! {
                            <option value={c.code()} selected={*category == Some(*c)}>{ c.label_in(&tr) }</option>
                        }) }
                    </select>
                </label>
                <label>{ tr.text("findings-rule") }{ " " }
                    <select id="filter-rule" onchange={on_rule}>
                        <option value="" selected={rule.is_none()}>{ tr.text("findings-all-rules") }</option>
                        { for rules.iter().map(|&(r, count)| {
                            html! {
                                <option value={r.id()} selected={*rule == Some(r)}>{ format!("{} ({count})", r.title_in(&tr)) }</option>
                            }
                        }) }
                    </select>
                </label>
                <label>{ tr.text("findings-search") }{ " " }<input id="filter-search" type="search" value={(*search).clone()} oninput={on_search} /></label>
                <label>{ tr.text("findings-sort-by") }{ " " }
                    <select id="filter-sort" onchange={on_sort}>
                        <option value="severity" selected={*sort == Sort::Severity}>{ tr.text("findings-sort-severity") }</option>
                        <option value="file" selected={*sort == Sort::File}>{ tr.text("findings-sort-file") }</option>
                    </select>
                </label>
                <button type="button" class="button button--quiet" id="reveal-all" aria-pressed={reveal_all.to_string()} onclick={toggle_all}>
                    { if *reveal_all { tr.text("findings-mask-values") } else { tr.text("findings-show-values") } }
                </button>
            </div>
            <p class="findings-view__count" role="status">
                { tr.text_with("findings-matching", &[("count", matched.into())]) }
                if matched > MAX_ROWS { { tr.text_with("findings-first-shown", &[("count", MAX_ROWS.into())]) } }
            </p>
            <table class="findings findings--all">
                <thead><tr>
                    <th scope="col">{ tr.text("results-severity") }</th><th scope="col">{ tr.text("results-what") }</th>
                    <th scope="col">{ tr.text("findings-file") }</th><th scope="col">{ tr.text("results-where") }</th>
                    <th scope="col">{ tr.text("findings-value") }</th><th scope="col"><span class="visually-hidden">{ tr.text("findings-details-heading") }</span></th>
                </tr></thead>
                <tbody>
                    { for rows.iter().take(MAX_ROWS).map(|&key| {
                        let (fi, _) = key;
                        let f = finding(key);
                        let file = &props.report.files[fi];
                        let info = f.rule.info_in(&tr);
                        let title = info.title.clone();
                        let shown_raw = (*reveal_all || revealed.contains(&key)).then(|| f.raw.clone()).flatten();
                        let is_open = *open == Some(key);
                        let toggle_open = { let open = open.clone(); Callback::from(move |_: MouseEvent| open.set(if is_open { None } else { Some(key) })) };
                        let toggle_reveal = {
                            let revealed = revealed.clone();
                            Callback::from(move |_: MouseEvent| {
                                let mut set = (*revealed).clone();
                                if !set.remove(&key) { set.insert(key); }
                                revealed.set(set);
                            })
                        };
                        let place = if f.location.is_empty() { f.path.clone() } else { format!("{} · {}", f.location, f.path) };
                        html! {
                            <>
                            <tr>
                                <td>{ severity_badge(tr, f.severity) }</td>
                                <td>{ title.clone() }</td>
                                <td class="mono">
                                    <span class="no-print">{ file.file_name.clone() }</span>
                                    <span class="print-only">{ tr.text_with("findings-file-number", &[("number", (fi + 1).into())]) }</span>
                                </td>
                                <td class="mono">{ place }</td>
                                <td class="mono">
                                    { shown_raw.clone().unwrap_or_else(|| f.excerpt.clone()) }
                                    if f.raw.is_some() && !*reveal_all {
                                        { " " }<button type="button" class="link reveal" onclick={toggle_reveal}
                                            aria-label={tr.text_with(if shown_raw.is_some() { "findings-mask-one-label" } else { "findings-show-one-label" }, &[("what", (&title).into())])}>
                                            { if shown_raw.is_some() { tr.text("findings-mask-one") } else { tr.text("findings-show-one") } }
                                        </button>
                                    }
                                </td>
                                <td><button type="button" class="link" aria-expanded={is_open.to_string()} onclick={toggle_open}>{ tr.text("findings-details") }</button></td>
                            </tr>
                            if is_open {
                                <tr class="finding-detail"><td colspan="6">
                                    <p><strong>{ format!("{} ({})", info.title, info.id) }</strong>{ format!(" · {} · {}", info.category.label_in(&tr), f.severity.label_in(&tr)) }</p>
                                    <p>{ tr.text_with("findings-where-exactly", &[("keyword", if f.keyword.is_empty() { "-" } else { f.keyword.as_str() }.into()), ("vr", if f.vr.is_empty() { "-" } else { f.vr.as_str() }.into()), ("path", (&f.path).into())]) }</p>
                                    <p><strong>{ tr.text("findings-why") }</strong>{ " " }{ info.why.clone() }</p>
                                    <p><strong>{ tr.text("findings-fix") }</strong>{ " " }{ info.fix.clone() }</p>
                                    <p class="step__sources">{ info.reference.clone() }</p>
                                </td></tr>
                            }
                            </>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
