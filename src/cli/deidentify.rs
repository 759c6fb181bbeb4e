//! `deidentify`: walk the inputs, make a clean copy of each file on every core, write each copy
//! whole (or not at all) under new names, then the manifest.

use std::io::{BufReader, BufWriter, ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use dicom_exposure_check::decode::zip_archive;
use dicom_exposure_check::deidentify::archive::{copy_archive, copy_limits};
use dicom_exposure_check::deidentify::dicomdir::{indexable, DICOMDIR_NAME};
use dicom_exposure_check::deidentify::manifest::Manifest;
use dicom_exposure_check::deidentify::names::OutputNames;
use dicom_exposure_check::deidentify::DirEntry;
use dicom_exposure_check::deidentify::{ActionCounts, CleanCopy, LeftOut, Run, Verification};

use crate::native::DeidentifyArgs;

/// Largest file read whole for a copy (the copy is made in memory, then written).
pub const MAX_COPY_FILE_BYTES: u64 = 2 << 30;

/// Names of the manifest files in the output folder.
pub const MANIFEST_JSON: &str = "MANIFEST.json";
pub const MANIFEST_TEXT: &str = "MANIFEST.txt";

/// What is kept of a written copy for the manifest.
struct Copied {
    person: u32,
    directory: DirEntry,
    counts: ActionCounts,
    verification: Verification,
}

/// One input file: where it is, and its place relative to its input root.
struct Input {
    path: PathBuf,
    folders: Vec<String>,
    file_name: String,
}

pub fn run(args: &DeidentifyArgs) -> ExitCode {
    match std::fs::read_dir(&args.out).map(|mut entries| entries.next().is_some()) {
        Ok(true) => {
            eprintln!(
                "{} is not empty: choose a new or empty folder for the clean copy",
                args.out.display()
            );
            return ExitCode::from(2);
        }
        Ok(false) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => {
            eprintln!(
                "cannot use {} as the output folder: {e}",
                args.out.display()
            );
            return ExitCode::from(2);
        }
    }
    let (inputs, walk_errors) = collect_inputs(&args.paths, args.follow);
    for (path, message) in &walk_errors {
        eprintln!("cannot read {path}: {message}");
    }
    let mut secret = [0u8; 32];
    if let Err(e) = getrandom::getrandom(&mut secret) {
        eprintln!("no random source for the run's secret: {e}");
        return ExitCode::from(2);
    }
    let options = args.options();
    let run = match Run::new(options.clone(), secret) {
        Ok(run) => run,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut names = OutputNames::default();
    let parts: Vec<Vec<String>> = inputs
        .iter()
        .map(|input| names.file(&input.folders, &input.file_name))
        .collect();
    let targets: Vec<PathBuf> = parts
        .iter()
        .map(|parts| {
            parts
                .iter()
                .fold(args.out.clone(), |path, part| path.join(part))
        })
        .collect();
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("cannot start the copying threads: {e}");
            return ExitCode::from(2);
        }
    };
    let bar = crate::scan::progress_bar(inputs.len() as u64);
    // Only counts and reasons come back: each copy is written by its thread and dropped.
    let outcomes: Vec<Outcome> = pool.install(|| {
        inputs
            .par_iter()
            .zip(&targets)
            .map(|(input, target)| {
                let outcome = if is_zip(&input.path) {
                    copy_zip(&run, &input.path, target)
                } else {
                    Outcome::File(Box::new(copy_file(&run, &input.path, target)))
                };
                bar.inc(1);
                outcome
            })
            .collect()
    });
    bar.finish_and_clear();

    let mut manifest = Manifest::new(&options);
    let mut write_failed = false;
    let mut indexed: Vec<(Vec<String>, DirEntry)> = Vec::new();
    for (i, (input, outcome)) in inputs.iter().zip(outcomes).enumerate() {
        let position = i as u64 + 1;
        // Input names go to the terminal only, never into the output.
        let (results, failed) = match outcome {
            Outcome::File(result) => {
                if let Ok(copied) = result.as_ref() {
                    indexed.push((parts[i].clone(), copied.directory.clone()));
                }
                (vec![(None, String::new(), *result)], None)
            }
            Outcome::Archive { members, failed } => (members, failed),
        };
        for (member, member_name, result) in results {
            match (result, member) {
                (Ok(copied), _) => {
                    manifest.add_copy(copied.person, &copied.counts, &copied.verification)
                }
                (Err(reason), member) => {
                    eprintln!("left out: {}{member_name}: {reason}", input.path.display());
                    write_failed |= matches!(reason, LeftOut::CannotWrite { .. });
                    match member {
                        Some(member) => manifest.add_left_out_member(position, member, reason),
                        None => manifest.add_left_out(position, reason),
                    }
                }
            }
        }
        if let Some(reason) = failed {
            eprintln!("left out: {}: {reason}", input.path.display());
            write_failed |= matches!(reason, LeftOut::CannotWrite { .. });
            manifest.add_left_out(position, reason);
        }
    }
    if !indexed.is_empty() {
        let dicomdir = run.dicomdir(&indexed).and_then(|bytes| {
            write_whole(&args.out.join(DICOMDIR_NAME), &bytes).map_err(|e| LeftOut::CannotWrite {
                detail: e.to_string(),
            })
        });
        match dicomdir {
            Ok(()) => {
                manifest.dicomdir = Some(indexable(&indexed));
            }
            Err(reason) => {
                eprintln!("no DICOMDIR: {reason}");
                manifest.dicomdir_left_out = Some(reason);
            }
        }
    }
    let written = std::fs::create_dir_all(&args.out)
        .and_then(|()| std::fs::write(args.out.join(MANIFEST_JSON), manifest.to_json()))
        .and_then(|()| std::fs::write(args.out.join(MANIFEST_TEXT), manifest.to_text()));
    if let Err(e) = written {
        eprintln!("cannot write the manifest into {}: {e}", args.out.display());
        return ExitCode::from(2);
    }
    print!("{}", manifest.to_text());
    println!("\nThe copy and its manifest are in {}", args.out.display());
    ExitCode::from(if write_failed || !walk_errors.is_empty() {
        2
    } else if manifest.left_out.is_empty() {
        0
    } else {
        1
    })
}

