//! Detector patterns, searched only where a match can begin.
//!
//! regex-lite has no prefilter: an unanchored search runs its PikeVM over every character of
//! the text, once per pattern, and on text-heavy headers (vendor parameter blocks, SR trees,
//! long comments) that was 85% of a scan's time. Each pattern here comes with a cheap
//! function that lists a superset of the positions where a match can start (from the
//! characters a match is made of, its first characters, or the label it begins with), and the
//! regex then runs anchored at those positions only.
//!
//! Why this gives the plain search's results: an unanchored leftmost-first search returns the
//! earliest position with a match, and there the match an anchored search would pick. Trying
//! anchored searches at every possible start in order finds the same position and match. A
//! test runs both over generated and real-looking text and compares every candidate.

use regex_lite::{CaptureLocations, Regex};

use super::Span;

/// Where matches of a pattern may start.
pub(super) enum Starts {
    /// A superset of the start positions, ascending, on char boundaries. A function may
    /// push nothing when the text lacks something every match needs.
    At(fn(&Text<'_>, &mut Vec<usize>)),
    /// Anywhere, but only in a text that passes the function: for patterns whose start is
    /// far from what marks them (the first letter of a town before a state code and a ZIP).
    AnywhereIf(fn(&Text<'_>) -> bool),
}

pub(super) struct Pattern {
    starts: Starts,
    /// The pattern as written, for [`Starts::AnywhereIf`] and for the equivalence test.
    unanchored: Regex,
    /// `^(?:P)`: a match at the very start of the text.
    at_text_start: Regex,
    /// `^(?s:.)(?:P)`: one character of context, so `\b` sees what precedes the start.
    after_char: Regex,
    /// Its place in the detectors' list of patterns, looked up once: its bit in a gate's
    /// answer.
    #[cfg(not(target_arch = "wasm32"))]
    index: std::sync::OnceLock<usize>,
}

impl Pattern {
    pub(super) fn new(pattern: &str, starts: Starts) -> Pattern {
        let build = |p: &str| Regex::new(p).expect("detector pattern is valid");
        let unanchored = build(pattern);
        assert!(
            unanchored.captures_len() <= MAX_GROUPS,
            "a detector pattern has at most {MAX_GROUPS} groups"
        );
        Pattern {
            starts,
            unanchored,
            at_text_start: build(&format!("^(?:{pattern})")),
            after_char: build(&format!("^(?s:.)(?:{pattern})")),
            #[cfg(not(target_arch = "wasm32"))]
            index: std::sync::OnceLock::new(),
        }
    }

    /// The pattern as written, for the gate.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn source(&self) -> &str {
        self.unanchored.as_str()
    }

    /// Whether `t`'s gate lets this pattern be searched.
    #[cfg(not(target_arch = "wasm32"))]
    fn let_through(&self, t: &Text<'_>) -> bool {
        let index = *self.index.get_or_init(|| super::pattern_index(self));
        t.gate & 1 << index != 0
    }

    /// The page's modules have no gate (`regex` would weigh more than it saves there).
    #[cfg(target_arch = "wasm32")]
    fn let_through(&self, _: &Text<'_>) -> bool {
        true
    }

    /// Runs the pattern over `text` and keeps the spans `accept` returns.
    ///
    /// Why not one match after another: a candidate that fails validation may hide a valid
    /// one starting inside it (the regex has no look-around), so after a rejection the search
    /// goes on one character later instead of past the whole match.
    pub(super) fn for_each<'t>(
        &self,
        t: &Text<'t>,
        out: &mut Vec<Span>,
        mut accept: impl FnMut(&Found<'t>) -> Option<Span>,
    ) {
        let text = t.str;
        if !self.let_through(t) {
            return;
        }
        match self.starts {
            Starts::AnywhereIf(worth_it) => {
                if !worth_it(t) {
                    return;
                }
                let mut locs = self.unanchored.capture_locations();
                let mut at = 0;
                while at <= text.len() {
                    if self
                        .unanchored
                        .captures_read_at(&mut locs, text, at)
                        .is_none()
                    {
                        break;
                    }
                    let start = locs.get(0).expect("group 0 always matches").0;
                    at = keep(text, &Found::new(text, &locs, 0, start), out, &mut accept);
                }
            }
            Starts::At(_) => {
                let at = std::cell::Cell::new(0);
                self.anchored(
                    t,
                    |p| p >= at.get(),
                    |found| at.set(keep(text, &found, out, &mut accept)),
                );
            }
        }
    }

    /// [`Pattern::for_each`] for several acceptors at once: the matches are found once, and
    /// each acceptor walks them as `for_each` would. Only for patterns with [`Starts::At`].
    pub(super) fn for_each_of<'t, const N: usize>(
        &self,
        t: &Text<'t>,
        outs: &mut [Vec<Span>; N],
        mut accept: impl FnMut(usize, &Found<'t>) -> Option<Span>,
    ) {
        if !self.let_through(t) {
            return;
        }
        let mut found = Vec::new();
        self.anchored(t, |_| true, |f| found.push(f));
        for (i, out) in outs.iter_mut().enumerate() {
            let mut at = 0;
            for f in &found {
                if f.start >= at {
                    at = keep(t.str, f, out, &mut |f: &Found<'t>| accept(i, f));
                }
            }
        }
    }

    /// The anchored match at each candidate start that `wanted` accepts, in order.
    fn anchored<'t>(
        &self,
        t: &Text<'t>,
        mut wanted: impl FnMut(usize) -> bool,
        mut found: impl FnMut(Found<'t>),
    ) {
        let Starts::At(list) = self.starts else {
            unreachable!("only patterns with start lists are searched anchored")
        };
        let text = t.str;
        let mut starts = Vec::new();
        list(t, &mut starts);
        if starts.is_empty() {
            return;
        }
        let mut locs = self.unanchored.capture_locations();
        for p in starts {
            if !wanted(p) || !text.is_char_boundary(p) {
                continue;
            }
            let (regex, offset) = if p == 0 {
                (&self.at_text_start, 0)
            } else {
                (&self.after_char, prev_char_boundary(text, p))
            };
            if regex
                .captures_read_at(&mut locs, &text[offset..], 0)
                .is_some()
            {
                found(Found::new(text, &locs, offset, p));
            }
        }
    }

    /// Whether matches are searched at listed starts only.
    #[cfg(test)]
    pub(super) fn has_start_list(&self) -> bool {
        matches!(self.starts, Starts::At(_))
    }

    /// The plain unanchored search, kept as the reference the tests compare against.
    #[cfg(test)]
    pub(super) fn for_each_unanchored<'t>(
        &self,
        text: &'t str,
        out: &mut Vec<Span>,
        mut accept: impl FnMut(&Found<'t>) -> Option<Span>,
    ) {
        let mut locs = self.unanchored.capture_locations();
        let mut at = 0;
        while at <= text.len() {
            if self
                .unanchored
                .captures_read_at(&mut locs, text, at)
                .is_none()
            {
                break;
            }
            let start = locs.get(0).expect("group 0 always matches").0;
            at = keep(text, &Found::new(text, &locs, 0, start), out, &mut accept);
        }
    }
}

/// Offers `found` to `accept`, keeps the span it returns, and says where the search goes on.
fn keep<'t>(
    text: &str,
    found: &Found<'t>,
    out: &mut Vec<Span>,
    accept: &mut impl FnMut(&Found<'t>) -> Option<Span>,
) -> usize {
    let step = next_char_boundary(text, found.start);
    match accept(found) {
        Some(span) => {
            out.push(span);
            found.end().max(step)
        }
        None => step,
    }
}

/// The most groups a detector pattern has, group 0 included.
const MAX_GROUPS: usize = 8;

/// One match of a pattern: its groups as byte ranges into the whole text.
pub(super) struct Found<'t> {
    text: &'t str,
    /// Where the match begins (the context character before it is not part of it).
    start: usize,
    groups: [Option<Span>; MAX_GROUPS],
    len: usize,
}

impl<'t> Found<'t> {
    /// From the groups of a search of `text[offset..]`, the match beginning at `start`.
    fn new(text: &'t str, locs: &CaptureLocations, offset: usize, start: usize) -> Self {
        let mut groups = [None; MAX_GROUPS];
        for (i, group) in groups.iter_mut().enumerate().take(locs.len()) {
            *group = locs.get(i).map(|(from, to)| {
                let from = if i == 0 { start } else { from + offset };
                (from, to + offset)
            });
        }
        Found {
            text,
            start,
            groups,
            len: locs.len(),
        }
    }

    fn end(&self) -> usize {
        self.span(0).1
    }

    /// Every group's range, for comparing two searches.
    #[cfg(test)]
    pub(super) fn groups(&self) -> Vec<Option<Span>> {
        self.groups[..self.len].to_vec()
    }

    /// Group `i`'s range, if it took part in the match.
    pub(super) fn get(&self, i: usize) -> Option<Span> {
        self.groups[..self.len].get(i).copied().flatten()
    }

    /// Group `i`'s range, for a group that takes part in every match.
    pub(super) fn span(&self, i: usize) -> Span {
        self.get(i).expect("group participates in every match")
    }

    /// Group `i`'s text, empty if it did not take part.
    pub(super) fn str(&self, i: usize) -> &'t str {
        self.get(i)
            .map_or("", |(start, end)| &self.text[start..end])
    }
}

pub(super) fn next_char_boundary(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

fn prev_char_boundary(text: &str, i: usize) -> usize {
    let mut j = i - 1;
    while !text.is_char_boundary(j) {
        j -= 1;
    }
    j
}

// ---------------------------------------------------------------------------------------------
// Start lists
// ---------------------------------------------------------------------------------------------

/// A text being scanned, with what several start lists need computed once.
pub(super) struct Text<'t> {
    pub str: &'t str,
    pub bytes: &'t [u8],
    /// Facts about the whole text from one pass over its bytes, which let most detectors
    /// return before doing any work of their own.
    pub facts: Facts,
    /// Bit `i` set where pattern `i` of the detectors' list may match: from the gate for a
    /// long text, else every bit.
    #[cfg(not(target_arch = "wasm32"))]
    gate: u32,
    /// The words some pattern looks for, recognised for all patterns in one pass.
    kinds: &'static WordKinds,
    tagged: std::cell::OnceCell<Tagged>,
    /// Maximal runs of [`island_byte`]s that hold a digit, with how many digits each holds:
    /// where every digit shape lies.
    digit_islands: std::cell::OnceCell<Vec<Island>>,
    digit_words: std::cell::OnceCell<Vec<(usize, usize)>>,
}

/// A maximal run of [`island_byte`]s holding at least one digit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Island {
    pub begin: usize,
    pub end: usize,
    pub digits: usize,
    /// How many of each of [`ISLAND_MARKS`] it holds.
    marks: [u16; ISLAND_MARKS.len()],
}

/// The bytes besides digits that digit shapes are made of (see [`island_byte`]).
const ISLAND_MARKS: [u8; 8] = [b' ', b'+', b'(', b')', b'.', b':', b'/', b'-'];

/// What one pass over a text's bytes tells every detector.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Facts {
    /// ASCII digits in the whole text.
    pub digits: usize,
    /// An ASCII letter: every label, month, street word and state code holds one.
    pub has_letter: bool,
    pub has_at: bool,
    pub has_plus: bool,
    /// `://`, or `www.` in any case.
    pub has_web: bool,
    /// Two colons with at most four hex digits between them: what every IPv6 address holds.
    pub colon_pair: bool,
    /// In a text without letters, how many separators of the unlabelled number shapes it
    /// holds ([`Separators`]); in one with a letter they are not counted and read as many.
    pub separators: Separators,
}

