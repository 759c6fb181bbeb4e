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

use super::nested;
use super::FIRST_READ_BYTES;
use super::{exports, not_read_whole, scan_file_with, ExportReader, ScanOutcome, Scanned};
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
    let _opened = match nested::open(file_name, "a gzip file") {
        Ok(opened) => opened,
        Err(report) => return emit(Scanned::File(*report)),
    };
    let limits = Limits {
        content: MAX_UNPACKED,
        tar: MAX_UNPACKED_TAR,
    };
    scan_unpacked(file_name, compressed, limits, options, exports, emit);
}

/// The most bytes unpacked from a gzip file holding a tar archive (a `.tar.gz`): the archive is
/// read as it unpacks, one member at a time, so this bounds time, not memory (a ZIP archive's
/// members are inflated at most as much in all).
pub const MAX_UNPACKED_TAR: u64 = 2 * 1024 * 1024 * 1024;

#[derive(Clone, Copy)]
struct Limits {
    /// Bytes of a content read as a file is (see [`MAX_UNPACKED`]).
    content: usize,
    /// Bytes of a tar archive read as it unpacks (see [`MAX_UNPACKED_TAR`]).
    tar: u64,
}

/// [`scan_gzip`] at any depth, within `limits`.
fn scan_unpacked(
    file_name: &str,
    compressed: impl Read,
    limits: Limits,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let member = member_name(file_name);
    let mut unpacked = Unpacked::new(compressed);
    let limit = limits.content;
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
        if crate::sniff::is_tar(&unpacked.bytes) {
            return scan_tar_inside(&member, unpacked, limits.tar, options, exports, emit);
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
        ScanOutcome::Done(mut report) => {
            // `--pixels`: the image is looked at whole, as a ZIP member's is.
            if let Some(pixels) = exports.pixels().filter(|_| exports::has_pixels(&report)) {
                unpacked.fill(limit);
                let check = match &unpacked.stopped {
                    Some(Stop::End) => pixels.look(&unpacked.bytes),
                    Some(Stop::Damaged(detail)) => Some(not_read_whole(Some(format!(
                        "the gzip data is damaged ({detail})"
                    )))),
                    None => Some(not_read_whole(Some(format!(
                        "more than {} MiB unpacked",
                        limit / (1024 * 1024)
                    )))),
                };
                if let Some(check) = check {
                    report.add_pixel_check(check);
                }
            }
            vec![*report]
        }
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

/// A tar archive read as the stream unpacks, not whole: a `.tar.gz` of a series holds far more
/// than any header. Everything it reports is a member of the gzip file.
fn scan_tar_inside<R: Read>(
    member: &str,
    unpacked: Unpacked<R>,
    limit: u64,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let Unpacked {
        decoder,
        bytes,
        stopped,
    } = unpacked;
    let ended = stopped.is_some();
    let rest = Rest {
        left: limit.saturating_sub(bytes.len() as u64),
        damage: match stopped {
            Some(Stop::Damaged(detail)) => Some(detail),
            _ => None,
        },
        decoder: (!ended).then_some(decoder),
        limit,
    };
    let content = std::io::Cursor::new(bytes).chain(rest);
    super::tar_archive::scan_tar_stream(member, content, options, exports, &mut |s| {
        emit(Scanned::Member(s.into_report()))
    });
}

/// What is left of a gzip stream past its first unpacked bytes, up to a limit that a read
/// past it names; damage met in the first bytes is named where they end.
struct Rest<R: Read> {
    decoder: Option<flate2::read::MultiGzDecoder<R>>,
    damage: Option<String>,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Rest<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(decoder) = &mut self.decoder else {
            return match &self.damage {
                Some(detail) => Err(std::io::Error::other(format!(
                    "the gzip data is damaged: {detail}"
                ))),
                None => Ok(0),
            };
        };
        if self.left == 0 {
            // One byte more tells a stream that ends at the limit from a longer one.
            return match decoder.read(&mut [0u8; 1])? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(format!(
                    "more than {} MiB unpacked, the most read from a gzip file holding a tar \
                     archive",
                    self.limit / (1024 * 1024)
                ))),
            };
        }
        let room = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = decoder.read(&mut buf[..room])?;
        self.left -= n as u64;
        Ok(n)
    }
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
    use crate::scan::nested::MAX_DEPTH;

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

    fn scan_all(name: &str, compressed: &[u8], content: usize) -> Vec<FileReport> {
        scan_within(
            name,
            compressed,
            Limits {
                content,
                tar: MAX_UNPACKED_TAR,
            },
        )
    }

    fn scan_within(name: &str, compressed: &[u8], limits: Limits) -> Vec<FileReport> {
        let mut reports = Vec::new();
        let exports = crate::scan::exports::ReadExports;
        scan_unpacked(
            name,
            compressed,
            limits,
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
        assert_eq!(nested::depth(), 0);
    }

    fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, bytes) in files {
            let mut header = tar::Header::new_ustar();
            header.set_size(bytes.len() as u64);
            header.set_cksum();
            builder.append_data(&mut header, name, *bytes).unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn a_tar_archive_inside_is_read_member_by_member_as_it_unpacks() {
        let ct = fixture("CT_small.dcm");
        // More than the first unpacked read: the members past it are unpacked as they come.
        let filler = vec![0u8; 2 * FIRST_READ_BYTES];
        let packed = gzip(&tar_of(&[("IM1", &ct), ("pad.bin", &filler), ("IM2", &ct)]));
        let reports = scan_all("set.tgz", &packed, MAX_UNPACKED);
        let names: Vec<&str> = reports.iter().map(|r| r.file_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "set.tgz/set.tar/IM1",
                "set.tgz/set.tar/pad.bin",
                "set.tgz/set.tar/IM2"
            ]
        );
        assert_eq!(reports[2].status, FileStatus::Ok);
        assert_eq!(reports[2].findings, reports[0].findings);

        // Past the limit for a tar archive (here inside the second file), the walk stops where
        // it was reached and says so.
        let limits = Limits {
            content: MAX_UNPACKED,
            tar: 2 * 1024 * 1024,
        };
        let big = vec![0u8; 3 * 1024 * 1024];
        let packed_big = gzip(&tar_of(&[("IM1", &ct), ("big.bin", &big), ("IM2", &ct)]));
        let reports = scan_within("set.tgz", &packed_big, limits);
        let names: Vec<&str> = reports.iter().map(|r| r.file_name.as_str()).collect();
        // The limit is met passing over the rest of the second file, once it was scanned.
        let expected = [
            "set.tgz/set.tar/IM1",
            "set.tgz/set.tar/big.bin",
            "set.tgz/set.tar",
        ];
        assert_eq!(names, expected);
        assert_eq!(
            reports[0].status,
            FileStatus::Ok,
            "what came before the limit is kept"
        );
        assert_eq!(reports[2].status, FileStatus::Unreadable);
        let message = reports[2].message.as_ref().unwrap().to_string();
        assert!(message.contains("more than 2 MiB unpacked"), "{message}");
        assert!(message.contains("past its file 2"), "{message}");

        // A cut stream ends the archive where it breaks, after the members before it.
        let cut = &packed_big[..packed_big.len() / 2];
        let reports = scan_all("set.tgz", cut, MAX_UNPACKED);
        assert_eq!(reports[0].file_name, "set.tgz/set.tar/IM1");
        // Where it broke is said, on the file it broke in or after the last file read.
        let last = reports.last().unwrap();
        let said = format!("{:?} {:?}", last.message.as_deref(), last.warnings);
        assert!(said.contains("could not be read"), "{said}");
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
