//! A tar archive (`.tar`, what a `.tar.gz` unpacks to): every file in it scanned as a member
//! (`set.tar/IM0001`), the way a ZIP archive's members are. Before, it was named and not
//! read: "unpack it and drop the files".
//!
//! A tar archive is one stream, a header before each file. It is read in that order, once:
//! from a file on disk the bytes of each member past what its scan asks for are skipped by
//! seeking, inside a gzip file they are unpacked and passed over. One member is held at a
//! time, as far as its scan asks (a DICOM header, not the pixels after it), never past
//! [`MAX_MEMBER_READ`].

use std::cell::Cell;
use std::io::{Read, Seek, SeekFrom};
use std::rc::Rc;

use super::{exports, not_read_whole, scan_file_with, ExportReader, ScanOutcome, Scanned};
use super::{nested, FIRST_READ_BYTES};
use crate::decode::Warning;
use crate::detect::DetectOptions;
use crate::report::{FileReport, FileStatus, Said};

/// Files in one archive; past it the rest is not read, and the report says so.
pub const MAX_MEMBERS: usize = 100_000;

/// The most bytes read from one member: its header, or the whole member when it is an export
/// or an archive (as a ZIP archive's member is inflated, at most this much).
pub const MAX_MEMBER_READ: usize = 64 * 1024 * 1024;

/// The most bytes read between the end of one file's data and the start of the next: its
/// header and the long names and extended (PAX) headers before it, which the tar crate holds
/// in memory whole, and one can declare gigabytes.
pub const MAX_HEADER_BYTES: u64 = 1024 * 1024;

/// Scan every file of the tar archive behind `reader`, read from its start; `archive_name` is
/// the archive's. What a member's scan does not need is skipped by seeking.
pub(super) fn scan_tar_seekable<R: Read + Seek>(
    archive_name: &str,
    reader: R,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let mut reader = reader;
    // Its length tells a member whose bytes run past the end: a cut archive, which seeking
    // over the member would not notice.
    let len = reader.seek(SeekFrom::End(0)).ok();
    if let Err(e) = reader.rewind() {
        let message = format!("the tar archive could not be read ({e})");
        return emit(Scanned::File(FileReport::failed(
            archive_name,
            FileStatus::Unreadable,
            message,
        )));
    }
    let (reader, budget) = Budgeted::new(reader);
    let mut archive = tar::Archive::new(reader);
    let entries = archive.entries_with_seek();
    let bounds = Bounds::new(budget, len);
    walk(archive_name, entries, bounds, options, exports, emit);
}

/// [`scan_tar_seekable`] for a stream that can only be read on (a gzip file's content).
pub(super) fn scan_tar_stream<R: Read>(
    archive_name: &str,
    reader: R,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let (reader, budget) = Budgeted::new(reader);
    let mut archive = tar::Archive::new(reader);
    let entries = archive.entries();
    let bounds = Bounds::new(budget, None);
    walk(archive_name, entries, bounds, options, exports, emit);
}

/// What the walk reads within: the reader's budget, the archive's length when known (to tell
/// a member cut by its end), and the most files.
struct Bounds {
    budget: Budget,
    len: Option<u64>,
    max_members: usize,
}

impl Bounds {
    fn new(budget: Budget, len: Option<u64>) -> Bounds {
        let max_members = MAX_MEMBERS;
        Bounds {
            budget,
            len,
            max_members,
        }
    }
}

