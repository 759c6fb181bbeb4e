//! Clean copies that black out text drawn into the pixels (`Options::black_out_text`), on real
//! images of the labelled pixel corpus (tests/pixels/README.md): the text is filled, looked for
//! again and not found, Burned In Annotation says NO, and the copy is proven clean by the same
//! scan as every copy; what cannot be blacked out (compressed pixels, palette colour) is left
//! out with the reason.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use dicom_exposure_check::deidentify::{LeftOut, Options, Run};
use dicom_exposure_check::pixels::text_lines::Tuning;
use dicom_exposure_check::pixels::{check_dicom, PixelCheck};

const SECRET: [u8; 32] = [0x42; 32];

fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pixels")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn copy(
    name: &str,
    black_out_text: bool,
) -> Result<dicom_exposure_check::deidentify::CleanCopy, LeftOut> {
    let options = Options {
        black_out_text,
        ..Options::default()
    };
    Run::new(options, SECRET).unwrap().copy(&corpus(name))
}

fn burned_in_annotation(bytes: &[u8]) -> String {
    let object = dicom_object::OpenFileOptions::new()
        .from_reader(&bytes[128..])
        .unwrap();
    object
        .element(dicom_dictionary_std::tags::BURNED_IN_ANNOTATION)
        .unwrap()
        .to_str()
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn text_in_uncompressed_images_is_blacked_out_and_not_found_again() {
    for name in [
        // 8-bit CT screen capture, implicit VR: dates, times, scan parameters.
        "check/ct_mono8_annotated_abdomen.dcm",
        // 16-bit OT with a sentence drawn at the top.
        "check/ot_mono_overlay_test_text.dcm",
        // Signed 16-bit test pattern with labels all over it.
        "tune/ot_mono16_signed_smpte_pattern.dcm",
    ] {
        let before = check_dicom(&corpus(name), &Tuning::default());
        assert!(
            matches!(before, PixelCheck::Text { .. }),
            "{name}: {before:?}"
        );
        let copy = copy(name, true).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(copy.verification.blacked_out_lines > 0, "{name}");
        assert_eq!(
            check_dicom(&copy.bytes, &Tuning::default()),
            PixelCheck::NoText { frames: vec![0] },
            "{name}"
        );
        assert_eq!(burned_in_annotation(&copy.bytes), "NO", "{name}");
        assert!(copy.verification.is_clean(), "{name}");
    }
}

#[test]
fn without_the_option_an_image_that_may_show_text_is_left_out_as_before() {
    let left_out = copy("check/ot_mono_overlay_test_text.dcm", false).unwrap_err();
    assert!(
        matches!(left_out, LeftOut::PixelsMayShowText { .. }),
        "{left_out:?}"
    );
}

#[test]
fn text_that_cannot_be_blacked_out_leaves_the_file_out_with_the_reason() {
    for (name, why) in [
        // RLE: compressed pixels are never rewritten.
        ("check/us_ybr_rle_thyroid_doe_john.dcm", "compressed"),
        // Palette colour: black is an entry of the palette, not a value.
        ("tune/us_pal8_philips_ob.dcm", "PALETTE COLOR"),
    ] {
        match copy(name, true) {
            Err(LeftOut::TextNotBlackedOut { detail }) => {
                assert!(detail.contains(why), "{name}: {detail}")
            }
            other => panic!("{name}: {:?}", other.map(|c| c.verification)),
        }
    }
}
