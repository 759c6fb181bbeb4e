//! A row of tabs with the keyboard behaviour screen-reader users expect (WAI-ARIA tabs):
//! one tab in the Tab order, arrow keys, Home and End move between tabs and focus follows.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// What the row of tabs is for, read out by screen readers.
    pub label: AttrValue,
    /// (element id, text) of each tab; the panel of tab `id` is `{id}-panel`.
    pub tabs: Vec<(AttrValue, AttrValue)>,
    pub selected: usize,
    pub on_select: Callback<usize>,
    #[prop_or_default]
    pub small: bool,
}

/// The id of the panel a tab controls.
pub fn panel_id(tab_id: &str) -> String {
    format!("{tab_id}-panel")
}

#[function_component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    let count = props.tabs.len();
    html! {
        <div class={classes!("tabs", "no-print", props.small.then_some("tabs--small"))}
            role="tablist" aria-label={props.label.clone()}>
            { for props.tabs.iter().enumerate().map(|(index, (id, text))| {
                let selected = index == props.selected;
                let onclick = props.on_select.reform(move |_: MouseEvent| index);
                let onkeydown = {
                    let (on_select, ids) = (props.on_select.clone(), props.tabs.clone());
                    Callback::from(move |event: KeyboardEvent| {
                        let next = match event.key().as_str() {
                            "ArrowRight" | "ArrowDown" => (index + 1) % count,
                            "ArrowLeft" | "ArrowUp" => (index + count - 1) % count,
                            "Home" => 0,
                            "End" => count - 1,
                            _ => return,
                        };
                        event.prevent_default();
                        on_select.emit(next);
                        super::focus_first(&format!("#{}", ids[next].0));
                    })
                };
                html! {
                    <button type="button" role="tab" id={id.clone()}
                        aria-selected={selected.to_string()}
                        aria-controls={panel_id(id)}
                        tabindex={if selected { "0" } else { "-1" }}
                        class={classes!("tab", selected.then_some("tab--on"))}
                        {onclick} {onkeydown}>{ text.clone() }</button>
                }
            }) }
        </div>
    }
}
