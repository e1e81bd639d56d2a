//! Text helpers: case folding for filters, and fields of stored lines.

/// `text` in lower case, for case-insensitive matching (any script).
pub fn fold_case(text: &str) -> String {
    if text.chars().all(caseless_or_ascii) {
        return text.to_ascii_lowercase();
    }
    lower_case(text)
}

/// In the browser, the browser's own `toLowerCase`: Rust's would add its
/// Unicode case tables (about 19 KB of wasm) for the same answers.
#[cfg(target_arch = "wasm32")]
fn lower_case(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

#[cfg(not(target_arch = "wasm32"))]
fn lower_case(text: &str) -> String {
    text.to_lowercase()
}

/// ASCII, or a character of a script without case: CJK punctuation, kana,
/// ideographs, Hangul and the caseless blocks between them. Most nicknames
/// on OpenIM servers are made of these, and folding them then needs no trip
/// to the browser (one per profile in a lookup: 10% of a 100,000-user
/// lookup's time).
fn caseless_or_ascii(c: char) -> bool {
    matches!(c, '\0'..='\x7f' | '\u{3000}'..='\u{9fff}' | '\u{ac00}'..='\u{faff}')
}

/// A field of a stored tab-separated line: no tab or line break may end it
/// early.
pub fn flat(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_ascii_and_other_scripts() {
        assert_eq!(fold_case("Alice_T42"), "alice_t42");
        assert_eq!(fold_case("ÉLISE Ωμέγα"), "élise ωμέγα");
        assert_eq!(fold_case("张伟"), "张伟");
    }

    #[test]
    fn the_caseless_ranges_have_no_case() {
        // Every character the browser build folds without the browser is
        // one that Unicode lower-cases to itself (or ASCII, done in Rust).
        let ranges = [('\u{3000}', '\u{9fff}'), ('\u{ac00}', '\u{faff}')];
        for (from, to) in ranges {
            for c in (from..=to).filter(|c| caseless_or_ascii(*c)) {
                assert_eq!(
                    c.to_lowercase().to_string(),
                    c.to_string(),
                    "{c:?} has case"
                );
            }
        }
        // Fullwidth Latin (U+FF21) has case: it must go to the browser.
        assert!(!caseless_or_ascii('Ａ'));
        assert!(!caseless_or_ascii('É'));
    }
}
