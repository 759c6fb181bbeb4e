//! Value detectors: patterns that find identifiers *inside* a text value.
//!
//! Attribute rules (see [`super::annex_e`]) judge an element by its tag: Patient's Birth Date
//! is a birth date whatever it holds. A value detector instead reads the characters of a value
//! and recognises an identifier written into it: a phone number typed into Study Description,
//! a Social Security number in Additional Patient History, the patient's own name in an
//! Image Comments field, a private element of unknown VR that turns out to hold an address.
//!
//! The caller only hands us free-text values (`LO`, `LT`, `ST`, `UT`, `SH`, ...) and values of
//! unknown type that [`looks_like_text`] accepts. Typed values such as `DA` dates, `UI` UIDs
//! or `DS` numbers are covered by the attribute rules and are never scanned here.
//!
//! Precision comes first. These detectors run over every text value of real DICOM files,
//! which are full of UIDs (`1.2.840.10008.5.1.4.1.1.2`), DICOM dates and times (`20240131`,
//! `101530.123`), decimal strings (`0.488281\0.488281`), code values and technique numbers.
//! A report that cries wolf on those teaches people to ignore it, so every detector prefers
//! to miss an unusual spelling rather than fire on noise: numbers must stand alone (not be
//! part of a longer digit/dot/dash run), bare digit strings only count when a label such as
//! `SSN`, `Tel` or `DOB` says what they are, and values are checked (month ranges, SSN areas,
//! IP octets) after the pattern matches.
//!
//! Everything here is pure logic: no I/O, no clock; it compiles natively and to wasm32.
//! Patterns use `regex-lite` (no Unicode tables, a smaller wasm download) and are compiled
//! once on first use.

use std::net::Ipv6Addr;
use std::sync::LazyLock;

use regex_lite::Regex;

use super::row::RuleRow;
use super::{Category, Severity};

#[cfg(not(target_arch = "wasm32"))]
mod gate;
mod name_echo;
mod pattern;

pub use name_echo::NameEcho;
use pattern::{Kind, Pattern, Run, Spelling, Starts, Text, WordKinds, WordSet, DIGIT_WORD};

/// A kind of identifier that can be recognised inside free text. Variant `i` is row `i` of
/// [`ROWS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Detector {
    Ssn,
    Itin,
    SsnNeverIssued,
    Phone,
    Email,
    Url,
    IpAddress,
    DateInText,
    StreetAddress,
    ZipCode,
    NameEcho,
    RecordNumber,
}

const SAFE_HARBOR: &str = "HIPAA Safe Harbor, 45 CFR 164.514(b)(2)";

/// Fix shared by the detectors whose text a de-identifier's clean-descriptors option removes.
const CLEAN_TEXT: &str =
    "Remove or clean this text before sharing the file (the 'clean descriptors' \
                          option of a de-identification tool does this).";

/// Every detector, in report order.
pub const ROWS: [RuleRow<Detector>; 12] = [
    RuleRow {
        rule: Detector::Ssn,
        id: "V-SSN",
        title: "Social Security number in text",
        category: Category::Ssn,
        severity: Severity::Critical,
        why: "A Social Security number identifies you on its own and is used to open \
              accounts in your name.",
        fix: "Remove or blank this text before sharing the file; a de-identification tool \
              with a 'clean descriptors' option removes such text.",
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::Itin,
        id: "V-ITIN",
        title: "Taxpayer number (ITIN) in text",
        category: Category::Ssn,
        severity: Severity::Critical,
        why: "An Individual Taxpayer Identification Number is what the IRS gives people who \
              cannot get a Social Security number; it identifies you just as one does.",
        fix: "Remove or blank this text before sharing the file; a de-identification tool \
              with a 'clean descriptors' option removes such text.",
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::SsnNeverIssued,
        id: "V-SSN-SHAPED",
        title: "Number written like a Social Security number",
        category: Category::Ssn,
        severity: Severity::Medium,
        why: "This number is written like a Social Security number but in a range the SSA \
              never issues (area 000, 666 or 9xx outside the taxpayer ranges, group 00, \
              serial 0000, or a published sample number). It may be a real number typed \
              wrong, which is still yours.",
        fix: "Check what the number is; if it is a Social Security number, even mistyped, \
              remove it before sharing the file.",
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::Phone,
        id: "V-PHONE",
        title: "Phone number in text",
        category: Category::Phone,
        severity: Severity::High,
        why: "A phone number leads straight to you or your household, and can be looked up.",
        fix: CLEAN_TEXT,
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::Email,
        id: "V-EMAIL",
        title: "E-mail address in text",
        category: Category::Email,
        severity: Severity::High,
        why: "An e-mail address usually names you and reaches you directly.",
        fix: CLEAN_TEXT,
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::Url,
        id: "V-URL",
        title: "Web address in text",
        category: Category::Url,
        severity: Severity::Medium,
        why: "A web address can point to the hospital system or a personal page, which \
              tells others where you were treated or who you are.",
        fix: CLEAN_TEXT,
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::IpAddress,
        id: "V-IP",
        title: "IP address in text",
        category: Category::Ip,
        severity: Severity::Medium,
        why: "An IP address can reveal the hospital network or the computer the file \
              came from.",
        fix: CLEAN_TEXT,
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::DateInText,
        id: "V-DATE",
        title: "Date in text",
        category: Category::Dates,
        severity: Severity::High,
        why: "A date written in a note is often your birth date or a date of care; together \
              with little else it singles you out.",
        fix: "Remove the date from the text, or shift it, before sharing the file.",
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::StreetAddress,
        id: "V-ADDRESS",
        title: "Street address in text",
        category: Category::Geography,
        severity: Severity::High,
        why: "A street address shows where you live; with it, anyone can find you.",
        fix: CLEAN_TEXT,
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::ZipCode,
        id: "V-ZIP",
        title: "ZIP code in text",
        category: Category::Geography,
        severity: Severity::Medium,
        why: "A ZIP code narrows down where you live, and helps link this file to you.",
        fix: CLEAN_TEXT,
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::NameEcho,
        id: "V-NAME-ECHO",
        title: "Your name in text",
        category: Category::Names,
        severity: Severity::Critical,
        why: "Your own name appears in a text field, so anyone who reads the file sees \
              who it belongs to, even after the name field itself was removed.",
        fix: "Remove or clean this text before sharing; removing the name field alone is \
              not enough.",
        reference: SAFE_HARBOR,
    },
    RuleRow {
        rule: Detector::RecordNumber,
        id: "V-MRN",
        title: "Record or patient number in text",
        category: Category::MedicalRecord,
        severity: Severity::High,
        why: "A medical record, patient or account number points to your records at the \
              hospital.",
        fix: "Remove the number from the text, or replace it with a study code, before \
              sharing the file.",
        reference: SAFE_HARBOR,
    },
];

