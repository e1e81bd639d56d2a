//! Text helpers: case folding for filters and numbers with one decimal.

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

/// `x` (not negative) rounded to one decimal, as "50.9". Written with
/// integers: Rust's float formatting would add 6.7 KB of brotli wasm
/// for the two places that show such a number.
pub fn one_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_rounds_like_float_formatting() {
        for x in [
            0.0,
            0.04,
            0.06,
            0.96,
            1.0,
            50.87,
            123.449,
            1023.99,
            1e6 / 7.0,
        ] {
            assert_eq!(one_decimal(x), format!("{x:.1}"), "{x}");
        }
        // A value written with a final 5 rounds up (float formatting looks
        // at the binary value, 9.9499..., and rounds down).
        assert_eq!(one_decimal(9.95), "10.0");
        assert_eq!(one_decimal(0.25), "0.3");
    }

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
