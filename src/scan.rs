//! Scan: the single entry point shared by the browser worker and the CLI.
//!
//! The caller hands in a prefix of a file; when more is needed the answer is
//! [`ScanOutcome::NeedMoreBytes`] and the caller reads a longer prefix. A DICOM file is read
//! only as far as its header goes; an export or an archive needs the whole file (up to a
//! limit). What a file is comes from its content, never from its name.

use std::io::{Cursor, Read, Seek, SeekFrom};

use serde::{Deserialize, Serialize};

use crate::decode::dicom::{read_dicom, ReadOutcome, ReadStatus};
use crate::decode::zip_archive::{self, Member, MemberEvent, Visit, ZipLimits};
use crate::decode::{csv, dcmtk_text, dicom_json, dicom_xml, nmap, orthanc_json};
use crate::decode::{DecodeError, Decoded};
use crate::detect::{detect, DetectOptions};
use crate::report::{count_people, person_ref, study_ref, FileReport, FileStatus};
use crate::rules::file_risks::FileRisk;
use crate::sniff::{sniff, Kind};

/// How many bytes to offer first: most headers fit in a few KiB.
pub const FIRST_READ_BYTES: usize = 256 * 1024;

/// No DICOM header is read past this size; a larger one is reported as truncated.
pub const MAX_HEADER_BYTES: usize = 64 * 1024 * 1024;

/// Exports (text, JSON, XML, CSV) are read whole, up to this size.
pub const MAX_EXPORT_BYTES: usize = 256 * 1024 * 1024;

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

/// An export decoder: a cheap content check and the decoder itself.
struct ExportFormat {
    name: &'static str,
    sniff: fn(&[u8]) -> bool,
    decode: fn(&[u8]) -> Result<Decoded, DecodeError>,
}

/// Export formats, most specific first; the first whose sniff says yes decodes the file.
const EXPORT_FORMATS: &[ExportFormat] = &[
    ExportFormat {
        name: "nmap XML and text output",
        sniff: nmap::sniff,
        decode: nmap::decode,
    },
    ExportFormat {
        name: "Orthanc REST JSON",
        sniff: orthanc_json::sniff,
        decode: orthanc_json::decode,
    },
    ExportFormat {
        name: "DICOM JSON (QIDO-RS, WADO-RS)",
        sniff: dicom_json::sniff,
        decode: dicom_json::decode,
    },
    ExportFormat {
        name: "DICOM XML (DCMTK, PS3.19 Native DICOM Model)",
        sniff: dicom_xml::sniff,
        decode: dicom_xml::decode,
    },
    ExportFormat {
        name: "DCMTK findscu / dcmdump text",
        sniff: dcmtk_text::sniff,
        decode: dcmtk_text::decode,
    },
    // Last: the loosest check (any consistently delimited text).
    ExportFormat {
        name: "CSV/TSV worklist",
        sniff: csv::sniff,
        decode: csv::decode,
    },
];

/// Scan one file from `bytes`, which is the whole file when `complete`, else a prefix of it.
pub fn scan_file(
    file_name: &str,
    bytes: &[u8],
    complete: bool,
    options: &DetectOptions,
) -> ScanOutcome {
    if sniff(bytes) != Kind::Unknown {
        return scan_dicom(file_name, bytes, complete, options);
    }
    if zip_archive::sniff(bytes) {
        if let Some(outcome) =
            whole_file(file_name, bytes, complete, MAX_ARCHIVE_BYTES, "ZIP archive")
        {
            return outcome;
        }
        return ScanOutcome::Archive(scan_archive(
            Cursor::new(bytes),
            file_name,
            options,
            &ZipLimits::default(),
        ));
    }
    if let Some(format) = EXPORT_FORMATS.iter().find(|f| (f.sniff)(bytes)) {
        if let Some(outcome) = whole_file(file_name, bytes, complete, MAX_EXPORT_BYTES, format.name)
        {
            return outcome;
        }
        return done(scan_export(file_name, bytes, format, options));
    }
    // Last: a raw DICOM dataset with no marker, or junk before one.
    match scan_dicom(file_name, bytes, complete, options) {
        ScanOutcome::Done(report) if report.status == FileStatus::NotDicom => {
            let tried: Vec<&str> = EXPORT_FORMATS.iter().map(|f| f.name).collect();
            let detail = report.message.as_deref().unwrap_or("");
            let detail = detail.trim_start_matches("Not a DICOM file: ");
            let message = format!(
                "Not a format this tool reads (tried DICOM Part 10 and raw datasets, ZIP{}{}): {detail}",
                if tried.is_empty() { "" } else { ", " },
                tried.join(", "),
            );
            done(FileReport::failed(file_name, FileStatus::NotDicom, message))
        }
        other => other,
    }
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
            format!(
                "This {what} is larger than {} MiB, the most this tool reads whole; split it \
                 into smaller files.",
                limit / (1024 * 1024)
            ),
        )))
    }
}