super::row::rule_rows!(Detector, ROWS);

super::rule::serde_by_id!(Detector);

/// A match: byte range into the scanned text (always on char boundaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueHit {
    pub detector: Detector,
    pub start: usize,
    pub end: usize,
}

/// Every hit in `text`, sorted by start, overlapping hits of the same detector merged;
/// `name` enables [`Detector::NameEcho`].
pub fn scan_text(text: &str, name: Option<&NameEcho>) -> Vec<ValueHit> {
    scan(text, name, possible)
}

/// [`scan_text`] running every detector whatever the text holds: what a test compares the
/// skipping in [`possible`] with.
#[cfg(test)]
fn scan_text_every_detector(text: &str, name: Option<&NameEcho>) -> Vec<ValueHit> {
    scan(text, name, |_, _| true)
}

/// Whether `detector` can match in a text of these facts: what every one of its matches
/// holds. Most DICOM text ("CT HEAD", "ROUTINE") holds no digit, no '@' and no web address,
/// and a short code ("121070", "T2 12/34") too few digits for most detectors, which used to
/// set up their searches for it anyway.
fn possible(detector: Detector, facts: &pattern::Facts) -> bool {
    // Many (each 255) in a text with a letter, where labels make every shape possible.
    let seps = facts.separators;
    match detector {
        Detector::Email => facts.has_at,
        Detector::Url => facts.has_web,
        Detector::NameEcho => true,
        // Unlabelled, "123-45-6789" or "123 45 6789": two dashes or two spaces.
        Detector::Ssn | Detector::Itin | Detector::SsnNeverIssued => {
            facts.digits >= SSN_DIGITS && (seps.dash >= 2 || seps.space >= 2)
        }
        // Labelled (a letter), international (a '+'), or a North American number of ten
        // digits with a '-', '.' or ' ' before its last four.
        Detector::Phone => {
            facts.digits >= PHONE_DIGITS
                && (facts.has_letter
                    || facts.has_plus
                    || (facts.digits >= 10 && seps.dash.max(seps.dot).max(seps.space) >= 1))
        }
        // An IPv4 address has three dots; an IPv6 one needs two colons close together, and a
        // decimal digit somewhere.
        Detector::IpAddress => {
            (facts.digits >= IPV4_DIGITS && seps.dot >= 3)
                || (facts.has_digit() && facts.colon_pair)
        }
        // Unlabelled, "3/4/1970" or "1970-03-04": two of '/', '.' and '-'.
        Detector::DateInText => {
            facts.digits >= DATE_DIGITS
                && u16::from(seps.dash) + u16::from(seps.dot) + u16::from(seps.slash) >= 2
        }
        Detector::StreetAddress => facts.has_digit() && facts.has_letter,
        Detector::ZipCode => facts.digits >= ZIP_DIGITS && facts.has_letter,
        Detector::RecordNumber => facts.digits >= RECORD_DIGITS && facts.has_letter,
    }
}

fn scan(
    text: &str,
    name: Option<&NameEcho>,
    possible: impl Fn(Detector, &pattern::Facts) -> bool,
) -> Vec<ValueHit> {
    let mut hits = Vec::new();
    if text.trim().is_empty() {
        return hits;
    }
    // Cheap necessary conditions first, from one pass over the bytes ([`possible`]): each
    // detector that cannot match returns before reading the text again.
    let t = Text::new(text);
    let facts = t.facts;
    let mut spans = Vec::new();
    // Why all three at once: they are one pattern, split by the number's range.
    let mut ssn_spans: [Vec<Span>; 3] = Default::default();
    // Why a mask first: most values are short codes and words where one detector or none can
    // match, and going through all twelve, each a jump of its own, cost more than the rest.
    let mut wanted = Detector::all().fold(0u16, |mask, detector| {
        let named = name.is_some() || detector != Detector::NameEcho;
        mask | u16::from(named && possible(detector, &facts)) << detector as u16
    });
    if wanted & 1 << Detector::Ssn as u16 != 0 {
        find_ssn(&t, &mut ssn_spans);
    }
    while wanted != 0 {
        let detector = ROWS[wanted.trailing_zeros() as usize].rule;
        wanted &= wanted - 1;
        spans.clear();
        match detector {
            Detector::Ssn => spans.append(&mut ssn_spans[SsnKind::Issuable as usize]),
            Detector::Itin => spans.append(&mut ssn_spans[SsnKind::Itin as usize]),
            Detector::SsnNeverIssued => {
                spans.append(&mut ssn_spans[SsnKind::NeverIssued as usize]);
            }
            Detector::Phone => find_phone(&t, &mut spans),
            Detector::Email => find_email(&t, &mut spans),
            Detector::Url => find_url(&t, &mut spans),
            Detector::IpAddress => find_ip(&t, &mut spans),
            Detector::DateInText => find_date(&t, &mut spans),
            Detector::StreetAddress => find_street_address(&t, &mut spans),
            Detector::ZipCode => find_zip(&t, &mut spans),
            Detector::NameEcho => {
                if let Some(name) = name {
                    name.find(text, &mut spans);
                }
            }
            Detector::RecordNumber => find_record_number(&t, &mut spans),
        }
        merge(&mut spans);
        hits.extend(spans.iter().map(|&(start, end)| ValueHit {
            detector,
            start,
            end,
        }));
    }
    hits.sort_by_key(|h| (h.start, h.end, h.detector));
    hits
}

/// The fewest digits a text holds where a detector can match: nine of an SSN; seven of a
/// labelled phone number (the unlabelled forms need more); four of an IPv4 address (an IPv6
/// one needs two colons close together instead); three of a date ("4-Jul-76"); five of a
/// ZIP code; three of a record number (checked after the match).
const SSN_DIGITS: usize = 9;
const PHONE_DIGITS: usize = 7;
const IPV4_DIGITS: usize = 4;
const DATE_DIGITS: usize = 3;
const ZIP_DIGITS: usize = 5;
const RECORD_DIGITS: usize = 3;

/// A byte range `(start, end)` into the scanned text.
pub(super) type Span = (usize, usize);

