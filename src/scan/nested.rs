//! How deep gzip files and tar archives are opened inside one another. Each level holds what
//! it unpacked, and a file of a few kilobytes can nest thousands of levels; the ZIP walk keeps
//! its own count, which a gzip file or tar archive between two ZIPs resets, so this one is
//! kept aside, per thread, for the two kinds it opens.

use std::cell::Cell;

use crate::report::{FileReport, FileStatus};

/// gzip files and tar archives opened at most this deep inside one another (a ZIP archive
/// between two levels counts nothing).
pub const MAX_DEPTH: usize = 4;

thread_local! {
    /// gzip files and tar archives being opened on this thread, the outermost first.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// One more level open until this is dropped.
pub(super) struct Opened(());

impl Drop for Opened {
    fn drop(&mut self) {
        DEPTH.set(DEPTH.get() - 1);
    }
}

/// Open one more level for `name`, `what` it is ("a gzip file"), or, when [`MAX_DEPTH`] are
/// open already, its report saying it was not opened.
pub(super) fn open(name: &str, what: &str) -> Result<Opened, Box<FileReport>> {
    let depth = DEPTH.get();
    if depth >= MAX_DEPTH {
        return Err(Box::new(FileReport::failed(
            name,
            FileStatus::Unsupported,
            format!("{what} inside {MAX_DEPTH} others (gzip files or tar archives): not opened"),
        )));
    }
    DEPTH.set(depth + 1);
    Ok(Opened(()))
}

/// Levels open on this thread now.
#[cfg(test)]
pub(super) fn depth() -> usize {
    DEPTH.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_open_up_to_the_limit_and_close_when_dropped() {
        let open = || open("x.gz", "a gzip file");
        let levels: Vec<Opened> = (0..MAX_DEPTH).map_while(|_| open().ok()).collect();
        assert_eq!(levels.len(), MAX_DEPTH);
        assert!(open().is_err(), "one past the limit");
        drop(levels);
        assert_eq!(depth(), 0);
        assert!(open().is_ok());
    }
}
