//! Specific Character Set: the declared terms resolved, text decoded per set (ISO 2022 code
//! extensions segment by segment), and a lossy fallback with a warning instead of an error.

use dicom_encoding::text::{SpecificCharacterSet, TextCodec};

use crate::decode::text::latin1;

/// The text decoding in force: the Specific Character Set terms, resolved.
#[derive(Debug, Clone, Default)]
pub(super) struct Charset {
    /// Single-byte or single-code set decoded by dicom-rs (`None` = default repertoire).
    base: Option<SpecificCharacterSet>,
    /// Name of the declared set, for warnings.
    name: String,
    /// ISO 2022 code extensions (several terms): decode segment by segment.
    iso2022: bool,
    /// Unknown term: decode as UTF-8 when valid, else Latin-1.
    unknown: bool,
}

impl Charset {
    /// The default repertoire, for where no set is declared.
    pub(super) const DEFAULT: Charset = Charset {
        base: None,
        name: String::new(),
        iso2022: false,
        unknown: false,
    };

    pub(super) fn from_terms(terms: &[String]) -> (Charset, Option<String>) {
        let terms: Vec<String> = terms.iter().map(|t| clean_term(t)).collect();
        let name = terms.join("\\");
        let first = terms.first().map(String::as_str).unwrap_or("");
        let base = if first.is_empty() {
            None
        } else {
            SpecificCharacterSet::from_code(first)
        };
        let mut charset = Charset {
            base,
            name: name.clone(),
            iso2022: terms.len() > 1,
            unknown: false,
        };
        let unknown: Vec<&String> = terms
            .iter()
            .filter(|t| !t.is_empty() && SpecificCharacterSet::from_code(t).is_none())
            .collect();
        if unknown.is_empty() {
            return (charset, None);
        }
        charset.unknown = !charset.iso2022;
        let warning = format!(
            "unsupported Specific Character Set `{}`; text decoded as UTF-8 or Latin-1",
            unknown
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("\\")
        );
        (charset, Some(warning))
    }

    /// Decode text; the warning (if any) names the character set, never the text.
    pub(super) fn decode(&self, bytes: &[u8]) -> (String, Option<String>) {
        // Why first: every supported set reads ASCII as ASCII, and most text is ASCII; only
        // an escape sequence can switch sets.
        if bytes.is_ascii() && !bytes.contains(&0x1B) {
            if let Ok(text) = std::str::from_utf8(bytes) {
                return (text.to_owned(), None);
            }
        }
        if self.unknown {
            return (utf8_or_latin1(bytes), None);
        }
        if self.iso2022 || bytes.contains(&0x1B) {
            return self.decode_iso2022(bytes);
        }
        self.decode_single(bytes)
    }