/// Sorts `spans` and merges the overlapping ones, in place.
fn merge(spans: &mut Vec<Span>) {
    spans.sort_unstable();
    let mut kept = 0;
    for i in 0..spans.len() {
        let (start, end) = spans[i];
        if kept > 0 && start < spans[kept - 1].1 {
            spans[kept - 1].1 = spans[kept - 1].1.max(end);
        } else {
            spans[kept] = (start, end);
            kept += 1;
        }
    }
    spans.truncate(kept);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// Why: a number glued to a letter, or to other digits through `.`, `-`, `/` or `,`, is part
/// of a UID, a decimal, a code or a longer number, not an identifier of its own.
fn clear_before(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        Some('.' | '-' | '/' | ',') => !before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

fn clear_after(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        Some('.' | '-' | '/' | ',') => !after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// Why: "512 12 1024 768" is a list of technique numbers, not a spaced-out SSN.
fn in_number_list(text: &str, (start, end): Span) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let after = text[end..].trim_start_matches(' ');
    (before.len() < start && before.ends_with(|c: char| c.is_ascii_digit()))
        || (after.len() < text.len() - end && after.starts_with(|c: char| c.is_ascii_digit()))
}

fn stands_alone(text: &str, (start, end): Span) -> bool {
    clear_before(text, start) && clear_after(text, end)
}

fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// Up to `max` bytes of text right before `end`, cut on a char boundary.
fn window_before(text: &str, end: usize, max: usize) -> &str {
    let mut from = end.saturating_sub(max);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    &text[from..end]
}

// ---------------------------------------------------------------------------------------------
// Words that patterns start at or need
// ---------------------------------------------------------------------------------------------

const SSN_LABEL: Kind = 1;
const PHONE_LABEL: Kind = 1 << 1;
const BIRTH_LABEL: Kind = 1 << 2;
/// Where "P.O. Box", "Post Office Box" or "Postfach" may begin.
const P_O: Kind = 1 << 3;
const ZIP_LABEL: Kind = 1 << 4;
const RECORD_LABEL: Kind = 1 << 5;
const MONTH: Kind = 1 << 6;
const US_STREET: Kind = 1 << 7;
const FRENCH: Kind = 1 << 8;

static WORD_KINDS: LazyLock<WordKinds> = LazyLock::new(|| {
    WordKinds::new(vec![
        // "ss" only before white space or '#' (`\bss\s?#`): ASCCONV keys begin "sSlice".
        (
            SSN_LABEL,
            Spelling::Prefixes(&[
                "ssn", "ss#", "ss ", "ss\t", "ss\n", "ss\r", "ss\x0b", "ss\x0c", "soc", "itin",
            ]),
        ),
        (
            PHONE_LABEL,
            Spelling::Prefixes(&["tel", "ph", "fax", "mob", "cell", "pager"]),
        ),
        (
            BIRTH_LABEL,
            Spelling::Prefixes(&["dob", "d.o.b", "born", "birth", "date", "b.", "geb"]),
        ),
        // `p\.?\s?o\.?\s*box`, `post office box`, `postfach`: a p, maybe a dot and one white
        // space, then an o.
        (
            P_O,
            Spelling::Prefixes(&[
                "po", "p.o", "p o", "p\to", "p\no", "p\ro", "p\x0bo", "p\x0co", "p. o", "p.\to",
                "p.\no", "p.\ro", "p.\x0bo", "p.\x0co",
            ]),
        ),
        // "post" only before white space or "code" (`post\s*code`): "POST" is a protocol word.
        (
            ZIP_LABEL,
            Spelling::Prefixes(&[
                "zip", "postal", "postcode", "post ", "post\t", "post\n", "post\r", "post\x0b",
                "post\x0c",
            ]),
        ),
        (
            RECORD_LABEL,
            Spelling::Prefixes(&["mr", "med", "pat", "pid", "chart", "acc", "hospital"]),
        ),
        (MONTH, Spelling::Whole(WordSet::new(MONTH_WORDS))),
        (US_STREET, Spelling::Whole(WordSet::new(US_STREET_SUFFIXES))),
        (FRENCH, Spelling::Whole(WordSet::new(FRENCH_WORDS))),
    ])
});

// ---------------------------------------------------------------------------------------------
// Social Security numbers
// ---------------------------------------------------------------------------------------------

static SSN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(\d{3})([- ]?)(\d{2})([- ]?)(\d{4})",
        Starts::At(|t, out| {
            Run {
                class: |b: u8| b.is_ascii_digit() || matches!(b, b'-' | b' '),
                sep: |b: u8| matches!(b, b'-' | b' '),
                min_digits: 9,
                min_seps: 0,
                max_len: 11,
            }
            .starts(t, out, |t, p| t[p].is_ascii_digit())
        }),
    )
});

static SSN_LABELLED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?:\bssn\b|\bitin\b|\bss\s?#|\bsocial\s+security\b|\bsoc\.?\s*sec\b\.?)(?:\s*(?:number|num|no)\b\.?|\s*#)?\s*[:=]?\s*(\d{3}[- ]?\d{2}[- ]?\d{4})",
        Starts::At(|t, out| pattern::words_starting(t, out, SSN_LABEL)),
    )
});

/// Which SSN-shaped numbers a search keeps; the discriminant indexes [`find_ssn`]'s lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SsnKind {
    /// In a range the SSA issues.
    Issuable,
    /// An IRS Individual Taxpayer Identification Number: area 9xx, group in the ITIN ranges.
    Itin,
    /// Never issued: area 000, 666 or 9xx outside the ITIN groups, group 00, serial 0000,
    /// or a published sample number.
    NeverIssued,
}

/// SSN-shaped numbers, each in `out[kind as usize]`.
fn find_ssn(t: &Text<'_>, out: &mut [Vec<Span>; 3]) {
    let text = t.str;
    // Why the separator rule: nine bare digits are as likely an accession number, so only
    // the written-out forms fire without a label.
    SSN.for_each_of(t, out, |kind, c| {
        let (sep1, sep2) = (c.str(2), c.str(4));
        let span = c.span(0);
        (!sep1.is_empty()
            && sep1 == sep2
            && ssn_kind(c.str(1), c.str(3), c.str(5)) as usize == kind
            && stands_alone(text, span)
            && (sep1 != " " || !in_number_list(text, span)))
        .then_some(span)
    });
    SSN_LABELLED.for_each_of(t, out, |kind, c| {
        let span = c.span(1);
        let digits: String = c.str(1).chars().filter(char::is_ascii_digit).collect();
        (ssn_kind(&digits[..3], &digits[3..5], &digits[5..]) as usize == kind
            && clear_after(text, span.1))
        .then_some(span)
    });
}

