//! Reading a chosen file's first bytes on the page's thread: the whole of a small file, without
//! asking the browser for its size (see [`super::scanner::Scanner`]'s `read_and_send` for why),
//! or the first bytes of a large one, which its worker then does not read again.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, ReadableStreamDefaultReader};

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
