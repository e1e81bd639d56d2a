//! Named templates of a composer, kept in this browser's localStorage (they
//! hold no secrets): save what is typed, use it again, delete it.

use leptos::prelude::*;

use crate::components::content_fields::Form;
use crate::components::field_error::FieldError;
use crate::model::message::{decode_values, encode_values};
use crate::state::{local_storage as storage, tr, use_app};

/// Values a template leaves out: who receives it.
const NOT_KEPT: [&str; 1] = ["target"];

/// The names saved under `prefix`, sorted.
fn names(prefix: &str) -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let mut names: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(prefix).map(str::to_string))
        .collect();
    names.sort();
    names
}

#[component]
pub fn Templates(form: Form, kind: &'static str) -> impl IntoView {
    let app = use_app();
    let prefix = format!("openim-admin.template.{kind}.");
    let list = RwSignal::new(names(&prefix));
    let name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let save = {
        let prefix = prefix.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let n = name.get_untracked().trim().to_string();
            if n.is_empty() {
                return problem.set(Some(app.t().err_template_name.to_string()));
            }
            problem.set(None);
            let text = form.values.with_untracked(|v| {
                encode_values(v.iter().filter(|(k, _)| !NOT_KEPT.contains(&k.as_str())))
            });
            if let Some(s) = storage() {
                let _ = s.set_item(&format!("{prefix}{n}"), &text);
            }
            list.set(names(&prefix));
        }
    };
    let apply = {
        let prefix = prefix.clone();
        move |n: &str| {
            let text = storage().and_then(|s| s.get_item(&format!("{prefix}{n}")).ok().flatten());
            let Some(text) = text else { return };
            form.values.update(|v| {
                v.retain(|k, _| NOT_KEPT.contains(&k.as_str()));
                v.extend(decode_values(&text));
            });
            name.set(n.to_string());
        }
    };
    let delete = move |n: &str| {
        if let Some(s) = storage() {
            let _ = s.remove_item(&format!("{prefix}{n}"));
        }
        list.update(|l| l.retain(|x| x != n));
    };
    view! {
        <form class="panel templates" novalidate on:submit=save>
            <h2>{tr(|t| t.templates_title)}</h2>
            <p class="hint">{tr(|t| t.templates_note)}</p>
            <div class="field">
                <label for="template-name">{tr(|t| t.template_name)}</label>
                <input id="template-name" type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value())/>
                <FieldError id="template-name-error" message=problem/>
            </div>
            <div class="actions"><button type="submit" class="secondary save-template">{tr(|t| t.template_save)}</button></div>
            {move || if list.with(Vec::is_empty) {
                view! { <p class="muted">{tr(|t| t.templates_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="template-list">
                        {list.get().into_iter().map(|n| {
                            let (a, d, key) = (n.clone(), n.clone(), n.clone());
                            let apply = apply.clone();
                            let delete = delete.clone();
                            view! {
                                <li data-template=key>
                                    <span>{n}</span>
                                    <button type="button" class="secondary use-template" on:click=move |_| apply(&a)>{tr(|t| t.template_use)}</button>
                                    <button type="button" class="secondary delete-template" on:click=move |_| delete(&d)>{tr(|t| t.template_delete)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </form>
    }
}