/// How many of each separator of the unlabelled number shapes a text holds, up to 255.
///
/// Why only without letters: every labelled shape needs a letter, so a letterless text can only
/// hold the unlabelled ones, and those need separators ("121070" or "-0500", codes common in
/// reports, hold too few). A text with a letter keeps every shape possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Separators {
    pub dash: u8,
    pub dot: u8,
    pub slash: u8,
    pub space: u8,
}

impl Separators {
    const MANY: Separators = Separators {
        dash: u8::MAX,
        dot: u8::MAX,
        slash: u8::MAX,
        space: u8::MAX,
    };

    fn of(bytes: &[u8]) -> Separators {
        let mut n = Separators {
            dash: 0,
            dot: 0,
            slash: 0,
            space: 0,
        };
        for &b in bytes {
            let count = match b {
                b'-' => &mut n.dash,
                b'.' => &mut n.dot,
                b'/' => &mut n.slash,
                b' ' => &mut n.space,
                _ => continue,
            };
            *count = count.saturating_add(1);
        }
        n
    }
}

impl Default for Separators {
    fn default() -> Self {
        Separators::MANY
    }
}

impl Facts {
    pub fn has_digit(&self) -> bool {
        self.digits > 0
    }

    fn of(bytes: &[u8]) -> Facts {
        if bytes.len() < SHORT_TEXT {
            Facts::of_short(bytes)
        } else {
            Facts::of_searched(bytes)
        }
    }

