//! Text helpers the decoders share: reading bytes as Latin-1, and the hex dumps some tools
//! print for values of an unknown VR.

/// Each byte as the Latin-1 character of that code: never fails, so a value in an
/// undeclared or mis-declared character set still reads (perhaps with wrong letters).
pub(super) fn latin1(bytes: &[u8]) -> String {
    // Why: ASCII, the common case, is already UTF-8 and can be copied whole.
    if bytes.is_ascii() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return text.to_owned();
        }
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The text in hex bytes `4a\6f\68\6e` when they spell printable text (an unknown-VR name).
pub(super) fn hex_text(value: &str) -> Option<String> {
    let mut bytes = Vec::new();
    for part in value.split('\\') {
        if part.is_empty() || part.len() % 2 != 0 {
            return None;
        }
        for pair in part.as_bytes().chunks(2) {
            let pair = std::str::from_utf8(pair).ok()?;
            bytes.push(u8::from_str_radix(pair, 16).ok()?);
        }
    }
    while matches!(bytes.last(), Some(0) | Some(b' ')) {
        bytes.pop();
    }
    if bytes.len() < 2 {
        return None;
    }
    let text = String::from_utf8(bytes).ok()?;
    let printable = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'));
    printable.then_some(text)
}
