// Starts the dashboard. The build names the hashed wasm-bindgen glue and
// module in this script's data attributes, so index.html carries no inline
// script and a Content-Security-Policy without 'unsafe-inline' holds.
//
// Until the app has started, a signed-out operator gets index.html's plain
// login form at once, in the app's language, and can type into it; the app
// adopts what was typed. A submit is held for the app to send.
const $ = (id) => document.getElementById(id);
const read = (store, key) => { try { return window[store].getItem(key); } catch { return null; } };
const zh = (tag) => /^\s*zh/i.test(tag);
const show = (tag) => {
  document.documentElement.lang = zh(tag) ? "zh-CN" : "en";
  $("boot-lang").value = document.documentElement.lang;
  for (const e of document.querySelectorAll("[data-zh]")) {
    e.dataset.en ??= e.textContent;
    e.textContent = zh(tag) ? e.dataset.zh : e.dataset.en;
  }
};
const chosen = read("localStorage", "openim-admin.locale");
show(/^\s*(zh|en)/i.test(chosen) ? chosen : navigator.languages.find((l) => /^\s*(zh|en)/i.test(l)) ?? "en");
if (!read("sessionStorage", "openim-admin.session")) {
  $("boot-lang").onchange = (e) => {
    try { localStorage.setItem("openim-admin.locale", e.target.value); } catch {}
    show(e.target.value);
  };
  $("boot-user").value = read("sessionStorage", "openim-admin.draft.login.user") ?? "";
  $("boot-form").onsubmit = (e) => {
    e.preventDefault();
    if (e.submitter) e.submitter.disabled = true;
    e.target.dataset.submitted = "";
  };
  $("boot").hidden = false;
}
const files = document.querySelector("script[data-wasm]").dataset;
try {
  const glue = import(files.js);
  // Let the early form paint before the app's start-up holds the thread
  // (at most 100 ms: a background tab has no frames).
  if (!$("boot").hidden) {
    await new Promise((go) => { requestAnimationFrame(() => setTimeout(go)); setTimeout(go, 100); });
  }
  const { default: init } = await glue;
  const boot = $("boot"), form = $("boot-form");
  await init({ module_or_path: files.wasm });
  // The app has taken the form's values (src/components/boot_form.rs).
  // Its login form may come a moment later (a deep link is redirected).
  const focus = boot.dataset.focus?.replace("boot-", "login-");
  const submitted = "submitted" in form.dataset;
  const resume = () => {
    const login = $("login-form");
    if (!login) return false;
    if (focus) $(focus)?.focus();
    if (submitted) login.requestSubmit();
    return true;
  };
  if ((focus || submitted) && !resume()) {
    new MutationObserver((_, seen) => resume() && seen.disconnect())
      .observe(document.body, { childList: true, subtree: true });
  }
} catch (error) {
  const failed = $("boot-failed");
  failed?.append(" ", String(error));
  if (failed) failed.hidden = false;
  $("boot")?.setAttribute("hidden", "");
  throw error;
}