    pub(super) fn of_searched(bytes: &[u8]) -> Facts {
        // Why searches instead of one loop: they skip most bytes many at a time, and a
        // header's text is read here whole, value by value.
        // Why bytes summed by 255: a byte-wide sum cannot overflow there, and it is what the
        // compiler turns into vector adds (a count of a filter was a byte at a time).
        let digits = bytes
            .chunks(255)
            .map(|chunk| {
                let n: u8 = chunk.iter().map(|&b| u8::from(b.is_ascii_digit())).sum();
                usize::from(n)
            })
            .sum();
        let has_letter = bytes.iter().any(u8::is_ascii_alphabetic);
        let mut facts = Facts {
            digits,
            has_letter,
            separators: if has_letter || digits == 0 {
                Separators::MANY
            } else {
                Separators::of(bytes)
            },
            ..Facts::default()
        };
        for i in memchr::memchr3_iter(b'@', b'+', b':', bytes) {
            match bytes[i] {
                b'@' => facts.has_at = true,
                b'+' => facts.has_plus = true,
                _ => {
                    facts.has_web |= bytes[i + 1..].starts_with(b"//");
                    facts.colon_pair |= is_colon_pair_at(bytes, i);
                }
            }
        }
        facts.has_web |= memchr::memchr2_iter(b'w', b'W', bytes).any(|i| is_www_at(bytes, i));
        facts
    }

