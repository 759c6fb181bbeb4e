//! Scan: the single entry point shared by the browser worker and the CLI.
//!
//! The caller hands in a prefix of a file; when more is needed the answer is
//! [`ScanOutcome::NeedMoreBytes`] and the caller reads a longer prefix. A DICOM file is read
//! only as far as its header goes; an export or an archive needs the whole file (up to a
//! limit). From a reader, a large export whose format can be cut at record boundaries is read
//! in parts instead (see [`STREAM_EXPORTS_OVER`] and the `stream` module), and an archive
//! member by member. What a file is comes from its content, never from its name.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
#[cfg(feature = "archives")]
use std::io::Cursor;
use std::io::{Read, Seek, SeekFrom};

use serde::{Deserialize, Serialize};

use crate::decode::csv;
use crate::decode::dataset::{Dataset, TagPath};
use crate::decode::dicom::{read_dicom, ReadOutcome, ReadStatus};
use crate::decode::zip_archive;
#[cfg(feature = "archives")]
use crate::decode::zip_archive::{Member, MemberEvent, Visit, ZipLimits};
use crate::decode::{DecodeError, Decoded, InputKind, Warning};
use crate::detect::{detect, DetectOptions};
use crate::pixels::{NotChecked, PixelCheck};
use crate::report::{
    count_people, person_ref, study_ref, FileMessage, FileReport, FileStatus, PersonRef, Said,
};
use crate::rules::detectors::looks_like_text;
use crate::sniff::{sniff, ExportDecoder, PartKind, Sniffed, EXPORTS};
#[cfg(feature = "archives")]
use crate::sniff::{zip_kind, ZipKind};

/// How many bytes to offer first: most headers fit in a few KiB.
pub const FIRST_READ_BYTES: usize = 256 * 1024;

/// No DICOM header is read past this size; a larger one is reported as truncated.
pub const MAX_HEADER_BYTES: usize = 64 * 1024 * 1024;

/// Exports (text, JSON, XML, CSV) are read whole, up to this size; larger ones only in parts
/// (see [`STREAM_EXPORTS_OVER`]).
pub const MAX_EXPORT_BYTES: usize = 256 * 1024 * 1024;

/// From a reader, an export larger than this whose format can be cut at record boundaries
/// (DCMTK text, CSV/TSV, a DICOM JSON or Orthanc array, DCMTK XML responses, concatenated
/// Native XML, nmap output) is read in parts of about [`EXPORT_CHUNK_BYTES`], so memory holds
/// one part and the report, not the file. Smaller ones are read whole, as they always were.
pub const STREAM_EXPORTS_OVER: u64 = 8 * 1024 * 1024;

/// About how many bytes of an export read in parts are read and decoded at a time.
pub const EXPORT_CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// A part grows past [`EXPORT_CHUNK_BYTES`] only to hold a whole record; a record longer than
/// this (no boundary found) makes the export fail with a specific message.
pub const MAX_EXPORT_PART_BYTES: usize = 64 * 1024 * 1024;

/// Largest export read in parts. Memory no longer grows with the file, but the report does
/// (every distinct person is kept) and so does time: 4 GiB is tens of millions of records,
/// beyond any PACS query answer we know of, and still fits a `u32` offset in the browser.
pub const MAX_STREAMED_EXPORT_BYTES: u64 = 4 * 1024 * 1024 * 1024 - 1;

/// Most findings listed in one file's report, so that a million-record export cannot make a
/// report of unbounded size; past it findings are counted in a warning, not listed.
pub const MAX_FINDINGS_PER_FILE: usize = 200_000;

/// Archives are read whole (the member list sits at the end), up to this size.
pub const MAX_ARCHIVE_BYTES: usize = 1024 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScanOutcome {
    Done(Box<FileReport>),
    /// An archive given whole: one report per member (and per member that could not be read).
    Archive(Vec<FileReport>),
    /// Call again with a prefix of at least this many bytes (or the whole file).
    NeedMoreBytes {
        at_least: usize,
    },
}

pub mod appended;
mod exports;
#[cfg(feature = "archives")]
pub mod gzip;
#[cfg(feature = "archives")]
mod nested;
mod stream;
#[cfg(feature = "archives")]
pub mod tar_archive;

pub use exports::{DeferExports, ExportReader, LookAtPixels, PixelsToo, ReadExports};

/// A report as the scan of one input gives it: about the input itself (its scan, or why it
/// could not be read), or about a member of it (a file in a ZIP archive, or why that member
/// could not be read). The page draws an archive's card from this, never from names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scanned {
    File(FileReport),
    Member(FileReport),
}

impl Scanned {
    pub fn into_report(self) -> FileReport {
        match self {
            Scanned::File(report) | Scanned::Member(report) => report,
        }
    }
}

/// Scan one file from `bytes`, which is the whole file when `complete`, else a prefix of it.
pub fn scan_file(
    file_name: &str,
    bytes: &[u8],
    complete: bool,
    options: &DetectOptions,
) -> ScanOutcome {
    scan_file_with(file_name, bytes, complete, options, &ReadExports)
}

