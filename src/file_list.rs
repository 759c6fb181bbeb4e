//! The web page's list of files, as state and transitions only: files added, reports as the
//! scan workers send them (an archive's members arrive in batches), cancel, and the counts of
//! files and bytes done. No web type here, so it compiles and is tested natively; the page
//! (`src/web/app.rs`) wraps it as a Yew reducer and only draws it.

use std::rc::Rc;
use std::sync::Arc;

use crate::decode::InputKind;
use crate::pixels::thumbnail::Thumbnail;
use crate::report::{FileMessage, FileReport, FileStatus, Said};
use crate::scan::Scanned;

/// Pictures of frames with text kept in the page's memory at most (each up to 640 × 640 grey
/// levels, 400 KB): past this, images with text are listed without one.
pub const MAX_THUMBNAILS_KEPT: usize = 100;

/// A row of the list. `id` is the file's id in the scanner; members of an archive, which have
/// no file of their own, get `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: Option<usize>,
    pub file_name: Rc<str>,
    /// The file's size in bytes once its last report is in (0 until then, and for members).
    pub bytes: u64,
    /// Shared with the report the page builds from every entry (not copied into it).
    pub report: Option<Arc<FileReport>>,
    /// For an archive: members listed so far (they arrive in batches).
    pub members: usize,
    /// For a member: the id of the file it came in.
    pub of: Option<usize>,
    /// The frame where text was found, to draw with its boxes (pixel check only; in memory).
    pub thumbnail: Option<Rc<Thumbnail>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Files {
    pub entries: Vec<Entry>,
    /// When the current batch started (ms since the epoch), for rate and time left.
    pub started_ms: f64,
    pub done_files: usize,
    pub done_bytes: u64,
    /// Where file `id`'s entry is (ids are handed out in order from 0).
    positions: Vec<usize>,
    /// Thumbnails held by entries (at most [`MAX_THUMBNAILS_KEPT`]).
    pub thumbnails_kept: usize,
    /// Bumped by every action that may set, replace or remove a report (not by files added):
    /// the page rebuilds what it derives from the reports only when this moves.
    pub changes: u64,
}

#[derive(Debug)]
pub enum Action {
    /// Dropped files: (id, name), and the time they were added. No size: asking the browser
    /// for a chosen file's size waits on the disk, which for thousands of files held the
    /// page's main thread for half a second; the worker that reads the file tells it instead.
    Added(Vec<(usize, Rc<str>)>, f64),
    /// Reports as the workers sent them, gathered for a moment so that the page draws once
    /// per batch, not once per file.
    Reports(Vec<Arrived>),
    /// These files will not be scanned.
    Cancelled(Vec<usize>),
    /// These files are scanned again (their pixels looked at too), at this time: what they
    /// had goes, and they wait for new reports. Like files added, they start a new batch
    /// for the progress when nothing is pending.
    Recheck(Vec<usize>, f64),
}

/// Reports for one file from a scan worker: its own, or a batch of an archive's members.
#[derive(Debug)]
pub struct Arrived {
    /// The file's id in the scanner.
    pub id: usize,
    pub reports: Vec<Scanned>,
    /// The file is done (an archive sends its members in several batches).
    pub last: bool,
    /// The file's size in bytes, as the worker read it (counted when `last`).
    pub bytes: u64,
    /// The scan worker handed the file on (it holds an export): what arrived for it so far is
    /// void, and the export worker's reports follow.
    pub deferred: bool,
    /// Thumbnails of frames with text, by the position in `reports` of their report.
    pub thumbnails: Vec<(usize, Thumbnail)>,
}

