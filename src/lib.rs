//! openim-admin: an admin dashboard for the OpenIM v2 server.
//!
//! `api`, `i18n`, `config`, the routes and the session model are plain Rust, tested
//! natively; the rest is the Leptos client that runs in the browser.

pub mod api;
pub mod config;
pub mod i18n;
pub mod keys;
pub mod routes;
pub mod session;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod state;

pub mod model;

/// Starts the dashboard in the page's `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    // A panic aborts the app; say why in the console first.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    leptos::mount::mount_to_body(app::App);
}

#[cfg(not(target_arch = "wasm32"))]
pub fn mount() {
    eprintln!("openim-admin runs in a browser: build it with `trunk build`.");
}