/// [`scan_file`], with exports read by `exports`.
fn scan_file_with(
    file_name: &str,
    bytes: &[u8],
    complete: bool,
    options: &DetectOptions,
    exports: &dyn ExportReader,
) -> ScanOutcome {
    let sniffed = sniff(bytes);
    match sniffed {
        Sniffed::DicomPart10 | Sniffed::DicomNoPreamble => {
            scan_dicom(file_name, bytes, complete, options).unwrap_or_else(|reason| {
                done(FileReport::failed(
                    file_name,
                    FileStatus::NotDicom,
                    Said::NotDicom { reason },
                ))
            })
        }
        Sniffed::Zip => {
            if let Some(outcome) =
                whole_file(file_name, bytes, complete, MAX_ARCHIVE_BYTES, "ZIP archive")
            {
                return outcome;
            }
            #[cfg(not(feature = "archives"))]
            return done(archive_not_read(file_name, exports));
            // In memory a workbook check fails only on a ZIP too damaged to list, which the
            // archive walk then names.
            #[cfg(feature = "archives")]
            match zip_kind(&mut Cursor::new(bytes)).unwrap_or(ZipKind::Archive) {
                ZipKind::Workbook => done(scan_workbook(
                    file_name,
                    &mut Cursor::new(bytes),
                    options,
                    exports,
                )),
                ZipKind::Archive => {
                    let mut reports = Vec::new();
                    scan_archive_each_with(
                        Cursor::new(bytes),
                        file_name,
                        options,
                        &ZipLimits::default(),
                        exports,
                        &mut |r| reports.push(r.into_report()),
                    );
                    ScanOutcome::Archive(reports)
                }
            }
        }
        Sniffed::Gzip | Sniffed::Tar => {
            let gzip = sniffed == Sniffed::Gzip;
            let what = if gzip { "gzip file" } else { "tar archive" };
            if let Some(outcome) = whole_file(file_name, bytes, complete, MAX_ARCHIVE_BYTES, what) {
                return outcome;
            }
            #[cfg(not(feature = "archives"))]
            return done(archive_not_read(file_name, exports));
            #[cfg(feature = "archives")]
            {
                let mut reports = Vec::new();
                let mut emit = |r: Scanned| reports.push(r.into_report());
                if gzip {
                    gzip::scan_gzip(file_name, bytes, options, exports, &mut emit);
                } else {
                    let bytes = Cursor::new(bytes);
                    tar_archive::scan_tar_seekable(file_name, bytes, options, exports, &mut emit);
                }
                ScanOutcome::Archive(reports)
            }
        }
        Sniffed::Export(decoder) => {
            if let Some(outcome) =
                whole_file(file_name, bytes, complete, MAX_EXPORT_BYTES, decoder.name)
            {
                return outcome;
            }
            done(scan_export(file_name, bytes, decoder, options, exports))
        }
        // An archive this tool does not open: what it holds is not scanned at all, rather
        // than its first stored member as if it were the whole.
        Sniffed::NotRead(kind) if kind.archive => done(not_read(file_name, sniffed, "")),
        // Last: a raw DICOM dataset with no marker, or junk before one.
        Sniffed::NotRead(_) | Sniffed::Unknown => scan_dicom(file_name, bytes, complete, options)
            .unwrap_or_else(|reason| done(not_read(file_name, sniffed, &reason))),
    }
}

/// A file no reader took: what it is, when it is a kind people drop beside their scans (a
/// report as PDF, a picture, an old Office file), so they know what to do with it; else every
/// format that was tried and why DICOM was not it.
fn not_read(file_name: &str, sniffed: Sniffed, not_dicom: &str) -> FileReport {
    let message = if let Sniffed::NotRead(kind) = sniffed {
        Said::NotRead {
            kind: kind.id.to_string(),
        }
    } else {
        let tried: Vec<&str> = EXPORTS.iter().map(|f| f.name).collect();
        Said::NotRecognised {
            tried: tried.join(", "),
            reason: not_dicom.to_string(),
        }
    };
    FileReport::failed(file_name, FileStatus::NotDicom, message)
}

/// Archives and exports are read whole: ask for the whole file, or, past `limit`, say that the
/// file is too large rather than read a cut-off copy as if it were all.
fn whole_file(
    file_name: &str,
    bytes: &[u8],
    complete: bool,
    limit: usize,
    what: &str,
) -> Option<ScanOutcome> {
    if complete {
        None
    } else if bytes.len() < limit {
        Some(ScanOutcome::NeedMoreBytes { at_least: limit })
    } else {
        Some(done(FileReport::failed(
            file_name,
            FileStatus::Unsupported,
            Said::TooLarge {
                what: what.to_string(),
                mib: limit / (1024 * 1024),
            },
        )))
    }
}

/// Read a file as DICOM; `Err` with the reason when it is not DICOM at all (the caller words
/// it: a Part 10 file that is not, or a file no reader took).
fn scan_dicom(
    file_name: &str,
    bytes: &[u8],
    complete: bool,
    options: &DetectOptions,
) -> Result<ScanOutcome, String> {
    // Past the limit we stop asking for more and report what the prefix held.
    let complete = complete || bytes.len() >= MAX_HEADER_BYTES;
    let read = match read_dicom(bytes, complete) {
        ReadOutcome::NeedMoreBytes { at_least } => {
            return Ok(ScanOutcome::NeedMoreBytes {
                at_least: at_least.min(MAX_HEADER_BYTES),
            })
        }
        ReadOutcome::NotDicom(reason) => return Err(reason),
        ReadOutcome::Unsupported(message) => {
            return Ok(done(FileReport::failed(
                file_name,
                FileStatus::Unsupported,
                message,
            )))
        }
        ReadOutcome::Read(read) => read,
    };
    let detection = detect(&read.dataset, options);
    let (status, message) = match read.status {
        ReadStatus::Ok => (FileStatus::Ok, None),
        ReadStatus::Recovered(m) => (FileStatus::Recovered, Some(m)),
        ReadStatus::Truncated(m) => (FileStatus::Truncated, Some(m)),
    };
    let kind = if read.dataset.top(0x0004, 0x1220).is_some() {
        InputKind::Dicomdir
    } else {
        InputKind::Dicom
    };
    let people: Vec<_> = detection.identities.iter().map(person_ref).collect();
    Ok(done(FileReport {
        file_name: file_name.to_string(),
        status,
        message: message.map(FileMessage::from),
        warnings: read.warnings.into_iter().map(Warning::note).collect(),
        kind,
        transfer_syntax: read.transfer_syntax,
        modality: detection.study.modality.clone(),
        records: 1,
        distinct_people: count_people(&people),
        query_level: None,
        server: None,
        network: Vec::new(),
        referenced_files: detection.referenced_files,
        study: study_ref(&detection.study),
        people,
        findings: detection.findings,
        pixels: None,
        pixel_data: read.pixel_data,
        unread_from: read.unread_from,
    }))
}

