//! Content-coding negotiation for precompressed dashboard files
//! (RFC 9110 §12.5.3): the client's `Accept-Encoding` against the variants
//! that exist on disk.

/// Codings the dashboard build leaves beside its files, best first.
pub const CODINGS: [(&str, &str); 2] = [("br", ".br"), ("gzip", ".gz")];

/// The coding to send, `None` for the file as it is. `available` lists the
/// codings that exist for this file. The highest non-zero q wins; on a tie
/// the smaller format (brotli) does. An absent header means identity only.
pub fn choose(accept_encoding: Option<&str>, available: &[&'static str]) -> Option<&'static str> {
    let accept = accept_encoding?;
    let mut best: Option<(&'static str, u32)> = None;
    for coding in available {
        let q = quality(accept, coding);
        if q > 0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((coding, q));
        }
    }
    best.map(|(c, _)| c)
}

/// The q-value (in thousandths) the header gives `coding`: its own entry,
/// else `*`, else 0. `x-gzip` is an alias of `gzip`.
fn quality(accept: &str, coding: &str) -> u32 {
    let mut wildcard = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .find_map(|p| {
                let (k, v) = p.split_once('=')?;
                (k.trim().eq_ignore_ascii_case("q")).then(|| parse_q(v.trim()))
            })
            .unwrap_or(1000);
        if name == coding || (coding == "gzip" && name == "x-gzip") {
            return q;
        }
        if name == "*" {
            wildcard = Some(q);
        }
    }
    wildcard.unwrap_or(0)
}

/// `0`, `0.5`, `1.000` → thousandths; anything malformed counts as 0.
fn parse_q(v: &str) -> u32 {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let whole = match int {
        "0" => 0,
        "1" => 1000,
        _ => return 0,
    };
    let frac: u32 = format!("{frac:0<3}").parse().unwrap_or(0);
    (whole + frac).min(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [&str; 2] = ["br", "gzip"];

    #[test]
    fn browsers_get_brotli() {
        assert_eq!(choose(Some("gzip, deflate, br, zstd"), &BOTH), Some("br"));
        assert_eq!(choose(Some("gzip, deflate"), &BOTH), Some("gzip"));
        assert_eq!(choose(Some("x-gzip"), &BOTH), Some("gzip"));
    }

    #[test]
    fn no_header_unknown_codings_and_refusals_mean_identity() {
        assert_eq!(choose(None, &BOTH), None);
        assert_eq!(choose(Some(""), &BOTH), None);
        assert_eq!(choose(Some("identity"), &BOTH), None);
        assert_eq!(choose(Some("zstd, compress"), &BOTH), None);
        assert_eq!(choose(Some("br;q=0, gzip;q=0"), &BOTH), None);
        assert_eq!(choose(Some("*;q=0"), &BOTH), None);
        assert_eq!(choose(Some("gzip, br"), &[]), None);
    }

    #[test]
    fn q_values_rank_and_the_wildcard_fills_in() {
        assert_eq!(choose(Some("br;q=0.5, gzip;q=0.8"), &BOTH), Some("gzip"));
        assert_eq!(choose(Some("br;q=0, *"), &BOTH), Some("gzip"));
        assert_eq!(choose(Some("*"), &BOTH), Some("br"));
        assert_eq!(choose(Some("BR ; Q=1.0"), &BOTH), Some("br"));
        assert_eq!(choose(Some("gzip"), &["br"]), None);
        assert_eq!(choose(Some("br;q=2, gzip"), &BOTH), Some("gzip"));
        assert_eq!(
            choose(Some("br;q=0.0001, gzip;q=0.001"), &BOTH),
            Some("gzip")
        );
    }
}