    /// [`Facts::of`] for a short text, in one loop: most values of a header are codes and
    /// words of a few bytes, where setting up five searches cost more than reading the bytes.
    pub(super) fn of_short(bytes: &[u8]) -> Facts {
        let mut facts = Facts::default();
        let mut digits = 0;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'0'..=b'9' => digits += 1,
                b'w' | b'W' => {
                    facts.has_letter = true;
                    facts.has_web |= is_www_at(bytes, i);
                }
                b'a'..=b'z' | b'A'..=b'Z' => facts.has_letter = true,
                b'@' => facts.has_at = true,
                b'+' => facts.has_plus = true,
                b':' => {
                    facts.has_web |= bytes[i + 1..].starts_with(b"//");
                    facts.colon_pair |= is_colon_pair_at(bytes, i);
                }
                _ => {}
            }
        }
        facts.digits = digits;
        facts.separators = if facts.has_letter || digits == 0 {
            Separators::MANY
        } else {
            Separators::of(bytes)
        };
        facts
    }
}

/// Texts shorter than this are read by [`Facts::of_short`].
pub(super) const SHORT_TEXT: usize = 32;

/// Whether `www.` (any case) starts at `i`.
fn is_www_at(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i..i + 4)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"www."))
}

/// Whether the colon at `i` is followed by another after at most four hex digits.
fn is_colon_pair_at(bytes: &[u8], i: usize) -> bool {
    let after = &bytes[i + 1..bytes.len().min(i + 6)];
    after
        .iter()
        .position(|&b| !b.is_ascii_hexdigit())
        .is_some_and(|k| after[k] == b':')
}

/// A kind of word (a bit of a `u16`): see [`WordKinds`].
pub(super) type Kind = u16;

/// Words that begin with a digit, kept with the other kinds.
pub(super) const DIGIT_WORD: Kind = 1 << 15;

