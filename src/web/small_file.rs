//! Reading a chosen file's first bytes on the page's thread: the whole of a small file, without
//! asking the browser for its size (see [`super::scanner::Scanner`]'s `read_and_send` for why),
//! or the first bytes of a large one, which its worker then does not read again.
//!
//! Where the browser can, a file is read into one of a few buffers the scan workers give back
//! once they have copied its bytes ([`give_back`]). Why: a new buffer for every file, garbage in
//! the worker once copied, was collected so rarely that a 2,000-file scan grew the page's
//! process by about 50 MiB more (`tests/bench/browser/memory.mjs`, docs/benchmarks.md).

use std::cell::RefCell;

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, ReadableStreamByobReader, ReadableStreamDefaultReader};

/// The most buffers kept for reuse: about as many as files are read ahead and in the workers.
const POOL_LIMIT: usize = 32;

thread_local! {
    static POOL: RefCell<Vec<ArrayBuffer>> = const { RefCell::new(Vec::new()) };
}

/// A buffer a worker is done with, for the next file to be read into.
pub fn give_back(buffer: ArrayBuffer) {
    POOL.with_borrow_mut(|pool| {
        if pool.len() < POOL_LIMIT {
            pool.push(buffer);
        }
    });
}

/// What [`read_start`] got from a file.
pub enum Start {
    /// The file holds at most the limit: every byte of it.
    Whole(Uint8Array),
    /// The file holds more: its first `limit` bytes.
    Prefix(Uint8Array),
    /// The browser could not read it (the worker then reads it through its handle and reports
    /// the error).
    Failed,
}

/// Every byte of `file` if it holds at most `limit` bytes, else its first `limit` bytes.
pub async fn read_start(file: &File, limit: usize) -> Start {
    match read_pooled(file, limit).await {
        Some(start) => start,
        None => read_chunks(file, limit).await,
    }
}

/// [`read_start`] into a buffer of the pool, through a reader that fills the buffer it is
/// given; `None` where the browser has no such reader for a file, or gave nothing back to
/// read on into.
async fn read_pooled(file: &File, limit: usize) -> Option<Start> {
    let reader = ReadableStreamByobReader::new(&file.stream()).ok()?;
    // Why one byte more: a file of exactly `limit` bytes then fills it without being cut.
    let capacity = limit + 1;
    let mut buffer = POOL
        .with_borrow_mut(|pool| pool.pop())
        .filter(|b| b.byte_length() as usize == capacity)
        .unwrap_or_else(|| ArrayBuffer::new(capacity as u32));
    let mut at = 0usize;
    loop {
        if at == capacity {
            let _ = reader.cancel();
            return Some(Start::Prefix(Uint8Array::new_with_byte_offset_and_length(
                &buffer,
                0,
                limit as u32,
            )));
        }
        let view =
            Uint8Array::new_with_byte_offset_and_length(&buffer, at as u32, (capacity - at) as u32);
        let Ok(step) = JsFuture::from(reader.read_with_array_buffer_view(&view)).await else {
            let _ = reader.cancel();
            return Some(Start::Failed);
        };
        // The reader takes the buffer over and hands it back in its answer.
        let value = Reflect::get(&step, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok());
        let done = Reflect::get(&step, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        let Some(value) = value else {
            let _ = reader.cancel();
            return None;
        };
        buffer = value.buffer();
        if done {
            return Some(Start::Whole(Uint8Array::new_with_byte_offset_and_length(
                &buffer, 0, at as u32,
            )));
        }
        at += value.length() as usize;
    }
}

/// [`read_start`] through the stream's own chunks.
async fn read_chunks(file: &File, limit: usize) -> Start {
    // A stream, not `arrayBuffer()`: that would read a 2 GB archive into memory to learn it is
    // large; the stream is cancelled past `limit`.
    let Ok(reader) = file
        .stream()
        .get_reader()
        .dyn_into::<ReadableStreamDefaultReader>()
    else {
        return Start::Failed;
    };
    let mut chunks: Vec<Uint8Array> = Vec::new();
    let mut total = 0usize;
    loop {
        let Ok(step) = JsFuture::from(reader.read()).await else {
            let _ = reader.cancel();
            return Start::Failed;
        };
        if Reflect::get(&step, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true)
        {
            return Start::Whole(joined(chunks, total));
        }
        let Some(chunk) = Reflect::get(&step, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        else {
            let _ = reader.cancel();
            return Start::Failed;
        };
        let length = chunk.length() as usize;
        if total + length > limit {
            let _ = reader.cancel();
            chunks.push(chunk.subarray(0, (limit - total) as u32));
            return Start::Prefix(joined(chunks, limit));
        }
        total += length;
        chunks.push(chunk);
    }
}

/// `chunks` (`total` bytes in all) as one array, copied only if there are several.
fn joined(mut chunks: Vec<Uint8Array>, total: usize) -> Uint8Array {
    if chunks.len() == 1 {
        if let Some(chunk) = chunks.pop() {
            return chunk;
        }
    }
    let bytes = Uint8Array::new_with_length(total as u32);
    let mut at = 0u32;
    for chunk in chunks {
        bytes.set(&chunk, at);
        at += chunk.length();
    }
    bytes
}