/// SSA and IRS rules for area (3 digits), group (2) and serial (4).
fn ssn_kind(area: &str, group: &str, serial: &str) -> SsnKind {
    // Why: the SSA's own examples, printed on cards and in advertising, and reported as
    // "found" by many tools; the 987-65-432x block is reserved for advertisements.
    const SAMPLES: &[&str] = &["078051120", "219099999"];
    let number = format!("{area}{group}{serial}");
    let sample = SAMPLES.contains(&number.as_str()) || number.starts_with("98765432");
    let group_n: u32 = group.parse().unwrap_or(0);
    if sample || group == "00" || serial == "0000" || area == "000" || area == "666" {
        SsnKind::NeverIssued
    } else if area.starts_with('9') {
        let itin = matches!(group_n, 50..=65 | 70..=88 | 90..=92 | 94..=99);
        if itin {
            SsnKind::Itin
        } else {
            SsnKind::NeverIssued
        }
    } else {
        SsnKind::Issuable
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

static PHONE_NANP: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(\+?1[-. ]?)?(?:\(([2-9]\d{2})\) ?|([2-9]\d{2})([-. ]))(\d{3})([-. ])(\d{4})",
        Starts::At(|t, out| {
            Run {
                class: |b: u8| {
                    b.is_ascii_digit() || matches!(b, b'+' | b'(' | b')' | b'.' | b'-' | b' ')
                },
                // Why ')' counts: every match has two separators, "ddd-ddd-dddd" or
                // "(ddd) ddd-dddd", and floats such as "123.456789" have one.
                sep: |b: u8| matches!(b, b'.' | b'-' | b' ' | b')'),
                min_digits: 9,
                min_seps: 2,
                max_len: 17,
            }
            .starts(t, out, |t, p| matches!(t[p], b'+' | b'(' | b'0'..=b'9'))
        }),
    )
});

static PHONE_INTERNATIONAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,4}\)|[ .-]?\d{1,5}){1,7}",
        Starts::At(|t, out| {
            if !t.facts.has_plus {
                return;
            }
            Run {
                class: |b: u8| {
                    b.is_ascii_digit() || matches!(b, b'+' | b'(' | b')' | b'.' | b'-' | b' ')
                },
                sep: |b: u8| matches!(b, b'.' | b'-' | b' '),
                min_digits: 2,
                min_seps: 0,
                max_len: usize::MAX,
            }
            .starts(t, out, |t, p| t[p] == b'+')
        }),
    )
});

static PHONE_LABELLED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:tel(?:ephone)?|phone|ph|fax|mobile|mob|cell|pager)\b\.?(?:\s*(?:no|num|number|nr)\b\.?|\s*#)?\s*[:=.]?\s*(\+?\(?\d[\d ()./-]{5,20}\d)",
        Starts::At(|t, out| pattern::words_starting(t, out, PHONE_LABEL)),
    )
});

fn find_phone(t: &Text<'_>, out: &mut Vec<Span>) {
    let text = t.str;
    PHONE_NANP.for_each(t, out, |c| {
        let span = c.span(0);
        let has_prefix = c.get(1).is_some();
        let parenthesised = c.get(2).is_some();
        let (sep1, sep2) = (c.str(4), c.str(6));
        // Why: spaces separate many kinds of numbers, so a spaced form needs the +1 prefix
        // or brackets before it reads as a phone number; mixed separators read as noise.
        let separators_ok = if parenthesised {
            true
        } else {
            sep1 == sep2 && (sep1 != " " || has_prefix)
        };
        (separators_ok && stands_alone(text, span)).then_some(span)
    });
    PHONE_INTERNATIONAL.for_each(t, out, |c| {
        let span = c.span(0);
        let number = c.str(0);
        let digits = digit_count(number);
        let dots = number.matches('.').count();
        let other_separators = number[1..].contains([' ', '-', '(']);
        // Why: "+1.25" style signed decimals must not pass, so dots alone need two of them.
        let grouped = other_separators || dots >= 2;
        ((8..=15).contains(&digits) && grouped && stands_alone(text, span)).then_some(span)
    });
    PHONE_LABELLED.for_each(t, out, |c| {
        let span = c.span(1);
        let digits = digit_count(c.str(1));
        ((7..=15).contains(&digits) && clear_after(text, span.1)).then_some(span)
    });
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses and URLs
// ---------------------------------------------------------------------------------------------

static EMAIL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}\b",
        Starts::AnywhereIf(|t| t.str.contains('@')),
    )
});

fn find_email(t: &Text<'_>, out: &mut Vec<Span>) {
    EMAIL.for_each(t, out, |c| Some(c.span(0)));
}

static URL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r#"(?i)\b(?:(?:https?|ftps?|sftp)://[^\s<>"'\\^|`]+|www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:?#][^\s<>"'\\^|`]*)?)"#,
        Starts::AnywhereIf(|t| t.facts.has_web),
    )
});

fn find_url(t: &Text<'_>, out: &mut Vec<Span>) {
    let text = t.str;
    URL.for_each(t, out, |c| {
        let (start, end) = c.span(0);
        // Why: "www.host" right after '@' or '.' is the tail of an e-mail or a longer name.
        if text[..start].ends_with(['@', '.']) {
            return None;
        }
        // Why: sentence punctuation after a URL is not part of it.
        let trimmed = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
        (trimmed.len() > "www.".len()).then_some((start, start + trimmed.len()))
    });
}

// ---------------------------------------------------------------------------------------------
// IP addresses
// ---------------------------------------------------------------------------------------------

static IPV4: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d{1,5}))?\b",
        Starts::At(|t, out| {
            Run {
                class: |b: u8| b.is_ascii_digit() || matches!(b, b'.' | b':'),
                sep: |b: u8| matches!(b, b'.'),
                min_digits: 4,
                min_seps: 3,
                max_len: 21,
            }
            .starts(t, out, |t, p| {
                t[p].is_ascii_digit() && pattern::word_start(t, p)
            })
        }),
    )
});

static IPV6: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}",
        Starts::At(|t, out| {
            if !t.facts.colon_pair {
                return;
            }
            Run {
                class: |b: u8| b.is_ascii_hexdigit() || b == b':',
                sep: |b: u8| b == b':',
                min_digits: 0,
                min_seps: 2,
                max_len: 39,
            }
            .starts_anywhere(t, out, |_, _| true)
        }),
    )
});

/// Why: four-part version numbers ("Version 3.1.4.2", "Software VE11C 11.0.3.2") look
/// exactly like IPv4 addresses.
static VERSION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:v|ver|version|release|build|rev|firmware|software|sw)\b")
        .expect("detector pattern is valid")
});

fn find_ip(t: &Text<'_>, out: &mut Vec<Span>) {
    let text = t.str;
    IPV4.for_each(t, out, |c| {
        let span = c.span(0);
        let octets_ok = (1..=4).all(|g| valid_octet(c.str(g)));
        let port_ok = c.get(5).is_none() || c.str(5).parse::<u32>().is_ok_and(|n| n <= 65535);
        let routable = c.str(1) != "0";
        let versioned = VERSION_LABEL.is_match(window_before(text, span.0, 20));
        (octets_ok && port_ok && routable && !versioned && stands_alone(text, span)).then_some(span)
    });
    IPV6.for_each(t, out, |c| {
        let span = c.span(0);
        plausible_ipv6(text, span).then_some(span)
    });
}

