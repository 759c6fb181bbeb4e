// This is a part of rust-encoding (tables unchanged under tables/).
//
// Any copyright is dedicated to the Public Domain.
// https://creativecommons.org/publicdomain/zero/1.0/

//! Japanese index tables for [rust-encoding](https://github.com/lifthrasiir/rust-encoding).
//!
//! Vendored (vendor/README.md): natively the original tables; in wasm32 each table is read
//! from the browser's own decoder the first time it is used, so the page does not download it.

#[cfg(target_arch = "wasm32")]
extern crate encoding_index_browser;

// JIS X 0208 with common extensions.
#[cfg(not(target_arch = "wasm32"))]
#[path = "tables/jis0208.rs"]
pub mod jis0208;

#[cfg(target_arch = "wasm32")]
pub mod jis0208 {
    use encoding_index_browser::{Layout, LazyIndex};

    static INDEX: LazyIndex = LazyIndex::new(Layout::ShiftJis, 11104);

    /// Returns the index code point for pointer `code` in this index.
    pub fn forward(code: u16) -> u32 {
        INDEX.forward(code)
    }

    /// Returns the index pointer for code point `code` in this index.
    pub fn backward(code: u32) -> u16 {
        INDEX.backward(code)
    }

    /// Returns the index shift_jis pointer for code point `code`.
    pub fn backward_remapped(code: u32) -> u16 {
        INDEX.backward_remapped(code)
    }
}

// JIS X 0212.
#[cfg(not(target_arch = "wasm32"))]
#[path = "tables/jis0212.rs"]
pub mod jis0212;

#[cfg(target_arch = "wasm32")]
pub mod jis0212 {
    use encoding_index_browser::{Layout, LazyIndex};

    static INDEX: LazyIndex = LazyIndex::new(Layout::EucJp0212, 7211);

    /// Returns the index code point for pointer `code` in this index.
    pub fn forward(code: u16) -> u32 {
        INDEX.forward(code)
    }

    /// Returns the index pointer for code point `code` in this index.
    pub fn backward(code: u32) -> u16 {
        INDEX.backward(code)
    }
}
