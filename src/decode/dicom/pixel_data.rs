//! Where the top-level pixel data is and where its value ends: the end of the data set a
//! reader of the header never reaches, needed to find data appended after it and to cut a
//! clean copy there.

use std::io::{self, Read, Seek, SeekFrom};

/// Most fragments followed through encapsulated pixel data to find its end.
pub const MAX_FRAGMENTS: usize = 1 << 20;

/// The top-level pixel data's value: where it starts in the file, and its length (`None`
/// for encapsulated pixel data, which runs in items up to a sequence delimiter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PixelData {
    pub value_at: u64,
    pub len: Option<u64>,
}

impl PixelData {
    /// Where the value ends in a file of `size` bytes: its length, or for encapsulated pixel
    /// data its items followed to the sequence delimiter (`None` when they do not lead there).
    pub fn end<R: Read + Seek>(&self, reader: &mut R, size: u64) -> io::Result<Option<u64>> {
        match self.len {
            Some(len) => Ok(self.value_at.checked_add(len)),
            None => encapsulated_end(reader, self.value_at, size),
        }
    }
}

/// The end of encapsulated pixel data: its items followed to the sequence delimiter. `None`
/// when the items do not lead there (damaged, or past [`MAX_FRAGMENTS`]).
fn encapsulated_end<R: Read + Seek>(
    reader: &mut R,
    from: u64,
    size: u64,
) -> io::Result<Option<u64>> {
    let mut at = from;
    for _ in 0..MAX_FRAGMENTS {
        if at.saturating_add(8) > size {
            return Ok(None);
        }
        reader.seek(SeekFrom::Start(at))?;
        let mut header = [0u8; 8];
        reader.read_exact(&mut header)?;
        let tag = [header[0], header[1], header[2], header[3]];
        let len = u64::from(u32::from_le_bytes([
            header[4], header[5], header[6], header[7],
        ]));
        match tag {
            [0xFE, 0xFF, 0x00, 0xE0] => at += 8 + len,
            [0xFE, 0xFF, 0xDD, 0xE0] => return Ok(Some(at + 8)),
            _ => return Ok(None),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn encapsulated_pixel_data_ends_at_its_sequence_delimiter_damaged_items_end_nowhere() {
        let mut bytes = b"HEAD".to_vec();
        bytes.extend_from_slice(&[0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0]); // empty offset table
        bytes.extend_from_slice(&[0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 0xAA, 0xBB]);
        bytes.extend_from_slice(&[0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
        let end = bytes.len() as u64;
        bytes.extend_from_slice(b"%PDF-1.4");
        let size = bytes.len() as u64;
        let pixel = PixelData {
            value_at: 4,
            len: None,
        };
        let found = pixel.end(&mut Cursor::new(&bytes), size).unwrap();
        assert_eq!(found, Some(end));
        // An item whose length runs past the end leads nowhere.
        bytes[16] = 0xFF;
        assert_eq!(pixel.end(&mut Cursor::new(&bytes), size).unwrap(), None);
    }
}