fn valid_octet(s: &str) -> bool {
    // Why: leading zeros ("010") are not how addresses are written but are common in codes.
    (s.len() == 1 || !s.starts_with('0')) && s.parse::<u16>().is_ok_and(|n| n <= 255)
}

fn plausible_ipv6(text: &str, (start, end): Span) -> bool {
    let candidate = &text[start..end];
    let glued =
        |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, ':' | '.' | '_'));
    let mut after = text[end..].chars();
    // Why the dot rule: a full stop may end the sentence, but ".5" continues a dotted run.
    let glued_after = match after.next() {
        Some('.') => glued(after.next()),
        next => glued(next),
    };
    if glued(text[..start].chars().next_back()) || glued_after {
        return false;
    }
    if candidate.parse::<Ipv6Addr>().is_err() {
        return false;
    }
    let groups: Vec<&str> = candidate.split(':').filter(|g| !g.is_empty()).collect();
    // Why: "::1", "a::b" and hex-only words ("dead::beef") are not worth a finding; a real
    // address has at least two groups, a long group and a decimal digit somewhere.
    groups.len() >= 2
        && groups.iter().any(|g| g.len() >= 3)
        && candidate.bytes().any(|b| b.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// Dates written in text
// ---------------------------------------------------------------------------------------------

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember";

static DATE_NUMERIC: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})",
        Starts::At(|t, out| {
            Run {
                class: |b: u8| b.is_ascii_digit() || matches!(b, b'/' | b'.' | b'-'),
                sep: |b: u8| matches!(b, b'/' | b'.' | b'-'),
                min_digits: 4,
                min_seps: 2,
                max_len: 10,
            }
            .starts(t, out, |t, p| {
                let digit = |i: usize| t.get(i).is_some_and(u8::is_ascii_digit);
                let sep = |i: usize| t.get(i).is_some_and(|b| matches!(b, b'/' | b'.' | b'-'));
                digit(p) && (sep(p + 1) || (digit(p + 1) && sep(p + 2)))
            })
        }),
    )
});

static DATE_ISO: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(\d{4})([/.-])(\d{1,2})([/.-])(\d{1,2})",
        Starts::At(|t, out| {
            Run {
                class: |b: u8| b.is_ascii_digit() || matches!(b, b'/' | b'.' | b'-'),
                sep: |b: u8| matches!(b, b'/' | b'.' | b'-'),
                min_digits: 6,
                min_seps: 2,
                max_len: 10,
            }
            .starts(t, out, |t, p| {
                t.get(p..p + 4)
                    .is_some_and(|year| year.iter().all(u8::is_ascii_digit))
                    && t.get(p + 4)
                        .is_some_and(|b| matches!(b, b'/' | b'.' | b'-'))
            })
        }),
    )
});

static DATE_DAY_MONTH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        &format!(
            r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\.?(?:\s+of)?[\s-]+({MONTHS})\b\.?(,?[\s-]+)(\d{{4}}|\d{{2}})\b"
        ),
        Starts::At(day_month_starts),
    )
});

static DATE_MONTH_DAY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        &format!(r"(?i)\b({MONTHS})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b,?\s+(\d{{4}})\b"),
        Starts::At(|t, out| pattern::words_starting(t, out, MONTH)),
    )
});

static DATE_LABELLED_COMPACT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?:\bdob\b|\bd\.o\.b\.?|\bborn\b(?:\s+on\b)?|\bbirth(?:\s*date|day)?\b|\bdate\s+of\s+birth\b|\bb\.|\bgeb\b\.?|\bgeboren\b|\bgeburtsdatum\b)\s*[:=]?\s*(\d{8})\b",
        Starts::At(|t, out| {
            // Why islands: eight digits in a row lie in one, and a long text was read
            // whole for them.
            let eight = |island: &pattern::Island| {
                island.digits >= 8 && pattern::has_digit_run(&t[island.begin..island.end], 8)
            };
            if t.has_word(BIRTH_LABEL) && t.digit_islands().iter().any(eight) {
                pattern::words_starting(t, out, BIRTH_LABEL);
            }
        }),
    )
});

/// Every spelling [`MONTHS`] matches, lowercase.
const MONTH_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "januar",
    "februar",
    "m\u{e4}rz",
    "maerz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

/// "4th of July": one or two digits at a word start, in a text that names a month.
fn day_month_starts(text: &Text<'_>, out: &mut Vec<usize>) {
    if !text.has_word(MONTH) {
        return;
    }
    let digit = |p: usize| text.get(p).is_some_and(u8::is_ascii_digit);
    out.extend(
        text.words_of(DIGIT_WORD)
            .filter(|&(p, _, _)| !(digit(p + 1) && digit(p + 2)))
            .map(|(p, _, _)| p),
    );
}

fn find_date(t: &Text<'_>, out: &mut Vec<Span>) {
    let text = t.str;
    DATE_NUMERIC.for_each(t, out, |c| {
        let span = c.span(0);
        let sep = c.str(2);
        let year = c.str(5);
        // Why: "1.2.70" or "3-5-12" are too often versions, ranges or codes; only the slash
        // form is common enough with a two-digit year.
        let year_ok = year.len() == 4 || sep == "/";
        let (a, b) = (num(c.str(1)), num(c.str(3)));
        let y = year_value(year);
        let either_order = valid_day(y, a, b) || valid_day(y, b, a);
        (sep == c.str(4) && year_ok && either_order && stands_alone(text, span)).then_some(span)
    });
    DATE_ISO.for_each(t, out, |c| {
        let span = c.span(0);
        let sep = c.str(2);
        let (month, day) = (c.str(3), c.str(5));
        let padded = sep != "." || (month.len() == 2 && day.len() == 2);
        let y = year_value(c.str(1));
        // Why: "2021-03-04T10:00:00" is still a date, the time glued on with a 'T'.
        let timestamp = sep == "-" && text[span.1..].starts_with('T');
        (sep == c.str(4)
            && padded
            && y.is_some()
            && valid_day(y, num(month), num(day))
            && clear_before(text, span.0)
            && (timestamp || clear_after(text, span.1)))
        .then_some(span)
    });
    DATE_DAY_MONTH.for_each(t, out, |c| {
        let span = c.span(0);
        let year = c.str(4);
        let year_ok = year.len() == 4 || c.str(3).contains('-');
        let (y, m) = (year_value(year), month_number(c.str(2)));
        (year_ok && valid_day(y, m, num(c.str(1))) && clear_before(text, span.0)).then_some(span)
    });
    DATE_MONTH_DAY.for_each(t, out, |c| {
        let span = c.span(0);
        let (y, m) = (year_value(c.str(3)), month_number(c.str(1)));
        (valid_day(y, m, num(c.str(2))) && clear_after(text, span.1)).then_some(span)
    });
    DATE_LABELLED_COMPACT.for_each(t, out, |c| {
        let span = c.span(1);
        let d = c.str(1);
        let y = year_value(&d[..4]);
        (y.is_some() && valid_day(y, num(&d[4..6]), num(&d[6..]))).then_some(span)
    });
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// The year of a four-digit string in a plausible range; `None` for two-digit years (any
/// century) and for implausible ones, which `valid_day` then treats leniently or rejects.
fn year_value(s: &str) -> Option<u32> {
    match s.len() {
        4 => Some(num(s)).filter(|y| (1850..=2199).contains(y)),
        _ => None,
    }
}

/// Whether `day` exists in `month` of `year` (two-digit years: any year, so 29 Feb passes).
fn valid_day(year: Option<u32>, month: u32, day: u32) -> bool {
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => return false,
    };
    (1..=max).contains(&day)
}