/// How words of a kind are spelled, ASCII case ignored.
pub(super) enum Spelling {
    /// A word start followed by one of these (lowercase); they may run past the word
    /// (`"d.o.b"`) or end inside it (`"tel"` in "Telephone").
    Prefixes(&'static [&'static str]),
    /// One of these words, whole.
    Whole(WordSet),
}

/// The kinds of words the patterns start at or need, each recognised in one pass over a
/// text's words for all patterns at once.
///
/// Why a table by the first two bytes: a text of a thousand words ("sKSpace.lBaseResolution")
/// was read once per label list and word set, and almost no word begins like any of them.
pub(super) struct WordKinds {
    spellings: Vec<(Kind, Spelling)>,
    /// By [`pair_index`] of a word's first two bytes: the kinds a word beginning so may be.
    by_pair: Vec<Kind>,
}

/// Where a word's first two bytes (ASCII case ignored) fall in [`WordKinds::by_pair`]: 27 by
/// 27, a letter or anything else.
fn pair_index(first: u8, second: Option<u8>) -> usize {
    // Looked up rather than lowered and compared: every word of a text comes here.
    let letter = |b: Option<u8>| usize::from(b.map_or(26, |b| LETTER[usize::from(b)]));
    letter(Some(first)) * 27 + letter(second)
}

/// Per byte: 0-25 for an ASCII letter (either case), 26 for anything else.
static LETTER: [u8; 256] = {
    let mut letters = [26u8; 256];
    let mut l = 0;
    while l < 26 {
        letters[(b'a' + l) as usize] = l;
        letters[(b'A' + l) as usize] = l;
        l += 1;
    }
    letters
};

impl WordKinds {
    /// From each kind's bit and spelling; the bits are distinct and not [`DIGIT_WORD`].
    pub(super) fn new(spellings: Vec<(Kind, Spelling)>) -> WordKinds {
        let mut by_pair = vec![0; 27 * 27];
        for (kind, spelling) in &spellings {
            assert!(
                kind.count_ones() == 1 && *kind != DIGIT_WORD,
                "a kind is one bit"
            );
            let mut mark = |word: &[u8]| {
                if word.len() == 1 {
                    for second in 0..27 {
                        by_pair[pair_index(word[0], None) / 27 * 27 + second] |= kind;
                    }
                } else {
                    by_pair[pair_index(word[0], Some(word[1]))] |= kind;
                }
            };
            match spelling {
                Spelling::Prefixes(prefixes) => prefixes.iter().for_each(|w| mark(w.as_bytes())),
                Spelling::Whole(set) => set.words().for_each(mark),
            }
        }
        WordKinds { spellings, by_pair }
    }

