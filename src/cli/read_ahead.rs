//! Files read ahead of the scanning threads. One thread opens the inputs in their order and
//! reads each one's first bytes (all of a file of up to [`FIRST_READ_BYTES`], which most
//! headers fit in), so a scanning thread starts on bytes in memory instead of on system calls
//! and waits for the disk. With `-j 1` the scanning thread spent about a tenth of its time in
//! the kernel, opening and reading files.

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
pub fn held(head: &Option<ReadAhead>) -> usize {
    head.as_ref().map_or(0, |h| h.head.len())
}

/// A file whose first bytes were read ahead: reads and seeks as the file does, from memory
/// where it can and from the file past that.
#[derive(Debug)]
pub struct ReadAhead {
    head: Vec<u8>,
    /// The file's size when it was opened (what seeking from the end counts from).
    size: u64,
    /// The file itself, still open when `head` does not hold all of it.
    rest: Option<File>,
    /// Where the next read starts.
    at: u64,
    /// Where the open file's own position is.
    file_at: u64,
}

impl ReadAhead {
    /// Open `path` and read its first `head_bytes` bytes (all of a smaller file). `None` for
    /// what is not a regular file (a pipe, a device: it may not seek, and reading it here would
    /// take its bytes from the scan), and for any error: the scanning thread then opens the
    /// path itself, as it would without reading ahead, and reports what goes wrong.
    pub fn open(path: &Path, head_bytes: usize) -> Option<ReadAhead> {
        let mut file = File::open(path).ok()?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        // Measured as the scan measures it (`seek` to the end), not by `metadata().len()`.
        let size = file.seek(SeekFrom::End(0)).ok()?;
        file.seek(SeekFrom::Start(0)).ok()?;
        let want = size.min(head_bytes as u64);
        // One byte more than expected: a file that grew since is then not taken for complete.
        let mut head = Vec::with_capacity(want as usize + 1);
        (&mut file).take(want).read_to_end(&mut head).ok()?;
        let file_at = head.len() as u64;
        let rest = (file_at < size).then_some(file);
        Some(ReadAhead {
            head,
            size,
            rest,
            at: 0,
            file_at,
        })
    }

    /// [`ReadAhead::open`] with the first read the scan makes.
    pub fn scan_head(path: &Path) -> Option<ReadAhead> {
        Self::open(path, FIRST_READ_BYTES)
    }
}

impl Read for ReadAhead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(ahead) = usize::try_from(self.at)
            .ok()
            .and_then(|at| self.head.get(at..))
            .filter(|ahead| !ahead.is_empty())
        {
            let n = buf.len().min(ahead.len());
            buf[..n].copy_from_slice(&ahead[..n]);
            self.at += n as u64;
            return Ok(n);
        }
        // Past the head: the file's end when the head holds all of it.
        let Some(file) = &mut self.rest else {
            return Ok(0);
        };
        if self.file_at != self.at {
            self.file_at = file.seek(SeekFrom::Start(self.at))?;
        }
        let n = file.read(buf)?;
        self.at += n as u64;
        self.file_at = self.at;
        Ok(n)
    }
}

impl Seek for ReadAhead {
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

    fn numbered(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    /// Everything `reader` gives from `from`, read `chunk` bytes at a time.
    fn read_from(reader: &mut impl Read, chunk: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buf = vec![0; chunk];
        loop {
            let n = reader.read(&mut buf).expect("read");
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    #[test]
    fn a_file_reads_the_same_through_the_head_and_past_it() {
        let bytes = numbered(10_000);
        let file = file_of("through", &bytes);
        for head in [0, 1, 4_096, 9_999, 10_000, 20_000] {
            let mut ahead = ReadAhead::open(&file, head).expect("read ahead");
            assert_eq!(ahead.rest.is_some(), head < bytes.len(), "head {head}");
            assert_eq!(read_from(&mut ahead, 777), bytes, "head {head}");
        }
    }

    #[test]
    fn seeks_land_where_the_file_would_put_them() {
        let bytes = numbered(10_000);
        let file = file_of("seeks", &bytes);
        let mut ahead = ReadAhead::open(&file, 4_096).expect("read ahead");
        let mut plain = File::open(&file).expect("open");
        let seeks = [
            SeekFrom::End(0),
            SeekFrom::Start(0),
            SeekFrom::Start(4_000),
            SeekFrom::Current(500),
            SeekFrom::End(-10),
            SeekFrom::Current(-6_000),
            SeekFrom::Start(12_000),
        ];
        for to in seeks {
            assert_eq!(
                ahead.seek(to).expect("seek"),
                plain.seek(to).expect("seek"),
                "{to:?}"
            );
            let mut a = [0; 300];
            let mut p = [0; 300];
            let (na, np) = (
                ahead.read(&mut a).expect("read"),
                plain.read(&mut p).expect("read"),
            );
            // A read may stop at the head's end where the file's does not: read on to compare.
            let mut a = a[..na].to_vec();
            a.extend(read_from(
                &mut (&mut ahead).take((np - na.min(np)) as u64),
                64,
            ));
            assert_eq!(a, p[..np], "{to:?}");
        }
        assert_eq!(
            ahead
                .seek(SeekFrom::Current(-1_000_000))
                .map_err(|e| e.kind()),
            Err(io::ErrorKind::InvalidInput)
        );
    }

    #[test]
    fn what_cannot_be_read_ahead_is_left_to_the_scan() {
        let dir = scratch("left");
        assert!(ReadAhead::scan_head(&dir.join("missing.dcm")).is_none());
        assert!(ReadAhead::scan_head(&dir).is_none(), "a folder");
        let empty = file_of("empty", b"");
        let mut ahead = ReadAhead::scan_head(&empty).expect("an empty file reads");
        assert_eq!(read_from(&mut ahead, 16), b"");
    }
}
