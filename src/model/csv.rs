//! CSV export that spreadsheets open safely.

/// Quotes a cell when needed, and defuses cells a spreadsheet would run as
/// a formula (`=`, `+`, `-`, `@`, tab, CR at the start).
pub fn cell(value: &str) -> String {
    let defused = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// A whole document: header line, rows, CRLF line ends (RFC 4180).
pub fn document(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out.push_str(&line(header.iter().map(|h| h.to_string()).collect()));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&line(row));
        out.push_str("\r\n");
    }
    out
}

/// The values of a CSV text's first column, a line each, without a
/// `userID` header (a list of recipients saved from a spreadsheet).
pub fn first_column(text: &str) -> String {
    (text.lines())
        .filter_map(|l| l.split(',').next())
        .map(|c| c.trim().trim_start_matches('\u{feff}').trim_matches('"'))
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("userID"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_column_of_a_saved_list() {
        let text = "\u{feff}userID,result\r\n\"u1\",sent\r\nu2\n\n, empty\nu3";
        assert_eq!(first_column(text), "u1\nu2\nu3");
    }

    #[test]
    fn plain_cells_stay_as_they_are() {
        assert_eq!(cell("openIM123456"), "openIM123456");
        assert_eq!(cell("张三"), "张三");
    }

    #[test]
    fn separators_and_quotes_are_quoted() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@x"), "'@x");
    }

    #[test]
    fn documents_have_a_header_and_crlf() {
        let doc = document(&["a", "b"], vec![vec!["1".into(), "x,y".into()]]);
        assert_eq!(doc, "a,b\r\n1,\"x,y\"\r\n");
    }
}
