//! Pairs of user IDs pasted as CSV (`fromUserID,friendUserID` a line), for
//! bulk friend imports: every bad line is reported by its number before
//! anything is sent.

use rustc_hash::FxHashSet;

/// The longest userID the server stores (varchar(64)).
const ID_MAX: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairProblem {
    /// Not two fields.
    NotTwoFields,
    EmptyId,
    TooLong,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedPairs {
    /// (from, to) in the order given, each once.
    pub pairs: Vec<(String, String)>,
    /// Repeated pairs left out.
    pub duplicates: usize,
    /// 1-based line numbers of bad lines, with what is wrong.
    pub bad: Vec<(usize, PairProblem)>,
}

/// Lines of two IDs separated by a comma, semicolon or tab (spaces around
/// them are ignored). Blank lines and a first line naming the columns
/// (`fromUserID,…`) are skipped.
pub fn parse_pairs(text: &str) -> ParsedPairs {
    let mut out = ParsedPairs::default();
    let mut seen = FxHashSet::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (i == 0 && line.to_ascii_lowercase().starts_with("fromuserid")) {
            continue;
        }
        let fields: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
        let problem = match fields[..] {
            [from, to] if from.is_empty() || to.is_empty() => Some(PairProblem::EmptyId),
            [from, to] if from.chars().count() > ID_MAX || to.chars().count() > ID_MAX => {
                Some(PairProblem::TooLong)
            }
            [_, _] => None,
            _ => Some(PairProblem::NotTwoFields),
        };
        match problem {
            Some(p) => out.bad.push((i + 1, p)),
            None => {
                let pair = (fields[0].to_string(), fields[1].to_string());
                if seen.insert(pair.clone()) {
                    out.pairs.push(pair);
                } else {
                    out.duplicates += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_become_pairs_and_bad_ones_are_named_by_line() {
        let text = "fromUserID,friendUserID\n\
                    a,b\n\
                    \n\
                    a ; c\n\
                    lonely\n\
                    x,y,z\n\
                    ,d\n\
                    a,b\n\
                    e\tf\n";
        let long = format!("a,{}", "x".repeat(65));
        let parsed = parse_pairs(&format!("{text}{long}"));
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            parsed.pairs,
            [pair("a", "b"), pair("a", "c"), pair("e", "f")]
        );
        assert_eq!(parsed.duplicates, 1);
        assert_eq!(
            parsed.bad,
            [
                (5, PairProblem::NotTwoFields),
                (6, PairProblem::NotTwoFields),
                (7, PairProblem::EmptyId),
                (10, PairProblem::TooLong),
            ]
        );
    }

    #[test]
    fn a_header_is_skipped_only_on_the_first_line() {
        let parsed = parse_pairs("a,b\nfromUserID,friendUserID");
        assert_eq!(parsed.pairs.len(), 2);
        assert!(parse_pairs("").pairs.is_empty());
    }
}