/// Decode an export and run every record through the same detector as a DICOM file.
fn scan_export(
    file_name: &str,
    bytes: &[u8],
    decoder: &ExportDecoder,
    options: &DetectOptions,
    exports: &dyn ExportReader,
) -> FileReport {
    let decoded = match exports.whole(decoder, bytes) {
        Some(Ok(decoded)) => decoded,
        Some(Err(e)) => return undecodable(file_name, &e),
        None => return handed_on(file_name),
    };
    let mut report = ExportReport::new(file_name, options);
    report.add(decoded);
    report.finish()
}

/// An Excel workbook: one report for the file, its sheets read as worklists, rather than one
/// per XML part of the ZIP it is.
#[cfg(feature = "archives")]
fn scan_workbook(
    file_name: &str,
    reader: &mut dyn appended::ReadSeek,
    options: &DetectOptions,
    exports: &dyn ExportReader,
) -> FileReport {
    match exports.workbook(reader) {
        Some(Ok(decoded)) => {
            let mut report = ExportReport::new(file_name, options);
            report.add(decoded);
            report.finish()
        }
        Some(Err(e)) => undecodable(file_name, &e),
        None => handed_on(file_name),
    }
}

/// The report of an export or archive that [`DeferExports`] did not read: its caller drops it
/// (with everything else of that file) and has the file scanned again; never shown.
fn handed_on(file_name: &str) -> FileReport {
    FileReport::failed(
        file_name,
        FileStatus::Unsupported,
        "an export or archive, read by the export worker".to_string(),
    )
}

/// A ZIP or tar archive, workbook or gzip file met by a build without archive reading (the page's
/// own module): handed on when the scan defers (the page's scan workers), else said so.
#[cfg(not(feature = "archives"))]
fn archive_not_read(file_name: &str, exports: &dyn ExportReader) -> FileReport {
    if exports.archive() {
        return handed_on(file_name);
    }
    FileReport::failed(
        file_name,
        FileStatus::Unsupported,
        "A ZIP or tar archive or a gzip file: this build of the scanner does not read archives"
            .to_string(),
    )
}

/// An export that its decoder could not read.
fn undecodable(file_name: &str, e: &DecodeError) -> FileReport {
    FileReport::failed(
        file_name,
        FileStatus::Unsupported,
        format!(
            "Looks like {}, but could not be read: {}",
            e.label(),
            e.detail()
        ),
    )
}

/// The report of an export, built from its decoded records: of the whole file at once, or of
/// its parts in file order (then people are deduplicated and records counted over all parts,
/// warnings merged, and format, query level and server taken from the first part).
struct ExportReport<'a> {
    options: &'a DetectOptions,
    report: FileReport,
    people: PeopleIndex,
    /// Findings past [`MAX_FINDINGS_PER_FILE`]: counted, not listed.
    unlisted: usize,
    parts: usize,
}

impl<'a> ExportReport<'a> {
    fn new(file_name: &str, options: &'a DetectOptions) -> Self {
        let mut report = FileReport::failed(file_name, FileStatus::Ok, String::new());
        report.message = None;
        ExportReport {
            options,
            report,
            people: PeopleIndex::default(),
            unlisted: 0,
            parts: 0,
        }
    }

    /// Run every record of one decoded part through the same detector as a DICOM file.
    fn add(&mut self, decoded: Decoded) {
        let report = &mut self.report;
        if self.parts == 0 {
            report.kind = InputKind::Export(decoded.format);
            report.query_level = decoded.query_level;
            report.server = decoded.server;
            report.warnings = decoded.warnings;
        } else {
            // Counts of the same warning add up, as if the file had been read whole.
            for warning in decoded.warnings {
                warning.merge_into(&mut report.warnings);
            }
        }
        self.parts += 1;
        report.network.extend(decoded.network);
        report.records += decoded.records.len();
        for record in &decoded.records {
            let detection = detect(&record.dataset, self.options);
            for mut finding in detection.findings {
                if report.findings.len() >= MAX_FINDINGS_PER_FILE {
                    self.unlisted += 1;
                    continue;
                }
                finding.location.clone_from(&record.location);
                report.findings.push(finding);
            }
            for identity in &detection.identities {
                self.people.insert(person_ref(identity));
            }
            if report.modality.is_empty() {
                report.modality = detection.study.modality;
            }
        }
    }

    /// Parts added so far (1 for a file read whole).
    fn parts_read(&self) -> usize {
        self.parts
    }

