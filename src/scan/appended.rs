//! Data appended after a DICOM file's data set: an archive or another file put behind the
//! pixel data (a polyglot), which DICOM readers never look at. It is found from where the
//! top-level pixel data ends, said in the file's report, and scanned as a file of its own.

use std::io::{self, Read, Seek, SeekFrom};

use crate::decode::dicom::PixelData;
use crate::rules::detectors::looks_like_text;
use crate::sniff::Sniffed;

/// Bytes looked at after the data set to tell padding from data.
const SAMPLE: usize = 4096;
/// Most trailing elements (signatures, padding) stepped over after the pixel data.
const MAX_TRAILING_ELEMENTS: usize = 64;

/// Where appended data starts, if the file holds bytes after its data set that are neither
/// zero padding nor trailing DICOM elements (digital signatures, data set trailing padding).
pub fn find<R: Read + Seek>(
    reader: &mut R,
    pixel: PixelData,
    size: u64,
) -> io::Result<Option<u64>> {
    let Some(mut end) = pixel.end(reader, size)? else {
        return Ok(None);
    };
    for _ in 0..MAX_TRAILING_ELEMENTS {
        if end >= size {
            return Ok(None);
        }
        let sample = sample_at(reader, end)?;
        let zeros = sample.iter().take_while(|&&b| b == 0).count();
        if zeros == sample.len() && end + zeros as u64 >= size {
            return Ok(None);
        }
        if zeros >= 4 {
            // Padding, then something: look at what follows it.
            end += zeros as u64;
            continue;
        }
        match trailing_element(&sample) {
            Some(len) => end = end.saturating_add(len),
            None => return Ok(Some(end)),
        }
    }
    Ok(None)
}

/// `Some(at)` when the bytes from `at`, where a DICOM file stopped being readable, start a
/// file another reader takes (an archive, an export, a document) or text: data appended to a
/// data set that has no pixel data to end it. Not for anything else, which is damage.
pub fn another_file_at<R: Read + Seek>(
    reader: &mut R,
    at: u64,
    size: u64,
) -> io::Result<Option<u64>> {
    if at >= size {
        return Ok(None);
    }
    let sample = sample_at(reader, at)?;
    let known = match crate::sniff::sniff(&sample) {
        Sniffed::Zip | Sniffed::Gzip | Sniffed::Tar | Sniffed::Export(_) | Sniffed::NotRead(_) => {
            true
        }
        Sniffed::DicomPart10 | Sniffed::DicomNoPreamble => true,
        Sniffed::Unknown => looks_like_text(&sample),
    };
    if known {
        return Ok(Some(at));
    }
    // An archive's first bytes can pass for an element or two (implicit VR has no VR to
    // check), so the reader may stop inside it: its end record says where it starts.
    Ok(zip_start(reader, size)?.filter(|&start| start > 0 && start <= at))
}

/// Whether appended data is text that no reader takes (not an export, not an archive): it is
/// then scanned as free text. Leaves the reader at its start.
pub fn is_plain_text<R: Read + Seek>(reader: &mut R) -> io::Result<bool> {
    let sample = sample_at(reader, 0)?;
    reader.seek(SeekFrom::Start(0))?;
    Ok(matches!(crate::sniff::sniff(&sample), Sniffed::Unknown) && looks_like_text(&sample))
}

/// The first [`SAMPLE`] bytes from `at`.
fn sample_at<R: Read + Seek>(reader: &mut R, at: u64) -> io::Result<Vec<u8>> {
    reader.seek(SeekFrom::Start(at))?;
    let mut sample = Vec::with_capacity(SAMPLE);
    reader
        .by_ref()
        .take(SAMPLE as u64)
        .read_to_end(&mut sample)?;
    Ok(sample)
}

/// Where a ZIP archive at the end of the input starts, from its end of central directory
/// record (the central directory's size and offset, counted from the archive's first byte),
/// if a local file header is there.
fn zip_start<R: Read + Seek>(reader: &mut R, size: u64) -> io::Result<Option<u64>> {
    // The record is 22 bytes, followed by a comment of at most 65,535.
    let tail_len = size.min(22 + 0xFFFF);
    reader.seek(SeekFrom::Start(size - tail_len))?;
    let mut tail = Vec::with_capacity(tail_len as usize);
    reader.by_ref().take(tail_len).read_to_end(&mut tail)?;
    let Some(record) = tail.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return Ok(None);
    };
    let u32_at = |i: usize| {
        tail.get(record + i..record + i + 4)
            .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    let (Some(directory_size), Some(directory_offset)) = (u32_at(12), u32_at(16)) else {
        return Ok(None);
    };
    let record_at = size - tail_len + record as u64;
    let Some(start) = record_at
        .checked_sub(directory_size)
        .and_then(|at| at.checked_sub(directory_offset))
    else {
        return Ok(None);
    };
    reader.seek(SeekFrom::Start(start))?;
    let mut magic = [0u8; 4];
    let found = reader.read_exact(&mut magic).is_ok() && &magic == b"PK\x03\x04";
    Ok(found.then_some(start))
}

