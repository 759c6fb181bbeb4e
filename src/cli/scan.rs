//! `scan`: walk the inputs, scan them on every core, stream each file's report to the output
//! as it completes, and keep only what the summary needs ([`ReportBuilder`]).

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Mutex};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use dicom_exposure_check::detect::DetectOptions;
use dicom_exposure_check::pixels::{check_dicom, text_lines::Tuning, PixelCheck};
use dicom_exposure_check::report::{FileReport, FileStatus, GroupOrder, ReportBuilder};
use dicom_exposure_check::rules::Severity;
use dicom_exposure_check::scan::{
    scan_reader_each_after, scan_reader_each_with, ExportReader, LookAtPixels, PixelsToo,
    ReadExports, Scanned,
};

use crate::native::ScanArgs;
use crate::output::{Format, Output};
use crate::read_ahead::{held, ReadAhead, Rest, BATCH_BYTES, BATCH_FILES};

/// One thing to scan: a file, or a path that could not be walked (reported as unreadable).
enum Input {
    File(PathBuf),
    Error(String, String),
}

/// An input on its way to a scanning thread, with its first bytes when they could be read
/// ahead ([`ReadAhead`]).
struct Ahead<'a> {
    input: &'a Input,
    head: Option<ReadAhead>,
}

/// From a scanning thread to the writer: reports in the order they were made, and how many
/// inputs they finish (the progress bar counts inputs).
#[derive(Default)]
struct Batch {
    reports: Vec<FileReport>,
    inputs_done: u64,
}

/// Reports per message. Why batches: one message per file made each file cost a wake-up of the
/// writer thread, about a tenth of the scanning thread's time with `-j 1` (futex calls).
const BATCH_REPORTS: usize = 32;

/// A scanning thread's outgoing batch: sent when full, and the rest when the thread's share
/// of the inputs is done (on drop), so no report is held back.
struct Outbox {
    sender: mpsc::SyncSender<Batch>,
    batch: Batch,
}

impl Outbox {
    fn report(&mut self, report: FileReport) -> Result<(), mpsc::SendError<Batch>> {
        self.batch.reports.push(report);
        self.send_if_full()
    }

    fn input_done(&mut self) -> Result<(), mpsc::SendError<Batch>> {
        self.batch.inputs_done += 1;
        self.send_if_full()
    }

    fn send_if_full(&mut self) -> Result<(), mpsc::SendError<Batch>> {
        if self.batch.reports.len() < BATCH_REPORTS && self.batch.inputs_done < BATCH_REPORTS as u64
        {
            return Ok(());
        }
        self.sender.send(std::mem::take(&mut self.batch))
    }
}

impl Clone for Outbox {
    fn clone(&self) -> Outbox {
        Outbox {
            sender: self.sender.clone(),
            batch: Batch::default(),
        }
    }
}

impl Drop for Outbox {
    fn drop(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        if !batch.reports.is_empty() || batch.inputs_done > 0 {
            // A failed send means the writer stopped (a closed pipe): nothing is waiting.
            let _ = self.sender.send(batch);
        }
    }
}