    /// Warnings about the whole file, known once every part is read.
    fn add_warnings(&mut self, warnings: impl IntoIterator<Item = Warning>) {
        self.report.warnings.extend(warnings);
    }

    fn finish(self) -> FileReport {
        let mut report = self.report;
        report.people = self.people.people;
        report.distinct_people = count_people(&report.people);
        if self.unlisted > 0 {
            report.warnings.push(Warning::counted(
                self.unlisted,
                format!(
                    "more finding(s) were not listed: a report lists at most \
                     {MAX_FINDINGS_PER_FILE} per file"
                ),
            ));
        }
        report
    }
}

/// People in first-seen order, without repeats, found by hash: a million-record export would
/// take hours with a linear search per record.
#[derive(Default)]
struct PeopleIndex {
    people: Vec<PersonRef>,
    /// Hash of a person → index of the first person with that hash.
    first_by_hash: HashMap<u64, usize>,
    hasher: RandomState,
}

impl PeopleIndex {
    fn insert(&mut self, person: PersonRef) {
        let hash = self.hasher.hash_one(&person);
        match self.first_by_hash.get(&hash) {
            Some(&i) if self.people.get(i) == Some(&person) => return,
            // Two people with one hash: rare enough that a linear search is fine.
            Some(_) if self.people.contains(&person) => return,
            Some(_) => {}
            None => {
                self.first_by_hash.insert(hash, self.people.len());
            }
        }
        self.people.push(person);
    }
}

/// Scan every member of a ZIP archive, one report per member and per member that could not
/// be read. See [`scan_archive_each`].
#[cfg(feature = "archives")]
pub fn scan_archive<R: Read + Seek>(
    reader: R,
    archive_name: &str,
    options: &DetectOptions,
    limits: &ZipLimits,
) -> Vec<FileReport> {
    let mut reports = Vec::new();
    scan_archive_each(reader, archive_name, options, limits, &mut |r| {
        reports.push(r.into_report())
    });
    reports
}

/// Scan every member of a ZIP archive, handing each report to `emit` as soon as it is made:
/// members in archive order (a nested archive's members in its place), a member that cannot
/// be read or a limit reached where it occurs; the rest goes on. One member is scanned at a
/// time, from a prefix inflated as far as its header needs, so memory does not grow with the
/// archive.
#[cfg(feature = "archives")]
pub fn scan_archive_each<R: Read + Seek>(
    reader: R,
    archive_name: &str,
    options: &DetectOptions,
    limits: &ZipLimits,
    emit: &mut dyn FnMut(Scanned),
) {
    scan_archive_each_with(reader, archive_name, options, limits, &ReadExports, emit)
}

/// [`scan_archive_each`], with exports read by `exports`.
#[cfg(feature = "archives")]
fn scan_archive_each_with<R: Read + Seek>(
    reader: R,
    archive_name: &str,
    options: &DetectOptions,
    limits: &ZipLimits,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let reports = std::cell::Cell::new(0usize);
    let mut emit = |scanned: Scanned| {
        reports.set(reports.get() + 1);
        emit(scanned)
    };
    let mut visit = |event: MemberEvent<'_>| match event {
        // The whole file is scanned again elsewhere: what follows is not read.
        MemberEvent::Member(_) if exports.handed_on() => Visit::Next,
        MemberEvent::Member(member) => {
            scan_member(member, options, exports, &mut |r| emit(Scanned::Member(r)))
        }
        MemberEvent::Problem(problem) => {
            emit(Scanned::Member(FileReport::failed(
                &problem.name,
                FileStatus::Unreadable,
                problem.message,
            )));
            Visit::Next
        }
        MemberEvent::EmptyArchive(name) => {
            emit(Scanned::Member(empty_archive(&name)));
            Visit::Next
        }
    };
    let walked = zip_archive::walk(reader, archive_name, limits, &mut visit);
    match walked {
        Err(message) => emit(Scanned::File(FileReport::failed(
            archive_name,
            FileStatus::Unsupported,
            format!("ZIP archive: {message}"),
        ))),
        // Every input gets an answer, an archive with nothing in it too.
        Ok(()) if reports.get() == 0 => emit(Scanned::File(empty_archive(archive_name))),
        Ok(()) => {}
    }
}

fn empty_archive(name: &str) -> FileReport {
    FileReport::failed(name, FileStatus::NotDicom, Said::EmptyArchive)
}

