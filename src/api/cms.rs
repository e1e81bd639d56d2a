//! The server's CMS API, a second process beside the main API
//! (docs/cms.md): where it is, which generation answers, how a request is
//! written and an answer read. Plain Rust, tested natively.

use serde_json::{json, Value};

use super::group::{number, text};
use super::{ApiError, ErrorKind};

/// The three shapes the CMS has had (docs/cms.md#cms-generations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gen {
    /// v2.0.8: port 8000, `/api`, GET reads, `{code, err_msg, data}`.
    A,
    /// v2.0.9 to v2.3.0-rc2: as A on port 10006 under `/cms`.
    B,
    /// v2.3.2+: every route POST with camelCase JSON, `{errCode, errMsg, data}`.
    C,
}

impl Gen {
    pub fn key(self) -> &'static str {
        match self {
            Gen::A => "A",
            Gen::B => "B",
            Gen::C => "C",
        }
    }

    pub fn from_key(key: &str) -> Option<Gen> {
        [Gen::A, Gen::B, Gen::C]
            .into_iter()
            .find(|g| g.key().eq_ignore_ascii_case(key.trim()))
    }

    /// Every route sits under this (docs/cms.md#cms-deploy).
    pub fn prefix(self) -> &'static str {
        match self {
            Gen::A => "/api",
            _ => "/cms",
        }
    }
}

/// A reachable CMS: its base (scheme, host and port, or a proxy's path;
/// empty for the dashboard's own origin) and generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cms {
    pub base: String,
    pub gen: Gen,
}

impl Cms {
    /// The URL of `path` (a route without the prefix). A base that ends
    /// in the prefix already (a proxy's `/cms`) is not given it twice.
    pub fn url(&self, path: &str) -> String {
        let base = self.base.trim_end_matches('/');
        let prefix = self.gen.prefix();
        if base.ends_with(prefix) {
            format!("{base}{path}")
        } else {
            format!("{base}{prefix}{path}")
        }
    }

    /// As kept in the session: `<gen> <base>`.
    pub fn store(&self) -> String {
        format!("{} {}", self.gen.key(), self.base)
    }

    pub fn parse(stored: &str) -> Option<Cms> {
        let (gen, base) = stored.split_once(' ').unwrap_or((stored, ""));
        Some(Cms {
            gen: Gen::from_key(gen)?,
            base: base.to_string(),
        })
    }
}

/// The probes of docs/cms.md#cms-detection, sent without a token: P1
/// `GET /cms/group/get_groups`, P2 the same as `POST {}`, P3 `GET
/// /api/group/get_groups`.
pub const PROBE_B: &str = "/cms/group/get_groups";
pub const PROBE_A: &str = "/api/group/get_groups";

/// The generation the probes' answers (status and body; None: no
/// answer) point to. Only a token refusal in the generation's own
/// envelope counts: a 404 or another server's page says nothing.
pub fn gen_from_probes(
    p1: Option<(u16, &str)>,
    p2: Option<(u16, &str)>,
    p3: Option<(u16, &str)>,
) -> Option<Gen> {
    let code = |p: Option<(u16, &str)>, key: &str| {
        let (_, body) = p.filter(|(status, _)| *status == 200)?;
        let v: Value = serde_json::from_str(body).ok()?;
        v.get(key)?.as_i64()
    };
    if code(p1, "code") == Some(700) {
        Some(Gen::B)
    } else if code(p2, "errCode") == Some(400) {
        Some(Gen::C)
    } else if code(p3, "code") == Some(700) {
        Some(Gen::A)
    } else {
        None
    }
}

/// Where to look for a CMS, in order: the dashboard's own origin (a
/// proxy's `/cms/` or `/api/`), then the API server's host on 10006 and
/// on 8000 (docs/cms.md#cms-deploy). `server` is the API's base URL
/// (empty: the dashboard's origin), `origin` the dashboard's.
pub fn candidates(server: &str, origin: &str) -> Vec<String> {
    let api = if server.is_empty() { origin } else { server };
    let mut list = vec![String::new()];
    if let Some((scheme, rest)) = api.split_once("://") {
        let authority = rest.split('/').next().unwrap_or_default();
        // Strip a port, keeping an IPv6 address whole.
        let host = match authority.rfind(':') {
            Some(i) if !authority[i..].contains(']') => &authority[..i],
            _ => authority,
        };
        if !host.is_empty() {
            for port in [10006, 8000] {
                list.push(format!("{scheme}://{host}:{port}"));
            }
        }
    }
    list
}

/// A CMS request: a GET with its query string (A/B) or a JSON POST (C).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CmsRequest {
    /// The route without the prefix, with the query string on a GET.
    pub path: String,
    /// The JSON body of a POST; None for a GET.
    pub body: Option<String>,
}

