//! The patient's own name written into free text: tolerant matching of family and given
//! names, initials, accents and CJK spellings.

use super::Span;

/// The patient's own name, prepared for tolerant matching in free text.
#[derive(Debug, Clone, Default)]
pub struct NameEcho {
    /// Names in scripts that separate words with spaces, one per PN component group.
    worded: Vec<WordedName>,
    /// CJK spellings (family name, full name in either order): matched as substrings
    /// because those scripts do not put spaces between words.
    needles: Vec<String>,
}

#[derive(Debug, Clone)]
struct WordedName {
    /// Spellings of the family name, each a sequence of folded words ("van", "der", "berg").
    family: Vec<Vec<String>>,
    /// Spellings of the given and middle names.
    given: Vec<Vec<String>>,
    /// Folded first letters of the given and middle names.
    initials: Vec<char>,
}

impl NameEcho {
    /// From a DICOM PN value such as `"Doe^John^Q^Dr^Jr"` or
    /// `"Yamada^Tarou=山田^太郎=やまだ^たろう"` (component groups separated by `=`,
    /// components by `^`). Prefix and suffix (`Dr`, `Jr`) are ignored.
    ///
    /// Returns `None` when there is nothing usable (empty, only separators, or only parts
    /// shorter than 2 chars).
    pub fn from_dicom_pn(pn: &str) -> Option<NameEcho> {
        let mut echo = NameEcho::default();
        for group in pn.split('=') {
            let mut parts = group.split('^');
            let family = parts.next().unwrap_or("");
            let given = parts.next().unwrap_or("");
            let middle = parts.next().unwrap_or("");
            echo.add(family, &[given, middle]);
        }
        echo.usable()
    }

    /// From free parts (e.g. CSV "First Name", "Last Name").
    pub fn from_parts(family: &str, given: &str) -> Option<NameEcho> {
        let mut echo = NameEcho::default();
        echo.add(family, &[given]);
        echo.usable()
    }

    fn usable(self) -> Option<NameEcho> {
        (!self.worded.is_empty() || !self.needles.is_empty()).then_some(self)
    }

    fn add(&mut self, family: &str, given: &[&str]) {
        let clean = |s: &str| {
            s.trim_matches(|c: char| c.is_whitespace() || c == '\0')
                .to_owned()
        };
        let family = clean(family);
        let given: Vec<String> = given.iter().map(|g| clean(g)).collect();
        if has_cjk(&family) || given.iter().any(|g| has_cjk(g)) {
            self.add_cjk(&family, given.first().map_or("", String::as_str));
        } else {
            self.add_worded(&family, &given);
        }
    }

    fn add_cjk(&mut self, family: &str, given: &str) {
        let mut needles = Vec::new();
        if family.chars().count() >= 2 {
            needles.push(family.to_owned());
        }
        if family.is_empty() && given.chars().count() >= 2 {
            // Why: with no family name, the given name is all we have to look for.
            needles.push(given.to_owned());
        }
        if !family.is_empty() && !given.is_empty() {
            // Why: a one-character family name (王, 李) is too common alone, but the full
            // name in either order is specific; written with or without a space.
            for sep in ["", " ", "\u{3000}"] {
                needles.push(format!("{family}{sep}{given}"));
                needles.push(format!("{given}{sep}{family}"));
            }
        }
        for needle in needles {
            if !self.needles.contains(&needle) {
                self.needles.push(needle);
            }
        }
    }

    fn add_worded(&mut self, family: &str, given: &[String]) {
        let mut initials = Vec::new();
        let mut given_names: Vec<&str> = Vec::new();
        for g in given {
            let g_words = words(g, false);
            if let Some(first) = g_words.list.first() {
                initials.extend(g_words.folded(first).chars().next());
            }
            if folded_len(g) >= 2 {
                given_names.push(g);
            }
        }
        let family = if folded_len(family) >= 2 {
            family
        } else if !given_names.is_empty() {
            // Why: with no family name, the given name is all we have to look for.
            given_names.remove(0)
        } else {
            return;
        };
        let given: Vec<Vec<String>> = given_names.iter().flat_map(|g| spellings(g)).collect();
        self.worded.push(WordedName {
            family: spellings(family),
            given,
            initials,
        });
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Span>) {
        if !self.worded.is_empty() && self.family_may_be_in(text) {
            // Why: folding every word of a long text was the detector's main cost; a word
            // whose first letter starts no part of the name can match none of them.
            let firsts: Vec<char> = self
                .worded
                .iter()
                .flat_map(WordedName::first_chars)
                .collect();
            let text_words = words_where(text, false, |c| !c.is_ascii() || firsts.contains(&c));
            for name in &self.worded {
                name.find(text, &text_words, out);
            }
        }
        // Why: most text is ASCII, and a needle with a CJK character cannot be in it.
        let ascii = text.is_ascii();
        for needle in self.needles.iter().filter(|n| !ascii || n.is_ascii()) {
            out.extend(
                text.match_indices(needle.as_str())
                    .map(|(i, m)| (i, i + m.len())),
            );
        }
    }
}

