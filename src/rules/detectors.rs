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

use regex_lite::{Captures, Regex};

use super::row::RuleRow;
use super::{Category, Severity};

/// A kind of identifier that can be recognised inside free text. Variant `i` is row `i` of
/// [`ROWS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Detector {
    Ssn,
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
pub const ROWS: [RuleRow<Detector>; 10] = [
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
    let mut hits = Vec::new();
    if text.trim().is_empty() {
        return hits;
    }
    // Cheap necessary conditions first: most DICOM text ("CT HEAD", "ROUTINE") holds no digit,
    // no '@' and no web address, and the regex engine is the scan's main cost (a profile put
    // 72% of the CLI's instructions in `scan_text`).
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    let has_at = text.contains('@');
    let has_web = text.contains("://") || text.to_ascii_lowercase().contains("www.");
    for detector in Detector::all() {
        let possible = match detector {
            Detector::Email => has_at,
            Detector::Url => has_web,
            Detector::NameEcho => name.is_some(),
            _ => has_digit,
        };
        if !possible {
            continue;
        }
        let mut spans = Vec::new();
        match detector {
            Detector::Ssn => find_ssn(text, &mut spans),
            Detector::Phone => find_phone(text, &mut spans),
            Detector::Email => find_email(text, &mut spans),
            Detector::Url => find_url(text, &mut spans),
            Detector::IpAddress => find_ip(text, &mut spans),
            Detector::DateInText => find_date(text, &mut spans),
            Detector::StreetAddress => find_street_address(text, &mut spans),
            Detector::ZipCode => find_zip(text, &mut spans),
            Detector::NameEcho => {
                if let Some(name) = name {
                    name.find(text, &mut spans);
                }
            }
            Detector::RecordNumber => find_record_number(text, &mut spans),
        }
        hits.extend(merge(spans).into_iter().map(|(start, end)| ValueHit {
            detector,
            start,
            end,
        }));
    }
    hits.sort_by_key(|h| (h.start, h.end, h.detector));
    hits
}

/// A byte range `(start, end)` into the scanned text.
type Span = (usize, usize);

fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("detector pattern is valid")
}

/// Runs `re` over `text` and keeps the spans `accept` returns.
///
/// Why not `captures_iter`: a candidate that fails validation may hide a valid one starting
/// inside it (the regex has no look-around), so after a rejection we step one character on
/// instead of jumping past the whole match.
fn for_each_candidate<'t>(
    re: &Regex,
    text: &'t str,
    out: &mut Vec<Span>,
    mut accept: impl FnMut(&Captures<'t>) -> Option<Span>,
) {
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = re.captures_at(text, at) else {
            break;
        };
        let whole = caps.get(0).expect("group 0 always matches");
        let step = next_char_boundary(text, whole.start());
        match accept(&caps) {
            Some(span) => {
                out.push(span);
                at = whole.end().max(step);
            }
            None => at = step,
        }
    }
}

fn next_char_boundary(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

fn span_of(caps: &Captures<'_>, group: usize) -> Span {
    let m = caps.get(group).expect("group participates in every match");
    (m.start(), m.end())
}

fn group_str<'t>(caps: &Captures<'t>, group: usize) -> &'t str {
    caps.get(group).map_or("", |m| m.as_str())
}

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
// Social Security numbers
// ---------------------------------------------------------------------------------------------

static SSN: LazyLock<Regex> = LazyLock::new(|| regex(r"(\d{3})([- ]?)(\d{2})([- ]?)(\d{4})"));

static SSN_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:\bssn\b|\bss\s?#|\bsocial\s+security\b|\bsoc\.?\s*sec\b\.?)(?:\s*(?:number|num|no)\b\.?|\s*#)?\s*[:=]?\s*(\d{3}[- ]?\d{2}[- ]?\d{4})",
    )
});

fn find_ssn(text: &str, out: &mut Vec<Span>) {
    // Why the separator rule: nine bare digits are as likely an accession number, so only
    // the written-out forms fire without a label.
    for_each_candidate(&SSN, text, out, |c| {
        let (sep1, sep2) = (group_str(c, 2), group_str(c, 4));
        let span = span_of(c, 0);
        (!sep1.is_empty()
            && sep1 == sep2
            && valid_ssn(group_str(c, 1), group_str(c, 3), group_str(c, 5))
            && stands_alone(text, span)
            && (sep1 != " " || !in_number_list(text, span)))
        .then_some(span)
    });
    for_each_candidate(&SSN_LABELLED, text, out, |c| {
        let span = span_of(c, 1);
        let digits: String = group_str(c, 1)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        (valid_ssn(&digits[..3], &digits[3..5], &digits[5..]) && clear_after(text, span.1))
            .then_some(span)
    });
}

/// SSA rules: these areas, groups and serials are never issued.
fn valid_ssn(area: &str, group: &str, serial: &str) -> bool {
    let area_ok = area != "000" && area != "666" && !area.starts_with('9');
    area_ok && group != "00" && serial != "0000"
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

static PHONE_NANP: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(\+?1[-. ]?)?(?:\(([2-9]\d{2})\) ?|([2-9]\d{2})([-. ]))(\d{3})([-. ])(\d{4})")
});

static PHONE_INTERNATIONAL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,4}\)|[ .-]?\d{1,5}){1,7}"));

static PHONE_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:tel(?:ephone)?|phone|ph|fax|mobile|mob|cell|pager)\b\.?(?:\s*(?:no|num|number|nr)\b\.?|\s*#)?\s*[:=.]?\s*(\+?\(?\d[\d ()./-]{5,20}\d)",
    )
});

