//! The one format of what a tab keeps in storage (drafts of typed values,
//! recent groups, the send history, a broadcast's ledger): a record a
//! line, its fields split by tabs, each field with backslash, tab and line
//! breaks escaped, so any text comes back exactly as it was written.
//!
//! Not JSON: serde's derived code for one record type costs about 1 KB of
//! brotli wasm (measured on the recent groups), and a ledger line of a
//! 100,000-recipient broadcast must stay a few characters long.

/// `field` with what would end it escaped.
pub fn escape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// The text `escape` was given. A lone backslash at the end is dropped.
pub fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => break,
        }
    }
    out
}

/// One record as a line.
pub fn line(fields: &[&str]) -> String {
    (fields.iter().map(|f| escape(f)))
        .collect::<Vec<_>>()
        .join("\t")
}

/// The fields of a line `line` wrote.
pub fn fields(line: &str) -> Vec<String> {
    line.split('\t').map(unescape).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_comes_back_as_written() {
        let odd = [
            "",
            "plain",
            "tab\there",
            "a\nb\r\nc",
            "back\\slash",
            "\\t is not a tab",
            "ends with \\",
            "张伟\t😀",
        ];
        for f in odd {
            let stored = line(&[f, f]);
            assert!(
                !stored.contains('\n') && !stored.contains('\r'),
                "{stored:?}"
            );
            assert_eq!(stored.matches('\t').count(), 1, "{stored:?}");
            assert_eq!(fields(&stored), [f, f]);
        }
        let text = [line(&["a\tb"]), line(&["c"])].join("\n");
        let back: Vec<Vec<String>> = text.lines().map(fields).collect();
        assert_eq!(back, [vec!["a\tb".to_string()], vec!["c".to_string()]]);
    }

    #[test]
    fn a_broken_escape_loses_only_itself() {
        assert_eq!(unescape("a\\"), "a");
        assert_eq!(unescape("\\q"), "q");
    }
}
