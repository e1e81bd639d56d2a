//! The security headers sent with the dashboard's files: a strict
//! Content-Security-Policy (no inline script or style, no eval; wasm may
//! compile), no MIME sniffing, no referrer.

use std::path::Path;

/// Every dashboard file carries these besides the policy.
pub const FIXED_HEADERS: [(&str, &str); 2] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
];

/// The policy for a dashboard served from `dist`. API calls go to the same
/// origin unless its `config.json` names other servers, which are then
/// allowed too. Faces and media previews come from wherever profiles point
/// (http or https; the page itself refuses other schemes).
pub fn policy(dist: &Path) -> String {
    let mut connect = String::from("'self'");
    for origin in configured_origins(dist) {
        connect.push(' ');
        connect.push_str(&origin);
    }
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' http: https:; media-src http: https:; connect-src {connect}; \
         manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
}

/// Origins of the servers `config.json` presets or allows, in file order,
/// each once. Anything that is not a plain http(s) origin is left out, so
/// the file cannot inject directives.
fn configured_origins(dist: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dist.join("config.json")) else {
        return Vec::new();
    };
    let Ok(config) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let listed = config.get("servers").and_then(|s| s.as_array());
    let urls = std::iter::once(config.get("server"))
        .chain(listed.into_iter().flatten().map(Some))
        .flatten()
        .filter_map(|v| v.as_str());
    let mut out: Vec<String> = Vec::new();
    for origin in urls.filter_map(origin_of) {
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    out
}

/// `https://im.example.com:10002/api` → `https://im.example.com:10002`.
fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_ok = !authority.is_empty()
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    host_ok.then(|| format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_reduced_to_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://IM.example.com:10002/api/").as_deref(),
            Some("https://im.example.com:10002")
        );
        assert_eq!(
            origin_of("http://[::1]:10000").as_deref(),
            Some("http://[::1]:10000")
        );
        assert_eq!(origin_of("ftp://x"), None);
        assert_eq!(origin_of(""), None);
        assert_eq!(origin_of("https://a.com; script-src *"), None);
        assert_eq!(origin_of("https://a b"), None);
        assert_eq!(origin_of("https://user@a.com"), None);
    }
}
