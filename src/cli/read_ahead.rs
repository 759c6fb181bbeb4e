//! Files read ahead of the scanning threads. One thread opens the inputs in their order and
//! reads each one's first bytes (all of a file of up to [`FIRST_READ_BYTES`], which most
//! headers fit in), so a scanning thread starts on bytes in memory instead of on system calls
//! and waits for the disk. With `-j 1` the scanning thread spent about a tenth of its time in
//! the kernel, opening and reading files.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use dicom_exposure_check::scan::FIRST_READ_BYTES;

/// Inputs handed to a scanning thread at a time, at most. Why more than one: a hand-over
/// per file woke a thread per file, and the futex calls cost more than the reading saved.
pub const BATCH_FILES: usize = 8;

/// Bytes read ahead in one batch, at most (a batch is sent once it holds this much): with one
/// batch queued per scanning thread and one being scanned, memory stays a few MiB a thread.
pub const BATCH_BYTES: usize = 1 << 20;

/// What a file's read-ahead holds in memory (its head), for [`BATCH_BYTES`].
pub fn held(ahead: &Option<ReadAhead>) -> usize {
    ahead.as_ref().map_or(0, |a| a.head.len())
}

/// A file whose first bytes were read ahead, and the file, open, positioned after them.
#[derive(Debug)]
pub struct ReadAhead {
    pub head: Vec<u8>,
    /// Kept open whatever `head` holds: the scan may read a file again from its start (an
    /// archive, an export read in parts, data appended after the pixels).
    pub file: File,
}

impl ReadAhead {
    /// Open `path` and read its first `head_bytes` bytes (all of a smaller file). `None` for
    /// what is not a regular file (a pipe, a device: it may not seek, and reading it here would
    /// take its bytes from the scan), and for any error: the scanning thread then opens the
    /// path itself, as it would without reading ahead, and reports what goes wrong.
    pub fn open(path: &Path, head_bytes: usize) -> Option<ReadAhead> {
        let mut file = File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() {
            return None;
        }
        let want = meta.len().min(head_bytes as u64);
        // One byte of room more: a file that grew since costs no second allocation.
        let mut head = Vec::with_capacity(want as usize + 1);
        (&mut file).take(want).read_to_end(&mut head).ok()?;
        Some(ReadAhead { head, file })
    }

    /// [`ReadAhead::open`] with the first read the scan makes.
    pub fn scan_head(path: &Path) -> Option<ReadAhead> {
        Self::open(path, FIRST_READ_BYTES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek, SeekFrom};
    use std::path::PathBuf;

    /// A file holding `bytes`, in a folder of this test's own.
    fn file_of(test: &str, bytes: &[u8]) -> PathBuf {
        let dir = scratch(test);
        let path = dir.join("file.dcm");
        std::fs::write(&path, bytes).expect("written");
        path
    }

    fn scratch(test: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dec-read-ahead-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary folder");
        dir
    }

    #[test]
    fn the_head_is_the_files_start_and_the_file_reads_on_after_it() {
        let bytes: Vec<u8> = (0..10_000).map(|i| (i % 251) as u8).collect();
        let path = file_of("head", &bytes);
        for head in [0, 1, 4_096, 9_999, 10_000, 20_000] {
            let mut ahead = ReadAhead::open(&path, head).expect("read ahead");
            assert_eq!(ahead.head, bytes[..head.min(bytes.len())], "head {head}");
            let mut rest = Vec::new();
            ahead.file.read_to_end(&mut rest).expect("read on");
            assert_eq!(rest, bytes[head.min(bytes.len())..], "head {head}");
            // And from the start again, as an archive's walk reads it.
            ahead.file.seek(SeekFrom::Start(0)).expect("seek");
            let mut all = Vec::new();
            ahead.file.read_to_end(&mut all).expect("read again");
            assert_eq!(all, bytes, "head {head}");
        }
    }

    #[test]
    fn what_cannot_be_read_ahead_is_left_to_the_scan() {
        let dir = scratch("left");
        assert!(ReadAhead::scan_head(&dir.join("missing.dcm")).is_none());
        assert!(ReadAhead::scan_head(&dir).is_none(), "a folder");
        let empty = file_of("empty", b"");
        let ahead = ReadAhead::scan_head(&empty).expect("an empty file reads");
        assert!(ahead.head.is_empty());
    }
}