/// Scan one member the way [`scan_reader`] scans a file: a first prefix, then longer ones
/// while the scan asks for more and the limits allow. A member that is itself a ZIP goes back
/// to the walk, which opens it within the nesting limits.
#[cfg(feature = "archives")]
fn scan_member(
    mut member: Member<'_>,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(FileReport),
) -> Visit {
    let mut want = FIRST_READ_BYTES as u64;
    loop {
        // The previous prefix is dropped here, before the longer one is inflated.
        let prefix = match member.read_prefix(want) {
            Ok(prefix) => prefix,
            Err(message) => {
                emit(FileReport::failed(
                    member.name(),
                    FileStatus::Unreadable,
                    message,
                ));
                return Visit::Next;
            }
        };
        if zip_archive::sniff(&prefix.bytes) {
            // An Excel workbook in an archive is a worklist, not an archive to walk: it is
            // read whole (a member is at most `entry_read`) and known by its parts.
            let whole = if prefix.complete {
                Ok(prefix)
            } else {
                member.read_prefix(u64::MAX)
            };
            if let Some(whole) = whole.ok().filter(|w| w.complete) {
                let kind = zip_kind(&mut Cursor::new(&whole.bytes[..]));
                if kind.is_ok_and(|kind| kind == ZipKind::Workbook) {
                    emit(scan_workbook(
                        member.name(),
                        &mut Cursor::new(&whole.bytes[..]),
                        options,
                        exports,
                    ));
                    return Visit::Next;
                }
            }
            return Visit::OpenNested;
        }
        match scan_file_with(
            member.name(),
            &prefix.bytes,
            prefix.complete,
            options,
            exports,
        ) {
            ScanOutcome::Done(mut report) => {
                if let Some(pixels) = exports.pixels().filter(|_| exports::has_pixels(&report)) {
                    let check = if prefix.complete {
                        pixels.look(&prefix.bytes)
                    } else {
                        drop(prefix);
                        match member.read_prefix(u64::MAX) {
                            Ok(whole) if whole.complete => pixels.look(&whole.bytes),
                            Ok(whole) => Some(not_read_whole(whole.stopped_by)),
                            Err(message) => Some(not_read_whole(Some(message))),
                        }
                    };
                    if let Some(check) = check {
                        report.add_pixel_check(check);
                    }
                }
                emit(*report)
            }
            // Not reached (a ZIP went back to the walk above), but a report is not lost.
            ScanOutcome::Archive(reports) => reports.into_iter().for_each(&mut *emit),
            ScanOutcome::NeedMoreBytes { at_least }
                if !prefix.complete && prefix.stopped_by.is_none() && at_least as u64 > want =>
            {
                want = at_least as u64;
                continue;
            }
            ScanOutcome::NeedMoreBytes { .. } => {
                let message = prefix
                    .stopped_by
                    .unwrap_or_else(|| "the header did not end within the limit".to_string());
                emit(FileReport::failed(
                    member.name(),
                    FileStatus::Truncated,
                    message,
                ));
            }
        }
        return Visit::Next;
    }
}

fn done(report: FileReport) -> ScanOutcome {
    ScanOutcome::Done(Box::new(report))
}

/// Scan a file from a reader (the CLI: a file on disk), reading only what [`scan_file`] asks
/// for. See [`scan_reader_each`]; this collects its reports.
pub fn scan_reader<R: Read + Seek>(
    file_name: &str,
    reader: R,
    options: &DetectOptions,
) -> Vec<FileReport> {
    let mut reports = Vec::new();
    scan_reader_each(file_name, reader, options, &mut |r| {
        reports.push(r.into_report())
    });
    reports
}

/// Scan a file from a reader, reading only what [`scan_file`] asks for: a DICOM header costs
/// the same whatever the size of the pixel data behind it. A ZIP archive is read member by
/// member through the same reader ([`scan_archive_each`]). Each report goes to `emit` as soon
/// as it is made: one for a plain file, one per member or problem for an archive.
/// `file_name` labels the reports.
pub fn scan_reader_each<R: Read + Seek>(
    file_name: &str,
    reader: R,
    options: &DetectOptions,
    emit: &mut dyn FnMut(Scanned),
) {
    read_and_scan(
        file_name,
        Vec::new(),
        reader,
        options,
        &ReadExports,
        true,
        emit,
    )
}

/// [`scan_reader_each`], with exports read by `exports` (the page's first scan worker passes
/// a [`DeferExports`]).
pub fn scan_reader_each_with<R: Read + Seek>(
    file_name: &str,
    reader: R,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    read_and_scan(file_name, Vec::new(), reader, options, exports, true, emit)
}

/// [`scan_reader_each_with`] for a file whose first bytes were read already (the CLI reads
/// files ahead on a thread of its own): `head` holds them, at most [`FIRST_READ_BYTES`], and
/// `reader` reads the whole file, from its start when asked. Why not a reader that serves the
/// head from memory: the scan would copy the head again, into a buffer it zeroes first.
pub fn scan_reader_each_after<R: Read + Seek>(
    file_name: &str,
    mut head: Vec<u8>,
    reader: R,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    head.truncate(FIRST_READ_BYTES);
    read_and_scan(file_name, head, reader, options, exports, true, emit)
}