fn find_phone(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&PHONE_NANP, text, out, |c| {
        let span = span_of(c, 0);
        let has_prefix = c.get(1).is_some();
        let parenthesised = c.get(2).is_some();
        let (sep1, sep2) = (group_str(c, 4), group_str(c, 6));
        // Why: spaces separate many kinds of numbers, so a spaced form needs the +1 prefix
        // or brackets before it reads as a phone number; mixed separators read as noise.
        let separators_ok = if parenthesised {
            true
        } else {
            sep1 == sep2 && (sep1 != " " || has_prefix)
        };
        (separators_ok && stands_alone(text, span)).then_some(span)
    });
    for_each_candidate(&PHONE_INTERNATIONAL, text, out, |c| {
        let span = span_of(c, 0);
        let number = c.get(0).map_or("", |m| m.as_str());
        let digits = digit_count(number);
        let dots = number.matches('.').count();
        let other_separators = number[1..].contains([' ', '-', '(']);
        // Why: "+1.25" style signed decimals must not pass, so dots alone need two of them.
        let grouped = other_separators || dots >= 2;
        ((8..=15).contains(&digits) && grouped && stands_alone(text, span)).then_some(span)
    });
    for_each_candidate(&PHONE_LABELLED, text, out, |c| {
        let span = span_of(c, 1);
        let digits = digit_count(group_str(c, 1));
        ((7..=15).contains(&digits) && clear_after(text, span.1)).then_some(span)
    });
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses and URLs
// ---------------------------------------------------------------------------------------------

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}\b",
    )
});

fn find_email(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&EMAIL, text, out, |c| Some(span_of(c, 0)));
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?i)\b(?:(?:https?|ftps?|sftp)://[^\s<>"'\\^|`]+|www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:?#][^\s<>"'\\^|`]*)?)"#,
    )
});

fn find_url(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&URL, text, out, |c| {
        let (start, end) = span_of(c, 0);
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

static IPV4: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d{1,5}))?\b"));

static IPV6: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"));

/// Why: four-part version numbers ("Version 3.1.4.2", "Software VE11C 11.0.3.2") look
/// exactly like IPv4 addresses.
static VERSION_LABEL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(?:v|ver|version|release|build|rev|firmware|software|sw)\b"));

fn find_ip(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&IPV4, text, out, |c| {
        let span = span_of(c, 0);
        let octets_ok = (1..=4).all(|g| valid_octet(group_str(c, g)));
        let port_ok = c
            .get(5)
            .is_none_or(|p| p.as_str().parse::<u32>().is_ok_and(|n| n <= 65535));
        let routable = group_str(c, 1) != "0";
        let versioned = VERSION_LABEL.is_match(window_before(text, span.0, 20));
        (octets_ok && port_ok && routable && !versioned && stands_alone(text, span)).then_some(span)
    });
    for_each_candidate(&IPV6, text, out, |c| {
        let span = span_of(c, 0);
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

static DATE_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})"));

static DATE_ISO: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(\d{4})([/.-])(\d{1,2})([/.-])(\d{1,2})"));

static DATE_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\.?(?:\s+of)?[\s-]+({MONTHS})\b\.?(,?[\s-]+)(\d{{4}}|\d{{2}})\b"
    ))
});

static DATE_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b({MONTHS})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b,?\s+(\d{{4}})\b"
    ))
});

static DATE_LABELLED_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:\bdob\b|\bd\.o\.b\.?|\bborn\b(?:\s+on\b)?|\bbirth(?:\s*date|day)?\b|\bdate\s+of\s+birth\b|\bb\.|\bgeb\b\.?|\bgeboren\b|\bgeburtsdatum\b)\s*[:=]?\s*(\d{8})\b",
    )
});

fn find_date(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&DATE_NUMERIC, text, out, |c| {
        let span = span_of(c, 0);
        let sep = group_str(c, 2);
        let year = group_str(c, 5);
        // Why: "1.2.70" or "3-5-12" are too often versions, ranges or codes; only the slash
        // form is common enough with a two-digit year.
        let year_ok = year.len() == 4 || sep == "/";
        let (a, b) = (num(group_str(c, 1)), num(group_str(c, 3)));
        let y = year_value(year);
        let either_order = valid_day(y, a, b) || valid_day(y, b, a);
        (sep == group_str(c, 4) && year_ok && either_order && stands_alone(text, span))
            .then_some(span)
    });
    for_each_candidate(&DATE_ISO, text, out, |c| {
        let span = span_of(c, 0);
        let sep = group_str(c, 2);
        let (month, day) = (group_str(c, 3), group_str(c, 5));
        let padded = sep != "." || (month.len() == 2 && day.len() == 2);
        let y = year_value(group_str(c, 1));
        // Why: "2021-03-04T10:00:00" is still a date, the time glued on with a 'T'.
        let timestamp = sep == "-" && text[span.1..].starts_with('T');
        (sep == group_str(c, 4)
            && padded
            && y.is_some()
            && valid_day(y, num(month), num(day))
            && clear_before(text, span.0)
            && (timestamp || clear_after(text, span.1)))
        .then_some(span)
    });
    for_each_candidate(&DATE_DAY_MONTH, text, out, |c| {
        let span = span_of(c, 0);
        let year = group_str(c, 4);
        let year_ok = year.len() == 4 || group_str(c, 3).contains('-');
        let (y, m) = (year_value(year), month_number(group_str(c, 2)));
        (year_ok && valid_day(y, m, num(group_str(c, 1))) && clear_before(text, span.0))
            .then_some(span)
    });
    for_each_candidate(&DATE_MONTH_DAY, text, out, |c| {
        let span = span_of(c, 0);
        let (y, m) = (year_value(group_str(c, 3)), month_number(group_str(c, 1)));
        (valid_day(y, m, num(group_str(c, 2))) && clear_after(text, span.1)).then_some(span)
    });
    for_each_candidate(&DATE_LABELLED_COMPACT, text, out, |c| {
        let span = span_of(c, 1);
        let d = group_str(c, 1);
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

static STREET_US: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b[1-9]\d{0,5}[a-z]?\s+((?:(?:[a-z][a-z'.-]*|\d+(?:st|nd|rd|th))\s+){1,4})(street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|parkway|pkwy|highway|hwy|circle|cir)\b(?:\.?,?\s*(?:apt|apartment|suite|ste|unit)\b\.?\s*#?\s*[a-z0-9-]{1,6}\b|\.?,?\s*#\s*[a-z0-9-]{1,6}\b)?",
    )
});

static PO_BOX: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(?:p\.?\s?o\.?\s*box|post\s+office\s+box|postfach)\s*#?\s*\d{1,6}\b")
});

static STREET_GERMAN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)([A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüßéè-]*?)(straße|strasse|str\.|gasse|platz|allee|weg)\s*(\d{1,4}\s?[a-z]?)\b",
    )
});

