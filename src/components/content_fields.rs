//! The fields of a message's content, one box per media element, drawn from
//! the field lists in `model::message`. The message composer and the
//! notification composer both type into a map of values by path.

use leptos::prelude::*;
use rustc_hash::FxHashMap;

use crate::components::field_error::FieldError;
use crate::i18n::Strings;
use crate::model::message::{path, pretty_json, Group, Kind, Problem, Problems};
use crate::state::{tr, use_app};

/// What the composers type into: every value by its path.
pub type Values = RwSignal<FxHashMap<String, String>>;

pub fn problem_text(t: &Strings, p: Problem) -> &'static str {
    match p {
        Problem::Required => t.err_required,
        Problem::NotANumber => t.err_not_number,
        Problem::NotHttpUrl => t.err_not_http,
        Problem::NotJson => t.err_json_field,
    }
}

/// The message for the field at `key`, if the last check found one.
pub fn error_of(problems: RwSignal<Problems>, key: String) -> Signal<Option<String>> {
    let app = use_app();
    Signal::derive(move || {
        problems.with(|p| {
            (p.iter())
                .find(|(k, _)| *k == key)
                .map(|(_, p)| problem_text(app.t(), *p).to_string())
        })
    })
}

/// The boxes of `groups`, their values at `{prefix}{path}` in `values` and
/// their elements at `msg-{prefix}{path}`. Problems are keyed by path.
#[component]
pub fn ContentFields(
    #[prop(into)] groups: Signal<&'static [Group]>,
    values: Values,
    prefix: &'static str,
    problems: RwSignal<Problems>,
) -> impl IntoView {
    let get = move |key: &str| values.with(|v| v.get(key).cloned().unwrap_or_default());
    let set = move |key: &str, value: String| {
        values.update(|v| {
            v.insert(key.to_string(), value);
        })
    };
    move || {
        groups.get().iter().map(|&(group, fields)| {
            let rows = fields.iter().map(|field| {
                let at = path(group, field.key);
                let key = format!("{prefix}{at}");
                let id = format!("msg-{key}");
                let (k1, k2) = (key.clone(), key.clone());
                // A long text gets room; a JSON field can be laid out for reading.
                let control = if field.kind == Kind::Json || field.key == "text" {
                    let json = (field.kind == Kind::Json).then(|| {
                        let key = key.clone();
                        view! {
                            <button type="button" class="secondary small format-json"
                                on:click=move |_| if let Some(p) = pretty_json(&get(&key)) { set(&key, p) }>
                                {tr(|t| t.format_json)}
                            </button>
                        }
                    });
                    view! {
                        <textarea id=id.clone() rows="3" prop:value=move || get(&k1)
                            on:input:target=move |ev| set(&k2, ev.target().value())></textarea>
                        {json}
                    }.into_any()
                } else {
                    let kind = match field.kind { Kind::Int => "number", Kind::Url => "url", _ => "text" };
                    view! {
                        <input id=id.clone() type=kind prop:value=move || get(&k1)
                            on:input:target=move |ev| set(&k2, ev.target().value())/>
                    }.into_any()
                };
                // Inside a box the box names the element, so the field keeps its spec name.
                view! {
                    <div class="field">
                        <label for=id.clone()>{field.key} {field.required.then_some(" *")}</label>
                        {control}
                        <FieldError id=format!("{id}-error") message=error_of(problems, at)/>
                    </div>
                }
            }).collect_view();
            view! {
                <fieldset class="content-group" class:grid={fields.len() > 3}>
                    {(!group.is_empty()).then(|| view! { <legend>{group}</legend> })}
                    {rows}
                </fieldset>
            }
        }).collect_view()
    }
}
