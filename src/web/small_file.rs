//! Reading a chosen file whole on the page's thread when it is small, without asking the
//! browser for its size (see [`super::scanner::Scanner`]'s `read_and_send` for why).

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, ReadableStreamDefaultReader};

/// Every byte of `file` if it holds at most `limit` bytes; `None` if it holds more, or if the
/// browser could not read it (the worker then reads it through its handle and reports
/// the error).
pub async fn read_whole(file: &File, limit: usize) -> Option<Uint8Array> {
    // A stream, not `arrayBuffer()`: that would read a 2 GB archive into memory to learn it is
    // large; the stream is cancelled past `limit`.
    let reader: ReadableStreamDefaultReader = file.stream().get_reader().dyn_into().ok()?;
    let mut chunks: Vec<Uint8Array> = Vec::new();
    let mut total = 0usize;
    let whole = loop {
        let Ok(step) = JsFuture::from(reader.read()).await else {
            break false;
        };
        if Reflect::get(&step, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true)
        {
            break true;
        }
        let Some(chunk) = Reflect::get(&step, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        else {
            break false;
        };
        total += chunk.length() as usize;
        if total > limit {
            break false;
        }
        chunks.push(chunk);
    };
    if !whole {
        let _ = reader.cancel();
        return None;
    }
    if chunks.len() == 1 {
        return chunks.pop();
    }
    let bytes = Uint8Array::new_with_length(total as u32);
    let mut at = 0u32;
    for chunk in chunks {
        bytes.set(&chunk, at);
        at += chunk.length();
    }
    Some(bytes)
}
