//! A file compressed alone with gzip (`image.dcm.gz`, a `.tar.gz`): unpacked and scanned as
//! its content, reported as a member of the `.gz` file (`image.dcm.gz/image.dcm`), the way a
//! ZIP archive's members are. Before, its compressed bytes went to the export sniffers, and
//! one of them took a gzipped DICOM file for an empty CSV worklist: a file full of identifiers
//! reported as naming no one.
//!
//! The content is unpacked as far as its scan asks, and never past [`MAX_UNPACKED`] bytes: a
//! DICOM header lies in its first megabytes, and a small `.gz` can unpack to gigabytes. Damage
//! in the stream ends the content there, as in a cut file; what came before is scanned, and
//! the member's report says where it broke.

use std::io::{ErrorKind, Read};

use super::{scan_file_with, ExportReader, ScanOutcome, Scanned, FIRST_READ_BYTES};
use crate::decode::Warning;
use crate::detect::DetectOptions;
use crate::report::{FileReport, FileStatus};

/// The most bytes unpacked from one gzip file: what its scan may ask for (an export is read
/// whole, up to [`super::MAX_EXPORT_BYTES`]).
pub const MAX_UNPACKED: usize = 256 * 1024 * 1024;

/// Why reads this small: `flate2` drops the bytes a read unpacked when that read meets damage,
/// so at most this much before the damage goes unscanned.
const READ_BYTES: usize = 4096;

/// Scan what the gzip stream in `compressed` holds; `file_name` is the `.gz` file's. The
/// content is unpacked as far as its scan asks (a DICOM header, not the pixels after it), as a
/// file on disk is read.
pub(super) fn scan_gzip(
    file_name: &str,
    compressed: impl Read,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let depth = DEPTH.get();
    if depth >= MAX_DEPTH {
        return emit(Scanned::File(FileReport::failed(
            file_name,
            FileStatus::Unsupported,
            format!("a gzip file inside {MAX_DEPTH} others: not unpacked"),
        )));
    }
    // Why a count kept aside: the content is scanned as any file is, and may be a ZIP
    // archive holding another gzip file, which resets the archive walk's own depth.
    struct Opened(usize);
    impl Drop for Opened {
        fn drop(&mut self) {
            DEPTH.set(self.0);
        }
    }
    DEPTH.set(depth + 1);
    let _opened = Opened(depth);
    scan_unpacked(file_name, compressed, MAX_UNPACKED, options, exports, emit);
}

/// gzip files opened at most this deep inside one another (a ZIP archive between two
/// levels counts nothing): a file of a few kilobytes can nest thousands.
pub const MAX_DEPTH: usize = 4;

