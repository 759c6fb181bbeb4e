//! A deflated data set (Deflated Explicit VR Little Endian) inflated as far as its stream
//! goes. The standard says raw deflate (RFC 1951); some writers wrap it in zlib (RFC 1950),
//! which a raw inflater rejects at its first byte, so the zlib header is recognised as other
//! readers do. Damage in the stream ends the data there like a cut file, and [`Damage`]
//! says after how many inflated bytes, so that what came before is still read and scanned.

use std::cell::Cell;
use std::io::{ErrorKind, Read};
use std::rc::Rc;

use flate2::{Decompress, FlushDecompress, Status};

/// Where the stream broke: inflated bytes read before the damage. Shared with the walk.
pub(super) type Damage = Rc<Cell<Option<u64>>>;

/// Why not `flate2::read`: on an error it drops the bytes inflated in the same call, so the
/// elements just before the damage would be lost. Why an output buffer of its own: the
/// inflater decodes ahead of small reads and, once it meets damage, fails every later call,
/// so what it decoded ahead must be taken in one call.
pub(super) struct Inflate<'a> {
    input: Box<dyn Read + 'a>,
    input_buffer: Box<[u8]>,
    /// The unread part of `input_buffer`.
    in_start: usize,
    in_end: usize,
    input_done: bool,
    state: Decompress,
    output: Box<[u8]>,
    /// The part of `output` not yet given out.
    out_start: usize,
    out_end: usize,
    /// The stream ended (at its end, or at damage).
    ended: bool,
    /// Bytes given out so far.
    given: u64,
    /// Damage met: said once what came before it has been given out.
    broken: bool,
    damage: Damage,
}

impl<'a> Inflate<'a> {
    /// An inflater over `input`, a zlib-wrapped stream or a raw one (see [`is_zlib`]).
    pub(super) fn new(input: impl Read + 'a, zlib: bool, damage: Damage) -> Self {
        Inflate {
            input: Box::new(input),
            input_buffer: vec![0; 32 * 1024].into_boxed_slice(),
            in_start: 0,
            in_end: 0,
            input_done: false,
            state: Decompress::new(zlib),
            output: vec![0; 64 * 1024].into_boxed_slice(),
            out_start: 0,
            out_end: 0,
            ended: false,
            given: 0,
            broken: false,
            damage,
        }
    }

    /// Inflate into `output`; `Err` only for a stream cut short by the end of the input.
    fn refill(&mut self) -> std::io::Result<()> {
        loop {
            if self.in_start == self.in_end && !self.input_done {
                self.in_end = self.input.read(&mut self.input_buffer)?;
                self.in_start = 0;
                self.input_done = self.in_end == 0;
            }
            let flush = if self.input_done {
                FlushDecompress::Finish
            } else {
                FlushDecompress::None
            };
            let (before_in, before_out) = (self.state.total_in(), self.state.total_out());
            let input = &self.input_buffer[self.in_start..self.in_end];
            let status = self.state.decompress(input, &mut self.output, flush);
            self.in_start += (self.state.total_in() - before_in) as usize;
            let made = (self.state.total_out() - before_out) as usize;
            let used = self.state.total_in() - before_in;
            (self.out_start, self.out_end) = (0, made);
            match status {
                Ok(Status::StreamEnd) => self.ended = true,
                Ok(_) if made > 0 => {}
                // Input exhausted before the stream's end: a cut file, not damage.
                Ok(_) if self.input_done && used == 0 => {
                    return Err(ErrorKind::UnexpectedEof.into())
                }
                Ok(_) => continue,
                Err(_) => (self.ended, self.broken) = (true, true),
            }
            return Ok(());
        }
    }
}

impl Read for Inflate<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.out_start == self.out_end && !self.ended {
            self.refill()?;
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        self.given += n as u64;
        if n == 0 && self.broken {
            self.damage.set(Some(self.given));
        }
        Ok(n)
    }
}

/// Whether the stream is zlib-wrapped: it starts with a zlib header and inflates further as
/// zlib than as raw deflate (one raw stream in 31 starts with bytes that pass the check).
pub(super) fn is_zlib(start: &[u8]) -> bool {
    let sample = &start[..start.len().min(16 * 1024)];
    let inflated = |zlib: bool| {
        let mut state = Decompress::new(zlib);
        let mut scratch = vec![0; 64 * 1024];
        let _ = state.decompress(sample, &mut scratch, FlushDecompress::None);
        state.total_out()
    };
    is_zlib_header(start) && inflated(true) >= inflated(false)
}

/// RFC 1950: method 8 (deflate), a window of at most 32 KiB, and a header check that is a
/// multiple of 31.
fn is_zlib_header(start: &[u8]) -> bool {
    match start {
        [cmf, flg, ..] => {
            cmf & 0x0F == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::{DeflateEncoder, ZlibEncoder};
    use flate2::Compression;
    use std::io::Write;

    fn inflate_all(input: &[u8]) -> (Vec<u8>, Option<u64>, std::io::Result<()>) {
        let damage: Damage = Rc::new(Cell::new(None));
        let mut out = Vec::new();
        let result = Inflate::new(input, is_zlib(input), damage.clone())
            .read_to_end(&mut out)
            .map(|_| ());
        (out, damage.get(), result)
    }

    fn text() -> Vec<u8> {
        (0..20_000u32).flat_map(|i| i.to_le_bytes()).collect()
    }

    #[test]
    fn raw_and_zlib_wrapped_streams_both_inflate() {
        let mut raw = DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(&text()).unwrap();
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(&text()).unwrap();
        for stream in [raw.finish().unwrap(), zlib.finish().unwrap()] {
            let (out, damage, result) = inflate_all(&stream);
            assert!(result.is_ok() && damage.is_none());
            assert_eq!(out, text());
        }
    }

    #[test]
    fn damage_ends_the_data_where_it_is_and_says_so_a_cut_stream_is_short() {
        // 40,000 bytes, flushed to a byte boundary, then a block of the reserved type 3.
        let mut raw = DeflateEncoder::new(Vec::new(), Compression::fast());
        raw.write_all(&text()[..40_000]).unwrap();
        raw.flush().unwrap();
        let mut damaged = raw.get_ref().clone();
        damaged.extend_from_slice(&[0x07, 0, 0, 0]);
        damaged.extend_from_slice(&text());
        let (out, damage, result) = inflate_all(&damaged);
        assert!(result.is_ok());
        assert_eq!(damage, Some(40_000));
        assert_eq!(out, text()[..40_000]);

        let mut raw = DeflateEncoder::new(Vec::new(), Compression::fast());
        raw.write_all(&text()).unwrap();
        let stream = raw.finish().unwrap();
        let (_, damage, result) = inflate_all(&stream[..stream.len() / 2]);
        assert!(damage.is_none());
        assert_eq!(result.unwrap_err().kind(), ErrorKind::UnexpectedEof);
    }
}
