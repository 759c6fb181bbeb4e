//! `Read + Seek` over a browser `Blob` (a dropped `File`), for the scan worker.
//!
//! Each read fetches only the requested byte range through `Blob.slice` and `FileReaderSync`
//! (synchronous, so it exists only in workers), so the core reads a 2 GB archive or a 500 MB
//! CT series by the bytes it asks for, never the whole file.

use std::io::{self, Read, Seek, SeekFrom};

use js_sys::Uint8Array;
use wasm_bindgen::JsValue;
use web_sys::{Blob, FileReaderSync};

pub struct BlobReader {
    /// `None` for bytes read whole before ([`BlobReader::from_bytes`]).
    blob: Option<Blob>,
    /// The file's first bytes when they were fetched ahead (by the page, or by the worker while
    /// it scanned the file before): reads inside them cost nothing.
    head: Vec<u8>,
    reader: Option<FileReaderSync>,
    size: u64,
    pos: u64,
    /// Bytes fetched from the blob so far by this reader (the head not counted).
    fetched: u64,
    /// Called after each fetch from the blob: lets a long read tell the page it is alive.
    heartbeat: Option<Box<dyn FnMut()>>,
}

fn js_error(what: &str, e: JsValue) -> io::Error {
    let detail = e
        .as_string()
        .unwrap_or_else(|| String::from(js_sys::Error::from(e).message()));
    io::Error::other(format!("{what}: {detail}"))
}

impl BlobReader {
    /// Fails only where `FileReaderSync` does not exist (outside a worker).
    pub fn new(blob: Blob) -> io::Result<BlobReader> {
        let reader = FileReaderSync::new().map_err(|e| js_error("no FileReaderSync", e))?;
        Ok(BlobReader {
            size: blob.size() as u64,
            blob: Some(blob),
            head: Vec::new(),
            reader: Some(reader),
            pos: 0,
            fetched: 0,
            heartbeat: None,
        })
    }

    /// A file's bytes, read whole before (a small file the page read: see
    /// [`super::small_file`]). The same type as a blob's reader, so that the scan, generic over
    /// its reader, is compiled once into the module (a `Cursor` here added 31 KB).
    pub fn from_bytes(bytes: Vec<u8>) -> BlobReader {
        BlobReader {
            blob: None,
            size: bytes.len() as u64,
            head: bytes,
            reader: None,
            pos: 0,
            fetched: 0,
            heartbeat: None,
        }
    }

    /// Serve reads inside `head` (the file's first bytes, fetched ahead) from memory.
    pub fn with_head(mut self, head: Vec<u8>) -> BlobReader {
        self.head = head;
        self
    }

    /// Call `beat` after each fetch from the blob (it decides itself how often to speak).
    pub fn with_heartbeat(mut self, beat: impl FnMut() + 'static) -> BlobReader {
        self.heartbeat = Some(Box::new(beat));
        self
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn fetched(&self) -> u64 {
        self.fetched
    }
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.pos >= self.size {
            return Ok(0);
        }
        if let Some(ahead) = self.head.get(self.pos as usize..).filter(|a| !a.is_empty()) {
            let n = ahead.len().min(buf.len());
            buf[..n].copy_from_slice(&ahead[..n]);
            self.pos += n as u64;
            return Ok(n);
        }
        let (Some(blob), Some(reader)) = (&self.blob, &self.reader) else {
            // Bytes read whole: nothing lies past them.
            return Ok(0);
        };
        let end = self.size.min(self.pos + buf.len() as u64);
        let slice = blob
            .slice_with_f64_and_f64(self.pos as f64, end as f64)
            .map_err(|e| js_error("the browser could not cut the file", e))?;
        let bytes = reader
            .read_as_array_buffer(&slice)
            .map_err(|e| js_error("the browser could not read this file", e))?;
        let bytes = Uint8Array::new(&bytes);
        // The browser hands back the slice asked for; never trust it to be no longer.
        let n = (bytes.length() as usize).min(buf.len());
        bytes.subarray(0, n as u32).copy_to(&mut buf[..n]);
        self.pos += n as u64;
        self.fetched += n as u64;
        if let Some(beat) = self.heartbeat.as_mut() {
            beat();
        }
        Ok(n)
    }
}

impl Seek for BlobReader {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let target = match pos {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.pos)
    }
}