impl CmsRequest {
    /// A/B's GET: `path?k=v&…`, values percent-encoded.
    pub(crate) fn get(path: &str, query: &[(&str, String)]) -> CmsRequest {
        let query: Vec<String> = (query.iter())
            .map(|(k, v)| format!("{k}={}", crate::routes::encode_component(v)))
            .collect();
        CmsRequest {
            path: format!("{path}?{}", query.join("&")),
            body: None,
        }
    }

    /// C's POST with its operationID.
    pub(crate) fn post(path: &str, mut body: Value, operation_id: &str) -> CmsRequest {
        body["operationID"] = json!(operation_id);
        CmsRequest {
            path: path.to_string(),
            body: Some(body.to_string()),
        }
    }
}

/// What a group search looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupSearch {
    All,
    /// The name contains the text.
    Name(String),
    /// Exactly this groupID (C only).
    Id(String),
}

/// Characters a name search must not carry: A/B paste it into SQL
/// (docs/cms.md#cms-traps, trap T9).
pub const UNSAFE_SEARCH: [char; 4] = ['\'', '%', '_', '\\'];

/// A page of the group directory (docs/cms.md#cms-get-groups,
/// docs/cms.md#cms-get-group-by-name): pages count from 1.
pub fn groups_request(
    gen: Gen,
    search: &GroupSearch,
    page: u32,
    show: u32,
    operation_id: &str,
) -> CmsRequest {
    let paging = [
        ("page_number", page.to_string()),
        ("show_number", show.to_string()),
    ];
    match (gen, search) {
        (Gen::C, _) => {
            let mut body = json!({ "pageNumber": page, "showNumber": show });
            match search {
                GroupSearch::Id(id) => body["groupID"] = json!(id),
                GroupSearch::Name(name) => body["groupName"] = json!(name),
                GroupSearch::All => {}
            }
            CmsRequest::post("/group/get_groups", body, operation_id)
        }
        (_, GroupSearch::Name(name)) => {
            let mut query = vec![("group_name", name.clone())];
            query.extend(paging);
            CmsRequest::get("/group/get_group_by_name", &query)
        }
        (_, GroupSearch::Id(id)) => {
            CmsRequest::get("/group/get_group_by_id", &[("group_id", id.clone())])
        }
        (_, GroupSearch::All) => CmsRequest::get("/group/get_groups", &paging),
    }
}

/// An answer's `data`, or the error its body reports, whatever the HTTP
/// status said (docs/cms.md#cms-envelopes): `code`/`err_msg` on A/B,
/// `errCode`/`errMsg` on C, where errCode may even be an object.
pub fn read_answer(
    gen: Gen,
    status: u16,
    body: &str,
    operation_id: &str,
) -> Result<Value, ApiError> {
    let fail = |kind| ApiError::new(operation_id, kind);
    let v: Value = serde_json::from_str(body).map_err(|_| {
        fail(ErrorKind::NotJson {
            status,
            snippet: body.chars().take(200).collect(),
        })
    })?;
    let (code_key, msg_key) = match gen {
        Gen::C => ("errCode", "errMsg"),
        _ => ("code", "err_msg"),
    };
    let code = &v[code_key];
    let (code, msg) = match code.as_i64() {
        Some(c) => (c, text(&v, msg_key)),
        // An error value written whole: {"ErrCode":802,"ErrMsg":"…"}.
        None if code.is_object() => (number(code, "ErrCode"), text(code, "ErrMsg")),
        None => {
            return Err(fail(ErrorKind::Shape {
                status,
                detail: format!("no {code_key} in the answer"),
            }))
        }
    };
    if code != 0 {
        return Err(fail(ErrorKind::Server {
            err_code: code,
            err_msg: msg,
            data: None,
        }));
    }
    Ok(v["data"].clone())
}

/// Whether `e` may be the token check's refusal (docs/cms.md#cms-token-check):
/// A/B's code 700, C's errCode 400 (which a body that does not bind shares).
pub fn refuses_token(gen: Gen, e: &ApiError) -> bool {
    e.err_code() == Some(if gen == Gen::C { 400 } else { 700 })
}

/// A group as the directory shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CmsGroup {
    pub group_id: String,
    pub name: String,
    pub owner_id: String,
    pub owner_name: String,
    /// As the generation writes it: a Go time string (A/B) or unix
    /// seconds (C, 0 when the server left it out).
    pub created: CreatedAt,
    /// C only.
    pub members: Option<u64>,
    /// C only: A/B say nothing of a group's status.
    pub status: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CreatedAt {
    #[default]
    Unknown,
    Text(String),
    Seconds(i64),
}