impl NameEcho {
    /// Whether `text` may hold a family name, checked without splitting it into words.
    ///
    /// Why this is exact: every match begins with a family name, and in ASCII text without
    /// apostrophes a word folds to itself lowercased, so the family name's first folded word
    /// appears in such a text, ASCII case ignored. Other texts are split and folded.
    fn family_may_be_in(&self, text: &str) -> bool {
        // Why a byte search for the apostrophe alone: in ASCII text the typographic one cannot
        // occur, and a search for either character went through the text a character at a
        // time.
        if !text.is_ascii() || memchr::memchr(b'\'', text.as_bytes()).is_some() {
            return true;
        }
        self.worded
            .iter()
            .flat_map(|name| &name.family)
            .filter_map(|spelling| spelling.first())
            // Why the length first: most values are short codes, shorter than the name.
            .any(|word| {
                word.len() <= text.len()
                    && contains_ignore_ascii_case(text.as_bytes(), word.as_bytes())
            })
    }
}

/// Whether `haystack` holds `needle` (lowercase), ASCII case ignored.
fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), haystack).any(|i| {
        haystack
            .get(i + 1..i + needle.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(rest))
    })
}

impl WordedName {
    /// The folded first letters of every word this name is matched by.
    fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        let spelled = self.family.iter().chain(&self.given).flatten();
        spelled
            .filter_map(|word| word.chars().next())
            .chain(self.initials.iter().copied())
    }

    fn find(&self, text: &str, words: &Words, out: &mut Vec<Span>) {
        for i in 0..words.list.len() {
            let Some(len) = self
                .family
                .iter()
                .find(|f| seq_at(text, words, i, f))
                .map(Vec::len)
            else {
                continue;
            };
            let (mut first, mut last) = (i, i + len - 1);
            // Why a bound: "Doe, John Q." needs at most a few steps; more would walk into
            // unrelated words that happen to share an initial.
            for _ in 0..3 {
                match self.companion_after(text, words, last) {
                    Some(next) => last = next,
                    None => break,
                }
            }
            for _ in 0..3 {
                match self.companion_before(text, words, first) {
                    Some(prev) => first = prev,
                    None => break,
                }
            }
            out.push((words.list[first].start, words.list[last].end));
        }
    }

    fn is_initial(&self, words: &Words, word: &Word) -> bool {
        let mut chars = words.folded(word).chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if self.initials.contains(&c))
    }

    /// The last word index of a given name or initial right after word `last`.
    fn companion_after(&self, text: &str, words: &Words, last: usize) -> Option<usize> {
        let next = last + 1;
        let word = words.list.get(next)?;
        if !name_gap(&text[words.list[last].end..word.start]) {
            return None;
        }
        if self.is_initial(words, word) {
            return Some(next);
        }
        self.given
            .iter()
            .find(|g| seq_at(text, words, next, g))
            .map(|g| next + g.len() - 1)
    }

    /// The first word index of a given name or initial right before word `first`.
    fn companion_before(&self, text: &str, words: &Words, first: usize) -> Option<usize> {
        let prev = first.checked_sub(1)?;
        let word = &words.list[prev];
        if !name_gap(&text[word.end..words.list[first].start]) {
            return None;
        }
        if self.is_initial(words, word) {
            return Some(prev);
        }
        self.given.iter().find_map(|g| {
            let start = (prev + 1).checked_sub(g.len())?;
            seq_at(text, words, start, g).then_some(start)
        })
    }
}

