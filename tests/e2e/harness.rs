//! Starts the stand-in server (serving the built dashboard) and headless
//! Chromium through chromedriver, and gives tests an operator's hands.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// How long a page may take to show what a test waits for.
const PATIENCE: Duration = Duration::from_secs(20);

/// One browser tests run at a time: two cores, and each test starts its own
/// server and browser.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// openim-sim as cargo built it for this test run: beside the test binary's
/// `deps/` folder, wherever `CARGO_TARGET_DIR` put it (`OPENIM_SIM_BIN`
/// overrides).
pub fn sim_binary() -> PathBuf {
    let path = std::env::var_os("OPENIM_SIM_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let exe = std::env::current_exe().expect("test binary path");
            let profile_dir = exe
                .parent()
                .and_then(|deps| deps.parent())
                .expect("test binary inside <target>/<profile>/deps");
            profile_dir.join(format!("openim-sim{}", std::env::consts::EXE_SUFFIX))
        });
    assert!(
        path.exists(),
        "{} is missing: run `cargo build -p openim-sim` with the same target directory",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, what: &str, child: &mut Child) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited early: {status}");
        }
        assert!(
            start.elapsed() < PATIENCE,
            "{what} did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Kills a child process when the test ends, however it ends.
pub struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct Session {
    pub client: Client,
    pub base: String,
    name: String,
    shots: std::cell::Cell<usize>,
    /// Servers and the driver, stopped when the session ends.
    _processes: Vec<Process>,
}

/// A running openim-sim serving `dist/`.
pub struct Sim {
    pub port: u16,
    pub process: Process,
}

/// The number after `flag` on the command line (benchmarks take their
/// sizes so), or `default`.
#[allow(dead_code)]
pub fn number_arg(flag: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == flag) {
        Some(at) => {
            (args.get(at + 1).and_then(|n| n.parse().ok())).unwrap_or_else(|| panic!("{flag} N"))
        }
        None => default,
    }
}

/// The built dashboard the tests serve.
pub fn dist() -> PathBuf {
    let dist = root().join("dist");
    assert!(
        dist.join("index.html").exists(),
        "dist/ is missing: run `trunk build --release --offline` first (scripts/test.sh does)"
    );
    dist
}

/// Starts `openim-sim` serving `dist/` with the control endpoints and
/// `args` (default: 240 demo users, seed 7).
pub fn start_sim(args: &[&str]) -> Sim {
    let dist = dist();
    let port = free_port();
    let args: Vec<&str> = if args.is_empty() {
        vec!["--users", "240", "--seed", "7"]
    } else {
        args.to_vec()
    };
    let mut server = Command::new(sim_binary())
        .args(["--port", &port.to_string()])
        .args(&args)
        .arg("--dashboard")
        .arg(&dist)
        .args(["--control", "--quiet"])
        .stdout(Stdio::null())
        .spawn()
        .expect("start openim-sim");
    wait_for_port(port, "openim-sim", &mut server);
    Sim {
        port,
        process: Process(server),
    }
}

/// Starts a program that must listen on `port`; it is stopped with the
/// session that keeps it.
pub fn start_process(mut command: Command, port: u16, what: &str) -> Process {
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("start {what}: {e}"));
    wait_for_port(port, what, &mut child);
    Process(child)
}

impl Session {
    /// Starts `openim-sim` with demo data and control endpoints, and a fresh
    /// headless Chromium at its address.
    pub async fn start(name: &str) -> Session {
        let sim = start_sim(&[]);
        let base = format!("http://127.0.0.1:{}", sim.port);
        Session::browse(name, &base, vec![sim.process]).await
    }

    /// As `start`, but a navigation returns once the document is parsed
    /// and its scripts have run, not when every download has finished.
    #[allow(dead_code)]
    pub async fn start_eager(name: &str) -> Session {
        let sim = start_sim(&[]);
        let base = format!("http://127.0.0.1:{}", sim.port);
        Session::browse_loading(name, &base, vec![sim.process], "eager").await
    }

