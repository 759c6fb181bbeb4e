//! A 5×7 bitmap font for drawing text into test images (unit tests, integration tests and the
//! detector's benchmark share it). Not used by the scan itself.

/// Rows of a character, top first, five bits each (the most significant of the five on the
/// left); unknown characters are blank.
pub fn glyph(c: char) -> [u8; 7] {
    match c.to_ascii_uppercase() {
        'A' => [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
        'B' => [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
        'C' => [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e],
        'D' => [0x1e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1e],
        'E' => [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f],
        'H' => [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
        'I' => [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e],
        'J' => [0x07, 0x02, 0x02, 0x02, 0x12, 0x12, 0x0c],
        'L' => [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
        'M' => [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11],
        'N' => [0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x11],
        'O' => [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
        'P' => [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
        'R' => [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
        'S' => [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
        'T' => [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        '0' => [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e],
        '1' => [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
        '2' => [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f],
        '9' => [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
        _ => [0; 7],
    }
}

/// Every pixel of `text` drawn at (`x`, `y`), each font pixel `scale` pixels square, one
/// blank font column between characters: `(x, y)` pairs for the caller to paint.
pub fn pixels_of(text: &str, x: usize, y: usize, scale: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (k, c) in text.chars().enumerate() {
        for (row, bits) in glyph(c).iter().enumerate() {
            for col in 0..5 {
                if bits & (0x10 >> col) == 0 {
                    continue;
                }
                for dy in 0..scale {
                    for dx in 0..scale {
                        out.push((x + (k * 6 + col) * scale + dx, y + row * scale + dy));
                    }
                }
            }
        }
    }
    out
}

/// The DICOM file `file` (a Part 10 file of one frame of signed 16-bit samples, such as
/// pydicom's CT_small) with `text` drawn into its pixels at their maximum, as scanners burn
/// annotations, from (`x`, `y`), `scale` pixels per font pixel; what falls outside is cut.
pub fn draw_into_signed_16(file: &[u8], text: &str, x: usize, y: usize, scale: usize) -> Vec<u8> {
    use dicom_core::value::PrimitiveValue;
    use dicom_core::DataElement;
    use dicom_dictionary_std::tags;

    let mut object = dicom_object::OpenFileOptions::new()
        .from_reader(&file[128..])
        .expect("a DICOM Part 10 file");
    let columns = object
        .element(tags::COLUMNS)
        .ok()
        .and_then(|e| e.to_int::<usize>().ok())
        .expect("Columns");
    let pixel_data = object.element(tags::PIXEL_DATA).expect("Pixel Data");
    let vr = pixel_data.vr();
    let mut pixels: Vec<i16> = pixel_data.value().to_multi_int().expect("16-bit samples");
    let max = *pixels.iter().max().unwrap_or(&0);
    for (px, py) in pixels_of(text, x, y, scale) {
        if px < columns && py * columns + px < pixels.len() {
            pixels[py * columns + px] = max;
        }
    }
    object.put(DataElement::new(
        tags::PIXEL_DATA,
        vr,
        PrimitiveValue::I16(pixels.into()),
    ));
    let mut out = Vec::new();
    object.write_all(&mut out).expect("written");
    out
}