    /// The kinds of the word of `len` bytes at `p`.
    fn of(&self, text: &[u8], p: usize, len: usize) -> Kind {
        let mut kinds = if text[p].is_ascii_digit() {
            DIGIT_WORD
        } else {
            0
        };
        let may_be = self.by_pair[pair_index(text[p], text.get(p + 1).copied())];
        if may_be == 0 {
            return kinds;
        }
        for (kind, spelling) in &self.spellings {
            if may_be & kind == 0 {
                continue;
            }
            let is = match spelling {
                Spelling::Prefixes(prefixes) => prefixes.iter().any(|w| {
                    text.get(p..p + w.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
                }),
                Spelling::Whole(set) => set.at_word(text, p, len),
            };
            if is {
                kinds |= kind;
            }
        }
        kinds
    }
}

/// The words of a text that are of some kind, in order, and every kind found.
struct Tagged {
    /// (start, length, kinds) of each such word.
    words: Vec<(usize, usize, Kind)>,
    kinds: Kind,
}

impl<'t> Text<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Text {
            str: text,
            bytes: text.as_bytes(),
            facts: Facts::of(text.as_bytes()),
            #[cfg(not(target_arch = "wasm32"))]
            gate: gate_of(text),
            kinds: &super::WORD_KINDS,
            tagged: std::cell::OnceCell::new(),
            digit_islands: std::cell::OnceCell::new(),
            digit_words: std::cell::OnceCell::new(),
        }
    }

    pub(super) fn digit_islands(&self) -> &[Island] {
        self.digit_islands.get_or_init(|| {
            let bytes = self.bytes;
            if !self.facts.has_digit() {
                return Vec::new();
            }
            // Why a guess at the size: a parameter block holds hundreds of numbers, and a list
            // grown from empty was copied about ten times (numbers there run to four digits or
            // more).
            let mut islands = Vec::with_capacity(self.facts.digits / 4 + 1);
            let mut i = 0;
            // Why from digit to digit: most bytes of a long text are in no digit shape, and a
            // search that reads a block at a time passes them quickly; an island is then
            // grown back and forth from its first digit.
            while let Some(first_digit) = next_digit(bytes, i) {
                let mut begin = first_digit;
                while begin > i && island_byte(bytes[begin - 1]) {
                    begin -= 1;
                }
                let mut digits = 0;
                let mut marks = [0u16; ISLAND_MARKS.len()];
                i = begin;
                while let Some(&b) = bytes.get(i) {
                    match BYTE_CLASS[usize::from(b)] & ISLAND {
                        0 => break,
                        DIGIT => digits += 1,
                        mark => {
                            let k = usize::from(mark - 1);
                            marks[k] = marks[k].saturating_add(1);
                        }
                    }
                    i += 1;
                }
                islands.push(Island {
                    begin,
                    end: i,
                    digits,
                    marks,
                });
            }
            islands
        })
    }

    fn tagged(&self) -> &Tagged {
        self.tagged.get_or_init(|| {
            let bytes = self.bytes;
            let mut tagged = Tagged {
                words: Vec::new(),
                kinds: 0,
            };
            let mut i = 0;
            while i < bytes.len() {
                if !is_word(bytes[i]) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && is_word(bytes[i]) {
                    i += 1;
                }
                let kinds = self.kinds.of(bytes, start, i - start);
                tagged.kinds |= kinds;
                // Numbers are kept apart ([`Text::digit_words`]): most texts hold many, and
                // only a few detectors, in a text that names a month or a street, want them.
                if kinds & !DIGIT_WORD != 0 {
                    tagged.words.push((start, i - start, kinds));
                }
            }
            tagged
        })
    }

    /// Words that begin with a digit, as (start, length), in order: read from the digit
    /// islands, which hold every digit.
    fn digit_words(&self) -> &[(usize, usize)] {
        self.digit_words.get_or_init(|| {
            let bytes = self.bytes;
            let islands = self.digit_islands();
            let mut words = Vec::with_capacity(islands.len());
            for island in islands {
                for p in island.begin..island.end {
                    if bytes[p].is_ascii_digit() && word_start(bytes, p) {
                        let len = bytes[p..].iter().take_while(|&&b| is_word(b)).count();
                        words.push((p, len));
                    }
                }
            }
            words
        })
    }

    /// Whether a word of one of `kinds` is in the text.
    pub(super) fn has_word(&self, kinds: Kind) -> bool {
        self.tagged().kinds & kinds != 0
    }

    /// The words of one of `kinds`, as (start, length, their kinds), in order. A word here
    /// begins where `\b\w` can match.
    pub(super) fn words_of(&self, kinds: Kind) -> impl Iterator<Item = (usize, usize, Kind)> + '_ {
        let tagged = self.tagged();
        let wanted = if tagged.kinds & kinds != 0 {
            &tagged.words[..]
        } else {
            &[]
        };
        let numbers = if kinds & DIGIT_WORD != 0 {
            self.digit_words()
        } else {
            &[]
        };
        let mut words = wanted
            .iter()
            .copied()
            .filter(move |w| w.2 & kinds != 0)
            .peekable();
        let mut numbers = numbers.iter().copied().peekable();
        // The two lists merged by position; a number that is also of another kind is in both,
        // and given once, with all its kinds.
        std::iter::from_fn(move || match (words.peek(), numbers.peek()) {
            (Some(&w), Some(&(p, len))) => {
                if p < w.0 {
                    numbers.next();
                    Some((p, len, DIGIT_WORD))
                } else {
                    if p == w.0 {
                        numbers.next();
                    }
                    words.next()
                }
            }
            (Some(_), None) => words.next(),
            (None, Some(_)) => numbers.next().map(|(p, len)| (p, len, DIGIT_WORD)),
            (None, None) => None,
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn gate_of(text: &str) -> u32 {
    if text.len() >= super::gate::MIN_LEN {
        super::gate::may_match(text)
    } else {
        u32::MAX
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.bytes
    }
}

/// The first ASCII digit at or after `from`.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let is_digit = |b: u8| b.wrapping_sub(b'0') < 10;
    let mut at = from;
    // A whole block is tested without an early exit, which the compiler turns into a few
    // vector instructions; only the block that holds a digit is read byte by byte.
    while let Some(block) = bytes.get(at..at + BLOCK) {
        if block.iter().fold(false, |any, &b| any | is_digit(b)) {
            break;
        }
        at += BLOCK;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&b| is_digit(b))
        .map(|k| at + k)
}

/// Every byte a digit-shaped match (SSN, phone, date, IPv4) is made of.
pub(super) fn island_byte(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & ISLAND != 0
}

/// `\w` of regex-lite: ASCII letters, digits and `_`. A byte of a non-ASCII character is not
/// a word byte, as regex-lite's `\b` sees it.
fn is_word(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & WORD != 0
}

/// Per byte, looked up instead of compared because the passes over a text read every byte:
/// [`WORD`], and in the [`ISLAND`] bits 0 for a byte of no digit shape, [`DIGIT`], or
/// 1 + the byte's place in [`ISLAND_MARKS`].
static BYTE_CLASS: [u8; 256] = byte_classes();

const WORD: u8 = 0x80;
const ISLAND: u8 = 0x0F;
const DIGIT: u8 = 0x0F;

const fn byte_classes() -> [u8; 256] {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || byte == b'_' {
            classes[b] |= WORD;
        }
        if byte.is_ascii_digit() {
            classes[b] |= DIGIT;
        }
        b += 1;
    }
    let mut k = 0;
    while k < ISLAND_MARKS.len() {
        classes[ISLAND_MARKS[k] as usize] |= k as u8 + 1;
        k += 1;
    }
    classes
}

