//! Calling browser methods that web-sys does not bind as stable API (the File System Access
//! API: `showDirectoryPicker`, `getDirectoryHandle`, `createWritable`, ...), by name.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The bytes at `url` (a file of the page's own origin), fetched through `global`'s `fetch`;
/// `None` when it cannot be had. A worker passes its scope as a `Window`: the call is the same
/// (`fetch` on the global object), and the page's module then carries one binding of it.
pub async fn fetch_bytes(global: &web_sys::Window, url: &str) -> Option<Vec<u8>> {
    let response: web_sys::Response = JsFuture::from(global.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Call `target.method(...args)` and await the promise it returns.
pub async fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let promise: Promise = call_sync(target, method, args)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// Call `target.method(...args)` now (for a call that must happen inside a user's click).
pub fn call_sync(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let args: Array = args.iter().collect();
    function.apply(target, &args)
}

/// Whether `target` has a method of this name.
pub fn has_method(target: &JsValue, method: &str) -> bool {
    Reflect::get(target, &JsValue::from_str(method)).is_ok_and(|f| f.is_function())
}

/// `{ key: value, ... }`.
pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// The message of a thrown value (an `Error`, a `DOMException` or a string).
pub fn js_message(e: JsValue) -> String {
    if let Some(text) = e.as_string() {
        return text;
    }
    Reflect::get(&e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// The `name` of a thrown `DOMException` (`"AbortError"` when a user closes a picker).
pub fn js_error_name(e: &JsValue) -> Option<String> {
    Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|m| m.as_string())
}