fn month_number(name: &str) -> u32 {
    let lower = name.to_lowercase();
    let key: String = lower.chars().take(3).collect();
    match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" | "mär" | "mae" => 3,
        "apr" => 4,
        "may" | "mai" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" | "okt" => 10,
        "nov" => 11,
        "dec" | "dez" => 12,
        _ => 0,
    }
}

// ---------------------------------------------------------------------------------------------
// Street addresses
// ---------------------------------------------------------------------------------------------

static STREET_US: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b[1-9]\d{0,5}[a-z]?\s+((?:(?:[a-z][a-z'.-]*|\d+(?:st|nd|rd|th))\s+){1,4})(street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|parkway|pkwy|highway|hwy|circle|cir)\b(?:\.?,?\s*(?:apt|apartment|suite|ste|unit)\b\.?\s*#?\s*[a-z0-9-]{1,6}\b|\.?,?\s*#\s*[a-z0-9-]{1,6}\b)?",
        Starts::At(us_street_starts),
    )
});

static PO_BOX: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:p\.?\s?o\.?\s*box|post\s+office\s+box|postfach)\s*#?\s*\d{1,6}\b",
        Starts::At(|t, out| {
            if t.has_word(P_O) && names_a_box(t) {
                pattern::words_starting(t, out, P_O);
            }
        }),
    )
});

static STREET_GERMAN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)([A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüßéè-]*?)(straße|strasse|str\.|gasse|platz|allee|weg)\s*(\d{1,4}\s?[a-z]?)\b",
        Starts::AnywhereIf(german_street_possible),
    )
});

static STREET_FRENCH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:(\d{1,4})(?:\s?(?:bis|ter))?,?\s+)?(?:rue|avenue|boulevard|bd|chemin|impasse|quai|allée|place)\s+(?:(?:de|du|des|la|le|les)\s+|[dl]['’]\s*)*([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]+(?:\s+[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]+){0,2}?)(?:,?\s+(\d{1,4})\b)?",
        Starts::At(french_street_starts),
    )
});

/// Whether a German street suffix ends right before a house number, spaces between: every
/// match of [`STREET_GERMAN`] holds one, and looking back from the digits is cheaper than
/// reading the whole text for the suffixes.
fn german_street_possible(t: &Text<'_>) -> bool {
    const SUFFIXES: &[&[u8]] = &[
        "straße".as_bytes(),
        b"strasse",
        b"str.",
        b"gasse",
        b"platz",
        b"allee",
        b"weg",
    ];
    let bytes = t.bytes;
    t.digit_islands().iter().any(|island| {
        (island.begin..island.end).any(|d| {
            let starts_digits =
                bytes[d].is_ascii_digit() && (d == 0 || !bytes[d - 1].is_ascii_digit());
            if !starts_digits {
                return false;
            }
            let before = &bytes[..d];
            let kept = before
                .iter()
                .rposition(|&b| !pattern::is_space(b))
                .map_or(0, |k| k + 1);
            let before = &before[..kept];
            // Why first: every suffix ends in one of these, and most numbers follow '=' or a
            // word that does not.
            let ends_like_suffix = before
                .last()
                .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'e' | b'.' | b'z' | b'g'));
            ends_like_suffix
                && SUFFIXES.iter().any(|s| {
                    before.len() >= s.len()
                        && before[before.len() - s.len()..].eq_ignore_ascii_case(s)
                })
        })
    })
}

/// Whether a text may hold what every [`PO_BOX`] match holds: "box" or a word "postfach".
///
/// Why not a search for either word: in a long text every 'b' and 'p' started a comparison;
/// an 'x' is rare, and "postfach" is a word of the kind the pattern starts at.
fn names_a_box(t: &Text<'_>) -> bool {
    memchr::memchr2_iter(b'x', b'X', t).any(|i| i >= 2 && t[i - 2..i].eq_ignore_ascii_case(b"bo"))
        || t.words_of(P_O).any(|(p, _, _)| {
            t.get(p..p + 8)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"postfach"))
        })
}

/// Words that put a number in front of a street suffix in clinical text ("3 phase CT",
/// "2 weeks with Dr Lee") without being a street name.
const NOT_STREET_WORDS: &[&str] = &[
    "at",
    "in",
    "on",
    "of",
    "by",
    "to",
    "the",
    "and",
    "or",
    "with",
    "for",
    "from",
    "per",
    "x",
    "mm",
    "cm",
    "m",
    "ml",
    "cc",
    "mg",
    "kv",
    "kvp",
    "ma",
    "mas",
    "ms",
    "sec",
    "s",
    "min",
    "mins",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "yo",
    "y",
    "pm",
    "am",
    "phase",
    "phases",
    "slice",
    "slices",
    "series",
    "image",
    "images",
    "view",
    "views",
    "contrast",
    "vessel",
    "vessels",
    "lead",
    "leads",
    "level",
    "levels",
    "head",
    "chest",
    "abdomen",
    "pelvis",
    "spine",
    "brain",
    "neck",
    "body",
    "cardiac",
    "dual",
    "energy",
    "perfusion",
    "angio",
    "lane",
    "see",
    "saw",
    "seen",
    "call",
    "ask",
];

/// Suffixes that are also common abbreviations or words (Dr Smith, St Mary, CT scan, one way).
const WEAK_SUFFIXES: &[&str] = &[
    "st", "dr", "drive", "ct", "court", "ln", "way", "pl", "place", "hwy", "highway", "cir",
    "circle", "ter",
];

/// Street suffixes [`STREET_US`] ends with, lowercase.
const US_STREET_SUFFIXES: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "ln",
    "drive",
    "dr",
    "court",
    "ct",
    "way",
    "place",
    "pl",
    "terrace",
    "ter",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "circle",
    "cir",
];

static US_STREET_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(US_STREET_SUFFIXES));

