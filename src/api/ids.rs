//! Lists of IDs as operators paste them: from spreadsheets, chat, logs.

/// Longest userID the server accepts (`binding:"max=64"` in v2).
pub const MAX_ID_LEN: usize = 64;

/// The IDs in pasted text, in first-seen order, with what was dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdList {
    pub ids: Vec<String>,
    /// How many repeats were dropped.
    pub duplicates: usize,
    /// IDs longer than [`MAX_ID_LEN`] (kept out of `ids`).
    pub too_long: Vec<String>,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '，' | '；' | '、')
}

/// Splits on newlines, commas, semicolons, spaces and tabs (ASCII and
/// full-width), trims, drops empties and repeats, keeps the order.
pub fn parse_id_list(text: &str) -> IdList {
    let mut out = IdList::default();
    let mut seen = rustc_hash::FxHashSet::default();
    for raw in text.split(is_separator) {
        let id = raw.trim_matches(|c: char| c == '"' || c == '\'');
        if id.is_empty() {
            continue;
        }
        if id.chars().count() > MAX_ID_LEN {
            out.too_long.push(id.to_string());
        } else if seen.insert(id) {
            out.ids.push(id.to_string());
        } else {
            out.duplicates += 1;
        }
    }
    out
}

/// Splits a list into pieces of at most `max` for endpoints with a cap.
pub fn chunk<T>(items: &[T], max: usize) -> std::slice::Chunks<'_, T> {
    items.chunks(max.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_separator_and_trims() {
        let l = parse_id_list(" a\nb,c  d\te;f\r\ng，h、i ");
        assert_eq!(l.ids, ["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
        assert_eq!(l.duplicates, 0);
    }

    #[test]
    fn removes_duplicates_keeping_first_order() {
        let l = parse_id_list("3,1,3\n2 1 1");
        assert_eq!(l.ids, ["3", "1", "2"]);
        assert_eq!(l.duplicates, 3);
    }

    #[test]
    fn strips_csv_quotes_and_blank_lines() {
        let l = parse_id_list("\"u1\",'u2'\n\n\n,,,");
        assert_eq!(l.ids, ["u1", "u2"]);
    }

    #[test]
    fn empty_text_gives_nothing() {
        assert_eq!(parse_id_list("  \n\t , "), IdList::default());
    }

    #[test]
    fn overlong_ids_are_set_aside() {
        let long = "x".repeat(65);
        let ok = "y".repeat(64);
        let l = parse_id_list(&format!("{long} {ok}"));
        assert_eq!(l.ids, [ok]);
        assert_eq!(l.too_long, [long]);
    }

    #[test]
    fn ids_are_case_sensitive() {
        assert_eq!(parse_id_list("Ab ab AB").ids, ["Ab", "ab", "AB"]);
    }

    #[test]
    fn chunks_respect_the_cap() {
        let ids: Vec<u32> = (0..250).collect();
        let sizes: Vec<usize> = chunk(&ids, 100).map(|c| c.len()).collect();
        assert_eq!(sizes, [100, 100, 50]);
        assert_eq!(chunk(&ids, 200).count(), 2);
        assert_eq!(chunk::<u32>(&[], 100).count(), 0);
        let firsts: Vec<u32> = chunk(&ids, 100).map(|c| c[0]).collect();
        assert_eq!(firsts, [0, 100, 200]);
    }
}