pub fn run(args: &ScanArgs) -> ExitCode {
    let format = if args.json {
        Format::Json
    } else if args.csv {
        Format::Csv
    } else {
        Format::Text
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("cannot start the scanning threads: {e}");
            return ExitCode::from(2);
        }
    };
    let inputs = collect_inputs(&args.paths, args.follow);
    let bar = progress_bar(inputs.len() as u64);
    let options = DetectOptions {
        reveal_values: args.reveal,
    };
    let mut output = Output::new(format, args.reveal);
    let mut builder = ReportBuilder::new(GroupOrder::FirstFileName);
    let mut write_error = None;
    // One thread reads the inputs ahead, in their order, into a short queue; the scanning
    // threads take them from it (with one thread, in that order). Scanners send their reports
    // in small batches as they are made (an archive's members one by one); this thread writes
    // them out in that order. The bounded channels keep memory flat when the output is slower
    // than the scan, or the scan than the reading.
    let (ahead_sender, ahead) = mpsc::sync_channel::<Vec<Ahead>>(pool.current_num_threads());
    // In an `Option` so that a scanner that must stop can drop it, which stops the reader.
    let ahead = Mutex::new(Some(ahead));
    let (sender, receiver) = mpsc::sync_channel::<Batch>(4);
    std::thread::scope(|scope| {
        let inputs = &inputs;
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH_FILES);
            let mut bytes = 0;
            for input in inputs {
                let head = match input {
                    Input::File(path) => ReadAhead::scan_head(path),
                    Input::Error(..) => None,
                };
                bytes += held(&head);
                batch.push(Ahead { input, head });
                if batch.len() < BATCH_FILES && bytes < BATCH_BYTES {
                    continue;
                }
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_FILES));
                bytes = 0;
                if ahead_sender.send(full).is_err() {
                    return; // the scan stopped
                }
            }
            if !batch.is_empty() {
                let _ = ahead_sender.send(batch);
            }
        });
        scope.spawn(|| {
            let outbox = Outbox {
                sender,
                batch: Batch::default(),
            };
            pool.broadcast(|_| {
                let mut outbox = outbox.clone();
                loop {
                    let next = match ahead.lock() {
                        Ok(queue) => queue.as_ref().and_then(|queue| queue.recv().ok()),
                        Err(_) => None, // another scanner panicked
                    };
                    let Some(batch) = next else {
                        break;
                    };
                    for Ahead { input, head } in batch {
                        let mut sent = Ok(());
                        scan_input(input, head, &options, args.pixels, &mut |report| {
                            if sent.is_ok() {
                                sent = outbox.report(report);
                            }
                        });
                        // A send fails once the writer has stopped (a closed pipe): stop
                        // scanning, and reading ahead, too.
                        if sent.and_then(|()| outbox.input_done()).is_err() {
                            if let Ok(mut queue) = ahead.lock() {
                                queue.take();
                            }
                            return;
                        }
                    }
                }
            });
        });
        'batches: for batch in receiver {
            for report in batch.reports {
                let index = builder.add(&report);
                if let Err(e) = bar.suspend(|| output.file(index, &report)) {
                    write_error = Some(e);
                    break 'batches; // drops the receiver, which ends the scan
                }
            }
            bar.inc(batch.inputs_done);
        }
    });
    bar.finish_and_clear();
    let report = builder.finish("", args.reveal);
    if write_error.is_none() {
        write_error = output.finish(&report).err();
    }
    if let Some(e) = write_error {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("cannot write the report: {e}");
        }
        return ExitCode::from(2);
    }
    let summary = &report.summary;
    ExitCode::from(if summary.files_failed > 0 {
        2
    } else if summary.worst_severity > Some(Severity::Info) {
        1
    } else {
        0
    })
}

/// Every regular file under the given paths ([`crate::walk`]), and what could not be read.
fn collect_inputs(paths: &[PathBuf], follow: bool) -> Vec<Input> {
    let walked = crate::walk::walk(paths, follow);
    walked.tell();
    let mut inputs: Vec<Input> = walked
        .files
        .into_iter()
        .map(|found| Input::File(found.path))
        .collect();
    inputs.extend(
        walked
            .errors
            .into_iter()
            .map(|(at, message)| Input::Error(display(&at), message)),
    );
    inputs
}

/// `--pixels`: dicom-rs's decoders and the text detector with its default tuning.
struct DecodePixels(Tuning);

impl LookAtPixels for DecodePixels {
    fn look(&self, bytes: &[u8]) -> Option<PixelCheck> {
        Some(check_dicom(bytes, &self.0))
    }
}

fn scan_input(
    input: &Input,
    head: Option<ReadAhead>,
    options: &DetectOptions,
    pixels: bool,
    emit: &mut dyn FnMut(FileReport),
) {
    let decode = DecodePixels(Tuning::default());
    let with_pixels = PixelsToo {
        exports: &ReadExports,
        pixels: &decode,
    };
    let readers: &dyn ExportReader = if pixels { &with_pixels } else { &ReadExports };
    // Text, JSON and CSV list an archive's members as files of their own.
    let mut emit_each = |scanned: Scanned| emit(scanned.into_report());
    let (name, message) = match (input, head) {
        (Input::File(path), Some(ahead)) => {
            let rest = Rest::after(path, &ahead);
            return scan_reader_each_after(
                &display(path),
                ahead.head,
                rest,
                options,
                readers,
                &mut emit_each,
            );
        }
        (Input::File(path), None) => match std::fs::File::open(path) {
            Ok(file) => {
                return scan_reader_each_with(
                    &display(path),
                    file,
                    options,
                    readers,
                    &mut emit_each,
                )
            }
            Err(e) => (display(path), e.to_string()),
        },
        (Input::Error(name, message), _) => (name.clone(), message.clone()),
    };
    let message = format!("cannot read: {message}");
    emit(FileReport::failed(&name, FileStatus::Unreadable, message));
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Files done, rate and time left, on stderr when it is a terminal; nothing otherwise.
pub fn progress_bar(files: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files);
    let template = "{wide_bar} {human_pos}/{human_len}  {rate}  {eta} left";
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(
            style.with_key("rate", |state: &ProgressState, out: &mut dyn fmt::Write| {
                let _ = write!(out, "{:.0} files/s", state.per_sec());
            }),
        );
    }
    bar
}