static STREET_FRENCH: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:(\d{1,4})(?:\s?(?:bis|ter))?,?\s+)?(?:rue|avenue|boulevard|bd|chemin|impasse|quai|allée|place)\s+(?:(?:de|du|des|la|le|les)\s+|[dl]['’]\s*)*([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]+(?:\s+[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]+){0,2}?)(?:,?\s+(\d{1,4})\b)?",
    )
});

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

fn find_street_address(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&STREET_US, text, out, |c| {
        let span = span_of(c, 0);
        plausible_us_street(group_str(c, 1), group_str(c, 2), text, span).then_some(span)
    });
    for_each_candidate(&PO_BOX, text, out, |c| Some(span_of(c, 0)));
    for_each_candidate(&STREET_GERMAN, text, out, |c| {
        let (start, end) = span_of(c, 0);
        let (stem, suffix) = (group_str(c, 1), group_str(c, 2).to_lowercase());
        let capitalised = stem.chars().next().is_some_and(char::is_uppercase)
            || (stem.is_empty() && suffix.starts_with(|ch: char| ch.is_uppercase()));
        let starts_word = !text[..start].ends_with(|ch: char| ch.is_alphabetic());
        // Why: "Instr. 5" and "Weg 5" are not addresses; a real compound has a stem.
        let stem_ok = match suffix.as_str() {
            "str." => stem.chars().count() >= 3,
            "straße" | "strasse" | "gasse" => true,
            _ => stem.chars().count() >= 2,
        };
        let capitalised = capitalised || group_str(c, 2).starts_with(char::is_uppercase);
        (capitalised && starts_word && stem_ok && clear_after(text, end)).then_some((start, end))
    });
    for_each_candidate(&STREET_FRENCH, text, out, |c| {
        let span = span_of(c, 0);
        let numbered = c.get(1).is_some() || c.get(3).is_some();
        let named = group_str(c, 2).starts_with(char::is_uppercase);
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

static ZIP_AFTER_STATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"[A-Za-z][A-Za-z.'-]*(,?)\s+(AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)\.?\s+(\d{5}(?:-\d{4})?)\b",
    )
});

static ZIP_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:zip(?:\s*code)?|postal\s*code|post\s*code|postcode)\b\.?\s*[:#=]?\s*(\d{5}(?:-\d{4})?)\b",
    )
});

/// State codes that are also English words or clinical abbreviations ("seen IN", "chest PA",
/// "head CT", "patient ID"): after these we want the comma of a written address.
const AMBIGUOUS_STATES: &[&str] = &[
    "IN", "OR", "ME", "OK", "HI", "OH", "DE", "ID", "CT", "PA", "MD", "MS", "MT", "NE", "LA", "MO",
];

fn find_zip(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&ZIP_AFTER_STATE, text, out, |c| {
        let span = span_of(c, 3);
        let comma = !group_str(c, 1).is_empty();
        let state_ok = comma || !AMBIGUOUS_STATES.contains(&group_str(c, 2));
        (state_ok && clear_after(text, span.1)).then_some(span)
    });
    for_each_candidate(&ZIP_LABELLED, text, out, |c| {
        let span = span_of(c, 1);
        clear_after(text, span.1).then_some(span)
    });
}

// ---------------------------------------------------------------------------------------------
// Record numbers
// ---------------------------------------------------------------------------------------------

static RECORD_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:\bmrn\b|\bmr\s*#|\bmr\s*no\b\.?|\bmedical\s+record\b(?:\s*(?:number\b|num\b|no\b\.?|nr\b|#))?|\bmed\.?\s*rec(?:ord)?\b\.?(?:\s*(?:number\b|no\b\.?|#))?|\bpatient\s*(?:id\b|identifier\b|number\b|no\b\.?|nr\b|#)|\bpat\.?\s*(?:id\b|no\b\.?|#)|\bpid\b|\bchart\b(?:\s*(?:number\b|no\b\.?|#))?|\bacct\b\.?(?:\s*(?:number\b|no\b\.?|#))?|\baccount\s*(?:number\b|no\b\.?|#)|\baccount\b|\bhospital\s*(?:number\b|no\b\.?|#))\s*[:=]?\s*#?\s*([A-Za-z]{0,3}\d[A-Za-z0-9-]{1,19})",
    )
});

fn find_record_number(text: &str, out: &mut Vec<Span>) {
    for_each_candidate(&RECORD_LABELLED, text, out, |c| {
        let (start, end) = span_of(c, 1);
        let value = text[start..end].trim_end_matches('-');
        let end = start + value.len();
        (value.len() >= 4 && digit_count(value) >= 3 && clear_after(text, end))
            .then_some((start, end))
    });
}

// ---------------------------------------------------------------------------------------------
// The patient's own name
// ---------------------------------------------------------------------------------------------

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
            if let Some(first) = words(g, false).first() {
                initials.extend(first.folded.chars().next());
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

    fn find(&self, text: &str, out: &mut Vec<Span>) {
        if !self.worded.is_empty() {
            let text_words = words(text, false);
            for name in &self.worded {
                name.find(text, &text_words, out);
            }
        }
        for needle in &self.needles {
            out.extend(
                text.match_indices(needle.as_str())
                    .map(|(i, m)| (i, i + m.len())),
            );
        }
    }
}

impl WordedName {
    fn find(&self, text: &str, words: &[Word], out: &mut Vec<Span>) {
        for i in 0..words.len() {
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
            out.push((words[first].start, words[last].end));
        }
    }