/// Whether the folded words starting at `i` spell `seq`, joined only by spaces or hyphens.
fn seq_at(text: &str, words: &Words, i: usize, seq: &[String]) -> bool {
    let Some(run) = words.list.get(i..i + seq.len()) else {
        return false;
    };
    run.iter().zip(seq).all(|(w, s)| words.folded(w) == s)
        && run.windows(2).all(|pair| {
            let gap = &text[pair[0].end..pair[1].start];
            gap.chars().count() <= 2 && gap.chars().all(|c| c.is_whitespace() || c == '-')
        })
}

/// Why: names are written "Doe, John", "J. Doe" or "DOE^JOHN"; a wider gap means the two
/// words belong to different phrases.
fn name_gap(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().count() <= 3
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | '^' | '-'))
}

/// The words of a text, their lowercased, accent-folded spellings kept in one buffer (a
/// text may hold thousands of words, and a string for each was a tenth of a scan).
struct Words {
    list: Vec<Word>,
    folded: String,
}

/// A word of the text: its byte range, and where its folded spelling is in the buffer.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    fold: (usize, usize),
}

impl Words {
    fn folded(&self, word: &Word) -> &str {
        &self.folded[word.fold.0..word.fold.1]
    }

    fn into_folded(self) -> Vec<String> {
        self.list
            .iter()
            .map(|w| self.folded(w).to_owned())
            .collect()
    }
}

/// Splits `text` into words (letters and digits, with inner apostrophes as in O'Brien).
/// CJK characters end a word: those scripts are matched as substrings instead.
fn words(text: &str, umlaut_as_e: bool) -> Words {
    words_where(text, umlaut_as_e, |_| true)
}

/// [`words`], with only the words whose first character (lowercased if ASCII) passes `fold`
/// folded; the others keep an empty spelling, which no name part equals.
fn words_where(text: &str, umlaut_as_e: bool, fold: impl Fn(char) -> bool) -> Words {
    let mut folding = false;
    let mut list = Vec::new();
    let mut folded = String::with_capacity(text.len());
    let mut current: Option<Word> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let apostrophe = matches!(c, '\'' | '’');
        let joins = is_word_char(c)
            || (apostrophe
                && current.is_some()
                && chars.peek().is_some_and(|&(_, n)| is_word_char(n)));
        if joins {
            if current.is_none() {
                folding = fold(c.to_ascii_lowercase());
            }
            let word = current.get_or_insert(Word {
                start: i,
                end: i,
                fold: (folded.len(), folded.len()),
            });
            if !apostrophe && folding {
                push_folded(&mut folded, c, umlaut_as_e);
                word.fold.1 = folded.len();
            }
            word.end = i + c.len_utf8();
        } else if let Some(word) = current.take() {
            list.push(word);
        }
    }
    list.extend(current);
    Words { list, folded }
}

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !is_cjk(c)) || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}' | '\u{ac00}'..='\u{d7af}'
        | '\u{20000}'..='\u{2ffff}')
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(is_cjk)
}

fn folded_len(s: &str) -> usize {
    words(s, false).folded.chars().count()
}

/// The folded word sequences a name part may be written as: "Müller" is both "muller" (as
/// the text folds it) and "mueller" (as ASCII-only systems spell it).
fn spellings(part: &str) -> Vec<Vec<String>> {
    let plain = words(part, false).into_folded();
    let german = words(part, true).into_folded();
    let mut out = vec![plain];
    if german != out[0] {
        out.push(german);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Lowercases `c` and strips common Latin diacritics, so "JOSÉ" and "Jose" compare equal.
fn push_folded(out: &mut String, c: char, umlaut_as_e: bool) {
    for lower in c.to_lowercase() {
        let base = match lower {
            'ä' | 'ö' | 'ü' if umlaut_as_e => {
                out.push(match lower {
                    'ä' => 'a',
                    'ö' => 'o',
                    _ => 'u',
                });
                'e'
            }
            'æ' => {
                out.push('a');
                'e'
            }
            'œ' => {
                out.push('o');
                'e'
            }
            'ß' => {
                out.push('s');
                's'
            }
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ğ' => 'g',
            'ì'..='ï' | 'ı' | 'ī' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'ő' | 'ō' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' => 's',
            'ť' => 't',
            'ù'..='ü' | 'ů' | 'ű' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            m if is_combining_mark(m) => continue,
            other => other,
        };
        out.push(base);
    }
}