/// Where a `\b` before a word character can hold.
pub(super) fn word_start(text: &[u8], p: usize) -> bool {
    p == 0 || !is_word(text[p - 1])
}

/// What a match made of one class of bytes needs from the bytes it spans.
pub(super) struct Run<C, S> {
    /// The bytes a match is made of.
    pub class: C,
    /// Bytes counted as separators.
    pub sep: S,
    pub min_digits: usize,
    pub min_seps: usize,
    /// The longest match, in bytes (`usize::MAX` when the pattern has no bound).
    pub max_len: usize,
}

impl<C: Fn(u8) -> bool, S: Fn(u8) -> bool> Run<C, S> {
    /// Positions accepted by `first` from which the next `max_len` bytes of `class` hold at
    /// least `min_digits` digits and `min_seps` separators. `class` must hold only
    /// [`island_byte`]s and `min_digits` be at least 1: then only digit islands are read.
    pub(super) fn starts(
        &self,
        text: &Text<'_>,
        out: &mut Vec<usize>,
        first: impl Fn(&[u8], usize) -> bool,
    ) {
        // Why the counts: a window of an island holds no more digits or separators than the
        // island (separators are island bytes), and most islands are plain numbers.
        let counted = ISLAND_MARKS.map(|b| u16::from((self.sep)(b)));
        for island in text.digit_islands() {
            let seps = counted
                .iter()
                .zip(island.marks)
                .map(|(&c, n)| usize::from(c * n))
                .sum::<usize>();
            if island.digits >= self.min_digits && seps >= self.min_seps {
                self.starts_in(text, island.begin, island.end, out, &first);
            }
        }
    }

    /// [`Run::starts`] for any class, reading the whole text.
    pub(super) fn starts_anywhere(
        &self,
        text: &[u8],
        out: &mut Vec<usize>,
        first: impl Fn(&[u8], usize) -> bool,
    ) {
        self.starts_in(text, 0, text.len(), out, &first);
    }