fn walk<R: Read>(
    archive_name: &str,
    entries: std::io::Result<tar::Entries<'_, R>>,
    bounds: Bounds,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let _opened = match nested::open(archive_name, "a tar archive") {
        Ok(opened) => opened,
        Err(report) => return emit(Scanned::File(*report)),
    };
    let Bounds {
        budget,
        len,
        max_members,
    } = bounds;
    let damaged = |members: usize, e: std::io::Error| match members {
        0 => format!("the tar archive could not be read ({e})"),
        _ => format!("the tar archive could not be read past its file {members} ({e})"),
    };
    let entries = match entries {
        Ok(entries) => entries,
        Err(e) => {
            return emit(Scanned::File(FileReport::failed(
                archive_name,
                FileStatus::Unreadable,
                damaged(0, e),
            )))
        }
    };
    let mut members = 0;
    for entry in entries {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // The headers are a chain: past a damaged one nothing can be found.
                let report =
                    FileReport::failed(archive_name, FileStatus::Unreadable, damaged(members, e));
                return emit(if members == 0 {
                    Scanned::File(report)
                } else {
                    Scanned::Member(report)
                });
            }
        };
        // Its data is read as its scan asks; past it, only the rest of it and the next headers.
        budget.set(u64::MAX);
        let size = entry.size();
        let next_headers = |read: usize| {
            let rest = size.saturating_sub(read as u64);
            rest.div_ceil(512) * 512 + MAX_HEADER_BYTES
        };
        let kind = entry.header().entry_type();
        // Folders, links (a hard link's file is scanned where it is stored) and devices hold
        // no bytes of their own.
        if !(kind.is_file() || kind.is_contiguous() || kind.is_gnu_sparse()) {
            budget.set(next_headers(0));
            continue;
        }
        // The whole file is scanned again elsewhere: what follows is not read.
        if exports.handed_on() {
            return;
        }
        if members == max_members {
            return emit(Scanned::Member(FileReport::failed(
                archive_name,
                FileStatus::Unsupported,
                format!(
                    "the tar archive holds more than {max_members} files; the first \
                     {max_members} were checked, the rest was not read"
                ),
            )));
        }
        members += 1;
        let path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let name = format!("{archive_name}/{}", path.trim_start_matches("./"));
        // A sparse file stores less than its size: its holes are not in the archive.
        let stored = match kind.is_gnu_sparse() {
            true => entry.header().entry_size().unwrap_or(size),
            false => size,
        };
        let cut_at_end = len.is_some_and(|len| entry.raw_file_position() + stored > len);
        match scan_member(&name, &mut entry, size, cut_at_end, options, exports, emit) {
            Some(read) => budget.set(next_headers(read)),
            None => return,
        }
    }
    // Every input gets an answer, an archive with nothing in it too.
    if members == 0 {
        emit(Scanned::File(FileReport::failed(
            archive_name,
            FileStatus::NotDicom,
            Said::EmptyArchive,
        )));
    }
}

/// Scan one member the way a file on disk is scanned: a first prefix, then longer ones while
/// the scan asks for more and [`MAX_MEMBER_READ`] allows. A member whose bytes end early (the
/// archive is cut or damaged there, or `cut_at_end` says its bytes run past the archive's end)
/// is scanned as far as it goes, as a cut file is, its report says where, and the walk stops
/// (`None`). Else how many of its bytes were read.
fn scan_member(
    name: &str,
    member: &mut impl Read,
    size: u64,
    cut_at_end: bool,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) -> Option<usize> {
    let mut read = MemberBytes {
        member,
        size,
        bytes: Vec::new(),
        cut: None,
    };
    let mut want = FIRST_READ_BYTES.min(MAX_MEMBER_READ);
    let mut reports = loop {
        let complete = read.read_to(want);
        match scan_file_with(name, &read.bytes, complete, options, exports) {
            ScanOutcome::Done(mut report) => {
                if let Some(pixels) = exports.pixels().filter(|_| exports::has_pixels(&report)) {
                    let check = if read.read_to(MAX_MEMBER_READ) && read.cut.is_none() {
                        pixels.look(&read.bytes)
                    } else {
                        Some(not_read_whole(Some(
                            read.cut.clone().unwrap_or_else(too_large),
                        )))
                    };
                    if let Some(check) = check {
                        report.add_pixel_check(check);
                    }
                }
                break vec![*report];
            }
            ScanOutcome::Archive(reports) => break reports,
            ScanOutcome::NeedMoreBytes { at_least } if !complete && want < MAX_MEMBER_READ => {
                want = at_least.clamp(want + 1, MAX_MEMBER_READ);
            }
            ScanOutcome::NeedMoreBytes { .. } => {
                break vec![if complete {
                    FileReport::failed(
                        name,
                        FileStatus::Truncated,
                        "the header did not end within the file".to_string(),
                    )
                } else {
                    FileReport::failed(name, FileStatus::Unsupported, too_large())
                }]
            }
        }
    };
    let cut = (read.cut.take())
        .or_else(|| cut_at_end.then(|| "the archive ends inside this file".to_string()));
    if let (Some(why), Some(first)) = (&cut, reports.first_mut()) {
        let note = format!(
            "{why}, after {} of its {size} bytes; what came before was scanned, and nothing \
             after it in the archive was read",
            read.bytes.len()
        );
        Warning::note(note).merge_into(&mut first.warnings);
    }
    reports
        .into_iter()
        .for_each(|report| emit(Scanned::Member(report)));
    cut.is_none().then_some(read.bytes.len())
}