    /// A fresh headless Chromium (new profile: a cold cache) pointed at
    /// `base`; `keep` lives as long as the session.
    pub async fn browse(name: &str, base: &str, keep: Vec<Process>) -> Session {
        Session::browse_loading(name, base, keep, "normal").await
    }

    /// `browse` with a WebDriver page load strategy.
    async fn browse_loading(
        name: &str,
        base: &str,
        mut keep: Vec<Process>,
        page_load: &str,
    ) -> Session {
        let driver_port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut driver = Command::new(chromedriver);
        driver
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        keep.push(start_process(
            driver,
            driver_port,
            "chromedriver (apt-get install chromium-driver)",
        ));

        let mut caps = serde_json::Map::new();
        caps.insert("pageLoadStrategy".into(), json!(page_load));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--lang=en-US"
            ]}),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("connect to chromedriver");
        Session {
            client,
            base: base.to_string(),
            name: name.to_string(),
            shots: std::cell::Cell::new(0),
            _processes: keep,
        }
    }

    /// Runs `js` in every document this browser opens from now on, before
    /// the page's own scripts (Chrome DevTools Protocol through chromedriver).
    pub async fn on_new_document(&self, js: &str) {
        self.client
            .issue_cmd(Cdp {
                cmd: "Page.addScriptToEvaluateOnNewDocument",
                params: json!({ "source": js }),
            })
            .await
            .expect("chromedriver runs CDP commands");
    }

    /// Runs one Chrome DevTools Protocol command (benchmarks use it to
    /// profile).
    #[allow(dead_code)]
    pub async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.client
            .issue_cmd(Cdp { cmd, params })
            .await
            .expect("chromedriver runs CDP commands")
    }

    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// What a field holds now (its `value` property; empty if it has none).
    pub async fn value(&self, css: &str) -> String {
        let field = self.find(css).await;
        field.prop("value").await.unwrap().unwrap_or_default()
    }

    /// Types into a field the way a person does (key by key).
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear().await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    /// Pastes a long text at once, as the clipboard would.
    pub async fn paste_into(&self, css: &str, text: &str) {
        self.find(css).await;
        self.script(
            "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1]; \
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(css), json!(text)],
        )
        .await;
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    /// A click with Shift held (range selection in tables).
    pub async fn shift_click(&self, css: &str) {
        self.find(css).await;
        self.script(
            "document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', \
             { bubbles: true, cancelable: true, shiftKey: true }));",
            vec![json!(css)],
        )
        .await;
    }

    /// Picks an option of a `<select>` by its value.
    pub async fn choose(&self, css: &str, value: &str) {
        self.find(css).await.select_by_value(value).await.unwrap();
    }

    /// Switches the UI language with the app's own switch. The boot shell's
    /// switch (`#boot-lang`, index.html) is in the document until the app
    /// replaces it, and a handle to it goes stale then.
    pub async fn language(&self, tag: &str) {
        self.choose(".topbar .lang-select:not(#boot-lang)", tag)
            .await;
    }

    /// Runs an async script (it calls its last argument with the result),
    /// waiting up to `limit` for it. For the benchmarks, which share this file.
    #[allow(dead_code)]
    pub async fn script_async(&self, js: &str, args: Vec<Value>, limit: Duration) -> Value {
        let timeouts = fantoccini::wd::TimeoutConfiguration::new(Some(limit), None, None);
        self.client.update_timeouts(timeouts).await.unwrap();
        self.client.execute_async(js, args).await.unwrap()
    }

    pub async fn script(&self, js: &str, args: Vec<Value>) -> Value {
        self.client.execute(js, args).await.unwrap()
    }

    /// Calls the stand-in server from the page (same origin), for setting up
    /// and checking state.
    pub async fn server(&self, method: &str, path: &str) -> Value {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 fetch(arguments[1], { method: arguments[0] }).then(r => r.json()).then(done, e => done(String(e)));",
                vec![json!(method), json!(path)],
            )
            .await
            .unwrap()
    }

    /// Posts `body` to one of the stand-in server's control endpoints.
    pub async fn server_post(&self, path: &str, body: Value) -> Value {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 fetch(arguments[0], { method: 'POST', body: JSON.stringify(arguments[1]) }) \
                   .then(r => r.json()).then(done, e => done(String(e)));",
                vec![json!(path), body],
            )
            .await
            .unwrap()
    }

    /// Every API request the server received so far.
    pub async fn requests(&self) -> Vec<Value> {
        self.server("GET", "/_sim/requests")
            .await
            .as_array()
            .cloned()
            .unwrap()
    }

    pub async fn state(&self) -> Value {
        self.server("GET", "/_sim/state").await
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits until `check` holds, re-reading the page.
    pub async fn until<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let start = Instant::now();
        while !check().await {
            if start.elapsed() > PATIENCE {
                self.screenshot("timeout").await;
                let at = self.path().await;
                panic!("timed out waiting for {what}; the page is at {at}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_text(&self, css: &str, wanted: &str) {
        self.until(&format!("{css} to read {wanted:?}"), || async {
            match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.map(|t| t.contains(wanted)).unwrap_or(false),
                Err(_) => false,
            }
        })
        .await;
    }

    pub async fn wait_path(&self, wanted: &str) {
        self.until(&format!("path {wanted}"), || async {
            self.path().await == wanted
        })
        .await;
    }

    /// Saves a screenshot under target/e2e-screens/ for a person to look at.
    pub async fn screenshot(&self, label: &str) {
        self.shots.set(self.shots.get() + 1);
        let dir = root().join("target/e2e-screens");
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(
                dir.join(format!("{}-{:02}-{label}.png", self.name, self.shots.get())),
                png,
            );
        }
    }

    /// Milliseconds from running the script `start` to the first DOM
    /// change after which the script `test` returns true (benchmarks).
    #[allow(dead_code)]
    pub async fn ms_until(&self, test: &str, start: &str) -> f64 {
        const WHEN: &str = "const [test, start, done] = [new Function(arguments[0]), new Function(arguments[1]), arguments[arguments.length - 1]]; \
            const t0 = performance.now(); \
            const check = () => { if (test()) { observer.disconnect(); done(performance.now() - t0); return true; } return false; }; \
            const observer = new MutationObserver(check); \
            observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true }); \
            start(); check();";
        let args = vec![json!(test), json!(start)];
        let limit = Duration::from_secs(600);
        self.script_async(WHEN, args, limit).await.as_f64().unwrap()
    }

    /// The signed-in session the dashboard keeps in sessionStorage.
    pub async fn stored_session(&self) -> Value {
        let stored = self
            .script(
                "return sessionStorage.getItem('openim-admin.session');",
                vec![],
            )
            .await;
        serde_json::from_str(stored.as_str().unwrap()).unwrap()
    }

    pub async fn session_storage_len(&self) -> u64 {
        self.script("return sessionStorage.length;", vec![])
            .await
            .as_u64()
            .unwrap()
    }

    pub async fn sign_in(&self, secret: &str, user: &str) {
        self.type_into("#login-secret", secret).await;
        self.type_into("#login-user", user).await;
        self.click(".login-form button[type=submit]").await;
    }

    /// On the notifications page: a text-only notification from "Ops team".
    pub async fn compose_notification(&self) {
        self.paste_into("#msg-senderNickname", "Ops team").await;
        self.paste_into("#msg-n\\.notificationName", "Maintenance")
            .await;
        self.paste_into("#msg-n\\.notificationFaceURL", "https://cdn.example/oa.png")
            .await;
        self.paste_into("#msg-n\\.text", "Tonight at 22:00.").await;
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// An answer read straight off the socket.
pub struct Answer {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// One plain HTTP/1.1 request on a fresh loopback connection that closes
/// after the answer, so the headers are exactly what the server sent (the
/// servers here answer with a known length, so nothing is chunked).
/// HTTP/1.1 because nginx's gzip_static ignores 1.0.
pub fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    assert!(
        !headers.contains_key("transfer-encoding"),
        "{path}: chunked"
    );
    Answer {
        status,
        headers,
        body: raw.split_off(split + 4),
    }
}

/// A Chrome DevTools Protocol command, sent through chromedriver's
/// `goog/cdp/execute` extension.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}
