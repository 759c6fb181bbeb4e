//! Reading the start of a browser `File` without loading all of it.

use gloo_file::File;

/// Read at most `limit` bytes from the start of `file` (through `Blob.slice`, so only those
/// bytes are loaded). Returns the bytes and whether they are the whole file.
pub async fn read_prefix(file: &File, limit: u64) -> Result<(Vec<u8>, bool), String> {
    let end = file.size().min(limit);
    let slice: File = file.slice(0, end);
    let bytes = gloo_file::futures::read_as_bytes(&slice)
        .await
        .map_err(|e| format!("The browser could not read this file: {e}"))?;
    Ok((bytes, end >= file.size()))
}