/// "123 Main Street": a house number at a word start, its suffix two to five tokens on.
fn us_street_starts(text: &Text<'_>, out: &mut Vec<usize>) {
    if !text.has_word(US_STREET) {
        return;
    }
    out.extend(text.words_of(DIGIT_WORD).map(|(p, _, _)| p).filter(|&p| {
        matches!(text[p], b'1'..=b'9')
            && pattern::word_token_follows(text, p, 2..=5, &US_STREET_SET)
    }));
}

/// Street words [`STREET_FRENCH`] needs, lowercase.
const FRENCH_WORDS: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "bd",
    "chemin",
    "impasse",
    "quai",
    "all\u{e9}e",
    "place",
];

static FRENCH_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(FRENCH_WORDS));

/// A French address starts at its house number or at its street word, and needs the word.
fn french_street_starts(text: &Text<'_>, out: &mut Vec<usize>) {
    if !text.has_word(FRENCH) {
        return;
    }
    out.extend(
        text.words_of(FRENCH | DIGIT_WORD)
            .filter(|&(p, _, kinds)| {
                kinds & FRENCH != 0 || pattern::word_token_follows(text, p, 1..=2, &FRENCH_SET)
            })
            .map(|(p, _, _)| p),
    );
}

fn find_street_address(t: &Text<'_>, out: &mut Vec<Span>) {
    let text = t.str;
    STREET_US.for_each(t, out, |c| {
        let span = c.span(0);
        plausible_us_street(c.str(1), c.str(2), text, span).then_some(span)
    });
    PO_BOX.for_each(t, out, |c| Some(c.span(0)));
    STREET_GERMAN.for_each(t, out, |c| {
        let (start, end) = c.span(0);
        let (stem, suffix) = (c.str(1), c.str(2).to_lowercase());
        let capitalised = stem.chars().next().is_some_and(char::is_uppercase)
            || (stem.is_empty() && suffix.starts_with(|ch: char| ch.is_uppercase()));
        let starts_word = !text[..start].ends_with(|ch: char| ch.is_alphabetic());
        // Why: "Instr. 5" and "Weg 5" are not addresses; a real compound has a stem.
        let stem_ok = match suffix.as_str() {
            "str." => stem.chars().count() >= 3,
            "straße" | "strasse" | "gasse" => true,
            _ => stem.chars().count() >= 2,
        };
        let capitalised = capitalised || c.str(2).starts_with(char::is_uppercase);
        (capitalised && starts_word && stem_ok && clear_after(text, end)).then_some((start, end))
    });
    STREET_FRENCH.for_each(t, out, |c| {
        let span = c.span(0);
        let numbered = c.get(1).is_some() || c.get(3).is_some();
        let named = c.str(2).starts_with(char::is_uppercase);
        (numbered && named && clear_before(text, span.0) && clear_after(text, span.1))
            .then_some(span)
    });
}

fn plausible_us_street(name: &str, suffix: &str, text: &str, span: Span) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let clinical = words.iter().any(|w| {
        let w = w.trim_end_matches('.').to_lowercase();
        NOT_STREET_WORDS.contains(&w.as_str())
    });
    if clinical || !clear_before(text, span.0) {
        return false;
    }
    let suffix_lower = suffix.to_lowercase();
    if !WEAK_SUFFIXES.contains(&suffix_lower.as_str()) {
        return true;
    }
    // Why: for suffixes that double as titles or abbreviations, ask for a proper name, and an
    // all-caps "CT"/"ST"/"DR" only counts when the whole address is written in capitals.
    let first = words.first().copied().unwrap_or("");
    let proper = first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let shouting = suffix.len() == 2 && suffix.chars().all(|c| c.is_ascii_uppercase());
    let all_caps = words.iter().all(|w| !w.chars().any(|c| c.is_lowercase()));
    proper && (!shouting || all_caps)
}

// ---------------------------------------------------------------------------------------------
// ZIP codes
// ---------------------------------------------------------------------------------------------

static ZIP_AFTER_STATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"[A-Za-z][A-Za-z.'-]*(,?)\s+(AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)\.?\s+(\d{5}(?:-\d{4})?)\b",
        Starts::AnywhereIf(zip_after_state_possible),
    )
});

static ZIP_LABELLED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:zip(?:\s*code)?|postal\s*code|post\s*code|postcode)\b\.?\s*[:#=]?\s*(\d{5}(?:-\d{4})?)\b",
        Starts::At(|t, out| pattern::words_starting(t, out, ZIP_LABEL)),
    )
});

/// State codes that are also English words or clinical abbreviations ("seen IN", "chest PA",
/// "head CT", "patient ID"): after these we want the comma of a written address.
const AMBIGUOUS_STATES: &[&str] = &[
    "IN", "OR", "ME", "OK", "HI", "OH", "DE", "ID", "CT", "PA", "MD", "MS", "MT", "NE", "LA", "MO",
];

/// Whether `text` holds what [`ZIP_AFTER_STATE`] ends with: two capitals (a state code), an
/// optional dot, white space, then a run of exactly five digits.
fn zip_after_state_possible(text: &Text<'_>) -> bool {
    let t = text.bytes;
    text.digit_islands()
        .iter()
        .filter(|island| island.digits >= 5)
        .any(|island| {
            let mut i = island.begin;
            while i < island.end {
                if !t[i].is_ascii_digit() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < island.end && t[i].is_ascii_digit() {
                    i += 1;
                }
                if i - start == 5 && state_before(&t[..start]) {
                    return true;
                }
            }
            false
        })
}

/// Whether `before` ends in two capitals, maybe a dot, then white space: a state code right
/// before a ZIP code.
fn state_before(before: &[u8]) -> bool {
    let kept = before
        .iter()
        .rposition(|&b| !pattern::is_space(b))
        .map_or(0, |k| k + 1);
    if kept == before.len() {
        return false;
    }
    let trimmed = &before[..kept];
    let state = trimmed.strip_suffix(b".").unwrap_or(trimmed);
    state.len() >= 2 && state[state.len() - 2..].iter().all(u8::is_ascii_uppercase)
}

fn find_zip(t: &Text<'_>, out: &mut Vec<Span>) {
    let text = t.str;
    ZIP_AFTER_STATE.for_each(t, out, |c| {
        let span = c.span(3);
        let comma = !c.str(1).is_empty();
        let state_ok = comma || !AMBIGUOUS_STATES.contains(&c.str(2));
        (state_ok && clear_after(text, span.1)).then_some(span)
    });
    ZIP_LABELLED.for_each(t, out, |c| {
        let span = c.span(1);
        clear_after(text, span.1).then_some(span)
    });
}

// ---------------------------------------------------------------------------------------------
// Record numbers
// ---------------------------------------------------------------------------------------------