/// The whole length of a trailing DICOM element at the start of `sample`: (FFFA,FFFA)
/// Digital Signatures Sequence or (FFFC,FFFC) Data Set Trailing Padding, explicit (OB/SQ,
/// a 12-byte header) or implicit (8 bytes), little or big endian (the tag's bytes say which).
/// `None` for anything else, and for an undefined length (a signature sequence is not
/// followed item by item).
fn trailing_element(sample: &[u8]) -> Option<u64> {
    let big_endian = match sample.get(..4)? {
        [0xFA, 0xFF, 0xFA, 0xFF] | [0xFC, 0xFF, 0xFC, 0xFF] => false,
        [0xFF, 0xFA, 0xFF, 0xFA] | [0xFF, 0xFC, 0xFF, 0xFC] => true,
        _ => return None,
    };
    let u32_at = |i: usize| {
        let b: [u8; 4] = sample.get(i..i + 4)?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let (header, len) = match sample.get(4..6)? {
        b"OB" | b"SQ" | b"UN" => (12, u32_at(8)?),
        _ => (8, u32_at(4)?),
    };
    (len != u32::MAX).then_some(header + u64::from(len))
}

/// A reader that seeks, as a trait object.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// The bytes of `inner` from `start` on, as a file of their own.
pub struct Window<R> {
    inner: R,
    start: u64,
    len: u64,
    pos: u64,
}

impl<R: Read + Seek> Window<R> {
    pub fn new(inner: R, start: u64, len: u64) -> Self {
        Window {
            inner,
            start,
            len,
            pos: 0,
        }
    }
}

impl<R: Read + Seek> Read for Window<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        self.inner.seek(SeekFrom::Start(self.start + self.pos))?;
        let n = self.inner.read(&mut buf[..want])?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read + Seek> Seek for Window<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(delta) => self.len.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.pos.checked_add_signed(delta),
        };
        let target = target.ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        self.pos = target;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn a_window_reads_and_seeks_within_its_part() {
        let mut w = Window::new(Cursor::new(b"0123456789".to_vec()), 4, 4);
        let mut all = String::new();
        w.read_to_string(&mut all).unwrap();
        assert_eq!(all, "4567");
        assert_eq!(w.seek(SeekFrom::End(-1)).unwrap(), 3);
        let mut one = String::new();
        w.read_to_string(&mut one).unwrap();
        assert_eq!(one, "7");
    }

    /// Where [`find`] puts appended data in a file of 8 bytes whose pixel data is bytes 4 to 8,
    /// followed by `tail`.
    fn appended_after_pixels(tail: &[u8]) -> Option<u64> {
        let pixel = PixelData {
            value_at: 4,
            len: Some(4),
        };
        let bytes = [b"head".as_slice(), b"PIXL", tail].concat();
        find(&mut Cursor::new(bytes), pixel, 8 + tail.len() as u64).unwrap()
    }

    #[test]
    fn padding_and_trailing_elements_are_not_appended_data_anything_else_is() {
        let padding = [&[0xFC, 0xFF, 0xFC, 0xFF, b'O', b'B', 0, 0, 2, 0, 0, 0, 0, 0][..]].concat();
        for tail in [&b""[..], &[0; 100], &padding] {
            assert_eq!(appended_after_pixels(tail), None);
        }
        let zip = b"PK\x03\x04rest";
        assert_eq!(appended_after_pixels(zip), Some(8));
        // Behind trailing padding, and behind zeros, appended data is still found.
        let behind = [&padding[..], zip].concat();
        assert_eq!(
            appended_after_pixels(&behind),
            Some(8 + padding.len() as u64)
        );
        let behind = [&[0; 5000][..], zip].concat();
        assert_eq!(appended_after_pixels(&behind), Some(5008));
    }

    #[test]
    fn big_endian_trailing_padding_is_stepped_over_and_what_follows_it_is_seen() {
        // (FFFC,FFFC) OB, 126 bytes of non-zero padding, as in pydicom's MR_small_expb.dcm.
        let mut padding = vec![0xFF, 0xFC, 0xFF, 0xFC, b'O', b'B', 0, 0, 0, 0, 0, 126];
        padding.extend((0..126).map(|i| i as u8 | 1));
        assert_eq!(appended_after_pixels(&padding), None);
        // An 8-byte header (no OB, SQ or UN after the tag), its length in the tag's byte order.
        assert_eq!(
            appended_after_pixels(&[0xFF, 0xFA, 0xFF, 0xFA, 0, 0, 0, 2, 7, 7]),
            None
        );
        let behind = [&padding[..], b"PK\x03\x04rest"].concat();
        assert_eq!(
            appended_after_pixels(&behind),
            Some(8 + padding.len() as u64)
        );
        // A little-endian tag means a little-endian length.
        let little = [0xFC, 0xFF, 0xFC, 0xFF, b'O', b'B', 0, 0, 0, 0, 0, 126];
        assert_eq!(trailing_element(&little), Some(12 + (126 << 24)));
    }
}
