//! The page builds rust-encoding's CJK index tables from the browser's `TextDecoder`
//! (vendor/encoding-index-browser). Here the same construction runs natively with
//! rust-encoding's own decoders in the browser's place, and every pointer and code point must
//! come out as in the original tables: a wrong byte layout, a lost separator or a wrong
//! "first pointer" rule fails here rather than as garbled names in the page.
#![cfg(not(target_arch = "wasm32"))]

use encoding::all::{BIG5_2003, EUC_JP, GB18030, WINDOWS_31J, WINDOWS_949};
use encoding::{DecoderTrap, Encoding};
use encoding_index_browser::{forward_table, Backward, Layout, UNMAPPED};

type Forward = fn(u16) -> u32;
type BackwardFn = fn(u32) -> u16;

fn differences(
    layout: Layout,
    len: usize,
    decoder: &dyn Encoding,
    original: Forward,
) -> Vec<(usize, u32, u32)> {
    let built = forward_table(layout, len, |bytes| {
        decoder.decode(bytes, DecoderTrap::Replace).ok()
    });
    assert_eq!(built.len(), len);
    let mapped = built.iter().filter(|&&c| c != UNMAPPED).count();
    assert!(
        mapped > len / 2,
        "{layout:?}: only {mapped} of {len} pointers mapped"
    );
    (0..len)
        .map(|p| (p, built[p], original(p as u16)))
        .filter(|(_, built, original)| built != original)
        .collect()
}

#[test]
fn every_pointer_decodes_to_the_original_tables_code_point() {
    use encoding_index_japanese::{jis0208, jis0212};
    let cases: [(Layout, usize, &dyn Encoding, Forward); 5] = [
        (Layout::ShiftJis, 11104, WINDOWS_31J, jis0208::forward),
        (Layout::EucJp0212, 7211, EUC_JP, jis0212::forward),
        (
            Layout::EucKr,
            23750,
            WINDOWS_949,
            encoding_index_korean::euc_kr::forward,
        ),
        (
            Layout::Gb18030,
            23940,
            GB18030,
            encoding_index_simpchinese::gb18030::forward,
        ),
        (
            Layout::Big5,
            19782,
            BIG5_2003,
            encoding_index_tradchinese::big5::forward,
        ),
    ];
    for (layout, len, decoder, original) in cases {
        let wrong = differences(layout, len, decoder, original);
        assert!(
            wrong.is_empty(),
            "{layout:?}: {} pointers differ (pointer, built, original): {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(10)]
        );
    }
}

fn table(len: usize, forward: Forward) -> Vec<u32> {
    (0..len).map(|p| forward(p as u16)).collect()
}

#[test]
fn code_points_map_back_to_the_original_tables_pointer() {
    use encoding_index_japanese::jis0208;
    let cases: [(usize, Forward, BackwardFn); 5] = [
        (11104, jis0208::forward, jis0208::backward),
        (
            7211,
            encoding_index_japanese::jis0212::forward,
            encoding_index_japanese::jis0212::backward,
        ),
        (
            23750,
            encoding_index_korean::euc_kr::forward,
            encoding_index_korean::euc_kr::backward,
        ),
        (
            23940,
            encoding_index_simpchinese::gb18030::forward,
            encoding_index_simpchinese::gb18030::backward,
        ),
        (
            19782,
            encoding_index_tradchinese::big5::forward,
            encoding_index_tradchinese::big5::backward,
        ),
    ];
    for (n, (len, forward, backward)) in cases.into_iter().enumerate() {
        let built = Backward::from_forward(&table(len, forward), |_| false);
        let wrong: Vec<(u32, u16, u16)> = (0..0x30000)
            .map(|c| (c, built.get(c), backward(c)))
            .filter(|(_, built, original)| built != original)
            .collect();
        assert!(
            wrong.is_empty(),
            "index {n}: {} code points differ: {:x?}",
            wrong.len(),
            &wrong[..wrong.len().min(10)]
        );
    }
    let remapped = Backward::from_forward(&table(11104, jis0208::forward), |p| {
        (8272..=8835).contains(&p)
    });
    let wrong: Vec<u32> = (0..0x30000)
        .filter(|&c| remapped.get(c) != jis0208::backward_remapped(c))
        .collect();
    assert!(
        wrong.is_empty(),
        "Shift_JIS pointers differ for {:x?}",
        &wrong[..wrong.len().min(10)]
    );
}