/// How many more bytes the archive may be read for, shared with the reader it is read through.
type Budget = Rc<Cell<u64>>;

/// The archive's reader, which refuses to read past the [`Budget`] the walk sets: headers
/// without end are an error of the archive, not gigabytes held in memory.
struct Budgeted<R> {
    inner: R,
    left: Budget,
}

impl<R> Budgeted<R> {
    fn new(inner: R) -> (Self, Budget) {
        let left = Rc::new(Cell::new(MAX_HEADER_BYTES));
        let reader = Budgeted {
            inner,
            left: Rc::clone(&left),
        };
        (reader, left)
    }
}

impl<R: Read> Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.left.get();
        if left == 0 && !buf.is_empty() {
            return Err(std::io::Error::other(format!(
                "its headers before one file (long names, extended headers) run past {} MiB",
                MAX_HEADER_BYTES / (1024 * 1024)
            )));
        }
        let room = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..room])?;
        self.left.set(left - n as u64);
        Ok(n)
    }
}

impl<R: Seek> Seek for Budgeted<R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}

/// A member's bytes read as far as asked, and why they ended early if they did.
struct MemberBytes<'a, R: Read> {
    member: &'a mut R,
    size: u64,
    bytes: Vec<u8>,
    cut: Option<String>,
}

impl<R: Read> MemberBytes<'_, R> {
    /// Read on until `want` bytes are held; whether they are all there will be (the whole
    /// member, or all that could be read of it).
    fn read_to(&mut self, want: usize) -> bool {
        if self.cut.is_some() || self.bytes.len() as u64 >= self.size {
            return true;
        }
        let more = want.saturating_sub(self.bytes.len()) as u64;
        let left = self.size - self.bytes.len() as u64;
        self.bytes.reserve(more.min(left) as usize);
        let read = self.member.by_ref().take(more).read_to_end(&mut self.bytes);
        let whole = self.bytes.len() as u64 >= self.size;
        match read {
            Ok(_) if whole => true,
            Ok(_) if self.bytes.len() < want => {
                self.cut = Some("the archive ends inside this file".to_string());
                true
            }
            Ok(_) => false,
            Err(e) => {
                self.cut = Some(format!("the archive could not be read on ({e})"));
                true
            }
        }
    }
}