fn scan_dicom(
    file_name: &str,
    bytes: &[u8],
    complete: bool,
    options: &DetectOptions,
) -> ScanOutcome {
    // Past the limit we stop asking for more and report what the prefix held.
    let complete = complete || bytes.len() >= MAX_HEADER_BYTES;
    let read = match read_dicom(bytes, complete) {
        ReadOutcome::NeedMoreBytes { at_least } => {
            return ScanOutcome::NeedMoreBytes {
                at_least: at_least.min(MAX_HEADER_BYTES),
            }
        }
        ReadOutcome::NotDicom(message) => {
            return done(FileReport::failed(
                file_name,
                FileStatus::NotDicom,
                format!("Not a DICOM file: {message}."),
            ))
        }
        ReadOutcome::Unsupported(message) => {
            return done(FileReport::failed(
                file_name,
                FileStatus::Unsupported,
                message,
            ))
        }
        ReadOutcome::Read(read) => read,
    };
    let detection = detect(&read.dataset, options);
    let (status, message) = match read.status {
        ReadStatus::Ok => (FileStatus::Ok, None),
        ReadStatus::Recovered(m) => (FileStatus::Recovered, Some(m)),
        ReadStatus::Truncated(m) => (FileStatus::Truncated, Some(m)),
    };
    let is_dicomdir = read.dataset.top(0x0004, 0x1220).is_some();
    let people: Vec<_> = detection.identities.iter().map(person_ref).collect();
    done(FileReport {
        file_name: file_name.to_string(),
        status,
        message,
        warnings: read.warnings,
        format: if is_dicomdir { "DICOMDIR" } else { "DICOM" }.to_string(),
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
    })
}

/// Decode an export and run every record through the same detector as a DICOM file.
fn scan_export(
    file_name: &str,
    bytes: &[u8],
    format: &ExportFormat,
    options: &DetectOptions,
) -> FileReport {
    let decoded = match (format.decode)(bytes) {
        Ok(decoded) => decoded,
        Err(e) => {
            return FileReport::failed(
                file_name,
                FileStatus::Unsupported,
                format!(
                    "Looks like {}, but could not be read: {}",
                    e.format, e.message
                ),
            )
        }
    };
    let mut findings = Vec::new();
    let mut people = Vec::new();
    let mut modality = String::new();
    // A worklist files its unmapped columns under the private group `csv::FREE_TEXT_GROUP` so
    // the value detectors read them; that is not vendor data, so no "private tags" risk.
    let synthetic_private = decoded.format.ends_with("worklist");
    for record in &decoded.records {
        let detection = detect(&record.dataset, options);
        for mut finding in detection.findings {
            if synthetic_private && finding.rule_id == FileRisk::PrivateTags.id() {
                continue;
            }
            finding.location.clone_from(&record.location);
            findings.push(finding);
        }
        for identity in &detection.identities {
            let person = person_ref(identity);
            if !people.contains(&person) {
                people.push(person);
            }
        }
        if modality.is_empty() {
            modality = detection.study.modality;
        }
    }
    FileReport {
        file_name: file_name.to_string(),
        status: FileStatus::Ok,
        message: None,
        warnings: decoded.warnings,
        format: decoded.format,
        transfer_syntax: String::new(),
        modality,
        records: decoded.records.len(),
        distinct_people: count_people(&people),
        query_level: decoded.query_level,
        server: decoded.server,
        network: decoded.network,
        referenced_files: Vec::new(),
        study: None,
        people,
        findings,
    }
}

/// Scan every member of a ZIP archive, one report per member and per member that could not
/// be read. See [`scan_archive_each`].
pub fn scan_archive<R: Read + Seek>(
    reader: R,
    archive_name: &str,
    options: &DetectOptions,
    limits: &ZipLimits,
) -> Vec<FileReport> {
    let mut reports = Vec::new();
    scan_archive_each(reader, archive_name, options, limits, &mut |r| {
        reports.push(r)
    });
    reports
}