/// A page of groups and the server's total (which may count groups the
/// page leaves out, docs/cms.md#cms-get-groups).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupsPage {
    pub groups: Vec<CmsGroup>,
    pub total: u64,
}

/// The `data` of a group read: a page (get_groups, get_group_by_name) or
/// one group (A/B get_group_by_id, where an empty ID means none).
pub fn groups_page(gen: Gen, data: &Value) -> GroupsPage {
    if gen == Gen::C {
        let groups = (data["groups"].as_array().into_iter().flatten())
            .map(|g| CmsGroup {
                group_id: text(g, "groupID"),
                name: text(g, "groupName"),
                owner_id: text(g, "GroupOwnerID"),
                owner_name: text(g, "GroupOwnerName"),
                created: match number(g, "createTime") {
                    0 => CreatedAt::Unknown,
                    s => CreatedAt::Seconds(s),
                },
                members: Some(number(g, "memberCount") as u64),
                status: Some(number(g, "status")),
            })
            .collect();
        return GroupsPage {
            groups,
            total: number(data, "groupNums") as u64,
        };
    }
    let row = |g: &Value| CmsGroup {
        group_id: text(g, "group_id"),
        name: text(g, "group_name"),
        owner_id: text(g, "group_master_id"),
        owner_name: text(g, "group_master_name"),
        created: match text(g, "create_time") {
            t if t.is_empty() => CreatedAt::Unknown,
            t => CreatedAt::Text(t),
        },
        // A/B give no status: dismissed groups are listed like any other.
        members: None,
        status: None,
    };
    if data.get("groups").is_none() && data.get("group_id").is_some() {
        let one = row(data);
        let found = !one.group_id.is_empty();
        return GroupsPage {
            total: found as u64,
            groups: if found { vec![one] } else { Vec::new() },
        };
    }
    GroupsPage {
        groups: (data["groups"].as_array().into_iter().flatten())
            .map(row)
            .collect(),
        total: number(data, "group_nums") as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_generation_is_told_by_its_own_refusal() {
        let refused_ab = r#"{"code":700,"err_msg":"parse token failed","data":null}"#;
        let refused_c = r#"{"errCode":400,"errMsg":"x: that's not even a token"}"#;
        let missing = Some((404, "404 page not found"));
        assert_eq!(
            gen_from_probes(Some((200, refused_ab)), missing, None),
            Some(Gen::B)
        );
        assert_eq!(
            gen_from_probes(missing, Some((200, refused_c)), None),
            Some(Gen::C)
        );
        assert_eq!(
            gen_from_probes(missing, missing, Some((200, refused_ab))),
            Some(Gen::A)
        );
        // The main API, a proxy's page or no answer: no CMS.
        assert_eq!(gen_from_probes(missing, missing, missing), None);
        assert_eq!(gen_from_probes(None, None, None), None);
        let html = Some((200, "<html>index</html>"));
        assert_eq!(gen_from_probes(html, html, html), None);
        let other = r#"{"errCode":400,"errMsg":"x"}"#;
        assert_eq!(gen_from_probes(Some((404, other)), None, None), None);
    }

    #[test]
    fn the_cms_is_looked_for_here_then_on_its_ports() {
        assert_eq!(
            candidates("", "https://admin.example.com"),
            [
                "",
                "https://admin.example.com:10006",
                "https://admin.example.com:8000"
            ]
        );
        assert_eq!(
            candidates("http://10.0.0.5:10002/", "https://admin.example.com"),
            ["", "http://10.0.0.5:10006", "http://10.0.0.5:8000"]
        );
        assert_eq!(
            candidates("http://[::1]:10002", ""),
            ["", "http://[::1]:10006", "http://[::1]:8000"]
        );
        assert_eq!(candidates("", ""), [""]);
    }

    #[test]
    fn urls_carry_the_prefix_once() {
        let cms = Cms {
            base: "http://h:10006".into(),
            gen: Gen::B,
        };
        assert_eq!(
            cms.url("/group/get_groups"),
            "http://h:10006/cms/group/get_groups"
        );
        let proxied = Cms {
            base: "https://im.example.com/cms/".into(),
            gen: Gen::C,
        };
        assert_eq!(
            proxied.url("/group/get_groups"),
            "https://im.example.com/cms/group/get_groups"
        );
        let here = Cms {
            base: String::new(),
            gen: Gen::A,
        };
        assert_eq!(here.url("/group/get_groups"), "/api/group/get_groups");
        assert_eq!(Cms::parse(&here.store()), Some(here));
        assert_eq!(Cms::parse(&proxied.store()), Some(proxied));
        assert_eq!(Cms::parse("D x"), None);
    }

    #[test]
    fn group_reads_are_written_as_each_generation_wants() {
        let all = groups_request(Gen::B, &GroupSearch::All, 2, 50, "op");
        assert_eq!(all.path, "/group/get_groups?page_number=2&show_number=50");
        assert_eq!(all.body, None);
        let named = groups_request(
            Gen::A,
            &GroupSearch::Name("Night shift".into()),
            1,
            20,
            "op",
        );
        assert_eq!(
            named.path,
            "/group/get_group_by_name?group_name=Night%20shift&page_number=1&show_number=20"
        );
        let by_id = groups_request(Gen::B, &GroupSearch::Id("g/1".into()), 1, 20, "op");
        assert_eq!(by_id.path, "/group/get_group_by_id?group_id=g%2F1");
        let c = groups_request(Gen::C, &GroupSearch::Name("ops".into()), 3, 20, "op-1");
        assert_eq!(c.path, "/group/get_groups");
        let body: Value = serde_json::from_str(c.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"pageNumber": 3, "showNumber": 20, "groupName": "ops", "operationID": "op-1"})
        );
    }

    #[test]
    fn answers_are_read_by_their_body_not_their_status() {
        let ok = read_answer(
            Gen::B,
            200,
            r#"{"code":0,"err_msg":"","data":{"x":1}}"#,
            "op",
        );
        assert_eq!(ok.unwrap()["x"], 1);
        // A bad body on a BindJSON route: HTTP 400 and code 803.
        let e = read_answer(
            Gen::A,
            400,
            r#"{"code":803,"err_msg":"args failed","data":null}"#,
            "op",
        )
        .unwrap_err();
        assert_eq!(
            (e.err_code(), e.err_msg()),
            (Some(803), Some("args failed"))
        );
        let e =
            read_answer(Gen::C, 200, r#"{"errCode":400,"errMsg":"bad token"}"#, "op").unwrap_err();
        assert_eq!(e.err_code(), Some(400));
        assert!(refuses_token(Gen::C, &e) && !refuses_token(Gen::B, &e));
        let ab = read_answer(
            Gen::B,
            200,
            r#"{"code":700,"err_msg":"parse token failed","data":null}"#,
            "op",
        );
        assert!(refuses_token(Gen::A, &ab.unwrap_err()));
        // An error value written whole into errCode.
        let e = read_answer(
            Gen::C,
            200,
            r#"{"errCode":{"ErrCode":802,"ErrMsg":"db failed"},"errMsg":""}"#,
            "op",
        )
        .unwrap_err();
        assert_eq!((e.err_code(), e.err_msg()), (Some(802), Some("db failed")));
        let e = read_answer(Gen::C, 404, "404 page not found", "op").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::NotJson { status: 404, .. }));
        assert_eq!(e.operation_id, "op");
    }

    #[test]
    fn group_pages_read_each_generations_keys() {
        let ab: Value = serde_json::from_str(r#"{"groups":[{"group_name":"g1","group_id":"a1","group_master_name":"Bob","group_master_id":"u2","create_time":"2022-05-01 10:00:00 +0800 CST","is_ban_chat":false,"is_ban_private_chat":false,"profile_photo":""}],"group_nums":42,"current_number":1,"show_number":20}"#).unwrap();
        let page = groups_page(Gen::B, &ab);
        assert_eq!(page.total, 42);
        let g = &page.groups[0];
        assert_eq!(
            (g.group_id.as_str(), g.owner_name.as_str(), g.status),
            ("a1", "Bob", None)
        );
        assert_eq!(
            g.created,
            CreatedAt::Text("2022-05-01 10:00:00 +0800 CST".into())
        );
        let c: Value = serde_json::from_str(r#"{"groups":[{"GroupOwnerName":"Bob","GroupOwnerID":"u2","groupID":"g9","groupName":"g1","ownerUserID":"","createTime":1651370000,"memberCount":3,"status":0}],"groupNums":1,"currentPage":1,"showNumber":20}"#).unwrap();
        let page = groups_page(Gen::C, &c);
        let g = &page.groups[0];
        assert_eq!(
            (g.owner_id.as_str(), g.members, g.created.clone()),
            ("u2", Some(3), CreatedAt::Seconds(1_651_370_000))
        );
        // A/B by ID: one object; an empty ID is "not found".
        let one = groups_page(Gen::A, &json!({"group_id": "a1", "group_name": "g1"}));
        assert_eq!((one.total, one.groups.len()), (1, 1));
        let none = groups_page(Gen::A, &json!({"group_id": "", "group_name": ""}));
        assert_eq!((none.total, none.groups.len()), (0, 0));
        assert_eq!(groups_page(Gen::B, &Value::Null), GroupsPage::default());
    }
}