fn too_large() -> String {
    format!(
        "this file of a tar archive needs more than {} MiB read, the most read from one: \
         unpack the archive and check the file alone",
        MAX_MEMBER_READ / (1024 * 1024)
    )
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;
    use crate::report::FileMessage;
    use crate::scan::ReadExports;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        let mut folder = tar::Header::new_gnu();
        folder.set_entry_type(tar::EntryType::Directory);
        folder.set_size(0);
        folder.set_cksum();
        builder
            .append_data(&mut folder, "series/", std::io::empty())
            .unwrap();
        for (name, bytes) in files {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_cksum();
            builder.append_data(&mut header, name, *bytes).unwrap();
        }
        builder.into_inner().unwrap()
    }

    fn scanned(name: &str, archive: &[u8]) -> Vec<Scanned> {
        let mut out = Vec::new();
        scan_tar_seekable(
            name,
            Cursor::new(archive),
            &DetectOptions::default(),
            &ReadExports,
            &mut |s| out.push(s),
        );
        out
    }

    fn names(reports: &[Scanned]) -> Vec<String> {
        (reports.iter())
            .map(|s| s.clone().into_report().file_name)
            .collect()
    }

    #[test]
    fn every_file_is_scanned_as_a_member_and_folders_are_passed_over() {
        let ct = fixture("CT_small.dcm");
        let mr = fixture("MR_small_bigendian.dcm");
        let archive = tar_of(&[("series/IM1", &ct), ("./series/IM2.dcm", &mr)]);
        let reports = scanned("set.tar", &archive);
        assert_eq!(
            names(&reports),
            ["set.tar/series/IM1", "set.tar/series/IM2.dcm"]
        );
        assert!(reports.iter().all(|s| matches!(s, Scanned::Member(_))));
        let plain = crate::scan::scan_complete("IM1", &ct, &DetectOptions::default());
        let Scanned::Member(first) = &reports[0] else {
            unreachable!()
        };
        assert_eq!(first.status, FileStatus::Ok);
        assert_eq!(
            first.findings, plain.findings,
            "the same findings as the file alone"
        );
        assert_eq!(first.people, plain.people);
    }

    #[test]
    fn a_member_is_read_only_as_far_as_its_header() {
        // A DICOM file followed by a megabyte of pixels: its report is made from the header.
        let mut big = fixture("CT_small.dcm");
        big.extend(std::iter::repeat_n(0u8, 1 << 20));
        let archive = tar_of(&[
            ("big.dcm", &big),
            ("notes.csv", b"Patient Name,MRN\nDOE^JANE,123\n"),
        ]);
        let reports = scanned("a.tar", &archive);
        assert_eq!(names(&reports), ["a.tar/big.dcm", "a.tar/notes.csv"]);
        let csv = reports[1].clone().into_report();
        assert!(
            !csv.people.is_empty(),
            "an export in a tar archive is read: {csv:?}"
        );
    }

    #[test]
    fn an_archive_with_no_file_and_a_damaged_one_get_answers() {
        let empty = tar_of(&[]);
        let reports = scanned("empty.tar", &empty);
        assert_eq!(reports.len(), 1);
        let Scanned::File(report) = &reports[0] else {
            panic!("the archive's own report")
        };
        assert_eq!(
            report.message.as_deref(),
            Some(FileMessage::said(Said::EmptyArchive).as_str())
        );

        // Cut inside the second member's pixels, then inside its header: the member is
        // scanned as far as it goes, and says where the archive ends.
        let ct = fixture("CT_small.dcm");
        let archive = tar_of(&[("IM1", &ct), ("IM2", &ct), ("IM3", &ct)]);
        // Where the second file's bytes start: after them its padding, the third's header and
        // data, and the two empty blocks that end an archive.
        let padded = ct.len().next_multiple_of(512);
        let second = archive.len() - 1024 - padded - 512 - padded;
        for (keep, status) in [
            (ct.len() - 100, FileStatus::Ok),
            (2_000, FileStatus::Truncated),
        ] {
            let reports = scanned("cut.tar", &archive[..second + keep]);
            assert_eq!(names(&reports), ["cut.tar/IM1", "cut.tar/IM2"]);
            let cut = reports[1].clone().into_report();
            assert_eq!(cut.status, status, "{:?}", cut.message);
            let warnings = format!("{:?}", cut.warnings);
            assert!(
                warnings.contains("the archive ends inside this file"),
                "{warnings}"
            );
        }
        // Damage in the chain of headers: what came before is kept, then where it broke.
        let mut broken = archive.clone();
        let third = archive.len() - 1024 - padded - 512;
        broken[third..third + 512].fill(b'x');
        let reports = scanned("broken.tar", &broken);
        assert_eq!(
            names(&reports),
            ["broken.tar/IM1", "broken.tar/IM2", "broken.tar"]
        );
        let last = reports[2].clone().into_report();
        assert_eq!(last.status, FileStatus::Unreadable);
        let message = last.message.unwrap().to_string();
        assert!(
            message.contains("could not be read past its file 2"),
            "{message}"
        );
    }

    #[test]
    fn past_the_most_files_the_rest_is_named_not_read() {
        let ct = fixture("CT_small.dcm");
        let archive = tar_of(&[("IM1", &ct), ("IM2", &ct), ("IM3", &ct)]);
        let (reader, budget) = Budgeted::new(Cursor::new(&archive));
        let mut tar = tar::Archive::new(reader);
        let mut reports = Vec::new();
        let options = DetectOptions::default();
        let entries = tar.entries_with_seek();
        let bounds = Bounds {
            max_members: 2,
            ..Bounds::new(budget, None)
        };
        let mut emit = |s: Scanned| reports.push(s.into_report());
        walk("t.tar", entries, bounds, &options, &ReadExports, &mut emit);
        let names: Vec<&str> = reports.iter().map(|r| r.file_name.as_str()).collect();
        assert_eq!(names, ["t.tar/IM1", "t.tar/IM2", "t.tar"]);
        assert_eq!(reports[2].status, FileStatus::Unsupported);
        let message = reports[2].message.as_ref().unwrap().to_string();
        assert!(
            message.contains("more than 2 files; the first 2 were checked"),
            "{message}"
        );
    }

    #[test]
    fn a_member_past_the_read_limit_is_named_not_read_cut_off() {
        // An export needs the whole member; one past the limit is refused, and the walk goes
        // on to the next file.
        let mut csv = b"Patient Name,MRN\n".to_vec();
        while csv.len() <= MAX_MEMBER_READ {
            csv.extend_from_slice(b"DOE^JANE,12345678\n");
        }
        let ct = fixture("CT_small.dcm");
        let archive = tar_of(&[("big.csv", &csv), ("IM1", &ct)]);
        let reports = scanned("big.tar", &archive);
        assert_eq!(names(&reports), ["big.tar/big.csv", "big.tar/IM1"]);
        let big = reports[0].clone().into_report();
        assert_eq!(big.status, FileStatus::Unsupported);
        assert!(big
            .message
            .unwrap()
            .to_string()
            .contains("more than 64 MiB"));
        assert_eq!(reports[1].clone().into_report().status, FileStatus::Ok);
    }

    #[test]
    fn a_long_name_or_extended_header_past_the_limit_is_damage_not_memory() {
        // A GNU long name of 2 MiB before a file: the tar crate would hold it whole (and a
        // `.tar.gz` can declare gigabytes of it from a few kilobytes).
        let ct = fixture("CT_small.dcm");
        let long = "d/".repeat(MAX_HEADER_BYTES as usize) + "IM2";
        let mut builder = tar::Builder::new(Vec::new());
        for name in ["IM1", long.as_str()] {
            let mut header = tar::Header::new_gnu();
            header.set_size(ct.len() as u64);
            header.set_cksum();
            builder.append_data(&mut header, name, &ct[..]).unwrap();
        }
        let archive = builder.into_inner().unwrap();
        for stream in [false, true] {
            let mut reports = Vec::new();
            let mut emit = |s: Scanned| reports.push(s.into_report());
            let options = DetectOptions::default();
            if stream {
                scan_tar_stream("long.tar", &archive[..], &options, &ReadExports, &mut emit);
            } else {
                let reader = Cursor::new(&archive);
                scan_tar_seekable("long.tar", reader, &options, &ReadExports, &mut emit);
            }
            let names: Vec<&str> = reports.iter().map(|r| r.file_name.as_str()).collect();
            assert_eq!(
                names,
                ["long.tar/IM1", "long.tar"],
                "read as a stream: {stream}"
            );
            assert_eq!(reports[0].status, FileStatus::Ok);
            let message = reports[1].message.as_ref().unwrap().to_string();
            assert!(message.contains("run past 1 MiB"), "{message}");
        }
        // A name of a few hundred bytes is read as it is.
        let name = "series/".repeat(50) + "IM1";
        let reports = scanned("ok.tar", &tar_of(&[(name.as_str(), &ct)]));
        assert_eq!(names(&reports), [format!("ok.tar/{name}")]);
    }

    #[test]
    fn tar_inside_tar_is_opened_only_so_deep() {
        let mut archive = fixture("CT_small.dcm");
        for _ in 0..nested::MAX_DEPTH {
            archive = tar_of(&[("inner", &archive)]);
        }
        let reports = scanned("t.tar", &archive);
        assert_eq!(names(&reports).len(), 1);
        assert_eq!(
            reports[0].clone().into_report().status,
            FileStatus::Ok,
            "{} levels are opened",
            nested::MAX_DEPTH
        );
        let deeper = tar_of(&[("inner", &archive)]);
        let report = scanned("t.tar", &deeper).pop().unwrap().into_report();
        assert_eq!(report.status, FileStatus::Unsupported);
        assert!(report.message.unwrap().to_string().contains("inside 4"));
        assert_eq!(nested::depth(), 0);
    }
}
