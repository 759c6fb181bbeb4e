//! The CJK index tables of rust-encoding, read at run time from the browser's own decoders.
//!
//! rust-encoding (under dicom-rs's text decoding) compiles the WHATWG indexes into the program:
//! about 100 KiB gzipped of a page whose every byte is a download. A browser already holds the
//! same indexes behind `TextDecoder`. In wasm32 the vendored `encoding-index-*` crates build
//! each table the first time it is used, by decoding every pointer's bytes once; natively they
//! keep the original tables. The byte layout of each index is the Encoding Standard's
//! (<https://encoding.spec.whatwg.org/>), and `tests/charset_tables.rs` of the main crate checks
//! it against the original tables for every pointer.

use std::sync::OnceLock;

/// Code point or pointer that an index does not map.
pub const UNMAPPED: u32 = 0xFFFF;

/// How a pointer of an index is written as bytes, and which decoder reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Index jis0208, through Shift_JIS (the only decoder that reaches all its pointers).
    ShiftJis,
    /// Index jis0212, through EUC-JP's three-byte form.
    EucJp0212,
    /// Index EUC-KR.
    EucKr,
    /// Index gb18030 (the two-byte area).
    Gb18030,
    /// Index Big5.
    Big5,
}

impl Layout {
    /// The decoder's label for `TextDecoder`.
    pub fn label(self) -> &'static str {
        match self {
            Layout::ShiftJis => "shift_jis",
            Layout::EucJp0212 => "euc-jp",
            Layout::EucKr => "euc-kr",
            Layout::Gb18030 => "gb18030",
            Layout::Big5 => "big5",
        }
    }

    /// Append the bytes that decode to `pointer`'s code point.
    pub fn write(self, pointer: usize, out: &mut Vec<u8>) {
        let byte = |n: usize| u8::try_from(n).unwrap_or(0xFF);
        match self {
            Layout::ShiftJis => {
                let (lead, trail) = (pointer / 188, pointer % 188);
                let lead = if lead < 0x1F {
                    lead + 0x81
                } else {
                    lead + 0xC1
                };
                let trail = if trail < 0x3F {
                    trail + 0x40
                } else {
                    trail + 0x41
                };
                out.extend_from_slice(&[byte(lead), byte(trail)]);
            }
            Layout::EucJp0212 => {
                let (lead, trail) = (pointer / 94, pointer % 94);
                out.extend_from_slice(&[0x8F, byte(lead + 0xA1), byte(trail + 0xA1)]);
            }
            Layout::EucKr => {
                let (lead, trail) = (pointer / 190, pointer % 190);
                out.extend_from_slice(&[byte(lead + 0x81), byte(trail + 0x41)]);
            }
            Layout::Gb18030 => {
                let (lead, trail) = (pointer / 190, pointer % 190);
                let trail = if trail < 0x3F {
                    trail + 0x40
                } else {
                    trail + 0x41
                };
                out.extend_from_slice(&[byte(lead + 0x81), byte(trail)]);
            }
            Layout::Big5 => {
                let (lead, trail) = (pointer / 157, pointer % 157);
                let trail = if trail < 0x3F {
                    trail + 0x40
                } else {
                    trail + 0x62
                };
                out.extend_from_slice(&[byte(lead + 0x81), byte(trail)]);
            }
        }
    }

    /// Pointers the decoder maps outside the index (Shift_JIS user-defined area, to U+E000..).
    fn outside_index(self, pointer: usize) -> bool {
        self == Layout::ShiftJis && (8836..=10715).contains(&pointer)
    }
}