/// Scan every member of a ZIP archive, handing each report to `emit` as soon as it is made:
/// members in archive order (a nested archive's members in its place), a member that cannot
/// be read or a limit reached where it occurs; the rest goes on. One member is scanned at a
/// time, from a prefix inflated as far as its header needs, so memory does not grow with the
/// archive.
pub fn scan_archive_each<R: Read + Seek>(
    reader: R,
    archive_name: &str,
    options: &DetectOptions,
    limits: &ZipLimits,
    emit: &mut dyn FnMut(FileReport),
) {
    let mut visit = |event: MemberEvent<'_>| match event {
        MemberEvent::Member(member) => scan_member(member, options, emit),
        MemberEvent::Problem(problem) => {
            emit(FileReport::failed(
                &problem.name,
                FileStatus::Unreadable,
                problem.message,
            ));
            Visit::Next
        }
    };
    if let Err(message) = zip_archive::walk(reader, archive_name, limits, &mut visit) {
        emit(FileReport::failed(
            archive_name,
            FileStatus::Unsupported,
            format!("ZIP archive: {message}"),
        ));
    }
}

/// Scan one member the way [`scan_reader`] scans a file: a first prefix, then longer ones
/// while the scan asks for more and the limits allow. A member that is itself a ZIP goes back
/// to the walk, which opens it within the nesting limits.
fn scan_member(
    mut member: Member<'_>,
    options: &DetectOptions,
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
            return Visit::OpenNested;
        }
        match scan_file(member.name(), &prefix.bytes, prefix.complete, options) {
            ScanOutcome::Done(report) => emit(*report),
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
    scan_reader_each(file_name, reader, options, &mut |r| reports.push(r));
    reports
}

/// Scan a file from a reader, reading only what [`scan_file`] asks for: a DICOM header costs
/// the same whatever the size of the pixel data behind it. A ZIP archive is read member by
/// member through the same reader ([`scan_archive_each`]). Each report goes to `emit` as soon
/// as it is made: one for a plain file, one per member or problem for an archive.
/// `file_name` labels the reports.
pub fn scan_reader_each<R: Read + Seek>(
    file_name: &str,
    mut reader: R,
    options: &DetectOptions,
    emit: &mut dyn FnMut(FileReport),
) {
    let mut unreadable = |e: std::io::Error| {
        emit(FileReport::failed(
            file_name,
            FileStatus::Unreadable,
            read_error_message(&e),
        ))
    };
    let size = match reader.seek(SeekFrom::End(0)).and_then(|size| {
        reader.seek(SeekFrom::Start(0))?;
        Ok(size)
    }) {
        Ok(size) => size,
        Err(e) => return unreadable(e),
    };
    let mut bytes = Vec::new();
    let mut want = FIRST_READ_BYTES;
    loop {
        // Read on from where the last prefix ended, up to `want` bytes in all.
        let more = (want - bytes.len().min(want)) as u64;
        if let Err(e) = reader.by_ref().take(more).read_to_end(&mut bytes) {
            return unreadable(e);
        }
        let complete = bytes.len() as u64 >= size;
        if zip_archive::sniff(&bytes) {
            // The walk reads the archive through the reader; the sniffed start is not kept.
            drop(bytes);
            if let Err(e) = reader.seek(SeekFrom::Start(0)) {
                return unreadable(e);
            }
            let reader = std::io::BufReader::new(reader);
            return scan_archive_each(reader, file_name, options, &ZipLimits::default(), emit);
        }
        match scan_file(file_name, &bytes, complete, options) {
            ScanOutcome::Done(report) => return emit(*report),
            ScanOutcome::Archive(reports) => return reports.into_iter().for_each(emit),
            ScanOutcome::NeedMoreBytes { at_least } if at_least > want && !complete => {
                want = at_least
            }
            ScanOutcome::NeedMoreBytes { .. } => {
                return emit(FileReport::failed(
                    file_name,
                    FileStatus::Truncated,
                    "the header did not end within the limit".to_string(),
                ))
            }
        }
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
        .unwrap_or_else(|| {
            FileReport::failed(file_name, FileStatus::NotDicom, "an empty archive".into())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