    fn is_initial(&self, word: &Word) -> bool {
        let mut chars = word.folded.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if self.initials.contains(&c))
    }

    /// The last word index of a given name or initial right after word `last`.
    fn companion_after(&self, text: &str, words: &[Word], last: usize) -> Option<usize> {
        let next = last + 1;
        let word = words.get(next)?;
        if !name_gap(&text[words[last].end..word.start]) {
            return None;
        }
        if self.is_initial(word) {
            return Some(next);
        }
        self.given
            .iter()
            .find(|g| seq_at(text, words, next, g))
            .map(|g| next + g.len() - 1)
    }

    /// The first word index of a given name or initial right before word `first`.
    fn companion_before(&self, text: &str, words: &[Word], first: usize) -> Option<usize> {
        let prev = first.checked_sub(1)?;
        let word = &words[prev];
        if !name_gap(&text[word.end..words[first].start]) {
            return None;
        }
        if self.is_initial(word) {
            return Some(prev);
        }
        self.given.iter().find_map(|g| {
            let start = (prev + 1).checked_sub(g.len())?;
            seq_at(text, words, start, g).then_some(start)
        })
    }
}

/// Whether the folded words starting at `i` spell `seq`, joined only by spaces or hyphens.
fn seq_at(text: &str, words: &[Word], i: usize, seq: &[String]) -> bool {
    let Some(run) = words.get(i..i + seq.len()) else {
        return false;
    };
    run.iter().zip(seq).all(|(w, s)| w.folded == *s)
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

/// A word of the text: its byte range and its lowercased, accent-folded spelling.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    folded: String,
}

/// Splits `text` into words (letters and digits, with inner apostrophes as in O'Brien).
/// CJK characters end a word: those scripts are matched as substrings instead.
fn words(text: &str, umlaut_as_e: bool) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let apostrophe = matches!(c, '\'' | '’');
        let joins = is_word_char(c)
            || (apostrophe
                && current.is_some()
                && chars.peek().is_some_and(|&(_, n)| is_word_char(n)));
        if joins {
            let word = current.get_or_insert_with(|| Word {
                start: i,
                end: i,
                folded: String::new(),
            });
            if !apostrophe {
                push_folded(&mut word.folded, c, umlaut_as_e);
            }
            word.end = i + c.len_utf8();
        } else if let Some(word) = current.take() {
            out.push(word);
        }
    }
    out.extend(current);
    out
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
    words(s, false)
        .iter()
        .map(|w| w.folded.chars().count())
        .sum()
}

/// The folded word sequences a name part may be written as: "Müller" is both "muller" (as
/// the text folds it) and "mueller" (as ASCII-only systems spell it).
fn spellings(part: &str) -> Vec<Vec<String>> {
    let plain: Vec<String> = words(part, false).into_iter().map(|w| w.folded).collect();
    let german: Vec<String> = words(part, true).into_iter().map(|w| w.folded).collect();
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
    let (chars, high_latin1): (Vec<char>, usize) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.chars().collect(), 0),
        // Why Latin-1: it is DICOM's most common non-default character set, and every byte
        // decodes, so the checks below still separate text from binary.
        Err(_) => (
            bytes.iter().map(|&b| char::from(b)).collect(),
            bytes.iter().filter(|&&b| b >= 0x80).count(),
        ),
    };
    let total = chars.len();
    if total < 4 {
        return false;
    }
    let control = chars.iter().filter(|&&c| is_binary_char(c)).count();
    let wordy = chars.iter().filter(|c| c.is_alphanumeric()).count();
    // Why these ratios: random binary has about one control byte in four and, read as
    // Latin-1, about one high byte in two; real text has neither, and a good share of it is
    // letters and digits (ISO 2022 Japanese, in 7-bit codes, still has one in three).
    control * 20 <= total && high_latin1 * 4 <= total && wordy * 3 >= total
}