/// [`scan_reader_each`]; `head` = the file's first bytes when they were read already (see
/// [`scan_reader_each_after`]); `look_past` = look for data appended after a DICOM data set
/// (not in such data itself, so that a chain of them costs one level).
fn read_and_scan<R: Read + Seek>(
    file_name: &str,
    head: Vec<u8>,
    mut reader: R,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    look_past: bool,
    emit: &mut dyn FnMut(Scanned),
) {
    let mut unreadable = |e: std::io::Error| {
        emit(Scanned::File(FileReport::failed(
            file_name,
            FileStatus::Unreadable,
            read_error_message(&e),
        )))
    };
    let mut bytes = head;
    let size = match reader.seek(SeekFrom::End(0)).and_then(|size| {
        // Reading goes on after the bytes read already.
        reader.seek(SeekFrom::Start(bytes.len() as u64))?;
        Ok(size)
    }) {
        Ok(size) => size,
        Err(e) => return unreadable(e),
    };
    let mut want = FIRST_READ_BYTES;
    let mut tried_parts = false;
    loop {
        // Read on from where the last prefix ended, up to `want` bytes in all.
        let more = (want - bytes.len().min(want)) as u64;
        // Room for the whole prefix up front: without it `read_to_end` starts with small
        // probing reads (a dozen system calls for a 30 KB file), and one more byte lets it see
        // the end of a shorter file without another probe.
        bytes.reserve(more.min(size.saturating_sub(bytes.len() as u64)) as usize + 1);
        if let Err(e) = reader.by_ref().take(more).read_to_end(&mut bytes) {
            return unreadable(e);
        }
        let complete = bytes.len() as u64 >= size;
        #[cfg(not(feature = "archives"))]
        if zip_archive::sniff(&bytes)
            || crate::sniff::is_gzip(&bytes)
            || crate::sniff::is_tar(&bytes)
        {
            return emit(Scanned::File(archive_not_read(file_name, exports)));
        }
        #[cfg(feature = "archives")]
        if crate::sniff::is_gzip(&bytes) {
            // Unpacked from the reader: the sniffed start is not kept.
            drop(bytes);
            if let Err(e) = reader.seek(SeekFrom::Start(0)) {
                return unreadable(e);
            }
            let reader = std::io::BufReader::new(reader.take(MAX_ARCHIVE_BYTES as u64));
            return gzip::scan_gzip(file_name, reader, options, exports, emit);
        }
        #[cfg(feature = "archives")]
        if crate::sniff::is_tar(&bytes) {
            // Read through the reader, what members' scans skip passed over by seeking.
            drop(bytes);
            if let Err(e) = reader.seek(SeekFrom::Start(0)) {
                return unreadable(e);
            }
            let reader = std::io::BufReader::new(reader);
            return tar_archive::scan_tar_seekable(file_name, reader, options, exports, emit);
        }
        #[cfg(feature = "archives")]
        if zip_archive::sniff(&bytes) {
            // The walk reads the archive through the reader; the sniffed start is not kept.
            drop(bytes);
            if let Err(e) = reader.seek(SeekFrom::Start(0)) {
                return unreadable(e);
            }
            let mut reader = std::io::BufReader::new(reader);
            return match zip_kind(&mut reader) {
                Ok(ZipKind::Workbook) => emit(Scanned::File(scan_workbook(
                    file_name,
                    &mut reader,
                    options,
                    exports,
                ))),
                Ok(ZipKind::Archive) => scan_archive_each_with(
                    reader,
                    file_name,
                    options,
                    &ZipLimits::default(),
                    exports,
                    emit,
                ),
                Err(e) => unreadable(e),
            };
        }
        if let Some(kind) = part_kind(&bytes, size).filter(|_| !tried_parts) {
            // A large export: read it in parts from the start, or, when it cannot be cut
            // after all, whole as before, from the start again.
            tried_parts = true;
            let outcome = exports.parts(file_name, &mut reader, size, kind, options);
            match outcome {
                None => return emit(Scanned::File(handed_on(file_name))),
                Some(Ok(Some(report))) => return emit(Scanned::File(report)),
                Some(Ok(None)) => {
                    if let Err(e) = reader.seek(SeekFrom::Start(0)) {
                        return unreadable(e);
                    }
                    bytes.clear();
                    continue;
                }
                Some(Err(e)) => return unreadable(e),
            }
        }
        match scan_file_with(file_name, &bytes, complete, options, exports) {
            ScanOutcome::Done(mut report) => {
                if let Some(pixels) = exports.pixels().filter(|_| exports::has_pixels(&report)) {
                    drop(std::mem::take(&mut bytes));
                    if let Some(check) = look_at_whole(&mut reader, size, pixels) {
                        report.add_pixel_check(check);
                    }
                }
                if look_past && (report.pixel_data.is_some() || report.unread_from.is_some()) {
                    return scan_with_appended(*report, reader, size, options, exports, emit);
                }
                return emit(Scanned::File(*report));
            }
            // Not reached: a ZIP went to the archive walk above.
            ScanOutcome::Archive(reports) => {
                return reports.into_iter().for_each(|r| emit(Scanned::Member(r)))
            }
            ScanOutcome::NeedMoreBytes { at_least } if at_least > want && !complete => {
                want = at_least
            }
            ScanOutcome::NeedMoreBytes { .. } => {
                return emit(Scanned::File(FileReport::failed(
                    file_name,
                    FileStatus::Truncated,
                    "the header did not end within the limit".to_string(),
                )))
            }
        }
    }
}

/// A pixel check of the whole file behind `reader`, read from its start (`None`: handed on,
/// see [`LookAtPixels::look`]).
fn look_at_whole<R: Read + Seek>(
    reader: &mut R,
    size: u64,
    pixels: &dyn LookAtPixels,
) -> Option<PixelCheck> {
    if size > crate::pixels::MAX_PIXEL_FILE_BYTES {
        return Some(PixelCheck::NotChecked {
            reason: NotChecked::FileTooLarge { bytes: size },
        });
    }
    let mut whole = Vec::new();
    let read = reader
        .seek(SeekFrom::Start(0))
        .and_then(|_| reader.by_ref().take(size).read_to_end(&mut whole));
    match read {
        Ok(_) => pixels.look(&whole),
        Err(e) => Some(not_read_whole(Some(e.to_string()))),
    }
}

/// The check of an image whose file could not be read whole.
fn not_read_whole(why: Option<String>) -> PixelCheck {
    PixelCheck::NotChecked {
        reason: NotChecked::Undecodable {
            detail: why.unwrap_or_else(|| "the file could not be read whole".to_string()),
        },
    }
}

