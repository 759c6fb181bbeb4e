//! Files read ahead of the scanning threads. One thread opens the inputs in their order and
//! reads each one's first bytes (all of a file of up to [`FIRST_READ_BYTES`], which most
//! headers fit in), so a scanning thread starts on bytes in memory instead of on system calls
//! and waits for the disk. Before, `perf` of a `-j 1` scan put 15.6% of the samples in the
//! kernel on the scanning thread, opening and reading files.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
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

/// A file whose first bytes were read ahead. The file itself is closed: a queue of open
/// files would grow with the scanning threads (16 a thread) past the open-file limits of
/// common systems (256 on macOS, 1,024 on Linux); the scan opens it again only if it reads
/// past the head or back to the start ([`Rest`]).
#[derive(Debug)]
pub struct ReadAhead {
    pub head: Vec<u8>,
    /// The file's size when it was read.
    pub size: u64,
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
        let size = meta.len();
        let want = size.min(head_bytes as u64);
        // Room for the one byte more the scan reserves to see a file's end: no reallocation.
        let mut head = Vec::with_capacity(want as usize + 1);
        (&mut file).take(want).read_to_end(&mut head).ok()?;
        Some(ReadAhead { head, size })
    }

    /// [`ReadAhead::open`] with the first read the scan makes.
    pub fn scan_head(path: &Path) -> Option<ReadAhead> {
        Self::open(path, FIRST_READ_BYTES)
    }
}

/// The file behind a read-ahead, as the scan reads it: seeks cost nothing, and the file is
/// opened again the first time a read needs bytes of it (past the head, or from the start
/// again: an archive, an export read in parts, data after the pixels). A file that is gone
/// by then is an error of that read, which the scan reports for the file.
#[derive(Debug)]
pub struct Rest<'a> {
    path: &'a Path,
    size: u64,
    file: Option<File>,
    /// Where the next read starts.
    at: u64,
    /// Where the open file's own position is.
    file_at: u64,
}

impl<'a> Rest<'a> {
    /// The rest of `path` after `ahead`'s head.
    pub fn after(path: &'a Path, ahead: &ReadAhead) -> Rest<'a> {
        Rest {
            path,
            size: ahead.size,
            file: None,
            at: ahead.head.len() as u64,
            file_at: 0,
        }
    }
}

impl Read for Rest<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // The file's end as it was read ahead: a file that holds no more opens nothing.
        if self.at >= self.size || buf.is_empty() {
            return Ok(0);
        }
        let file = match &mut self.file {
            Some(file) => file,
            None => self.file.insert(File::open(self.path)?),
        };
        if self.file_at != self.at {
            self.file_at = file.seek(SeekFrom::Start(self.at))?;
        }
        let most = usize::try_from(self.size - self.at).unwrap_or(usize::MAX);
        let len = buf.len().min(most);
        let n = file.read(&mut buf[..len])?;
        self.at += n as u64;
        self.file_at = self.at;
        Ok(n)
    }
}

impl Seek for Rest<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(delta) => self.size.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.at.checked_add_signed(delta),
        };
        // As a file answers a seek before its start.
        self.at = target.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "invalid seek to a negative or overflowing position",
            )
        })?;
        Ok(self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn the_head_and_the_rest_read_as_the_file_does() {
        let bytes: Vec<u8> = (0..10_000).map(|i| (i % 251) as u8).collect();
        let path = file_of("head", &bytes);
        for head in [0, 1, 4_096, 9_999, 10_000, 20_000] {
            let ahead = ReadAhead::open(&path, head).expect("read ahead");
            assert_eq!(ahead.head, bytes[..head.min(bytes.len())], "head {head}");
            let mut rest = Rest::after(&path, &ahead);
            let mut after = Vec::new();
            rest.read_to_end(&mut after).expect("read on");
            assert_eq!(after, bytes[head.min(bytes.len())..], "head {head}");
            // Seeks land where the file's would, and reads from there give the same bytes.
            let mut plain = File::open(&path).expect("open");
            for to in [
                SeekFrom::End(0),
                SeekFrom::Start(0),
                SeekFrom::Start(4_000),
                SeekFrom::Current(500),
                SeekFrom::End(-10),
                SeekFrom::Current(-6_000),
                SeekFrom::Start(12_000),
            ] {
                assert_eq!(rest.seek(to).expect("seek"), plain.seek(to).expect("seek"));
                let (mut a, mut p) = (Vec::new(), Vec::new());
                (&mut rest).take(300).read_to_end(&mut a).expect("read");
                (&mut plain).take(300).read_to_end(&mut p).expect("read");
                assert_eq!(a, p, "head {head}, {to:?}");
            }
            assert_eq!(
                rest.seek(SeekFrom::Current(-1_000_000))
                    .map_err(|e| e.kind()),
                Err(io::ErrorKind::InvalidInput)
            );
        }
    }

    #[test]
    fn a_file_gone_before_the_scan_reads_it_again_is_an_error_of_that_read() {
        let path = file_of("gone", &[7; 5_000]);
        let ahead = ReadAhead::open(&path, 1_000).expect("read ahead");
        std::fs::remove_file(&path).expect("removed");
        let mut rest = Rest::after(&path, &ahead);
        let mut buf = [0; 16];
        let error = rest.read(&mut buf).expect_err("the file is gone");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        // A file whose head held all of it reads to its end without opening anything.
        let whole = ReadAhead {
            head: vec![1; 10],
            size: 10,
        };
        assert_eq!(Rest::after(&path, &whole).read(&mut buf).expect("end"), 0);
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