thread_local! {
    /// gzip files being unpacked on this thread, the outermost first.
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// [`scan_gzip`] at any depth, unpacking at most `limit` bytes.
fn scan_unpacked(
    file_name: &str,
    compressed: impl Read,
    limit: usize,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let member = member_name(file_name);
    let mut unpacked = Unpacked::new(compressed);
    let mut want = FIRST_READ_BYTES;
    let outcome = loop {
        unpacked.fill(want.min(limit));
        if unpacked.bytes.is_empty() {
            let message = match &unpacked.stopped {
                Some(Stop::Damaged(detail)) => {
                    format!("the gzip data could not be unpacked: {detail}")
                }
                _ => "the gzip file holds nothing".to_string(),
            };
            return emit(Scanned::File(FileReport::failed(
                file_name,
                FileStatus::Unreadable,
                message,
            )));
        }
        // Damage ends the content as the end of a file does.
        let complete = matches!(unpacked.stopped, Some(Stop::End | Stop::Damaged(_)));
        match scan_file_with(&member, &unpacked.bytes, complete, options, exports) {
            ScanOutcome::NeedMoreBytes { at_least }
                if !complete && want < limit && at_least > unpacked.bytes.len() =>
            {
                want = at_least;
            }
            outcome => break outcome,
        }
    };
    let mut reports = match outcome {
        ScanOutcome::Done(report) => vec![*report],
        ScanOutcome::Archive(reports) => reports,
        ScanOutcome::NeedMoreBytes { .. } => vec![FileReport::failed(
            &member,
            FileStatus::Truncated,
            format!(
                "the header did not end within the first {} unpacked bytes",
                limit
            ),
        )],
    };
    if let (Some(Stop::Damaged(detail)), Some(first)) = (&unpacked.stopped, reports.first_mut()) {
        let note = format!(
            "the gzip data is damaged after {} unpacked bytes ({detail}); what came before was \
             scanned",
            unpacked.bytes.len()
        );
        Warning::note(note).merge_into(&mut first.warnings);
    }
    reports
        .into_iter()
        .for_each(|report| emit(Scanned::Member(report)));
}

/// A gzip stream unpacked as far as asked: every member of it (a file may hold several, one
/// after the other).
struct Unpacked<R: Read> {
    decoder: flate2::read::MultiGzDecoder<R>,
    bytes: Vec<u8>,
    /// Why unpacking ended, once it has.
    stopped: Option<Stop>,
}

enum Stop {
    /// The end of the stream.
    End,
    /// The stream is damaged or cut (the inflater's words).
    Damaged(String),
}

impl<R: Read> Unpacked<R> {
    fn new(compressed: R) -> Self {
        Unpacked {
            decoder: flate2::read::MultiGzDecoder::new(compressed),
            bytes: Vec::new(),
            stopped: None,
        }
    }

    /// Unpack on until `bytes` holds `want` bytes or the stream has ended.
    fn fill(&mut self, want: usize) {
        // On the heap: a gzip file's content can be another, scanned inside this call.
        let mut chunk = vec![0; READ_BYTES];
        while self.stopped.is_none() && self.bytes.len() < want {
            let room = (want - self.bytes.len()).min(READ_BYTES);
            match self.decoder.read(&mut chunk[..room]) {
                Ok(0) => self.stopped = Some(Stop::End),
                Ok(n) => self.bytes.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => {
                    let detail = if e.kind() == ErrorKind::UnexpectedEof {
                        "the file ends inside the compressed data".to_string()
                    } else {
                        e.to_string()
                    };
                    self.stopped = Some(Stop::Damaged(detail));
                }
            }
        }
    }
}

/// The content's name, under the `.gz` file's: its own name with the gzip suffix taken off
/// (`scan.dcm.gz` → `scan.dcm.gz/scan.dcm`, `set.tgz` → `set.tgz/set.tar`).
fn member_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let lower = base.to_ascii_lowercase();
    let inner = if let Some(stem) = lower.strip_suffix(".tgz").map(|s| &base[..s.len()]) {
        format!("{stem}.tar")
    } else {
        [".gz", ".gzip", ".z"]
            .iter()
            .find_map(|suffix| {
                lower
                    .strip_suffix(suffix)
                    .filter(|stem| !stem.is_empty())
                    .map(|stem| base[..stem.len()].to_string())
            })
            .unwrap_or_else(|| format!("{base} (unpacked)"))
    };
    format!("{file_name}/{inner}")
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn the_content_is_named_after_the_file_without_its_suffix() {
        assert_eq!(member_name("a/scan.dcm.gz"), "a/scan.dcm.gz/scan.dcm");
        assert_eq!(member_name("SCAN.DCM.GZ"), "SCAN.DCM.GZ/SCAN.DCM");
        assert_eq!(member_name("set.tgz"), "set.tgz/set.tar");
        assert_eq!(member_name("IM0001"), "IM0001/IM0001 (unpacked)");
        assert_eq!(member_name(".gz"), ".gz/.gz (unpacked)");
    }

    #[test]
    fn every_member_is_unpacked_as_far_as_asked() {
        let two = [gzip(b"first "), gzip(b"second")].concat();
        let mut unpacked = Unpacked::new(&two[..]);
        unpacked.fill(100);
        assert_eq!(unpacked.bytes, b"first second");
        assert!(matches!(unpacked.stopped, Some(Stop::End)));

        let big = gzip(&[b'x'; 10_000]);
        let mut unpacked = Unpacked::new(&big[..]);
        unpacked.fill(5_000);
        assert_eq!(unpacked.bytes.len(), 5_000);
        assert!(unpacked.stopped.is_none(), "more is there");
        unpacked.fill(usize::MAX);
        assert_eq!(unpacked.bytes.len(), 10_000);
    }

    fn scan_all(name: &str, compressed: &[u8], limit: usize) -> Vec<FileReport> {
        let mut reports = Vec::new();
        let exports = crate::scan::exports::ReadExports;
        scan_unpacked(
            name,
            compressed,
            limit,
            &DetectOptions::default(),
            &exports,
            &mut |s| reports.push(s.into_report()),
        );
        reports
    }

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn a_header_past_the_unpacking_limit_is_said_to_be_cut_there() {
        let packed = gzip(&fixture("CT_small.dcm"));
        let reports = scan_all("ct.dcm.gz", &packed, 600);
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].file_name, "ct.dcm.gz/ct.dcm");
        assert_eq!(reports[0].status, FileStatus::Truncated);
        let message = reports[0].message.as_ref().unwrap().to_string();
        assert!(message.contains("first 600 unpacked bytes"), "{message}");
        // Within the limit the same file is read.
        let reports = scan_all("ct.dcm.gz", &packed, 64 * 1024);
        assert_eq!(reports[0].status, FileStatus::Ok);
    }

    #[test]
    fn gzip_inside_gzip_is_opened_only_so_deep() {
        let mut packed = fixture("CT_small.dcm");
        for _ in 0..MAX_DEPTH {
            packed = gzip(&packed);
        }
        let options = DetectOptions::default();
        let reports = crate::scan::scan_complete_all("ct.gz", &packed, &options);
        assert_eq!(reports.len(), 1);
        assert_eq!(
            reports[0].status,
            FileStatus::Ok,
            "{:?}",
            reports[0].message
        );
        // One name a level: ct.gz/ct/ct (unpacked)/...
        assert_eq!(reports[0].file_name.matches('/').count(), MAX_DEPTH);
        let deeper = gzip(&packed);
        let reports = crate::scan::scan_complete_all("ct.gz", &deeper, &options);
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].status, FileStatus::Unsupported);
        let message = reports[0].message.as_ref().unwrap().to_string();
        assert!(message.contains("inside 4 others"), "{message}");
        // The count is back to none once a file is done.
        assert_eq!(DEPTH.get(), 0);
    }

    #[test]
    fn a_cut_stream_keeps_what_came_before_the_cut() {
        let text: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let whole = gzip(&text);
        let mut unpacked = Unpacked::new(&whole[..whole.len() / 2]);
        unpacked.fill(usize::MAX);
        assert!(matches!(unpacked.stopped, Some(Stop::Damaged(_))));
        assert!(
            unpacked.bytes.len() > text.len() / 4,
            "{}",
            unpacked.bytes.len()
        );
        assert_eq!(unpacked.bytes[..], text[..unpacked.bytes.len()]);
    }
}