    fn decode_single(&self, bytes: &[u8]) -> (String, Option<String>) {
        let Some(base) = &self.base else {
            return self.default_repertoire(bytes);
        };
        let utf8_like = matches!(base.name().as_ref(), "ISO_IR 192");
        let multibyte = matches!(base.name().as_ref(), "ISO_IR 192" | "GB18030" | "GBK");
        // Why: a single-byte set that holds valid multi-byte UTF-8 was almost surely mis-declared.
        if !multibyte && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            let w = format!("declared `{}` but holds UTF-8; decoded as UTF-8", self.name);
            return (utf8_or_latin1(bytes), Some(w));
        }
        if utf8_like && std::str::from_utf8(bytes).is_err() {
            let w = format!(
                "declared `{}` but is not valid UTF-8; decoded as Latin-1",
                self.name
            );
            return (latin1(bytes), Some(w));
        }
        match base.decode(bytes) {
            Ok(text) => (text, None),
            Err(_) => {
                let w = format!("could not decode with `{}`; decoded as Latin-1", self.name);
                (latin1(bytes), Some(w))
            }
        }
    }

    fn default_repertoire(&self, bytes: &[u8]) -> (String, Option<String>) {
        if bytes.is_ascii() {
            return (latin1(bytes), None);
        }
        // Why: no character set declared, yet bytes above 0x7F; UTF-8 is the likeliest.
        let w = "non-ASCII text without a Specific Character Set; decoded as UTF-8 or Latin-1";
        (utf8_or_latin1(bytes), Some(w.to_string()))
    }

    /// ISO 2022 code extensions: split at escape sequences, decode each run with its set.
    fn decode_iso2022(&self, bytes: &[u8]) -> (String, Option<String>) {
        let mut out = String::new();
        let mut unknown_escape = false;
        let mut rest = bytes;
        // Bytes before the first escape use the first term's set.
        let first_len = rest.iter().position(|&b| b == 0x1B).unwrap_or(rest.len());
        out.push_str(&self.decode_run(&rest[..first_len], None));
        rest = &rest[first_len..];
        while !rest.is_empty() {
            let (esc, body_at) = escape_sequence(rest);
            let run_len = rest[body_at..]
                .iter()
                .position(|&b| b == 0x1B)
                .map_or(rest.len(), |p| body_at + p);
            let (text, known) = decode_escaped(esc, &rest[body_at..run_len], self);
            unknown_escape |= !known;
            out.push_str(&text);
            rest = &rest[run_len..];
        }
        let warning = unknown_escape.then(|| {
            format!(
                "ISO 2022 escape sequence not supported for `{}`; some text decoded as Latin-1",
                self.name
            )
        });
        (out, warning)
    }

    fn decode_run(&self, run: &[u8], set: Option<SpecificCharacterSet>) -> String {
        let set = set.or_else(|| self.base.clone());
        match set {
            Some(set) => set.decode(run).unwrap_or_else(|_| latin1(run)),
            None => utf8_or_latin1(run),
        }
    }
}

/// Split off the escape sequence at the start of `bytes` (ESC, intermediates, final byte).
fn escape_sequence(bytes: &[u8]) -> (&[u8], usize) {
    let end = bytes
        .iter()
        .skip(1)
        .position(|&b| (0x30..=0x7E).contains(&b))
        .map_or(bytes.len(), |p| p + 2)
        .min(bytes.len());
    (&bytes[..end], end)
}

/// Decode one run of bytes after an escape sequence; `false` when the escape is unknown.
fn decode_escaped(esc: &[u8], run: &[u8], charset: &Charset) -> (String, bool) {
    let code = |term: &str| SpecificCharacterSet::from_code(term);
    let with = |term: &str| charset.decode_run(run, code(term));
    match esc {
        b"\x1b(B" | b"\x1b(J" => (latin1(run), true),
        b"\x1b)I" => (with("ISO_IR 13"), true),
        // Why keep the escape: the ISO-2022-JP codec switches on it itself.
        b"\x1b$B" | b"\x1b$@" => {
            let mut jis = esc.to_vec();
            jis.extend_from_slice(run);
            (charset.decode_run(&jis, code("ISO 2022 IR 87")), true)
        }
        b"\x1b$)C" => (with("ISO_IR 149"), true),
        b"\x1b$)A" => (with("GBK"), true),
        b"\x1b-A" => (with("ISO_IR 100"), true),
        b"\x1b-B" => (with("ISO_IR 101"), true),
        b"\x1b-C" => (with("ISO_IR 109"), true),
        b"\x1b-D" => (with("ISO_IR 110"), true),
        b"\x1b-F" => (with("ISO_IR 126"), true),
        b"\x1b-G" => (with("ISO_IR 127"), true),
        b"\x1b-H" => (with("ISO_IR 138"), true),
        b"\x1b-L" => (with("ISO_IR 144"), true),
        b"\x1b-T" => (with("ISO_IR 166"), true),
        _ => (latin1(run), false),
    }
}

fn utf8_or_latin1(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => latin1(bytes),
    }
}

/// A character set term as it may appear in a warning: printable ASCII, bounded.
fn clean_term(term: &str) -> String {
    term.trim_matches(['\0', ' '])
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(32)
        .collect()
}
