//! Reading the start of a browser `File` without loading all of it.

use gloo_file::File;

/// The header of a DICOM file sits at its start; a larger file is read only up to this many
/// bytes so that a 500 MB series never lands in memory.
pub const MAX_HEADER_BYTES: u64 = 16 * 1024 * 1024;

/// Read at most `limit` bytes from the start of `file`.
pub async fn read_prefix(file: &File, limit: u64) -> Result<Vec<u8>, String> {
    let end = file.size().min(limit);
    let blob: File = file.slice(0, end);
    gloo_file::futures::read_as_bytes(&blob)
        .await
        .map_err(|e| format!("The browser could not read this file: {e}"))
}