fn is_binary_char(c: char) -> bool {
    // Why ESC is allowed: ISO 2022 character sets (Japanese, Korean) switch with escape codes.
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1b}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matched substrings of one detector.
    fn found(text: &str, detector: Detector) -> Vec<&str> {
        found_with(text, detector, None)
    }

    fn found_with<'t>(text: &'t str, detector: Detector, name: Option<&NameEcho>) -> Vec<&'t str> {
        scan_text(text, name)
            .into_iter()
            .filter(|h| h.detector == detector)
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    fn fires(text: &str, detector: Detector) -> bool {
        !found(text, detector).is_empty()
    }

    /// Values that fill real DICOM files; no detector may fire on any of them.
    const DICOM_NOISE: &[&str] = &[
        "1.2.840.10008.5.1.4.1.1.2",
        "1.2.826.0.1.3680043.2.1125.1.34918616334675410762321512011151",
        "1.3.12.2.1107.5.1.4.73513.30000019073012345678900000012",
        "1.2.840.113619.2.55.3.604688119.969.1268071029.320",
        "1.2.392.200036.9116.2.6.1.48.1214833767.1398645014.507509",
        "20240131",
        "19700102",
        "101530.123",
        "101530",
        "0.488281\\0.488281",
        "-125.000000\\-130.500000\\95.250000",
        "1\\0\\0\\0\\1\\0",
        "120",
        "250\\250",
        "ORIGINAL\\PRIMARY\\AXIAL",
        "CT HEAD W/O CONTRAST",
        "CHEST PA AND LATERAL",
        "T2W_TSE_SAG 3mm",
        "3 Phase CT Abdomen",
        "5 mm slice thickness",
        "KVP 120 MA 250 mAs 300",
        "Exposure 2 ms Dr Smith",
        "113100",
        "DCM 121331",
        "SNM3 T-D1100",
        "123456789",
        "1234567890",
        "00:1a:2b:3c:4d:5e",
        "10:15:30",
        "Series 2 Slice 45",
        "ACC 123456789",
        "Window 40\\400",
        "W: 350 L: 50",
        "SW Version 3.1.4.2",
        "syngo MR E11",
        "pH 7.35",
        "ISO_IR 100",
    ];

    #[test]
    fn dicom_noise_fires_nothing() {
        let name = NameEcho::from_dicom_pn("Doe^John").unwrap();
        for value in DICOM_NOISE {
            let hits = scan_text(value, Some(&name));
            assert!(hits.is_empty(), "{value:?} fired {hits:?}");
        }
    }

    #[test]
    fn ids_and_classes_of_well_known_detectors() {
        assert_eq!(Detector::Ssn.id(), "V-SSN");
        assert_eq!(Detector::RecordNumber.id(), "V-MRN");
        assert_eq!(Detector::NameEcho.id(), "V-NAME-ECHO");
        assert_eq!(Detector::Ssn.severity(), Severity::Critical);
        assert_eq!(Detector::NameEcho.severity(), Severity::Critical);
        assert_eq!(Detector::RecordNumber.severity(), Severity::High);
        assert_eq!(Detector::ZipCode.severity(), Severity::Medium);
        assert_eq!(Detector::IpAddress.severity(), Severity::Medium);
        assert_eq!(Detector::ZipCode.category(), Category::Geography);
        assert_eq!(Detector::StreetAddress.category(), Category::Geography);
        assert_eq!(Detector::DateInText.category(), Category::Dates);
        assert_eq!(Detector::NameEcho.category(), Category::Names);
        assert_eq!(Detector::RecordNumber.category(), Category::MedicalRecord);
        assert_eq!(Detector::IpAddress.category(), Category::Ip);
    }

    // --- SSN ---------------------------------------------------------------------------------

    #[test]
    fn ssn_written_forms_fire() {
        assert_eq!(found("SSN 123-45-6789", Detector::Ssn), ["123-45-6789"]);
        assert_eq!(found("id 123-45-6789.", Detector::Ssn), ["123-45-6789"]);
        assert_eq!(
            found("number 123 45 6789 on file", Detector::Ssn),
            ["123 45 6789"]
        );
        assert_eq!(found("(078-05-1120)", Detector::Ssn), ["078-05-1120"]);
    }

    #[test]
    fn ssn_bare_digits_need_a_label() {
        assert_eq!(found("SSN: 123456789", Detector::Ssn), ["123456789"]);
        assert_eq!(found("SS# 123456789", Detector::Ssn), ["123456789"]);
        assert_eq!(
            found("Social Security No. 123456789", Detector::Ssn),
            ["123456789"]
        );
        assert_eq!(found("soc sec 123456789", Detector::Ssn), ["123456789"]);
        assert!(!fires("Accession 123456789", Detector::Ssn));
        assert!(!fires("123456789", Detector::Ssn));
    }

    #[test]
    fn ssn_validity_rules() {
        for invalid in [
            "000-12-3456",
            "666-12-3456",
            "900-12-3456",
            "999-12-3456",
            "123-00-4567",
            "123-45-0000",
        ] {
            assert!(!fires(invalid, Detector::Ssn), "{invalid}");
        }
        assert!(!fires("SSN 000123456", Detector::Ssn));
    }

    #[test]
    fn ssn_not_inside_longer_runs() {
        assert!(!fires("1.2.123-45-6789", Detector::Ssn));
        assert!(!fires("9123-45-6789", Detector::Ssn));
        assert!(!fires("123-45-67890", Detector::Ssn));
        assert!(!fires("123-45-6789-1", Detector::Ssn));
        assert!(!fires("123-45 6789", Detector::Ssn));
        assert!(!fires("A123-45-6789", Detector::Ssn));
        assert!(!fires("SSN 1234567890", Detector::Ssn));
        assert!(!fires("Matrix 512 12 1024 768", Detector::Ssn));
        assert!(!fires("40 400 12 3456", Detector::Ssn));
    }

    // --- Phone -------------------------------------------------------------------------------

    #[test]
    fn phone_north_american_forms_fire() {
        for phone in [
            "(555) 123-4567",
            "555-123-4567",
            "555.123.4567",
            "+1 555 123 4567",
            "1-800-555-0199",
            "+1-555-123-4567",
        ] {
            let text = format!("call {phone} today");
            assert_eq!(found(&text, Detector::Phone), [phone], "{phone}");
        }
    }

    #[test]
    fn phone_international_forms_fire() {
        assert_eq!(
            found("Tel. +44 20 7946 0958", Detector::Phone),
            ["+44 20 7946 0958"]
        );
        assert_eq!(
            found("ring +49 30 1234567 now", Detector::Phone),
            ["+49 30 1234567"]
        );
        assert_eq!(
            found("+33 1 42 68 53 00", Detector::Phone),
            ["+33 1 42 68 53 00"]
        );
    }

    #[test]
    fn phone_bare_digits_need_a_label() {
        assert_eq!(found("Tel 5551234567", Detector::Phone), ["5551234567"]);
        assert_eq!(
            found("Phone: 030 1234567", Detector::Phone),
            ["030 1234567"]
        );
        assert_eq!(found("Fax no. 0301234567", Detector::Phone), ["0301234567"]);
        assert_eq!(
            found("Mobile 555 123 4567", Detector::Phone),
            ["555 123 4567"]
        );
        assert!(!fires("5551234567", Detector::Phone));
        assert!(!fires("555 123 4567", Detector::Phone));
        assert!(!fires("pH 7.35", Detector::Phone));
    }

    #[test]
    fn phone_not_dates_uids_or_decimals() {
        for text in [
            "2024-01-31",
            "1970-01-02",
            "1.2.840.10008.555.123.4567",
            "0.488281\\0.488281",
            "+1.2345678",
            "123-45-6789",
            "555-123.4567",
            "12/03/2024",
            "+12.5",
        ] {
            assert!(!fires(text, Detector::Phone), "{text}");
        }
    }

    // --- E-mail and URL ----------------------------------------------------------------------

    #[test]
    fn email_fires_on_ordinary_addresses() {
        assert_eq!(
            found("mail john.doe@example.com.", Detector::Email),
            ["john.doe@example.com"]
        );
        assert_eq!(
            found("<jane+mri@mail.hospital.org>", Detector::Email),
            ["jane+mri@mail.hospital.org"]
        );
        assert_eq!(
            found("J_DOE@EXAMPLE.CO.UK", Detector::Email),
            ["J_DOE@EXAMPLE.CO.UK"]
        );
    }

    #[test]
    fn email_needs_a_domain() {
        for text in [
            "john@localhost",
            "@example.com",
            "user@",
            "a@b",
            "Doe^John",
            "5 @ 10 mm",
        ] {
            assert!(!fires(text, Detector::Email), "{text}");
        }
    }

    #[test]
    fn url_forms_fire() {
        assert_eq!(
            found(
                "see https://pacs.example.org:8443/dicom-web/studies/1.2.3?x=1.",
                Detector::Url
            ),
            ["https://pacs.example.org:8443/dicom-web/studies/1.2.3?x=1"]
        );
        assert_eq!(
            found("http://example.com", Detector::Url),
            ["http://example.com"]
        );
        assert_eq!(
            found("ftp://files.example.com/a", Detector::Url),
            ["ftp://files.example.com/a"]
        );
        assert_eq!(
            found("(www.example.com)", Detector::Url),
            ["www.example.com"]
        );
        assert_eq!(
            found("a\\http://x.org/b\\c", Detector::Url),
            ["http://x.org/b"]
        );
    }

    #[test]
    fn url_needs_a_scheme_or_www() {
        for text in [
            "example.com",
            "www.",
            "info@www.example.com",
            "1.2.840.10008",
            "file name.dcm",
            "http:",
        ] {
            assert!(!fires(text, Detector::Url), "{text}");
        }
    }

    // --- IP ----------------------------------------------------------------------------------

    #[test]
    fn ipv4_fires() {
        assert_eq!(
            found("host 192.168.1.20 up", Detector::IpAddress),
            ["192.168.1.20"]
        );
        assert_eq!(
            found("AE at 10.0.0.5:4242", Detector::IpAddress),
            ["10.0.0.5:4242"]
        );
        assert_eq!(
            found("255.255.255.0", Detector::IpAddress),
            ["255.255.255.0"]
        );
    }

    #[test]
    fn ipv4_rejects_uids_versions_and_bad_octets() {
        for text in [
            "1.2.840.10008.5.1.4.1.1.2",
            "1.2.3.4.5",
            "256.1.1.1",
            "10.0.0.5.7",
            "192.168.01.1",
            "Version 3.1.4.2",
            "Software VE11C 11.0.3.2",
            "v1.2.3.4",
            "0.0.0.0",
            "10.0.0.5:99999",
            "1.2.840.113619.2.55.3",
        ] {
            assert!(!fires(text, Detector::IpAddress), "{text}");
        }
    }

    #[test]
    fn ipv6_fires() {
        assert_eq!(
            found("addr 2001:db8::1.", Detector::IpAddress),
            ["2001:db8::1"]
        );
        assert_eq!(
            found("fe80::1ff:fe23:4567:890a", Detector::IpAddress),
            ["fe80::1ff:fe23:4567:890a"]
        );
        assert_eq!(
            found(
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                Detector::IpAddress
            ),
            ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]
        );
    }

    #[test]
    fn ipv6_rejects_times_macs_and_code() {
        for text in [
            "10:15:30",
            "10:15:30.123",
            "00:1a:2b:3c:4d:5e",
            "::1",
            "a::b",
            "dead::beef",
            "std::vec::Vec",
            "12:30:45:67",
            "1:2:3:4:5:6:7:8:9",
        ] {
            assert!(!fires(text, Detector::IpAddress), "{text}");
        }
    }

    // --- Dates -------------------------------------------------------------------------------

    #[test]
    fn numeric_dates_fire() {
        for date in [
            "01/02/1970",
            "1/2/70",
            "1970-01-02",
            "02.01.1970",
            "1970/01/02",
            "31-12-1999",
            "12/31/1999",
        ] {
            let text = format!("born {date}, seen");
            assert_eq!(found(&text, Detector::DateInText), [date], "{date}");
        }
    }

    #[test]
    fn written_dates_fire() {
        for date in [
            "Jan 2, 1970",
            "2 January 1970",
            "January 2nd 1970",
            "2nd of January 1970",
            "Sept. 3, 2001",
            "02-JAN-70",
            "3. März 1970",
            "14 Feb 2024",
        ] {
            let text = format!("DOB {date}.");
            assert_eq!(found(&text, Detector::DateInText), [date], "{date}");
        }
    }

    #[test]
    fn compact_dates_need_a_label() {
        assert_eq!(found("DOB: 19700102", Detector::DateInText), ["19700102"]);
        assert_eq!(found("born 19700102", Detector::DateInText), ["19700102"]);
        assert_eq!(found("b. 19700102", Detector::DateInText), ["19700102"]);
        assert_eq!(found("geb. 19700102", Detector::DateInText), ["19700102"]);
        assert_eq!(
            found("Birth date 19700102", Detector::DateInText),
            ["19700102"]
        );
        assert!(!fires("19700102", Detector::DateInText));
        assert!(!fires("Study 20240131", Detector::DateInText));
        assert!(!fires("DOB 19701302", Detector::DateInText));
    }

    #[test]
    fn dates_validate_ranges_and_context() {
        for text in [
            "13/13/1970",
            "1970-13-02",
            "1970-02-30",
            "2023-02-29",
            "32 January 1970",
            "Feb 30, 2020",
            "1.2.70",
            "3-5-12",
            "1.2.840.10008.1.2.1970",
            "01.02.1970.5",
            "101530.123",
            "0.488281\\0.488281",
            "2024.1.3",
            "may 40 2020",
            "1/2/3",
        ] {
            assert!(!fires(text, Detector::DateInText), "{text}");
        }
        assert!(fires("2024-02-29", Detector::DateInText));
        assert_eq!(
            found("at 2021-03-04T10:00:00", Detector::DateInText),
            ["2021-03-04"]
        );
    }

    // --- Street addresses --------------------------------------------------------------------

    #[test]
    fn us_street_addresses_fire() {
        assert_eq!(
            found(
                "lives at 123 Main Street, Springfield",
                Detector::StreetAddress
            ),
            ["123 Main Street"]
        );
        assert_eq!(
            found("42 Elm St. Apt 4B", Detector::StreetAddress),
            ["42 Elm St. Apt 4B"]
        );
        assert_eq!(
            found("1600 Pennsylvania Ave NW", Detector::StreetAddress),
            ["1600 Pennsylvania Ave"]
        );
        assert_eq!(
            found("500 west 5th avenue suite 200", Detector::StreetAddress),
            ["500 west 5th avenue suite 200"]
        );
        assert_eq!(
            found("77 SUNSET BLVD", Detector::StreetAddress),
            ["77 SUNSET BLVD"]
        );
        assert_eq!(found("9 Oak Dr", Detector::StreetAddress), ["9 Oak Dr"]);
        assert_eq!(
            found("12 MAPLE CT", Detector::StreetAddress),
            ["12 MAPLE CT"]
        );
    }

    #[test]
    fn po_boxes_fire() {
        assert_eq!(found("PO Box 123", Detector::StreetAddress), ["PO Box 123"]);
        assert_eq!(
            found("P.O. Box 45, Town", Detector::StreetAddress),
            ["P.O. Box 45"]
        );
    }

    #[test]
    fn european_street_addresses_fire() {
        assert_eq!(
            found("wohnt Hauptstraße 5, Berlin", Detector::StreetAddress),
            ["Hauptstraße 5"]
        );
        assert_eq!(
            found("Bahnhofstr. 12a", Detector::StreetAddress),
            ["Bahnhofstr. 12a"]
        );
        assert_eq!(
            found("Am Feldweg 3", Detector::StreetAddress),
            ["Feldweg 3"]
        );
        assert_eq!(
            found("Rue de la Paix 10", Detector::StreetAddress),
            ["Rue de la Paix 10"]
        );
        assert_eq!(
            found("10 rue de la Paix, Paris", Detector::StreetAddress),
            ["10 rue de la Paix"]
        );
    }

    #[test]
    fn street_noise_does_not_fire() {
        for text in [
            "5 mm slice",
            "2 Dr",
            "see 2 Dr",
            "3 Phase CT",
            "3 vessel CT",
            "2 weeks with Dr Lee",
            "Exposure 2 ms Dr Smith",
            "Instr. 5",
            "Weg 5",
            "1 view ST",
            "follow up in 3 days at St Mary",
            "12 at Main Street",
            "rue de la Paix",
            "2 lane highway",
            "0.5 Main St",
        ] {
            assert!(!fires(text, Detector::StreetAddress), "{text}");
        }
    }

    // --- ZIP ---------------------------------------------------------------------------------

    #[test]
    fn zip_in_address_context_fires() {
        assert_eq!(found("Springfield, IL 62704", Detector::ZipCode), ["62704"]);
        assert_eq!(
            found("Boston MA 02115-1234", Detector::ZipCode),
            ["02115-1234"]
        );
        assert_eq!(found("Boise, ID 83702", Detector::ZipCode), ["83702"]);
        assert_eq!(found("ZIP 90210", Detector::ZipCode), ["90210"]);
        assert_eq!(
            found("Zip code: 90210-1234", Detector::ZipCode),
            ["90210-1234"]
        );
        assert_eq!(found("postal code 10001", Detector::ZipCode), ["10001"]);
    }

    #[test]
    fn zip_never_bare() {
        for text in [
            "62704",
            "Series 12345",
            "Patient ID 83702",
            "head CT 12345",
            "seen IN 12345",
            "Springfield, IL 627041",
            "ZIP 1234",
            "Springfield, il 62704",
            "ZIP 62704.5",
        ] {
            assert!(!fires(text, Detector::ZipCode), "{text}");
        }
    }

    // --- Record numbers ----------------------------------------------------------------------

    #[test]
    fn labelled_record_numbers_fire_on_the_number() {
        let cases = [
            ("MRN 12345678", "12345678"),
            ("MR#: A1234567", "A1234567"),
            ("Medical Record No. 555-1234", "555-1234"),
            ("Patient ID: 12345", "12345"),
            ("PID 998877", "998877"),
            ("Chart # 4455", "4455"),
            ("Acct 778899", "778899"),
            ("account number: 00112233", "00112233"),
            ("mrn:12345678.", "12345678"),
        ];
        for (text, number) in cases {
            assert_eq!(found(text, Detector::RecordNumber), [number], "{text}");
        }
    }

    #[test]
    fn record_numbers_need_a_label() {
        for text in [
            "12345678",
            "Series 12345",
            "MR 12345",
            "MRN 12",
            "Chart review",
            "pidgin 1234",
            "Patient ID: 1.2.3",
            "MRI 123456",
            "Accession 12345678",
        ] {
            assert!(!fires(text, Detector::RecordNumber), "{text}");
        }
    }

    // --- Name echo ---------------------------------------------------------------------------

    #[test]
    fn name_from_pn_and_parts() {
        assert!(NameEcho::from_dicom_pn("").is_none());
        assert!(NameEcho::from_dicom_pn("^^^^").is_none());
        assert!(NameEcho::from_dicom_pn("==").is_none());
        assert!(NameEcho::from_dicom_pn("D^J").is_none());
        assert!(NameEcho::from_dicom_pn("Doe^John^Q^Dr^Jr").is_some());
        assert!(NameEcho::from_parts("", "").is_none());
        assert!(NameEcho::from_parts("Doe", "John").is_some());
    }

    #[test]
    fn name_echo_family_alone_and_full_name() {
        let name = NameEcho::from_dicom_pn("Doe^John^Q^Dr^Jr").unwrap();
        let f = |t| found_with(t, Detector::NameEcho, Some(&name));
        assert_eq!(f("Patient DOE seen"), ["DOE"]);
        assert_eq!(f("John Doe, 45y"), ["John Doe"]);
        assert_eq!(f("doe, john q."), ["doe, john q"]);
        assert_eq!(f("J. Doe"), ["J. Doe"]);
        assert_eq!(f("DOE J"), ["DOE J"]);
        assert_eq!(f("DOE^JOHN"), ["DOE^JOHN"]);
        assert_eq!(f("Mr Doe and Mrs Doe"), ["Doe", "Doe"]);
    }

    #[test]
    fn name_echo_whole_words_and_no_lone_given_name() {
        let name = NameEcho::from_dicom_pn("Doe^John^Q^Dr^Jr").unwrap();
        for text in [
            "Doering",
            "Dr Smith",
            "John Smith",
            "Jr.",
            "Q",
            "ADOE",
            "Doe2",
        ] {
            assert!(
                found_with(text, Detector::NameEcho, Some(&name)).is_empty(),
                "{text}"
            );
        }
        assert!(
            found("Doe", Detector::NameEcho).is_empty(),
            "no name, no echo"
        );
    }

    #[test]
    fn name_echo_folds_accents_and_umlauts() {
        let name = NameEcho::from_parts("Müller", "José").unwrap();
        let f = |t| found_with(t, Detector::NameEcho, Some(&name));
        assert_eq!(f("Dr. MULLER"), ["MULLER"]);
        assert_eq!(f("Mueller"), ["Mueller"]);
        assert_eq!(f("José Müller"), ["José Müller"]);
        assert_eq!(f("Jose Muller"), ["Jose Muller"]);
        assert!(f("José").is_empty());
        let name = NameEcho::from_parts("O'Brien", "Siobhán").unwrap();
        assert_eq!(
            found_with("Siobhan O’Brien", Detector::NameEcho, Some(&name)),
            ["Siobhan O’Brien"]
        );
        let name = NameEcho::from_dicom_pn("van der Berg^Anna").unwrap();
        assert_eq!(
            found_with("Anna van der Berg", Detector::NameEcho, Some(&name)),
            ["Anna van der Berg"]
        );
        assert!(found_with("van Gogh", Detector::NameEcho, Some(&name)).is_empty());
    }

    #[test]
    fn name_echo_cjk_matches_substrings() {
        let name = NameEcho::from_dicom_pn("Yamada^Tarou=山田^太郎=やまだ^たろう").unwrap();
        let f = |t| found_with(t, Detector::NameEcho, Some(&name));
        assert_eq!(f("患者山田太郎様"), ["山田太郎"]);
        assert_eq!(f("山田さん"), ["山田"]);
        assert_eq!(f("やまだ たろう"), ["やまだ たろう"]);
        assert_eq!(f("TAROU YAMADA"), ["TAROU YAMADA"]);
        assert!(f("太郎").is_empty());
        assert!(f("山本花子").is_empty());
        let name = NameEcho::from_dicom_pn("王^小明").unwrap();
        let f = |t| found_with(t, Detector::NameEcho, Some(&name));
        assert_eq!(f("患者王小明"), ["王小明"]);
        assert!(f("王医生").is_empty());
        assert!(f("小明").is_empty());
    }

    #[test]
    fn name_echo_given_only_pn() {
        let name = NameEcho::from_dicom_pn("^Madonna").unwrap();
        assert_eq!(
            found_with("MADONNA", Detector::NameEcho, Some(&name)),
            ["MADONNA"]
        );
    }

    // --- scan_text ---------------------------------------------------------------------------

    #[test]
    fn scan_text_sorts_merges_and_keeps_char_boundaries() {
        let text = "Über: call +1 555 123 4567 or email doe@example.com; SSN 123-45-6789";
        let hits = scan_text(text, None);
        assert!(hits.windows(2).all(|w| w[0].start <= w[1].start));
        let phones: Vec<_> = hits
            .iter()
            .filter(|h| h.detector == Detector::Phone)
            .collect();
        assert_eq!(
            phones.len(),
            1,
            "NANP and international forms merge: {hits:?}"
        );
        for h in &hits {
            assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
        }
        let kinds: Vec<Detector> = hits.iter().map(|h| h.detector).collect();
        assert_eq!(kinds, [Detector::Phone, Detector::Email, Detector::Ssn]);
        assert!(scan_text("", None).is_empty());
    }

    #[test]
    fn merge_joins_overlaps_only() {
        assert_eq!(
            merge(vec![(5, 9), (0, 3), (2, 4), (9, 12)]),
            [(0, 4), (5, 9), (9, 12)]
        );
    }

    // --- looks_like_text ---------------------------------------------------------------------

    #[test]
    fn text_bytes_are_recognised() {
        assert!(looks_like_text(b"Doe^John\0"));
        assert!(looks_like_text(b"CHEST PA    "));
        assert!(looks_like_text(b"1.2.840.10008.5.1.4.1.1.2\0"));
        assert!(looks_like_text("Müller, José".as_bytes()));
        assert!(looks_like_text(b"M\xfcller J\xfcrgen"));
        assert!(looks_like_text("山田^太郎".as_bytes()));
        assert!(looks_like_text(b"Line one\r\nLine two"));
        assert!(looks_like_text(b"\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B"));
    }

    #[test]
    fn binary_bytes_are_rejected() {
        assert!(!looks_like_text(b""));
        assert!(!looks_like_text(b"ab\0\0"));
        assert!(!looks_like_text(b"\0\0\0\0\0\0"));
        assert!(!looks_like_text(&[1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]));
        assert!(!looks_like_text(&[
            0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40
        ]));
        assert!(!looks_like_text(&[
            0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F'
        ]));
        assert!(!looks_like_text(&[
            0xde, 0xad, 0xbe, 0xef, 0xca, 0xfe, 0xba, 0xbe
        ]));
        assert!(!looks_like_text(b"----////"));
        let noisy: Vec<u8> = (0u8..=255).collect();
        assert!(!looks_like_text(&noisy));
    }
}