/// The forward table of `len` pointers, from one call of `decode` over all their bytes.
///
/// Why one call with `\n` between pointers: one `TextDecoder.decode` per pointer would cross
/// into JavaScript tens of thousands of times. No pointer's bytes hold `\n`, so the decoded
/// text splits back into one piece per pointer; a piece that is not exactly one character
/// (an unmapped pointer gives U+FFFD, followed by its trail byte when that is ASCII) is
/// unmapped. Big5's four pointers that decode to two code points hold 0 to 3, as in the
/// original index, where rust-encoding's Big5 decoder looks for them.
pub fn forward_table(
    layout: Layout,
    len: usize,
    decode: impl FnOnce(&[u8]) -> Option<String>,
) -> Vec<u32> {
    let mut bytes = Vec::with_capacity(len * 4);
    for pointer in 0..len {
        layout.write(pointer, &mut bytes);
        bytes.push(b'\n');
    }
    let mut table = vec![UNMAPPED; len];
    let Some(text) = decode(&bytes) else {
        return table;
    };
    let mut two_code_points = 0;
    for ((pointer, piece), slot) in text.split('\n').enumerate().zip(table.iter_mut()) {
        let mut chars = piece.chars();
        let (Some(first), rest) = (chars.next(), chars.as_str()) else {
            continue;
        };
        if first == '\u{FFFD}' || layout.outside_index(pointer) {
            continue;
        }
        if rest.is_empty() {
            *slot = u32::from(first);
        } else if layout == Layout::Big5 && rest.chars().count() == 1 {
            *slot = two_code_points;
            two_code_points += 1;
        }
    }
    table
}

/// Code point to pointer: the first pointer of each code point, as the Encoding Standard's
/// "index pointer" is.
#[derive(Debug, Default)]
pub struct Backward {
    pairs: Vec<(u32, u16)>,
}

impl Backward {
    /// From a forward table, leaving out the pointers `skip` names and Big5's markers 0 to 3
    /// (no index maps a code point below U+0080).
    pub fn from_forward(forward: &[u32], skip: impl Fn(usize) -> bool) -> Backward {
        let mut pairs: Vec<(u32, u16)> = forward
            .iter()
            .enumerate()
            .filter(|&(pointer, &code)| code > 3 && code != UNMAPPED && !skip(pointer))
            .filter_map(|(pointer, &code)| Some((code, u16::try_from(pointer).ok()?)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|pair| pair.0);
        Backward { pairs }
    }

    /// The pointer of `code`, or 0xFFFF.
    pub fn get(&self, code: u32) -> u16 {
        match self.pairs.binary_search_by_key(&code, |pair| pair.0) {
            Ok(at) => self.pairs[at].1,
            Err(_) => 0xFFFF,
        }
    }
}

/// One index, built on first use from the platform's decoder.
pub struct LazyIndex {
    layout: Layout,
    len: usize,
    forward: OnceLock<Vec<u32>>,
    backward: OnceLock<Backward>,
    remapped: OnceLock<Backward>,
}

impl LazyIndex {
    pub const fn new(layout: Layout, len: usize) -> LazyIndex {
        LazyIndex {
            layout,
            len,
            forward: OnceLock::new(),
            backward: OnceLock::new(),
            remapped: OnceLock::new(),
        }
    }

    fn table(&self) -> &[u32] {
        self.forward.get_or_init(|| {
            forward_table(self.layout, self.len, |bytes| {
                platform_decode(self.layout.label(), bytes)
            })
        })
    }

    /// The code point of `pointer`, or 0xFFFF.
    pub fn forward(&self, pointer: u16) -> u32 {
        self.table()
            .get(usize::from(pointer))
            .copied()
            .unwrap_or(UNMAPPED)
    }

    /// The first pointer of `code`, or 0xFFFF.
    pub fn backward(&self, code: u32) -> u16 {
        self.backward
            .get_or_init(|| Backward::from_forward(self.table(), |_| false))
            .get(code)
    }

    /// The first pointer of `code` outside 8272..=8835 (the Encoding Standard's "index
    /// Shift_JIS pointer", for jis0208), or 0xFFFF.
    pub fn backward_remapped(&self, code: u32) -> u16 {
        self.remapped
            .get_or_init(|| Backward::from_forward(self.table(), |p| (8272..=8835).contains(&p)))
            .get(code)
    }
}

#[cfg(target_arch = "wasm32")]
fn platform_decode(label: &str, bytes: &[u8]) -> Option<String> {
    let decoder = web_sys::TextDecoder::new_with_label(label).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// Natively the vendored crates use their compiled tables; nothing decodes here.
#[cfg(not(target_arch = "wasm32"))]
fn platform_decode(_label: &str, _bytes: &[u8]) -> Option<String> {
    None
}
