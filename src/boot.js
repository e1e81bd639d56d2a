// Starts the dashboard. The build names the hashed wasm-bindgen glue and
// module in this script's data attributes, so index.html carries no inline
// script and a Content-Security-Policy without 'unsafe-inline' holds.
const files = document.querySelector("script[data-wasm]").dataset;
const { default: init } = await import(files.js);
await init({ module_or_path: files.wasm });
