//! One scanned file: what it reveals, masked, or why it could not be read.

use yew::prelude::*;

use crate::scan::{FileResult, ScanStatus};

#[derive(Properties, PartialEq)]
pub struct FileCardProps {
    pub file_name: AttrValue,
    /// `None` while the worker is still reading the file.
    pub result: Option<FileResult>,
}

#[function_component(FileCard)]
pub fn file_card(props: &FileCardProps) -> Html {
    let body = match &props.result {
        None => html! { <p class="file-card__pending">{ "Checking…" }</p> },
        Some(result) if result.status == ScanStatus::Ok => {
            let row = |label: &'static str, class: &'static str, value: &Option<String>| {
                let (text, missing) = match value {
                    Some(v) => (v.clone(), false),
                    None => ("not present".to_string(), true),
                };
                html! {
                    <>
                        <dt>{ label }</dt>
                        <dd class={classes!(class, missing.then_some("absent"))}>{ text }</dd>
                    </>
                }
            };
            html! {
                <dl class="identity">
                    { row("Patient name", "patient-name", &result.patient_name) }
                    { row("Birth date", "birth-date", &result.patient_birth_date) }
                    { row("Patient ID", "patient-id", &result.patient_id) }
                </dl>
            }
        }
        Some(result) => html! {
            <p class="file-card__error" role="alert">
                <span class="badge badge--error">{ "Not checked" }</span>
                { " " }{ result.message.clone().unwrap_or_default() }
            </p>
        },
    };
    html! {
        <li class="file-card">
            <h3 class="file-card__name">{ props.file_name.clone() }</h3>
            { body }
        </li>
    }
}
