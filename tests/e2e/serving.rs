//! How the built dashboard is served: precompressed, cached, under a strict
//! Content-Security-Policy, by openim-sim and by the nginx recipe in
//! `deploy/nginx.conf` (a real nginx), each signed in to and used.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::harness::{dist, http, start_process, start_sim, Answer, Session, ONE_AT_A_TIME};
use crate::{ADMIN, SECRET};

/// Collects every CSP violation the page reports, from its first script on.
const WATCH_CSP: &str = r#"
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"#;

/// A GET as a browser would send it, `Accept-Encoding` optional.
fn get(port: u16, path: &str, accept_encoding: Option<&str>) -> Answer {
    let headers: Vec<(&str, &str)> = accept_encoding
        .map(|a| ("Accept-Encoding", a))
        .into_iter()
        .collect();
    http(port, "GET", path, &headers, "")
}

/// Names of the built files with the given extension.
fn built(ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dist())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names
}

/// What every server of the dashboard owes: types, precompressed variants
/// by Accept-Encoding, caching by name, and the security headers.
fn check_serving(port: u16) {
    let wasm = built(".wasm").pop().expect("a built wasm");
    let path = format!("/{wasm}");
    let plain = std::fs::read(dist().join(&wasm)).unwrap();
    for (accept, coding, file) in [
        (Some("gzip, deflate, br, zstd"), "br", format!("{wasm}.br")),
        (Some("gzip"), "gzip", format!("{wasm}.gz")),
        (None, "", wasm.clone()),
    ] {
        let a = get(port, &path, accept);
        assert_eq!(a.status, 200, "{accept:?}");
        assert_eq!(a.header("content-type"), "application/wasm", "{accept:?}");
        assert_eq!(a.header("content-encoding"), coding, "{accept:?}");
        assert_eq!(
            a.body,
            std::fs::read(dist().join(&file)).unwrap(),
            "{accept:?}"
        );
        assert_eq!(
            a.header("cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert!(a.header("vary").contains("Accept-Encoding"), "{accept:?}");
    }
    assert!(
        std::fs::metadata(dist().join(format!("{wasm}.br")))
            .unwrap()
            .len()
            * 2
            < plain.len() as u64,
        "brotli at least halves the wasm"
    );
    for ext in [".js", ".css"] {
        for name in built(ext) {
            let a = get(port, &format!("/{name}"), Some("br"));
            assert_eq!(a.header("content-encoding"), "br", "{name}");
        }
    }
    for (path, ty) in [
        ("/", "text/html"),
        ("/users", "text/html"),
        ("/boot.js", "javascript"),
    ] {
        let a = get(port, path, Some("gzip, br"));
        assert_eq!(a.status, 200, "{path}");
        assert!(
            a.header("content-type").contains(ty),
            "{path}: {}",
            a.header("content-type")
        );
        assert_eq!(a.header("cache-control"), "no-cache", "{path}");
        let csp = a.header("content-security-policy");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(a.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(a.header("referrer-policy"), "no-referrer", "{path}");
    }
    let index = String::from_utf8(get(port, "/", None).body).unwrap();
    assert!(
        !index.contains("<script>") && !index.contains("<script type=\"module\">"),
        "index.html has no inline script: {index}"
    );
}

/// Signs in and looks up three users, failing on any CSP violation; then
/// checks that the watcher does see one (an inline script added by hand).
async fn sign_in_and_look_up(s: &Session) {
    s.open("/users").await;
    s.wait_path("/login?next=%2Fusers").await;
    s.sign_in(SECRET, ADMIN).await;
    s.wait_path("/users").await;
    s.paste_into("#user-ids", "18349115126\n17396220460\nnobody-here")
        .await;
    s.click(".lookup-form button[type=submit]").await;
    s.wait_text(
        ".summary",
        "3 users: 2 registered, 1 not registered, 1 online, 0 not fully known",
    )
    .await;
    s.screenshot("lookup-under-csp").await;
    let violations = s.script("return window.__cspViolations;", vec![]).await;
    assert_eq!(violations, json!([]), "the dashboard broke its own policy");
    // The wasm came compressed and was compiled while streaming.
    let wasm = s
        .script(
            "const r = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm')); \
             return [r.encodedBodySize, r.decodedBodySize];",
            vec![],
        )
        .await;
    let (encoded, decoded) = (wasm[0].as_u64().unwrap(), wasm[1].as_u64().unwrap());
    assert!(
        encoded * 2 < decoded,
        "wasm on the wire: {encoded} of {decoded} B"
    );

    s.script(
        "const el = document.createElement('script'); el.textContent = 'window.__ran = 1'; \
         document.body.appendChild(el);",
        vec![],
    )
    .await;
    s.until("the injected inline script to be reported", || async {
        s.script("return window.__cspViolations.length;", vec![])
            .await
            == json!(1)
    })
    .await;
    assert_eq!(
        s.script("return window.__ran ?? 0;", vec![]).await,
        json!(0)
    );
}

#[tokio::test]
async fn openim_sim_serves_compressed_cached_files_under_a_strict_policy() {
    let _one = ONE_AT_A_TIME.lock().await;
    let sim = start_sim(&[]);
    check_serving(sim.port);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = Session::browse("csp-sim", &base, vec![sim.process]).await;
    s.on_new_document(WATCH_CSP).await;
    sign_in_and_look_up(&s).await;
    let calls = s.requests().await;
    assert!(calls.iter().any(|r| r["path"] == "/manager/account_check"));
    s.close().await;
}

/// nginx with `deploy/nginx.conf` included verbatim, its files in a
/// temporary folder, as one process (so stopping it leaves no worker behind).
fn start_nginx(sim_port: u16) -> (crate::harness::Process, u16, PathBuf) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let prefix = std::env::temp_dir().join(format!(
        "openim-admin-nginx-{}-{sim_port}",
        std::process::id()
    ));
    std::fs::create_dir_all(prefix.join("logs")).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/logs/error.log;\n\
         include /etc/nginx/modules-enabled/*.conf;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
           client_body_temp_path {p}/body; proxy_temp_path {p}/proxy; fastcgi_temp_path {p}/fcgi;\n\
           uwsgi_temp_path {p}/uwsgi; scgi_temp_path {p}/scgi;\n\
           upstream openim_api {{ server 127.0.0.1:{sim_port}; }}\n\
           upstream openim_cms {{ server 127.0.0.1:{sim_port}; }}\n\
           server {{\n    listen 127.0.0.1:{port};\n    root {dist};\n    include {recipe};\n  }}\n}}\n",
        p = prefix.display(),
        dist = dist().display(),
        recipe = repo.join("deploy/nginx.conf").display(),
    );
    std::fs::write(prefix.join("nginx.conf"), conf).unwrap();
    // Debian puts it in /usr/sbin, which a non-root PATH may lack.
    let nginx = std::env::var("NGINX").unwrap_or_else(|_| {
        let sbin = "/usr/sbin/nginx";
        if std::path::Path::new(sbin).exists() {
            sbin
        } else {
            "nginx"
        }
        .to_string()
    });
    // Modules load from nginx's own prefix, so only the config and the
    // early error log move here.
    let args = [
        "-e".into(),
        prefix.join("logs/error.log").into_os_string(),
        "-c".into(),
        prefix.join("nginx.conf").into_os_string(),
    ];
    let check = Command::new(&nginx)
        .arg("-t")
        .args(&args)
        .output()
        .expect("nginx is installed (scripts/bootstrap.sh installs it)");
    assert!(
        check.status.success(),
        "nginx refuses the recipe: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let mut cmd = Command::new(&nginx);
    cmd.args(&args).stdout(Stdio::null()).stderr(Stdio::null());
    (start_process(cmd, port, "nginx"), port, prefix)
}

#[tokio::test]
async fn the_nginx_recipe_serves_the_dashboard_and_proxies_the_api() {
    let _one = ONE_AT_A_TIME.lock().await;
    let sim = start_sim(&[]);
    let sim_port = sim.port;
    let (nginx, port, prefix) = start_nginx(sim_port);
    check_serving(port);
    let base = format!("http://127.0.0.1:{port}");
    let s = Session::browse("nginx", &base, vec![nginx, sim.process]).await;
    s.on_new_document(WATCH_CSP).await;
    sign_in_and_look_up(&s).await;

    // The stand-in server behind nginx got the calls, with the token.
    let requests = get(sim_port, "/_sim/requests", None);
    let requests: Vec<Value> = serde_json::from_slice(&requests.body).unwrap();
    let checks: Vec<&Value> = requests
        .iter()
        .filter(|r| r["path"] == "/manager/account_check")
        .collect();
    assert!(
        checks.len() >= 2,
        "the admin probe and the lookup: {checks:?}"
    );
    let last = checks.last().unwrap();
    assert_eq!(
        last["body"]["checkUserIDList"],
        json!(["18349115126", "17396220460", "nobody-here"])
    );
    assert!(last["token"].as_str().is_some_and(|t| !t.is_empty()));

    // The CMS behind the recipe's /api/ location (v2.0.8's prefix), found
    // on the dashboard's origin: every group listed.
    s.open("/groups").await;
    s.wait_text(".cms-at", "this origin (generation A)").await;
    s.wait_text(".cms-groups .page-status", " groups").await;
    let blocked = s.script("return window.__cspViolations;", vec![]).await;
    assert_eq!(blocked, json!([]), "no probe left the policy's origins");
    s.close().await;
    let _ = std::fs::remove_dir_all(prefix);
}