impl Files {
    /// The list after `action`.
    pub fn next(&self, action: Action) -> Files {
        let mut next = Files {
            entries: self.entries.clone(),
            positions: self.positions.clone(),
            ..*self
        };
        match action {
            Action::Added(files, now) => {
                if next.entries.iter().all(|e| e.report.is_some()) {
                    next.started_ms = now;
                    next.done_files = 0;
                    next.done_bytes = 0;
                }
                for (id, file_name) in files {
                    if next.positions.len() <= id {
                        next.positions.resize(id + 1, usize::MAX);
                    }
                    next.positions[id] = next.entries.len();
                    next.entries.push(Entry {
                        id: Some(id),
                        file_name,
                        bytes: 0,
                        report: None,
                        members: 0,
                        of: None,
                        thumbnail: None,
                    });
                }
            }
            Action::Reports(batch) => {
                for arrived in batch {
                    if next.apply(arrived) {
                        next.changes += 1;
                    }
                }
            }
            Action::Recheck(ids, now) => {
                next.changes += 1;
                if next.pending() == 0 {
                    next.started_ms = now;
                    next.done_files = 0;
                    next.done_bytes = 0;
                }
                for id in ids {
                    let Some(&pos) = next.positions.get(id) else {
                        continue;
                    };
                    let Some(entry) = next.entries.get_mut(pos) else {
                        continue;
                    };
                    // Counted in this batch already (files still pending when it was asked):
                    // counted again when its new reports are in.
                    if entry.report.is_some() && next.done_files > 0 {
                        next.done_files -= 1;
                        next.done_bytes = next.done_bytes.saturating_sub(entry.bytes);
                    }
                    entry.bytes = 0;
                    next.restart(id, pos);
                }
            }
            Action::Cancelled(ids) => {
                next.changes += 1;
                for id in ids {
                    let Some(entry) = next
                        .positions
                        .get(id)
                        .and_then(|&pos| next.entries.get_mut(pos))
                    else {
                        continue;
                    };
                    entry.report = Some(Arc::new(FileReport::failed(
                        &entry.file_name,
                        FileStatus::Unreadable,
                        Said::Cancelled,
                    )));
                }
            }
        }
        next
    }

    /// Files dropped (archive members, which have no file of their own, not counted).
    pub fn total(&self) -> usize {
        self.entries.iter().filter(|e| e.id.is_some()).count()
    }

    /// Files done whose pixels were not looked at and may hold images (DICOM files and
    /// archives), by id: what turning the pixel check on after adding them can check again.
    pub fn pixels_unchecked(&self) -> Vec<usize> {
        let member_checked = |id: usize| {
            (self.entries.iter())
                .any(|e| e.of == Some(id) && e.report.as_ref().is_some_and(|r| r.pixels.is_some()))
        };
        (self.entries.iter())
            .filter_map(|e| Some((e.id?, e.report.as_deref()?)))
            .filter(|(_, r)| r.pixels.is_none() && r.status.was_scanned())
            .filter(|(id, r)| match r.kind {
                InputKind::Dicom => true,
                InputKind::Archive => !member_checked(*id),
                _ => false,
            })
            .map(|(id, _)| id)
            .collect()
    }

    /// Rows still waiting for a report.
    pub fn pending(&self) -> usize {
        self.entries.iter().filter(|e| e.report.is_none()).count()
    }

