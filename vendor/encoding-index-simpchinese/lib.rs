// This is a part of rust-encoding (tables unchanged under tables/).
//
// Any copyright is dedicated to the Public Domain.
// https://creativecommons.org/publicdomain/zero/1.0/

//! Simplified Chinese index tables for [rust-encoding](https://github.com/lifthrasiir/rust-encoding).
//!
//! Vendored (vendor/README.md): natively the original tables; in wasm32 each table is read
//! from the browser's own decoder the first time it is used, so the page does not download it.

#[cfg(target_arch = "wasm32")]
extern crate encoding_index_browser;

// GB 18030 two-byte area.
#[cfg(not(target_arch = "wasm32"))]
#[path = "tables/gb18030.rs"]
pub mod gb18030;

#[cfg(target_arch = "wasm32")]
pub mod gb18030 {
    use encoding_index_browser::{Layout, LazyIndex};

    static INDEX: LazyIndex = LazyIndex::new(Layout::Gb18030, 23940);

    /// Returns the index code point for pointer `code` in this index.
    pub fn forward(code: u16) -> u32 {
        INDEX.forward(code)
    }

    /// Returns the index pointer for code point `code` in this index.
    pub fn backward(code: u32) -> u16 {
        INDEX.backward(code)
    }
}

/// GB 18030 four-byte area (207 ranges: small, compiled in everywhere).
#[path = "tables/gb18030_ranges.rs"]
pub mod gb18030_ranges;
