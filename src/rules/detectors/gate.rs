//! Which patterns can match in a long text, from one pass over it (native builds only).
//!
//! Each detector pattern is searched only where a match can start ([`super::pattern`]), but
//! working out those starts (digit islands, labelled words) and searching there cost about
//! 4 ns a byte on a vendor parameter block, where nothing matches. The set of all patterns,
//! run once by `regex`'s lazy DFA (about 2 ns a byte), says which of them match anywhere in
//! the text, and the others are not searched. The gate only skips work: a pattern it lets
//! through is searched as before, so the findings are the same. A test checks that it lets
//! through every pattern that regex-lite matches.
//!
//! Why the patterns are rewritten: regex-lite's classes and word boundaries are ASCII only,
//! `regex`'s are Unicode, and a Unicode `\b` or `[^\s]` matches in fewer places. Each pattern
//! is given to `regex` with `\d`, `\s` and `\w` as their ASCII sets and `\b` as the ASCII word
//! boundary. Case folding stays Unicode, which can only match in more places.

use std::sync::LazyLock;

use regex::RegexSet;

/// The shortest text the gate runs on. A pass of its own costs more than it saves on shorter
/// text: the digit and letter counts of [`super::possible`] rule out most detectors there, and
/// values of 64 to 255 bytes (report sentences) often hold a date-like number, so the gate
/// lets a pattern through anyway (`examples/detector_bench.rs`, docs/benchmarks.md).
pub(super) const MIN_LEN: usize = 256;

static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(super::all_patterns().map(|(_, p)| ascii_superset(p.source())))
        .expect("every detector pattern rewrites to a valid regex")
});

/// Bit `i` set where pattern `i` of [`super::all_patterns`] matches somewhere in `text`.
pub(super) fn may_match(text: &str) -> u32 {
    // Why a plain match first: most long texts (vendor parameter blocks) match no pattern, and
    // the search that stops at a first match costs about a fifth less a byte than the one
    // that tells which patterns match.
    if !SET.is_match(text) {
        return 0;
    }
    SET.matches(text).iter().fold(0, |mask, i| mask | 1 << i)
}

/// `pattern` (regex-lite syntax) with its classes and word boundaries spelled out in ASCII.
fn ascii_superset(pattern: &str) -> String {
    const SPACE: &str = r"\t\n\x0B\x0C\r ";
    const DIGIT: &str = "0-9";
    const WORD: &str = "0-9A-Za-z_";
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    let mut in_class = false;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '\\' => {
                let Some(e) = rest.chars().next() else {
                    out.push('\\');
                    break;
                };
                rest = &rest[e.len_utf8()..];
                let set = match e {
                    's' => Some(SPACE),
                    'd' => Some(DIGIT),
                    'w' => Some(WORD),
                    _ => None,
                };
                match set {
                    Some(set) if in_class => out.push_str(set),
                    Some(set) => {
                        out.push('[');
                        out.push_str(set);
                        out.push(']');
                    }
                    None if e == 'b' && !in_class => out.push_str(r"(?-u:\b)"),
                    None => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A ']' first in a class (after a '^') is a literal, not its end.
                let lead = if rest.starts_with("^]") {
                    2
                } else if rest.starts_with(['^', ']']) {
                    1
                } else {
                    0
                };
                out.push_str(&rest[..lead]);
                rest = &rest[lead..];
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ascii_superset;

    #[test]
    fn classes_and_boundaries_are_spelled_out_in_ascii() {
        assert_eq!(ascii_superset(r"\b\d{3}\b"), r"(?-u:\b)[0-9]{3}(?-u:\b)");
        assert_eq!(ascii_superset(r"\s+\w"), r"[\t\n\x0B\x0C\r ]+[0-9A-Za-z_]");
        assert_eq!(ascii_superset(r"[\d ()./-]"), r"[0-9 ()./-]");
        assert_eq!(
            ascii_superset(r#"[^\s<>"'\\^|]+"#),
            r#"[^\t\n\x0B\x0C\r <>"'\\^|]+"#
        );
        // Inside a class `\b` is not a boundary; escapes other than the three pass unchanged.
        assert_eq!(ascii_superset(r"[]\d]\.\+"), r"[]0-9]\.\+");
        assert_eq!(ascii_superset(r"(?i)straße"), r"(?i)straße");
    }
}