    /// Whether the reports landed (on a file the list holds).
    fn apply(&mut self, arrived: Arrived) -> bool {
        let Arrived {
            id,
            reports,
            last,
            bytes,
            deferred,
            thumbnails,
        } = arrived;
        let Some(&pos) = self
            .positions
            .get(id)
            .filter(|&&pos| pos < self.entries.len())
        else {
            return false;
        };
        if deferred {
            self.restart(id, pos);
            return true;
        }
        if last {
            self.done_files += 1;
            self.done_bytes += bytes;
            self.entries[pos].bytes = bytes;
        }
        let mut thumbnails = thumbnails.into_iter().peekable();
        let mut own = None;
        let mut members = Vec::new();
        for (at, scanned) in reports.into_iter().enumerate() {
            let thumbnail = thumbnails
                .next_if(|(of, _)| *of == at)
                .filter(|_| self.thumbnails_kept < MAX_THUMBNAILS_KEPT)
                .map(|(_, thumbnail)| {
                    self.thumbnails_kept += 1;
                    Rc::new(thumbnail)
                });
            match scanned {
                Scanned::File(report) => own = Some((report, thumbnail)),
                Scanned::Member(report) => members.push((report, thumbnail)),
            }
        }
        let entry = &mut self.entries[pos];
        if let Some((report, thumbnail)) = own {
            entry.report = Some(Arc::new(report));
            entry.thumbnail = thumbnail;
        }
        entry.members += members.len();
        // A file read with data appended after it keeps its own report; the appended
        // data's reports follow it as members.
        let own_scanned =
            (entry.report.as_deref()).is_some_and(|r| r.kind.is_dicom() && r.status.was_scanned());
        if last && entry.members > 0 && !own_scanned {
            let failure = entry.report.take();
            let mut archive = FileReport::failed(&entry.file_name, FileStatus::Ok, String::new());
            archive.kind = InputKind::Archive;
            archive.records = entry.members;
            archive.message = Some(FileMessage::said(match failure.as_deref() {
                Some(failed) => {
                    archive.status = failed.status;
                    Said::ArchiveBroke {
                        failure: Box::new(failed.message.clone().unwrap_or_default()),
                        members: entry.members,
                    }
                }
                None => Said::ArchiveOf {
                    members: entry.members,
                },
            }));
            entry.report = Some(Arc::new(archive));
        } else if last && entry.report.is_none() {
            entry.report = Some(Arc::new(FileReport::failed(
                &entry.file_name,
                FileStatus::Unreadable,
                Said::NothingBack,
            )));
        }
        self.entries
            .extend(members.into_iter().map(|(report, thumbnail)| Entry {
                id: None,
                file_name: Rc::from(report.file_name.as_str()),
                bytes: 0,
                report: Some(Arc::new(report)),
                members: 0,
                of: Some(id),
                thumbnail,
            }));
        true
    }

    /// File `id` (at `pos`) is scanned again: its members so far go, and it waits again.
    fn restart(&mut self, id: usize, pos: usize) {
        let entry = &mut self.entries[pos];
        entry.report = None;
        entry.members = 0;
        if entry.thumbnail.take().is_some() {
            self.thumbnails_kept -= 1;
        }
        if !self.entries.iter().any(|e| e.of == Some(id)) {
            return;
        }
        self.thumbnails_kept -= (self.entries.iter())
            .filter(|e| e.of == Some(id) && e.thumbnail.is_some())
            .count();
        self.entries.retain(|e| e.of != Some(id));
        for (pos, entry) in self.entries.iter().enumerate() {
            if let Some(id) = entry.id {
                self.positions[id] = pos;
            }
        }
    }
}

/// While files are pending, the page's report (every file's findings grouped, and what is
/// derived from it) is rebuilt when the files done have grown by this many since the last
/// build, or by [`REPORT_GROWTH`] times, whichever is more: 10,000 files cost about 20
/// builds, not one per file (which made the page slower as it filled).
pub const REPORT_EVERY: usize = 50;
pub const REPORT_GROWTH: f64 = 1.25;

/// When the page's report is rebuilt: at once when nothing is pending and the reports
/// changed, else at the next checkpoint of [`REPORT_EVERY`] and [`REPORT_GROWTH`]. Files added
/// change no report, so dropping a file does not rebuild it (that cost the main thread tens of
/// milliseconds a drop once a page held a hundred cards).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReportSchedule {
    built_changes: u64,
    built_finished: usize,
}

