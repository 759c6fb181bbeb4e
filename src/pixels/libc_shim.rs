//! The C library functions the JPEG 2000 decoder calls, for wasm32-unknown-unknown, which has
//! no libc. openjp2 is a C port (c2rust): it declares `malloc`, `calloc`, `realloc` and `free`
//! itself, and a wasm module whose code calls a symbol nobody defines imports it from "env",
//! which the browser cannot provide. The allocator is defined here on Rust's global allocator
//! (each block carries its size in a header in front of it, since `free` is not told the
//! size), and `strcpy` (the encoder's comment, linked in with the decoder). The rest it
//! declares (`memcpy`, `memset`, `strlen`, `floor`, `pow`, ...) come with Rust's
//! compiler-builtins, or are not linked. `wasm-dis pixel_worker.wasm | grep '(import "env"'`
//! lists any symbol still missing.
//!
//! openjp2 also hands Rust's `dealloc` a null pointer (a code block that was never decoded,
//! with a zeroed layout): the system allocator natively takes that as `free(NULL)`, but
//! wasm32's dlmalloc reads the chunk header in front of it and traps ("memory access out of
//! bounds"). [`NullTolerant`] ignores it: every wasm32 program that calls
//! [`check_dicom`](super::check_dicom) makes it its `#[global_allocator]` (the pixel worker's
//! bin, tests/web.rs). A library does not choose the allocator of the programs using it.
//!
//! Only in the wasm32 build with the feature `pixels` (the pixel worker); natively the system's
//! libc serves. The functions are exported under their C names, like any `#[no_mangle]` item.

use std::alloc::{alloc, alloc_zeroed, dealloc, realloc as resize, GlobalAlloc, Layout, System};
use std::ffi::{c_char, c_void};
use std::ptr::null_mut;

/// The system allocator (dlmalloc in wasm32), except that freeing null does nothing: the
/// global allocator a wasm32 program running the pixel check needs (see the module's header).
pub struct NullTolerant;

unsafe impl GlobalAlloc for NullTolerant {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !ptr.is_null() {
            System.dealloc(ptr, layout);
        }
    }
}

/// C's `malloc` promises alignment for any type: 16 covers every wasm32 type, `v128` included.
const ALIGN: usize = 16;
/// In front of every block: its size (a `usize`), padded to keep the block aligned.
const HEADER: usize = ALIGN;

fn layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size.checked_add(HEADER)?, ALIGN).ok()
}

/// Writes the size into the header at `base` and returns the block after it (null stays null).
unsafe fn block(base: *mut u8, size: usize) -> *mut c_void {
    if base.is_null() {
        return null_mut();
    }
    base.cast::<usize>().write(size);
    base.add(HEADER).cast()
}

/// The header in front of a block this module handed out, and the block's size.
unsafe fn header(ptr: *mut c_void) -> (*mut u8, usize) {
    let base = ptr.cast::<u8>().sub(HEADER);
    (base, base.cast::<usize>().read())
}

#[no_mangle]
unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
    match layout(size) {
        Some(layout) => block(alloc(layout), size),
        None => null_mut(),
    }
}

#[no_mangle]
unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    let Some(size) = count.checked_mul(size) else {
        return null_mut();
    };
    match layout(size) {
        Some(layout) => block(alloc_zeroed(layout), size),
        None => null_mut(),
    }
}

#[no_mangle]
unsafe extern "C" fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    if ptr.is_null() {
        return malloc(size);
    }
    if size == 0 {
        // As glibc does: the block is freed, and null returned.
        free(ptr);
        return null_mut();
    }
    let (base, old) = header(ptr);
    match (layout(old), layout(size)) {
        // On failure the old block is left as it was, as C's realloc does.
        (Some(old), Some(new)) => block(resize(base, old, new.size()), size),
        _ => null_mut(),
    }
}

#[no_mangle]
unsafe extern "C" fn free(ptr: *mut c_void) {
    if ptr.is_null() {
        return;
    }
    let (base, size) = header(ptr);
    if let Some(layout) = layout(size) {
        dealloc(base, layout);
    }
}

#[no_mangle]
unsafe extern "C" fn strcpy(dest: *mut c_char, src: *const c_char) -> *mut c_char {
    let mut i = 0;
    loop {
        let c = *src.add(i);
        *dest.add(i) = c;
        if c == 0 {
            return dest;
        }
        i += 1;
    }
}
