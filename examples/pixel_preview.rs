//! Draw what the burned-in text detector saw: for each DICOM file given, the frame it shows
//! (the first with text, else the first) as a PPM with the text boxes outlined in red, written next to
//! `OUT_DIR/<name>.ppm`, and one line per file with the check's result.
//!
//!     cargo run --release --example pixel_preview -- OUT_DIR FILE...

// The pixel decoders are built natively only (src/pixels/decode.rs).
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use dicom_exposure_check::pixels::text_lines::Tuning;
    use dicom_exposure_check::pixels::{check_dicom_with_preview, PixelCheck};

    pub fn main() {
        let tuning = Tuning::from_env();
        let mut args = std::env::args().skip(1);
        let out = std::path::PathBuf::from(args.next().expect("OUT_DIR FILE..."));
        std::fs::create_dir_all(&out).expect("an output folder");
        for path in args {
            let bytes = std::fs::read(&path).expect("a readable file");
            let (check, preview) = check_dicom_with_preview(&bytes, &tuning);
            let said = match &check {
                PixelCheck::Text { boxes, .. } => format!("TEXT {boxes:?}"),
                PixelCheck::NoText { .. } => "no text".into(),
                PixelCheck::NotChecked { reason } => format!("not checked: {reason}"),
            };
            println!("{path}: {said}");
            let Some(preview) = preview else { continue };
            let (w, h) = (preview.planes.width, preview.planes.height);
            let mut rgb: Vec<u8> = preview
                .planes
                .luma
                .iter()
                .flat_map(|&v| [v, v, v])
                .collect();
            let mut paint =
                |x: usize, y: usize| rgb[(y * w + x) * 3..][..3].copy_from_slice(&[255, 0, 0]);
            if let PixelCheck::Text { boxes, .. } = &check {
                for b in boxes.iter().filter(|b| b.frame == preview.frame) {
                    let (x0, y0) = (b.x as usize, b.y as usize);
                    let x1 = (x0 + b.width as usize).min(w - 1);
                    let y1 = (y0 + b.height as usize).min(h - 1);
                    for x in x0..=x1 {
                        paint(x, y0);
                        paint(x, y1);
                    }
                    for y in y0..=y1 {
                        paint(x0, y);
                        paint(x1, y);
                    }
                }
            }
            let name = std::path::Path::new(&path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            let mut ppm = format!("P6\n{w} {h}\n255\n").into_bytes();
            ppm.extend_from_slice(&rgb);
            std::fs::write(out.join(format!("{name}.ppm")), ppm).expect("written");
        }
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