/// A DICOM file's report, and when data was appended after its data set, a note of it and
/// that data's own reports, as members of the file.
fn scan_with_appended<R: Read + Seek>(
    mut report: FileReport,
    mut reader: R,
    size: u64,
    options: &DetectOptions,
    exports: &dyn ExportReader,
    emit: &mut dyn FnMut(Scanned),
) {
    let found = match (report.pixel_data, report.unread_from) {
        (Some(pixel), _) => appended::find(&mut reader, pixel, size),
        (None, Some(at)) => appended::another_file_at(&mut reader, at, size),
        (None, None) => Ok(None),
    };
    let Ok(Some(at)) = found else {
        return emit(Scanned::File(report));
    };
    // Named as a member of the file, as archive members are.
    let name = format!("{}/data after byte {at}", report.file_name);
    report.warnings.push(Warning::note(format!(
        "{} bytes after the end of the DICOM data set, from byte {at}, are not DICOM: data \
         appended to the file (a second file hidden behind the image); scanned as \"{name}\"",
        size - at
    )));
    emit(Scanned::File(report));
    // Why dyn: a window over a window would instantiate without end.
    let reader: &mut dyn appended::ReadSeek = &mut reader;
    let mut window = appended::Window::new(reader, at, size - at);
    // Text no reader takes (a note, a pasted letter) is still scanned for identifiers.
    if appended::is_plain_text(&mut window).unwrap_or(false) {
        if let Some(text) = appended_text(&mut window, &name, options) {
            return emit(Scanned::Member(text));
        }
    }
    let mut reports = Vec::new();
    read_and_scan(
        &name,
        Vec::new(),
        &mut window,
        options,
        exports,
        false,
        &mut |scanned| reports.push(scanned.into_report()),
    );
    reports.into_iter().for_each(|r| emit(Scanned::Member(r)));
}

/// Appended data that reads as text, scanned as one free-text value (its first
/// [`MAX_TEXT_LEN`](crate::decode::limits::MAX_TEXT_LEN) bytes).
fn appended_text<R: Read + Seek>(
    reader: &mut R,
    name: &str,
    options: &DetectOptions,
) -> Option<FileReport> {
    reader.seek(SeekFrom::Start(0)).ok()?;
    let mut bytes = Vec::new();
    let limit = crate::decode::limits::MAX_TEXT_LEN as u64;
    reader.take(limit).read_to_end(&mut bytes).ok()?;
    if !looks_like_text(&bytes) {
        return None;
    }
    let mut dataset = Dataset::default();
    let path = TagPath::top(csv::FREE_TEXT_GROUP, csv::FREE_TEXT_ELEMENT_BASE);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    dataset.push_labelled_text(path, "UT", vec![text], "appended text".to_string());
    let detection = detect(&dataset, options);
    let people: Vec<_> = detection.identities.iter().map(person_ref).collect();
    Some(FileReport {
        message: Some(Said::AppendedText.into()),
        records: 1,
        distinct_people: count_people(&people),
        people,
        findings: detection.findings,
        ..FileReport::failed(name, FileStatus::Ok, String::new())
    })
}

/// How a file that starts with `start` and has `size` bytes is read in parts, if it is: an
/// export over [`STREAM_EXPORTS_OVER`] in a format that can be cut.
fn part_kind(start: &[u8], size: u64) -> Option<PartKind> {
    let Sniffed::Export(decoder) = sniff(start) else {
        return None;
    };
    if size <= STREAM_EXPORTS_OVER {
        return None;
    }
    match decoder.parts? {
        PartKind::Worklist if start.starts_with(&[0xFF, 0xFE]) => Some(PartKind::Utf16Worklist {
            little_endian: true,
        }),
        PartKind::Worklist if start.starts_with(&[0xFE, 0xFF]) => Some(PartKind::Utf16Worklist {
            little_endian: false,
        }),
        kind => Some(kind),
    }
}

/// What a failed read means for the user. Running out of memory is the one they can act on.
fn read_error_message(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::OutOfMemory {
        "This file needs more memory than this browser gives the scanner; the command-line \
         tool (see the README) reads it."
            .to_string()
    } else {
        format!("cannot read: {e}")
    }
}

/// Scan a file held whole in memory (tests, small inputs). Archives give one report per member.
pub fn scan_complete_all(
    file_name: &str,
    bytes: &[u8],
    options: &DetectOptions,
) -> Vec<FileReport> {
    match scan_file(file_name, bytes, true, options) {
        ScanOutcome::Done(report) => vec![*report],
        ScanOutcome::Archive(reports) => reports,
        // With `complete` the reader never asks for more; say so rather than panic.
        ScanOutcome::NeedMoreBytes { .. } => vec![FileReport::failed(
            file_name,
            FileStatus::Truncated,
            "the header did not end within the file".to_string(),
        )],
    }
}

