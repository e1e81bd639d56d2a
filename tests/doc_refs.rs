#![cfg(not(target_arch = "wasm32"))]
//! References from the sources into the project's own documents lead
//! somewhere: every cited document under `docs/` exists and defines the
//! cited anchor (`<a id="anchor"></a>`), no anchor is defined twice, no
//! section number of a document outside the repository is left (only an
//! external standard's, `RFC <number>` followed by the section sign), and
//! the links inside the documents point at their own anchors.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The section sign, written as an escape so this file does not cite.
const SECTION_SIGN: char = '\u{a7}';

/// Where citations are looked for: these folders (without build output)
/// and these single files, relative to the repository's root.
const DIRS: [&str; 7] = [
    "src", "sim", "tests", "benches", "scripts", "style", "deploy",
];
const FILES: [&str; 3] = ["index.html", "README.md", "sim/README.md"];

const DOCS: &str = "docs";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One document's anchors, and every definition after the first of an
/// anchor (line number and line).
#[derive(Default)]
struct Doc {
    anchors: BTreeSet<String>,
    repeated: Vec<(usize, String)>,
    text: String,
}

/// Every `docs/*.md`, by file name.
fn docs() -> BTreeMap<String, Doc> {
    let mut docs = BTreeMap::new();
    let Ok(entries) = fs::read_dir(root().join(DOCS)) else {
        return docs;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_default();
        let mut doc = Doc::default();
        for (i, line) in text.lines().enumerate() {
            for anchor in defined_ids(line) {
                if !doc.anchors.insert(anchor.to_string()) {
                    doc.repeated.push((i + 1, line.trim().to_string()));
                }
            }
        }
        doc.text = text;
        docs.insert(name.to_string(), doc);
    }
    docs
}

/// The values of `id="..."` on a line.
fn defined_ids(line: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("id=\"") {
        rest = &rest[at + 4..];
        let Some(end) = rest.find('"') else { break };
        ids.push(&rest[..end]);
        rest = &rest[end..];
    }
    ids
}

fn walk(dir: &Path, out: &mut BTreeSet<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            walk(&path, out);
        } else {
            out.insert(path);
        }
    }
}

/// Every file that may cite, in a stable order.
fn sources() -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    for dir in DIRS {
        walk(&root().join(dir), &mut files);
    }
    for file in FILES {
        files.insert(root().join(file));
    }
    files
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'
}

fn anchor_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The `(document, anchor)` pairs a line cites: the docs folder, a slash
/// and `NAME.md`, with or without `#anchor`, not preceded by a letter or
/// digit.
fn citations(line: &str) -> Vec<(&str, Option<&str>)> {
    let prefix = format!("{DOCS}/");
    let mut found = Vec::new();
    for (at, _) in line.match_indices(&prefix) {
        if line[..at].chars().next_back().is_some_and(anchor_char) {
            continue;
        }
        let after = &line[at + prefix.len()..];
        let end = after.find(|c: char| !name_char(c)).unwrap_or(after.len());
        let name = after[..end].trim_end_matches('.');
        if !name.ends_with(".md") || name.len() == 3 {
            continue;
        }
        let anchor = after[end..].strip_prefix('#').map(|a| {
            let stop = a.find(|c: char| !anchor_char(c)).unwrap_or(a.len());
            &a[..stop]
        });
        found.push((name, anchor));
    }
    found
}

/// Whether the text before a section sign names an external standard:
/// `RFC`, a space, a number and a space.
fn names_a_standard(before: &str) -> bool {
    let Some(number) = before.strip_suffix(' ') else {
        return false;
    };
    let word = number.trim_end_matches(|c: char| c.is_ascii_digit());
    word.len() < number.len() && word.ends_with("RFC ")
}

/// What is wrong with a line's references, one entry per problem.
fn problems(line: &str, docs: &BTreeMap<String, Doc>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, anchor) in citations(line) {
        match (docs.get(name), anchor) {
            (None, _) => out.push(format!("no document {name} in {DOCS}/")),
            (Some(_), Some("")) => out.push(format!("empty anchor after {name}#")),
            (Some(doc), Some(a)) if !doc.anchors.contains(a) => {
                out.push(format!("{name} defines no anchor {a}"))
            }
            _ => {}
        }
    }
    for (at, _) in line.match_indices(SECTION_SIGN) {
        if !names_a_standard(&line[..at]) {
            out.push("a section number of a document outside the repository".into());
        }
    }
    out
}

#[test]
fn citations_lead_to_existing_documents_and_anchors() {
    let docs = docs();
    let mut bad = Vec::new();
    for path in sources() {
        // Images, fonts and other binary files cannot cite.
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let shown = path.strip_prefix(root()).unwrap_or(&path).display();
        for (i, line) in text.lines().enumerate() {
            for problem in problems(line, &docs) {
                bad.push(format!("{shown}:{}: {} [{problem}]", i + 1, line.trim()));
            }
        }
    }
    for (name, doc) in &docs {
        for (line, text) in &doc.repeated {
            bad.push(format!(
                "{DOCS}/{name}:{line}: {text} [anchor defined twice]"
            ));
        }
    }
    assert!(bad.is_empty(), "bad references:\n{}", bad.join("\n"));
}

#[test]
fn links_inside_the_documents_lead_to_their_anchors() {
    let docs = docs();
    assert!(!docs.is_empty(), "no documents in {DOCS}/");
    let mut bad = Vec::new();
    for (name, doc) in &docs {
        for (i, line) in doc.text.lines().enumerate() {
            for (at, _) in line.match_indices("(#") {
                let target = &line[at + 2..];
                let anchor = &target[..target.find(')').unwrap_or(target.len())];
                if !doc.anchors.contains(anchor) {
                    bad.push(format!(
                        "{DOCS}/{name}:{}: {} [no anchor {anchor}]",
                        i + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "broken links:\n{}", bad.join("\n"));
}