/// What became of one input: a file, or an archive and its members (position among the
/// archive's files, member name for the terminal, result), with why the archive as a whole
/// failed, if it did.
enum Outcome {
    File(Box<Result<Copied, LeftOut>>),
    Archive {
        members: Vec<(Option<u64>, String, Result<Copied, LeftOut>)>,
        failed: Option<LeftOut>,
    },
}

fn copied(copy: &CleanCopy) -> Copied {
    Copied {
        person: copy.person,
        directory: copy.directory.clone(),
        counts: copy.counts.clone(),
        verification: copy.verification.clone(),
    }
}

fn copy_file(run: &Run, path: &Path, target: &Path) -> Result<Copied, LeftOut> {
    let copy = copy_one(run, path)?;
    write_whole(target, &copy.bytes).map_err(|e| LeftOut::CannotWrite {
        detail: e.to_string(),
    })?;
    Ok(copied(&copy))
}

fn is_zip(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| zip_archive::sniff(&head))
}

/// A ZIP in gives a ZIP out: its members copied clean into a new archive at `target`, written
/// into a partial file and renamed when whole; no archive when no member could be copied.
fn copy_zip(run: &Run, path: &Path, target: &Path) -> Outcome {
    let mut members = Vec::new();
    let partial = partial_path(target);
    let result = std::fs::File::open(path)
        .map_err(|e| LeftOut::CannotRead {
            detail: e.to_string(),
        })
        .and_then(|input| {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| LeftOut::CannotWrite {
                    detail: e.to_string(),
                })?;
            }
            let output = std::fs::File::create(&partial).map_err(|e| LeftOut::CannotWrite {
                detail: e.to_string(),
            })?;
            copy_archive(
                run,
                BufReader::new(input),
                BufWriter::new(output),
                &copy_limits(MAX_COPY_FILE_BYTES),
                &mut |member| {
                    let name = format!("/{}", member.input_name.trim_start_matches('/'));
                    let result = member.result.map(copied).map_err(Clone::clone);
                    members.push((Some(member.position), name, result));
                },
            )
        })
        .and_then(|writer| {
            writer
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(|file| file.sync_all())
                .map_err(|e| LeftOut::CannotWrite {
                    detail: e.to_string(),
                })
        });
    let any_copied = members.iter().any(|(_, _, r)| r.is_ok());
    let failed = match result {
        Ok(()) if any_copied => {
            std::fs::rename(&partial, target)
                .err()
                .map(|e| LeftOut::CannotWrite {
                    detail: e.to_string(),
                })
        }
        Ok(()) => None,
        Err(reason) => Some(reason),
    };
    if failed.is_some() || !any_copied {
        let _ = std::fs::remove_file(&partial);
        // Members counted as copied are not in any written archive.
        for member in &mut members {
            if member.2.is_ok() {
                member.2 = Err(failed.clone().unwrap_or(LeftOut::CannotWrite {
                    detail: "the archive was not written".into(),
                }));
            }
        }
    }
    Outcome::Archive { members, failed }
}

fn partial_path(target: &Path) -> PathBuf {
    let mut partial = target.as_os_str().to_owned();
    partial.push(".partial");
    PathBuf::from(partial)
}

fn copy_one(run: &Run, path: &Path) -> Result<CleanCopy, LeftOut> {
    let size = std::fs::metadata(path)
        .map_err(|e| LeftOut::CannotRead {
            detail: e.to_string(),
        })?
        .len();
    if size > MAX_COPY_FILE_BYTES {
        return Err(LeftOut::TooLarge {
            limit_bytes: MAX_COPY_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| LeftOut::CannotRead {
        detail: e.to_string(),
    })?;
    run.copy(&bytes)
}

/// Write `bytes` to `target` whole or not at all: into a hidden partial file, then renamed.
fn write_whole(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let partial = partial_path(target);
    let result = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, target));
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Every regular file under the given paths, in name order, with its folders relative to its
/// root. With more than one root, each folder root gets a folder of its own in the copy.
/// Symbolic links are followed only with `--follow`.
fn collect_inputs(paths: &[PathBuf], follow: bool) -> (Vec<Input>, Vec<(String, String)>) {
    let walked = crate::walk::walk(paths, follow);
    walked.tell();
    let folder_roots = paths.iter().filter(|p| p.is_dir()).count();
    let inputs = walked
        .files
        .into_iter()
        .map(|found| {
            let root = &paths[found.root];
            let mut folders: Vec<String> = crate::walk::relative(&found.path, root)
                .parent()
                .map(|p| p.iter().map(|c| c.to_string_lossy().into_owned()).collect())
                .unwrap_or_default();
            if folder_roots > 1 && root.is_dir() {
                folders.insert(0, format!("root {}", found.root));
            }
            Input {
                file_name: found
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: found.path,
                folders,
            }
        })
        .collect();
    let errors = walked
        .errors
        .into_iter()
        .map(|(at, message)| (at.display().to_string(), message))
        .collect();
    (inputs, errors)
}