impl ReportSchedule {
    /// The key to build the report under for `files` now: the same key as before means the
    /// report built before still stands.
    pub fn key(&mut self, files: &Files) -> u64 {
        let pending = files.pending();
        let finished = files.entries.len() - pending;
        let checkpoint = (self.built_finished + REPORT_EVERY)
            .max((self.built_finished as f64 * REPORT_GROWTH).ceil() as usize);
        let due = pending == 0 || finished >= checkpoint;
        if files.changes != self.built_changes && due {
            *self = ReportSchedule {
                built_changes: files.changes,
                built_finished: finished,
            };
        }
        self.built_changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrived(id: usize, report: FileReport) -> Arrived {
        Arrived {
            id,
            reports: vec![Scanned::File(report)],
            last: true,
            bytes: 1,
            deferred: false,
            thumbnails: Vec::new(),
        }
    }

    #[test]
    fn the_report_is_rebuilt_when_reports_change_not_when_files_are_added() {
        let mut schedule = ReportSchedule::default();
        let files = added(&Files::default(), 0, &[("a.dcm", 10)], 0.0);
        let first = schedule.key(&files);
        let done = files.next(Action::Reports(vec![arrived(0, ok("a.dcm"))]));
        let after_done = schedule.key(&done);
        assert_ne!(
            first, after_done,
            "the first report is shown once nothing is pending"
        );
        let more = added(&done, 1, &[("b.dcm", 10)], 1.0);
        assert_eq!(
            schedule.key(&more),
            after_done,
            "a file added rebuilds nothing"
        );
        let both = more.next(Action::Reports(vec![arrived(1, ok("b.dcm"))]));
        assert_ne!(schedule.key(&both), after_done, "its report in: rebuilt");
        let again = both.next(Action::Recheck(vec![0], 2.0));
        let key = schedule.key(&again);
        let rechecked = again.next(Action::Reports(vec![arrived(0, ok("a.dcm"))]));
        assert_ne!(
            schedule.key(&rechecked),
            key,
            "a file checked again is rebuilt once done"
        );
    }

    #[test]
    fn while_files_are_pending_the_report_waits_for_its_checkpoints() {
        let mut schedule = ReportSchedule::default();
        let names: Vec<String> = (0..200).map(|i| format!("f{i}.dcm")).collect();
        let list: Vec<(&str, u64)> = names.iter().map(|n| (n.as_str(), 1)).collect();
        let mut files = added(&Files::default(), 0, &list, 0.0);
        let mut builds = 0;
        let mut key = schedule.key(&files);
        for (id, name) in names.iter().enumerate().take(199) {
            files = files.next(Action::Reports(vec![arrived(id, ok(name))]));
            let now = schedule.key(&files);
            builds += usize::from(now != key);
            key = now;
        }
        // Checkpoints at 50, 100, 150 files done (each +50, more than a quarter more).
        assert_eq!(builds, 3);
        files = files.next(Action::Reports(vec![arrived(199, ok(&names[199]))]));
        assert_ne!(schedule.key(&files), key, "done: rebuilt with every file");
    }

    fn report(name: &str, status: FileStatus, message: &str) -> FileReport {
        let mut r = FileReport::failed(name, status, message.to_string());
        if status == FileStatus::Ok {
            r.message = None;
        }
        r
    }

    fn ok(name: &str) -> FileReport {
        report(name, FileStatus::Ok, "")
    }

    /// The list after dropping `files` (name, size) at time `now`, ids from `first`.
    /// The sizes are the tests' own record: the list learns a file's size from its last report.
    fn added(files: &Files, first: usize, names: &[(&str, u64)], now: f64) -> Files {
        files.next(Action::Added(
            names
                .iter()
                .enumerate()
                .map(|(i, (name, _))| (first + i, Rc::from(*name)))
                .collect(),
            now,
        ))
    }

    fn names(files: &Files) -> Vec<&str> {
        files.entries.iter().map(|e| &*e.file_name).collect()
    }

    fn message(entry: &Entry) -> Option<&str> {
        entry.report.as_ref().and_then(|r| r.message.as_deref())
    }

    #[test]
    fn added_files_wait_for_their_reports_in_the_order_dropped() {
        let files = added(
            &Files::default(),
            0,
            &[("a.dcm", 10), ("b.dcm", 20)],
            1000.0,
        );
        assert_eq!(names(&files), ["a.dcm", "b.dcm"]);
        let ids: Vec<Option<usize>> = files.entries.iter().map(|e| e.id).collect();
        assert_eq!(ids, [Some(0), Some(1)]);
        assert_eq!((files.total(), files.pending()), (2, 2));
        assert_eq!(files.started_ms, 1000.0);
        assert_eq!((files.done_files, files.done_bytes), (0, 0));
    }

    #[test]
    fn a_report_lands_on_its_file_and_counts_its_bytes_once_done() {
        let files = added(&Files::default(), 0, &[("a.dcm", 10), ("b.dcm", 20)], 0.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 1,
            reports: vec![Scanned::File(ok("b.dcm"))],
            last: true,
            bytes: 20,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert!(files.entries[0].report.is_none());
        assert_eq!(
            files.entries[1].report.as_deref().map(|r| r.status),
            Some(FileStatus::Ok)
        );
        assert_eq!((files.done_files, files.done_bytes), (1, 20));
        assert_eq!((files.entries[0].bytes, files.entries[1].bytes), (0, 20));
        assert_eq!((files.total(), files.pending()), (2, 1));
        // A report for an id the list does not hold changes nothing.
        let same = files.next(Action::Reports(vec![Arrived {
            id: 7,
            reports: vec![Scanned::File(ok("x.dcm"))],
            last: true,
            bytes: 0,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert_eq!(same, files);
    }

    #[test]
    fn a_file_with_data_appended_keeps_its_own_report_and_lists_that_data_after_it() {
        let files = added(&Files::default(), 0, &[("us.dcm", 900)], 0.0);
        let appended = "us.dcm/data after byte 800";
        let dicom = FileReport {
            kind: InputKind::Dicom,
            ..ok("us.dcm")
        };
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::File(dicom.clone()), Scanned::Member(ok(appended))],
            last: true,
            bytes: 900,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert_eq!(names(&files), ["us.dcm", appended]);
        assert_eq!(files.entries[0].report.as_deref(), Some(&dicom));
    }

    #[test]
    fn an_archive_gets_its_members_in_batches_then_a_report_of_its_own() {
        let files = added(&Files::default(), 0, &[("cd.zip", 500), ("c.dcm", 5)], 0.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![
                Scanned::Member(ok("cd.zip/IM1")),
                Scanned::Member(ok("cd.zip/IM2")),
            ],
            last: false,
            bytes: 0,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        // Members are rows of their own, after the files; the archive is not done yet.
        assert_eq!(
            names(&files),
            ["cd.zip", "c.dcm", "cd.zip/IM1", "cd.zip/IM2"]
        );
        assert_eq!(files.entries[0].members, 2);
        assert!(files.entries[0].report.is_none());
        assert!(files.entries[2..].iter().all(|e| e.id.is_none()));
        assert_eq!((files.done_files, files.done_bytes), (0, 0));
        assert_eq!((files.total(), files.pending()), (2, 2));

        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::Member(ok("cd.zip/IM3"))],
            last: true,
            bytes: 500,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert_eq!(names(&files)[4], "cd.zip/IM3");
        assert_eq!(files.entries[0].members, 3);
        let archive = files.entries[0]
            .report
            .as_deref()
            .expect("the archive's report");
        assert_eq!(archive.kind, InputKind::Archive);
        assert_eq!(archive.status, FileStatus::Ok);
        assert_eq!(archive.records, 3);
        assert_eq!(
            archive.message.as_deref(),
            Some("An archive holding 3 files; each is listed below.")
        );
        assert_eq!((files.done_files, files.done_bytes), (1, 500));
        assert_eq!(files.pending(), 1);
    }

    #[test]
    fn an_archive_that_fails_after_some_members_keeps_them_and_says_why() {
        let files = added(&Files::default(), 0, &[("cd.zip", 500)], 0.0);
        let files = files.next(Action::Reports(vec![
            Arrived {
                id: 0,
                reports: vec![Scanned::Member(ok("cd.zip/IM1"))],
                last: false,
                bytes: 0,
                deferred: false,
                thumbnails: Vec::new(),
            },
            Arrived {
                id: 0,
                reports: vec![Scanned::File(report(
                    "cd.zip",
                    FileStatus::Truncated,
                    "The archive ends early.",
                ))],
                last: true,
                bytes: 500,
                deferred: false,
                thumbnails: Vec::new(),
            },
        ]));
        assert_eq!(names(&files), ["cd.zip", "cd.zip/IM1"]);
        let archive = files.entries[0]
            .report
            .as_deref()
            .expect("the archive's report");
        assert_eq!(archive.kind, InputKind::Archive);
        assert_eq!(archive.status, FileStatus::Truncated);
        assert_eq!(
            archive.message.as_deref(),
            Some("The archive ends early. The 1 file checked before that is listed below.")
        );
    }

    #[test]
    fn a_gzip_file_with_its_one_content_is_an_archive_not_a_zip() {
        // A gzip file comes back as its content, one member: its card was "A ZIP archive with
        // 1 file".
        let files = added(&Files::default(), 0, &[("ct.dcm.gz", 90)], 0.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::Member(ok("ct.dcm.gz/ct.dcm"))],
            last: true,
            bytes: 90,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        let archive = files.entries[0]
            .report
            .as_deref()
            .expect("the gzip file's card");
        assert_eq!(archive.kind, InputKind::Archive);
        assert_eq!(
            archive.message.as_deref(),
            Some("An archive holding 1 file, listed below.")
        );
    }

    #[test]
    fn the_scan_says_what_is_a_member_not_the_name() {
        // A member reported under the archive's own name (a ZIP holding a file named like
        // it, or a name changed on the way) is still a member; the archive gets its card.
        let files = added(&Files::default(), 0, &[("scan", 9)], 0.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::Member(ok("scan")), Scanned::Member(ok("scan/b"))],
            last: true,
            bytes: 9,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert_eq!(names(&files), ["scan", "scan", "scan/b"]);
        let archive = files.entries[0]
            .report
            .as_deref()
            .expect("the archive's card");
        assert_eq!(archive.kind, InputKind::Archive);
        assert_eq!(archive.records, 2);
        assert_eq!(
            files.entries[1].report.as_deref().map(|r| r.kind),
            Some(InputKind::Unknown),
            "the member keeps its own report"
        );
    }

    #[test]
    fn a_file_of_its_own_report_only_is_not_an_archive() {
        let files = added(&Files::default(), 0, &[("notes.txt", 3)], 0.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::File(report(
                "notes.txt",
                FileStatus::NotDicom,
                "Not a format.",
            ))],
            last: true,
            bytes: 3,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert_eq!(files.entries.len(), 1);
        assert_eq!(files.entries[0].members, 0);
        let r = files.entries[0].report.as_deref().expect("a report");
        assert_eq!(r.status, FileStatus::NotDicom);
        assert_eq!(r.records, 0);
        assert_eq!(message(&files.entries[0]), Some("Not a format."));
    }

    #[test]
    fn a_file_done_without_any_report_says_the_scanner_sent_nothing() {
        let files = added(&Files::default(), 0, &[("a.dcm", 10)], 0.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: Vec::new(),
            last: true,
            bytes: 10,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        let r = files.entries[0].report.as_deref().expect("a report");
        assert_eq!(r.status, FileStatus::Unreadable);
        assert_eq!(
            r.message.as_deref(),
            Some("The scanner sent nothing back for this file.")
        );
        assert_eq!(
            (files.done_files, files.done_bytes, files.pending()),
            (1, 10, 0)
        );
    }

    #[test]
    fn cancel_marks_the_files_not_checked_and_ends_the_batch() {
        let files = added(
            &Files::default(),
            0,
            &[("a.dcm", 1), ("b.dcm", 2), ("c.dcm", 4)],
            0.0,
        );
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::File(ok("a.dcm"))],
            last: true,
            bytes: 1,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        let files = files.next(Action::Cancelled(vec![1, 2, 9]));
        assert_eq!(files.pending(), 0);
        assert_eq!(message(&files.entries[0]), None);
        for entry in &files.entries[1..] {
            assert_eq!(
                entry.report.as_deref().map(|r| r.status),
                Some(FileStatus::Unreadable)
            );
            assert_eq!(message(entry), Some("Not checked: the scan was cancelled."));
        }
        // Cancelled files are not counted as done.
        assert_eq!((files.done_files, files.done_bytes), (1, 1));
    }

    #[test]
    fn files_added_after_everything_is_done_start_a_new_batch() {
        let files = added(&Files::default(), 0, &[("a.dcm", 10)], 100.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::File(ok("a.dcm"))],
            last: true,
            bytes: 10,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        // Added while a file is still pending: the batch goes on.
        let busy = added(&Files::default(), 0, &[("a.dcm", 10), ("b.dcm", 1)], 100.0);
        let busy = busy.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::File(ok("a.dcm"))],
            last: true,
            bytes: 10,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        let busy = added(&busy, 2, &[("c.dcm", 7)], 900.0);
        assert_eq!(
            (busy.started_ms, busy.done_files, busy.done_bytes),
            (100.0, 1, 10)
        );
        // Added once all are done: a new batch, counted from zero, its time from now.
        let files = added(&files, 1, &[("b.dcm", 20)], 900.0);
        assert_eq!(
            (files.started_ms, files.done_files, files.done_bytes),
            (900.0, 0, 0)
        );
        let files = files.next(Action::Reports(vec![Arrived {
            id: 1,
            reports: vec![Scanned::File(ok("b.dcm"))],
            last: true,
            bytes: 20,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert_eq!(names(&files), ["a.dcm", "b.dcm"]);
        assert_eq!((files.done_files, files.done_bytes), (1, 20));
        assert_eq!(files.entries[1].id, Some(1));
    }

    #[test]
    fn a_file_handed_on_forgets_what_it_sent_and_waits_for_the_export_worker() {
        let member = |name: &str| Scanned::Member(report(name, FileStatus::Ok, ""));
        let arrived = |id, reports, last, deferred| Arrived {
            id,
            reports,
            last,
            bytes: 100,
            deferred,
            thumbnails: Vec::new(),
        };
        let files = Files::default().next(Action::Added(
            vec![(0, Rc::from("cd.zip")), (1, Rc::from("b.dcm"))],
            0.0,
        ));
        let files = files.next(Action::Reports(vec![
            arrived(0, vec![member("cd.zip/IM1")], false, false),
            arrived(
                1,
                vec![Scanned::File(report("b.dcm", FileStatus::Ok, ""))],
                true,
                false,
            ),
        ]));
        assert_eq!(files.entries.len(), 3);
        let files = files.next(Action::Reports(vec![arrived(0, vec![], true, true)]));
        assert_eq!(files.entries.len(), 2, "the member sent before is gone");
        assert!(files.entries[0].report.is_none());
        assert_eq!((files.pending(), files.done_files), (1, 1));
        let files = files.next(Action::Reports(vec![arrived(
            0,
            vec![member("cd.zip/IM1"), member("cd.zip/list.csv")],
            true,
            false,
        )]));
        assert_eq!((files.pending(), files.done_files), (0, 2));
        assert_eq!(files.entries[0].members, 2);
        assert_eq!(files.entries.len(), 4);
        // The other file's place is still known after the list shrank and grew.
        let files = files.next(Action::Cancelled(vec![1]));
        assert_eq!(&*files.entries[1].file_name, "b.dcm");
        assert!(files.entries[1]
            .report
            .as_ref()
            .is_some_and(|r| r.status == FileStatus::Unreadable));
    }

    #[test]
    fn thumbnails_land_on_their_reports_up_to_the_limit() {
        let thumbnail = |frame| Thumbnail {
            frame,
            width: 1,
            height: 1,
            luma: vec![0],
            boxes: Vec::new(),
        };
        let member = |name: &str| Scanned::Member(report(name, FileStatus::Ok, ""));
        let files = added(&Files::default(), 0, &[("us.zip", 10)], 0.0);
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![member("a.dcm"), member("b.dcm"), member("c.dcm")],
            last: false,
            bytes: 10,
            deferred: false,
            thumbnails: vec![(0, thumbnail(0)), (2, thumbnail(2))],
        }]));
        let frames: Vec<_> = (files.entries.iter())
            .map(|e| e.thumbnail.as_ref().map(|t| t.frame))
            .collect();
        assert_eq!(frames, [None, Some(0), None, Some(2)]);
        assert_eq!(files.thumbnails_kept, 2);
        // Past the limit, reports come without one.
        let mut full = files.clone();
        full.thumbnails_kept = MAX_THUMBNAILS_KEPT;
        let full = full.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![member("d.dcm")],
            last: false,
            bytes: 10,
            deferred: false,
            thumbnails: vec![(0, thumbnail(0))],
        }]));
        assert!(full.entries[4].thumbnail.is_none());
        assert_eq!(full.thumbnails_kept, MAX_THUMBNAILS_KEPT);
        // Handed on, the file's members and their thumbnails go.
        let files = files.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: Vec::new(),
            last: true,
            bytes: 10,
            deferred: true,
            thumbnails: Vec::new(),
        }]));
        assert_eq!((files.entries.len(), files.thumbnails_kept), (1, 0));
    }

    #[test]
    fn files_added_before_the_pixel_check_can_be_checked_again() {
        let files = added(
            &Files::default(),
            0,
            &[("a.dcm", 10), ("b.csv", 20), ("c.zip", 30)],
            0.0,
        );
        let dicom = |name: &str| {
            let mut r = ok(name);
            r.kind = InputKind::Dicom;
            r
        };
        let mut csv = ok("b.csv");
        csv.kind = InputKind::Export(crate::decode::ExportFormat::CsvWorklist);
        let files = files.next(Action::Reports(vec![
            Arrived {
                id: 0,
                reports: vec![Scanned::File(dicom("a.dcm"))],
                last: true,
                bytes: 10,
                deferred: false,
                thumbnails: Vec::new(),
            },
            Arrived {
                id: 1,
                reports: vec![Scanned::File(csv)],
                last: true,
                bytes: 20,
                deferred: false,
                thumbnails: Vec::new(),
            },
            Arrived {
                id: 2,
                reports: vec![Scanned::Member(dicom("c/1.dcm"))],
                last: true,
                bytes: 30,
                deferred: false,
                thumbnails: Vec::new(),
            },
        ]));
        assert_eq!(
            files.pixels_unchecked(),
            [0, 2],
            "DICOM files and archives, not exports"
        );
        assert_eq!((files.done_files, files.done_bytes), (3, 60));
        let again = files.next(Action::Recheck(vec![0, 2], 5.0));
        assert_eq!(
            (again.done_files, again.done_bytes, again.started_ms),
            (0, 0, 5.0)
        );
        assert_eq!(again.pending(), 2);
        assert_eq!(
            again.entries.len(),
            3,
            "the archive's members go until it is read again"
        );
        assert!(again.pixels_unchecked().is_empty());
        // Checked: the file's report now has a pixel check, and it is not offered again.
        let mut checked = dicom("a.dcm");
        checked.pixels = Some(crate::pixels::PixelCheck::NoText { frames: vec![0] });
        let done = again.next(Action::Reports(vec![Arrived {
            id: 0,
            reports: vec![Scanned::File(checked)],
            last: true,
            bytes: 10,
            deferred: false,
            thumbnails: Vec::new(),
        }]));
        assert_eq!(
            (done.done_files, done.done_bytes),
            (1, 10),
            "a new batch: the file checked"
        );
        assert!(done.pixels_unchecked().is_empty());
    }
}