static RECORD_LABELLED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?:\bmrn\b|\bmr\s*#|\bmr\s*no\b\.?|\bmedical\s+record\b(?:\s*(?:number\b|num\b|no\b\.?|nr\b|#))?|\bmed\.?\s*rec(?:ord)?\b\.?(?:\s*(?:number\b|no\b\.?|#))?|\bpatient\s*(?:id\b|identifier\b|number\b|no\b\.?|nr\b|#)|\bpat\.?\s*(?:id\b|no\b\.?|#)|\bpid\b|\bchart\b(?:\s*(?:number\b|no\b\.?|#))?|\bacct\b\.?(?:\s*(?:number\b|no\b\.?|#))?|\baccount\s*(?:number\b|no\b\.?|#)|\baccount\b|\bhospital\s*(?:number\b|no\b\.?|#))\s*[:=]?\s*#?\s*([A-Za-z]{0,3}\d[A-Za-z0-9-]{1,19})",
        Starts::At(|t, out| pattern::words_starting(t, out, RECORD_LABEL)),
    )
});

fn find_record_number(t: &Text<'_>, out: &mut Vec<Span>) {
    let text = t.str;
    RECORD_LABELLED.for_each(t, out, |c| {
        let (start, end) = c.span(1);
        let value = text[start..end].trim_end_matches('-');
        let end = start + value.len();
        (value.len() >= 4 && digit_count(value) >= 3 && clear_after(text, end))
            .then_some((start, end))
    });
}

// ---------------------------------------------------------------------------------------------
// Text sniffing for elements of unknown type
// ---------------------------------------------------------------------------------------------

/// Whether the raw bytes of an element with unknown VR (`UN`) or a private `OB` hold text
/// worth scanning: at least 4 characters, mostly printable (UTF-8 or Latin-1), with trailing
/// NUL/space padding allowed and very few control bytes.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|&b| b != 0 && b != b' ')
        .map_or(0, |i| i + 1);
    let bytes = &bytes[..end];
    // Why a path of its own: most private text is ASCII, where a character is a byte and the
    // counts below need no decoding (an 8 KB parameter block: one loop, no buffer of chars).
    if bytes.is_ascii() {
        let (mut control, mut wordy) = (0usize, 0usize);
        // Why chunks of 255 counted in bytes: the compiler then counts 32 bytes at a time.
        for chunk in bytes.chunks(255) {
            let (mut c, mut w) = (0u8, 0u8);
            for &b in chunk {
                c += u8::from(is_binary_byte(b));
                w += u8::from(b.is_ascii_alphanumeric());
            }
            control += usize::from(c);
            wordy += usize::from(w);
        }
        return text_ratios(bytes.len(), control, 0, wordy);
    }
    let (chars, high_latin1): (Vec<char>, usize) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.chars().collect(), 0),
        // Why Latin-1: it is DICOM's most common non-default character set, and every byte
        // decodes, so the checks below still separate text from binary.
        Err(_) => (
            bytes.iter().map(|&b| char::from(b)).collect(),
            bytes.iter().filter(|&&b| b >= 0x80).count(),
        ),
    };
    let control = chars.iter().filter(|&&c| is_binary_char(c)).count();
    let wordy = chars.iter().filter(|c| c.is_alphanumeric()).count();
    text_ratios(chars.len(), control, high_latin1, wordy)
}

/// Whether `total` characters with these counts are text: at least 4 of them, and the ratios
/// below.
fn text_ratios(total: usize, control: usize, high_latin1: usize, wordy: usize) -> bool {
    if total < 4 {
        return false;
    }
    // Why these ratios: random binary has about one control byte in four and, read as
    // Latin-1, about one high byte in two; real text has neither, and a good share of it is
    // letters and digits (ISO 2022 Japanese, in 7-bit codes, still has one in three).
    control * 20 <= total && high_latin1 * 4 <= total && wordy * 3 >= total
}

/// [`is_binary_char`] of an ASCII byte.
fn is_binary_byte(b: u8) -> bool {
    // Bit `b` set for the control bytes text may hold: tab, line feed, form feed, carriage
    // return and escape.
    const ALLOWED: u32 = 1 << b'\t' | 1 << b'\n' | 1 << 0x0c | 1 << b'\r' | 1 << 0x1b;
    (b < 0x20 && ALLOWED >> (b & 0x1f) & 1 == 0) || b == 0x7f
}

fn is_binary_char(c: char) -> bool {
    // Why ESC is allowed: ISO 2022 character sets (Japanese, Korean) switch with escape codes.
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1b}')
}

const PATTERN_COUNT: usize = 21;
// Why: a gate's answer is a `u32` of one bit a pattern.
const _: () = assert!(PATTERN_COUNT <= 32);

/// Every detector pattern, by name: the gate's set (bit `i` is pattern `i`), and what the
/// tests compare with plain searches.
#[cfg(any(test, not(target_arch = "wasm32")))]
static PATTERNS: [(&str, &LazyLock<Pattern>); PATTERN_COUNT] = [
    ("SSN", &SSN),
    ("SSN_LABELLED", &SSN_LABELLED),
    ("PHONE_NANP", &PHONE_NANP),
    ("PHONE_INTERNATIONAL", &PHONE_INTERNATIONAL),
    ("PHONE_LABELLED", &PHONE_LABELLED),
    ("EMAIL", &EMAIL),
    ("URL", &URL),
    ("IPV4", &IPV4),
    ("IPV6", &IPV6),
    ("DATE_NUMERIC", &DATE_NUMERIC),
    ("DATE_ISO", &DATE_ISO),
    ("DATE_DAY_MONTH", &DATE_DAY_MONTH),
    ("DATE_MONTH_DAY", &DATE_MONTH_DAY),
    ("DATE_LABELLED_COMPACT", &DATE_LABELLED_COMPACT),
    ("STREET_US", &STREET_US),
    ("PO_BOX", &PO_BOX),
    ("STREET_GERMAN", &STREET_GERMAN),
    ("STREET_FRENCH", &STREET_FRENCH),
    ("ZIP_AFTER_STATE", &ZIP_AFTER_STATE),
    ("ZIP_LABELLED", &ZIP_LABELLED),
    ("RECORD_LABELLED", &RECORD_LABELLED),
];

#[cfg(any(test, not(target_arch = "wasm32")))]
fn all_patterns() -> impl Iterator<Item = (&'static str, &'static Pattern)> {
    PATTERNS.iter().map(|&(name, p)| (name, &**p))
}

/// Where `pattern` is in [`PATTERNS`]: its bit in a gate's answer.
#[cfg(not(target_arch = "wasm32"))]
fn pattern_index(pattern: &Pattern) -> usize {
    all_patterns()
        .position(|(_, p)| std::ptr::eq(p, pattern))
        .expect("every pattern is listed in PATTERNS")
}

#[cfg(test)]
mod tests;
