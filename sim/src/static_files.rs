//! Serves a built dashboard (`--dashboard DIR`) for GET and HEAD: the file
//! itself when it exists under DIR, `index.html` for extension-less paths
//! (client-side routes), 404 otherwise. Paths that try to leave DIR are
//! refused. A `.br` or `.gz` file beside the one asked for is sent instead
//! when the client accepts that coding.

use std::path::{Component, Path, PathBuf};

use crate::negotiate;

pub struct StaticFile {
    pub content_type: &'static str,
    /// `Content-Encoding` of `body`, when a precompressed variant was chosen.
    pub content_encoding: Option<&'static str>,
    /// The answer depends on `Accept-Encoding` (variants exist).
    pub varies: bool,
    pub body: Vec<u8>,
    pub cache_control: &'static str,
}

/// Hashed names change with their content, so they may be kept forever;
/// everything else (index.html, config.json) is checked on every use.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// `None` means 404.
pub fn lookup(
    root: &Path,
    decoded_path: &str,
    accept_encoding: Option<&str>,
) -> Option<StaticFile> {
    let rel = safe_relative(decoded_path)?;
    let root = root.canonicalize().ok()?;
    if !rel.as_os_str().is_empty() {
        if let Some(file) = read_inside(&root, &root.join(&rel), accept_encoding) {
            return Some(file);
        }
    }
    let last = decoded_path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return None;
    }
    read_inside(&root, &root.join("index.html"), accept_encoding)
}

/// Trunk names built assets `name-<hash>.ext` (wasm: `name-<hash>_bg.wasm`),
/// the hash a 64-bit number in hex without leading zeros: up to 16 digits,
/// and fewer than 12 only once in millions of builds.
pub fn is_hashed(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty()
                && (12..=16).contains(&hash.len())
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        None => false,
    }
}

/// The request path as a relative path with only normal components; `None`
/// for anything that could climb out (`..`, backslashes, NUL, drive prefixes).
fn safe_relative(path: &str) -> Option<PathBuf> {
    if path.contains('\\') || path.contains('\0') {
        return None;
    }
    let mut out = PathBuf::new();
    for part in path.split('/') {
        match part {
            "" | "." => continue,
            ".." => return None,
            p => {
                let mut comps = Path::new(p).components();
                match (comps.next(), comps.next()) {
                    (Some(Component::Normal(c)), None) => out.push(c),
                    _ => return None,
                }
            }
        }
    }
    Some(out)
}

/// The real path of `candidate` if it is a regular file that stays under
/// `root` (so symlinks cannot point outside either).
fn inside(root: &Path, candidate: &Path) -> Option<PathBuf> {
    let real = candidate.canonicalize().ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

/// Reads `candidate`, or the precompressed variant beside it that the
/// client's `Accept-Encoding` prefers.
fn read_inside(root: &Path, candidate: &Path, accept_encoding: Option<&str>) -> Option<StaticFile> {
    let real = inside(root, candidate)?;
    let variants: Vec<(&'static str, PathBuf)> = negotiate::CODINGS
        .iter()
        .filter_map(|(coding, suffix)| {
            let mut name = real.file_name()?.to_os_string();
            name.push(suffix);
            Some((*coding, inside(root, &real.with_file_name(name))?))
        })
        .collect();
    let available: Vec<&'static str> = variants.iter().map(|(c, _)| *c).collect();
    let chosen = negotiate::choose(accept_encoding, &available);
    let source = variants
        .iter()
        .find(|(c, _)| Some(*c) == chosen)
        .map_or(&real, |(_, p)| p);
    let body = std::fs::read(source).ok()?;
    let name = real.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Some(StaticFile {
        content_type: content_type(&real),
        content_encoding: chosen,
        varies: !variants.is_empty(),
        body,
        cache_control: if is_hashed(name) {
            IMMUTABLE
        } else {
            REVALIDATE
        },
    })
}

pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Percent-decodes a URL path (gin matches routes on the decoded path).
/// A `%` not followed by two hex digits stays as it is.
pub fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_climbing_paths() {
        assert!(safe_relative("/../etc/passwd").is_none());
        assert!(safe_relative("/a/../../b").is_none());
        assert!(safe_relative("/a\\..\\b").is_none());
        assert_eq!(safe_relative("/a/./b.js"), Some(PathBuf::from("a/b.js")));
    }

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed("openim-admin-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("openim-admin-0123456789abcdef.js"));
        assert!(is_hashed("base-fedcba9876543210.css"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("config.json"));
        assert!(!is_hashed("boot.js"));
        assert!(!is_hashed("-0123456789abcdef.js"));
        assert!(!is_hashed("app-0123456789abcdeg.js"));
        assert!(is_hashed("favicon-43e50de0b376af3.svg"), "15 digits");
        assert!(!is_hashed("app-0123456789a.js"));
        assert!(!is_hashed("app-0123456789ABCDEF.js"));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%2e%2E/b%20c"), "/a../b c");
        assert_eq!(percent_decode("/x%zz%4"), "/x%zz%4");
    }
}