/// Scan one file held whole in memory, expecting a single report (the first, for an archive).
pub fn scan_complete(file_name: &str, bytes: &[u8], options: &DetectOptions) -> FileReport {
    scan_complete_all(file_name, bytes, options)
        .into_iter()
        .next()
        .unwrap_or_else(|| empty_archive(file_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every report of `bytes` scanned from a reader, with its first `head` bytes read already
    /// (`Some`) or not.
    fn reports_of(bytes: &[u8], head: Option<usize>) -> Vec<FileReport> {
        let mut reports = Vec::new();
        let mut emit = |scanned: Scanned| reports.push(scanned.into_report());
        let options = DetectOptions::default();
        match head {
            None => {
                scan_reader_each_with("f", Cursor::new(bytes), &options, &ReadExports, &mut emit)
            }
            Some(n) => {
                let mut reader = Cursor::new(bytes);
                reader.set_position(n as u64);
                scan_reader_each_after(
                    "f",
                    bytes[..n].to_vec(),
                    reader,
                    &options,
                    &ReadExports,
                    &mut emit,
                )
            }
        }
        reports
    }

    #[test]
    fn a_file_read_ahead_is_scanned_as_it_is_without() {
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/CT_small.dcm");
        let dicom = std::fs::read(fixture).unwrap();
        // Read again from the start: a ZIP (the archive's walk) and a note after the pixels.
        let mut zip = Vec::new();
        let mut writer = zip::ZipWriter::new(Cursor::new(&mut zip));
        writer
            .start_file("CT_small.dcm", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut writer, &dicom).unwrap();
        writer.finish().unwrap();
        let mut appended = dicom.clone();
        appended.extend_from_slice(b"Note: call John Smith at 555-867-5309 about SSN 123-45-6789.");
        for bytes in [&dicom, &zip, &appended] {
            let without = reports_of(bytes, None);
            assert!(!without.is_empty());
            for head in [0, 1, 132, 1_000, bytes.len() - 1, bytes.len()] {
                assert_eq!(
                    reports_of(bytes, Some(head)),
                    without,
                    "head of {head} bytes"
                );
            }
        }
    }

    #[test]
    fn an_archive_with_no_file_in_it_still_gets_an_answer() {
        let mut empty = Vec::new();
        zip::ZipWriter::new(Cursor::new(&mut empty))
            .finish()
            .unwrap();
        let mut folders = Vec::new();
        let mut writer = zip::ZipWriter::new(Cursor::new(&mut folders));
        let options = zip::write::SimpleFileOptions::default();
        writer.add_directory("DICOM/", options).unwrap();
        writer.finish().unwrap();
        for archive in [empty, folders] {
            let reports = scan_complete_all("a.zip", &archive, &DetectOptions::default());
            assert_eq!(reports.len(), 1);
            assert_eq!(reports[0].file_name, "a.zip");
            assert_eq!(reports[0].message, Some(Said::EmptyArchive.into()));
        }
    }

    #[test]
    fn an_empty_archive_inside_an_archive_says_so_in_its_place() {
        let options = zip::write::SimpleFileOptions::default();
        let mut empty = Vec::new();
        zip::ZipWriter::new(Cursor::new(&mut empty))
            .finish()
            .unwrap();
        let mut outer = Vec::new();
        let mut writer = zip::ZipWriter::new(Cursor::new(&mut outer));
        writer.start_file("inner.zip", options).unwrap();
        std::io::Write::write_all(&mut writer, &empty).unwrap();
        writer.start_file("note.txt", options).unwrap();
        std::io::Write::write_all(&mut writer, b"nothing here").unwrap();
        writer.finish().unwrap();
        let reports = scan_complete_all("outer.zip", &outer, &DetectOptions::default());
        let names: Vec<_> = reports.iter().map(|r| r.file_name.as_str()).collect();
        assert_eq!(names, ["outer.zip/inner.zip", "outer.zip/note.txt"]);
        assert_eq!(reports[0].message, Some(Said::EmptyArchive.into()));
    }

    #[test]
    fn files_people_drop_beside_their_scans_are_named_not_just_refused() {
        let options = DetectOptions::default();
        let mut pdf =
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
        pdf.resize(4096, b' ');
        let mut jpeg = vec![
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
        ];
        jpeg.resize(4096, 0x55);
        let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        xls.resize(4096, 0);
        for (bytes, says) in [
            (pdf, "PDF document"),
            (jpeg, "JPEG picture"),
            (xls, "old binary format (.xls, .doc)"),
        ] {
            let report = scan_complete("x", &bytes, &options);
            assert_eq!(report.status, FileStatus::NotDicom);
            let message = report.message.unwrap_or_default();
            assert!(
                message.starts_with("Not a format this tool reads: this is a")
                    && message.contains(says),
                "{message}"
            );
        }
        // Anything else still lists what was tried.
        let report = scan_complete("x", &[0x42; 4096], &options);
        let message = report.message.unwrap_or_default();
        assert!(message.contains("(tried DICOM Part 10"), "{message}");
    }

    #[test]
    fn people_are_kept_once_in_first_seen_order() {
        let person = |name: &str| PersonRef {
            name: Some(name.to_string()),
            id: None,
            birth_date: None,
            key: crate::report::PersonKey::default(),
        };
        let mut index = PeopleIndex::default();
        for name in ["b", "a", "b", "c", "a"] {
            index.insert(person(name));
        }
        assert_eq!(index.people, [person("b"), person("a"), person("c")]);
    }

    #[test]
    fn running_out_of_memory_says_so_in_words() {
        let oom = std::io::Error::from(std::io::ErrorKind::OutOfMemory);
        assert!(read_error_message(&oom).contains("more memory than this browser"));
        let other = std::io::Error::other("disk gone");
        assert_eq!(read_error_message(&other), "cannot read: disk gone");
    }

    #[test]
    fn an_export_or_archive_past_its_limit_is_refused_not_read_cut_off() {
        let limit = 1024 * 1024;
        let prefix = vec![b'a'; limit];
        assert_eq!(whole_file("x.csv", &prefix, true, limit, "CSV"), None);
        assert!(matches!(
            whole_file("x.csv", &prefix[..10], false, limit, "CSV"),
            Some(ScanOutcome::NeedMoreBytes { at_least }) if at_least == limit
        ));
        let Some(ScanOutcome::Done(report)) = whole_file("x.csv", &prefix, false, limit, "CSV")
        else {
            panic!("expected a report");
        };
        assert_eq!(report.status, FileStatus::Unsupported);
        assert!(report.message.unwrap().contains("larger than 1 MiB"));
    }
}
