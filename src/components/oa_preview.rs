//! An OA notification drawn as a chat client shows it, live from what the
//! operator types. Everything typed renders as text; media and links appear
//! only for http(s) URLs.

use leptos::prelude::*;

use crate::api::user::safe_url;
use crate::components::content_fields::Form;
use crate::model::notification::human_size;
use crate::state::tr;

/// The card for the values of `form` under `prefix` (`n.text`, …), with
/// the media `mix_type` carries.
#[component]
pub fn OaPreview(
    form: Form,
    prefix: &'static str,
    #[prop(into)] mix_type: Signal<i32>,
) -> impl IntoView {
    let text = move |key: &'static str| move || form.get(&format!("{prefix}{key}"));
    let url = move |key: &'static str| {
        move || safe_url(&form.get(&format!("{prefix}{key}"))).map(str::to_string)
    };
    let has = move |kinds: &'static [i32]| move || kinds.contains(&mix_type.get());
    // A picture shows from the largest size given.
    let picture = move || {
        [
            "pictureElem.bigPicture.url",
            "pictureElem.sourcePicture.url",
            "pictureElem.snapshotPicture.url",
        ]
        .into_iter()
        .find_map(|k| url(k)())
    };
    let file_size = move || {
        let size = form.get(&format!("{prefix}fileElem.fileSize"));
        size.trim().parse().ok().map(human_size)
    };
    // An image that does not load is left out rather than shown broken.
    let hide = |ev: web_sys::ErrorEvent| {
        use wasm_bindgen::JsCast;
        if let Some(img) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            img.set_hidden(true);
        }
    };
    view! {
        <div class="oa-card">
            <div class="oa-head">
                {move || url("notificationFaceURL")().map(|src| view! { <img class="oa-face" src=src alt="" on:error=hide/> })}
                <div>
                    <strong class="oa-name">{text("notificationName")}</strong>
                    <span class="oa-from">{move || form.get("senderNickname")}</span>
                </div>
            </div>
            <p class="oa-text">{text("text")}</p>
            {move || has(&[1, 5])().then(|| picture().map(|src| view! { <img class="oa-picture" src=src alt="" on:error=hide/> }))}
            {move || has(&[2])().then(|| url("videoElem.videoUrl")()).flatten().map(|src| view! {
                <video class="oa-video" controls preload="none" poster=url("videoElem.snapshotUrl")() src=src></video>
            })}
            {move || has(&[4, 5])().then(|| url("soundElem.sourceUrl")()).flatten().map(|src| view! {
                <audio class="oa-sound" controls preload="none" src=src></audio>
            })}
            {move || has(&[3])().then(|| view! {
                <div class="oa-file">
                    <span class="oa-file-name">{text("fileElem.fileName")}</span>
                    <span class="oa-file-size">{file_size}</span>
                </div>
            })}
            {move || url("externalUrl")().map(|href| view! {
                <a class="oa-link" href=href target="_blank" rel="noopener noreferrer">{tr(|t| t.oa_open_link)}</a>
            })}
        </div>
    }
}
