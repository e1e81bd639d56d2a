//! Serves a built dashboard (`--dashboard DIR`) for GET and HEAD: the file
//! itself when it exists under DIR, `index.html` for extension-less paths
//! (client-side routes), 404 otherwise. Paths that try to leave DIR are
//! refused.

use std::path::{Component, Path, PathBuf};

pub struct StaticFile {
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub cache_control: &'static str,
}

/// `None` means 404.
pub fn lookup(root: &Path, decoded_path: &str) -> Option<StaticFile> {
    let rel = safe_relative(decoded_path)?;
    let root = root.canonicalize().ok()?;
    if !rel.as_os_str().is_empty() {
        if let Some(file) = read_inside(&root, &root.join(&rel)) {
            return Some(file);
        }
    }
    let last = decoded_path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return None;
    }
    read_inside(&root, &root.join("index.html"))
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

/// Reads `candidate` if it is a regular file whose real path stays under
/// `root` (so symlinks cannot point outside either).
fn read_inside(root: &Path, candidate: &Path) -> Option<StaticFile> {
    let real = candidate.canonicalize().ok()?;
    if !real.starts_with(root) || !real.is_file() {
        return None;
    }
    let body = std::fs::read(&real).ok()?;
    let content_type = content_type(&real);
    let cache_control = if content_type.starts_with("text/html") {
        "no-cache"
    } else {
        "public, max-age=300"
    };
    Some(StaticFile {
        content_type,
        body,
        cache_control,
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
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%2e%2E/b%20c"), "/a../b c");
        assert_eq!(percent_decode("/x%zz%4"), "/x%zz%4");
    }
}