    fn starts_in(
        &self,
        text: &[u8],
        from: usize,
        to: usize,
        out: &mut Vec<usize>,
        first: &impl Fn(&[u8], usize) -> bool,
    ) {
        let text = &text[..to];
        let digit = |b: u8| usize::from(b.is_ascii_digit());
        let sep = |b: u8| usize::from((self.sep)(b));
        let mut i = from;
        while i < text.len() {
            if !(self.class)(text[i]) {
                i += 1;
                continue;
            }
            let begin = i;
            while i < text.len() && (self.class)(text[i]) {
                i += 1;
            }
            // Counts over the window [p, hi), slid along the run [begin, i).
            let (mut digits, mut seps, mut hi) = (0, 0, begin);
            for p in begin..i {
                let limit = p.saturating_add(self.max_len).min(i);
                while hi < limit {
                    digits += digit(text[hi]);
                    seps += sep(text[hi]);
                    hi += 1;
                }
                if digits >= self.min_digits && seps >= self.min_seps && first(text, p) {
                    out.push(p);
                }
                if hi > p {
                    digits -= digit(text[p]);
                    seps -= sep(text[p]);
                }
            }
        }
    }
}

/// regex-lite's `\s`: ASCII white space, vertical tab included.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Words looked for whole, as `\b(?:a|b|c)\b` with ASCII case ignored would find them.
pub(super) struct WordSet {
    /// Words made of `\w` bytes only, by length.
    by_len: Vec<Vec<&'static [u8]>>,
    /// Words holding other bytes ("märz"), compared byte by byte.
    other: Vec<&'static [u8]>,
}

impl WordSet {
    /// From lowercase words.
    pub(super) fn new(words: &[&'static str]) -> WordSet {
        let mut set = WordSet {
            by_len: Vec::new(),
            other: Vec::new(),
        };
        for w in words.iter().map(|w| w.as_bytes()) {
            if w.iter().all(|&b| is_word(b)) {
                if set.by_len.len() <= w.len() {
                    set.by_len.resize(w.len() + 1, Vec::new());
                }
                set.by_len[w.len()].push(w);
            } else {
                set.other.push(w);
            }
        }
        set
    }

    /// Every word of the set.
    fn words(&self) -> impl Iterator<Item = &'static [u8]> + '_ {
        self.by_len.iter().flatten().chain(&self.other).copied()
    }

    /// Whether one of the words is spelled at `p`, whole.
    pub(super) fn at(&self, text: &[u8], p: usize) -> bool {
        if p >= text.len() || !word_start(text, p) {
            return false;
        }
        let len = text[p..].iter().take_while(|&&b| is_word(b)).count();
        self.at_word(text, p, len)
    }

    /// [`WordSet::at`] where `p` is known to start a run of `len` word bytes.
    pub(super) fn at_word(&self, text: &[u8], p: usize, len: usize) -> bool {
        let word = &text[p..p + len];
        self.by_len
            .get(len)
            .is_some_and(|ws| ws.iter().any(|w| word.eq_ignore_ascii_case(w)))
            || self.other.iter().any(|w| {
                text.get(p..p + w.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(w))
                    && text.get(p + w.len()).is_none_or(|&b| !is_word(b))
            })
    }
}

/// Whether a token (split at white space) that begins with one of `words` as a whole word is
/// among the tokens `near` after the one holding `p`: 1 is the next token.
pub(super) fn word_token_follows(
    text: &[u8],
    p: usize,
    near: std::ops::RangeInclusive<usize>,
    words: &WordSet,
) -> bool {
    let mut i = p;
    for k in 1..=*near.end() {
        while i < text.len() && !is_space(text[i]) {
            i += 1;
        }
        while i < text.len() && is_space(text[i]) {
            i += 1;
        }
        if i >= text.len() {
            return false;
        }
        if k >= *near.start() && words.at(text, i) {
            return true;
        }
    }
    false
}

/// Where words of `kind` begin (see [`word_start`]), ascending.
pub(super) fn words_starting(text: &Text<'_>, out: &mut Vec<usize>, kind: Kind) {
    out.extend(text.words_of(kind).map(|(p, _, _)| p));
}

/// Whether `text` holds a run of at least `n` ASCII digits.
pub(super) fn has_digit_run(text: &[u8], n: usize) -> bool {
    let mut run = 0;
    for &b in text {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}
