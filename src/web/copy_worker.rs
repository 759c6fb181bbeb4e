//! The copy worker: makes the clean copy of the files the page hands it, off the main thread,
//! and writes each copy as soon as it is made, so a large set never sits whole in memory.
//!
//! It is a module of its own (`src/bin/copy_worker.rs`), fetched the first time a user asks
//! for a copy: the page's first load does not carry the writer.
//!
//! The page posts `[request, files, folder]`: the bincode [`CopyRequest`], the `File` handles,
//! and a `FileSystemDirectoryHandle` (a new folder the user picked) or `null` for a ZIP built
//! in memory. Each file is read whole (up to [`MAX_COPY_FILE_BYTES`]), copied by the core
//! ([`Run::copy`]), and written whole: a writable stream of the File System Access API lands
//! in its file only when closed. The worker answers with bincode [`CopyEvent`]s; the ZIP, when
//! there is one, travels beside the last event as a transferred buffer.

use std::io::{BufReader, Cursor, Write};

use js_sys::{Array, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use super::blob_reader::BlobReader;
use super::js_call::{call, js_message, object};
use super::worker::READY;
use crate::decode::zip_archive;
use crate::deidentify::archive::{copy_archive, copy_limits};
use crate::deidentify::dicomdir::{indexable, DICOMDIR_NAME};
use crate::deidentify::manifest::Manifest;
use crate::deidentify::names::OutputNames;
use crate::deidentify::{ActionCounts, LeftOut, Options, Run, Verification};

/// Largest file read whole for a copy in the browser: the file, its copy and the copy read
/// back are in the worker's memory at once, and a wasm32 memory ends at 4 GiB.
pub const MAX_COPY_FILE_BYTES: u64 = 512 << 20;

/// Largest set copied into a ZIP (built in memory where a folder cannot be written).
pub const MAX_ZIP_INPUT_BYTES: u64 = 512 << 20;

/// Names of the manifest files written beside the copies (as the CLI does).
pub const MANIFEST_JSON: &str = "MANIFEST.json";
pub const MANIFEST_TEXT: &str = "MANIFEST.txt";

/// A progress event goes out at most this often.
const PROGRESS_EVERY_MS: f64 = 200.0;

/// What the page asks for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CopyRequest {
    pub options: Options,
}

/// What the worker tells the page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CopyEvent {
    Progress {
        done: usize,
        total: usize,
        copied: usize,
    },
    /// The copy is complete: the manifest in words (no identifier in it), and whether a ZIP
    /// comes with this event.
    Finished {
        copied: usize,
        left_out: usize,
        /// Each file left out, by its name in the page, and why: shown in the page only,
        /// never written (names are often patients' names).
        left_out_files: Vec<(String, String)>,
        people: u64,
        manifest_text: String,
        zip: bool,
    },
    /// The copy could not be made at all (options refused, no random source, the folder could
    /// not be written).
    Failed { message: String },
}

/// Decode a worker message: `None` for anything that is not an event.
pub fn decode_event(bytes: &[u8]) -> Option<CopyEvent> {
    bincode::deserialize(bytes).ok()
}

/// The worker's entry point (`src/bin/copy_worker.rs`).
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = Array::from(&event.data());
        let request = data
            .get(0)
            .dyn_into::<Uint8Array>()
            .ok()
            .and_then(|bytes| bincode::deserialize::<CopyRequest>(&bytes.to_vec()).ok());
        let files: Vec<File> = Array::from(&data.get(1))
            .iter()
            .filter_map(|f| f.dyn_into::<File>().ok())
            .collect();
        let folder = Some(data.get(2)).filter(|f| f.is_object());
        let scope = answer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(request) = request else {
                post(
                    &scope,
                    &CopyEvent::Failed {
                        message: "The copier got a request it cannot read.".into(),
                    },
                    None,
                );
                return;
            };
            if let Err(message) = copy_all(&scope, request, files, folder).await {
                post(&scope, &CopyEvent::Failed { message }, None);
            }
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// Where the copies go.
enum Sink {
    Folder(JsValue),
    Zip(Box<ZipWriter<Cursor<Vec<u8>>>>),
}

impl Sink {
    /// Write `bytes` at `path` (components below the copy's folder), whole or not at all.
    async fn write(&mut self, path: &[String], bytes: &[u8]) -> Result<(), String> {
        match self {
            Sink::Folder(root) => write_file(root, path, bytes).await.map_err(js_message),
            Sink::Zip(zip) => {
                let options = SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored)
                    .large_file(bytes.len() as u64 >= u32::MAX as u64);
                zip.start_file(path.join("/"), options)
                    .map_err(|e| e.to_string())?;
                zip.write_all(bytes).map_err(|e| e.to_string())
            }
        }
    }
}

async fn copy_all(
    scope: &DedicatedWorkerGlobalScope,
    request: CopyRequest,
    files: Vec<File>,
    folder: Option<JsValue>,
) -> Result<(), String> {
    let secret = random_secret(scope)?;
    let options = request.options;
    let run = Run::new(options.clone(), secret).map_err(|e| e.to_string())?;
    let mut sink = match folder {
        Some(folder) => Sink::Folder(folder),
        None => Sink::Zip(Box::new(ZipWriter::new(Cursor::new(Vec::new())))),
    };
    let mut names = OutputNames::default();
    let mut manifest = Manifest::new(&options);
    let reader = FileReaderSync::new().map_err(js_message)?;
    let total = files.len();
    let mut last_progress = 0.0;
    let mut copied = 0;
    let mut left_out_files: Vec<(String, String)> = Vec::new();
    // Written copies and their keys, for the DICOMDIR.
    let mut indexed = Vec::new();
    for (i, file) in files.iter().enumerate() {
        // Names from a dropped folder carry its path (`study/series/file`): the shape is kept.
        let name = file.name();
        let mut parts: Vec<String> = name.split('/').map(str::to_string).collect();
        let file_name = parts.pop().unwrap_or_default();
        let target = names.file(&parts, &file_name);
        if is_zip(&reader, file) {
            // A ZIP in gives a ZIP out: built in memory (the archive is at most
            // MAX_COPY_FILE_BYTES), then written as one file.
            let (copy, members) = copy_zip(&run, file);
            let failed = match copy {
                Ok(Some(bytes)) => sink
                    .write(&target, &bytes)
                    .await
                    .err()
                    .map(|detail| LeftOut::CannotWrite { detail }),
                Ok(None) => None,
                Err(reason) => Some(reason),
            };
            for (member, result) in members {
                match (result.as_ref(), &failed) {
                    (Ok((person, counts, verification)), None) => {
                        copied += 1;
                        manifest.add_copy(*person, counts, verification);
                    }
                    (Ok(_), Some(reason)) | (Err(reason), _) => {
                        left_out_files
                            .push((format!("{name} (file {member} inside)"), reason.to_string()));
                        manifest.add_left_out_member(i as u64 + 1, member, reason.clone())
                    }
                }
            }
            if let Some(reason) = failed {
                left_out_files.push((name.clone(), reason.to_string()));
                manifest.add_left_out(i as u64 + 1, reason);
            }
            progress(scope, &mut last_progress, i + 1, total, copied);
            continue;
        }
        let result = match read_whole(&reader, file) {
            Ok(bytes) => run.copy(&bytes),
            Err(reason) => Err(reason),
        };
        let result = match result {
            Ok(copy) => match sink.write(&target, &copy.bytes).await {
                Ok(()) => Ok(copy),
                Err(detail) => Err(LeftOut::CannotWrite { detail }),
            },
            Err(reason) => Err(reason),
        };
        match result {
            Ok(copy) => {
                copied += 1;
                manifest.add_copy(copy.person, &copy.counts, &copy.verification);
                indexed.push((target, copy.directory));
            }
            Err(reason) => {
                left_out_files.push((name.clone(), reason.to_string()));
                manifest.add_left_out(i as u64 + 1, reason)
            }
        }
        progress(scope, &mut last_progress, i + 1, total, copied);
    }
    if !indexed.is_empty() {
        let dicomdir = match run.dicomdir(&indexed) {
            Ok(bytes) => sink
                .write(&[DICOMDIR_NAME.to_string()], &bytes)
                .await
                .map_err(|detail| LeftOut::CannotWrite { detail }),
            Err(reason) => Err(reason),
        };
        match dicomdir {
            Ok(()) => {
                manifest.dicomdir = Some(indexable(&indexed));
            }
            Err(reason) => manifest.dicomdir_left_out = Some(reason),
        }
    }
    let text = manifest.to_text();
    sink.write(&[MANIFEST_JSON.to_string()], manifest.to_json().as_bytes())
        .await?;
    sink.write(&[MANIFEST_TEXT.to_string()], text.as_bytes())
        .await?;
    let zip = match sink {
        Sink::Folder(_) => None,
        Sink::Zip(zip) => Some(zip.finish().map_err(|e| e.to_string())?.into_inner()),
    };
    post(
        scope,
        &CopyEvent::Finished {
            copied,
            left_out: manifest.left_out.len(),
            left_out_files,
            people: manifest.people,
            manifest_text: text,
            zip: zip.is_some(),
        },
        zip.as_deref(),
    );
    Ok(())
}

fn progress(
    scope: &DedicatedWorkerGlobalScope,
    last: &mut f64,
    done: usize,
    total: usize,
    copied: usize,
) {
    let now = js_sys::Date::now();
    if now - *last >= PROGRESS_EVERY_MS || done == total {
        *last = now;
        post(
            scope,
            &CopyEvent::Progress {
                done,
                total,
                copied,
            },
            None,
        );
    }
}

fn is_zip(reader: &FileReaderSync, file: &File) -> bool {
    file.slice_with_f64_and_f64(0.0, 4.0)
        .and_then(|head| reader.read_as_array_buffer(&head))
        .is_ok_and(|buffer| zip_archive::sniff(&Uint8Array::new(&buffer).to_vec()))
}

/// What a member copy leaves for the manifest: person, counts, check.
type MemberCopy = (u32, ActionCounts, Verification);

/// The clean ZIP of a ZIP (`None` when no member could be copied), and each member's
/// position in the archive and result.
type ZipCopy = (
    Result<Option<Vec<u8>>, LeftOut>,
    Vec<(u64, Result<MemberCopy, LeftOut>)>,
);

fn copy_zip(run: &Run, file: &File) -> ZipCopy {
    let mut members = Vec::new();
    if file.size() > MAX_COPY_FILE_BYTES as f64 {
        let limit_bytes = MAX_COPY_FILE_BYTES;
        return (Err(LeftOut::TooLarge { limit_bytes }), members);
    }
    let reader = match BlobReader::new(file.clone().into()) {
        Ok(reader) => reader,
        Err(e) => {
            let detail = e.to_string();
            return (Err(LeftOut::CannotRead { detail }), members);
        }
    };
    let result = copy_archive(
        run,
        BufReader::with_capacity(64 * 1024, reader),
        Cursor::new(Vec::new()),
        &copy_limits(MAX_COPY_FILE_BYTES),
        &mut |member| {
            let result = member
                .result
                .map(|c| (c.person, c.counts.clone(), c.verification.clone()))
                .map_err(Clone::clone);
            members.push((member.position, result));
        },
    );
    let any = members.iter().any(|(_, r)| r.is_ok());
    (result.map(|zip| any.then(|| zip.into_inner())), members)
}

fn read_whole(reader: &FileReaderSync, file: &File) -> Result<Vec<u8>, LeftOut> {
    if file.size() > MAX_COPY_FILE_BYTES as f64 {
        return Err(LeftOut::TooLarge {
            limit_bytes: MAX_COPY_FILE_BYTES,
        });
    }
    reader
        .read_as_array_buffer(file)
        .map(|buffer| Uint8Array::new(&buffer).to_vec())
        .map_err(|e| LeftOut::CannotRead {
            detail: js_message(e),
        })
}

/// 32 bytes from the browser's cryptographic random source.
fn random_secret(scope: &DedicatedWorkerGlobalScope) -> Result<[u8; 32], String> {
    let mut secret = [0u8; 32];
    let crypto = scope
        .crypto()
        .map_err(|_| "This browser gives no random source for the copy's secret.".to_string())?;
    crypto
        .get_random_values_with_u8_array(&mut secret)
        .map_err(js_message)?;
    Ok(secret)
}

/// Write one file below `root` through a writable stream: its bytes replace the file only when
/// the stream closes, so a copy cut short (a cancel, a crash) leaves no half file.
async fn write_file(root: &JsValue, path: &[String], bytes: &[u8]) -> Result<(), JsValue> {
    let create = object(&[("create", JsValue::TRUE)]);
    let Some((file_name, folders)) = path.split_last() else {
        return Err(JsValue::from_str("no file name"));
    };
    let mut folder = root.clone();
    for name in folders {
        folder = call(&folder, "getDirectoryHandle", &[&name.into(), &create]).await?;
    }
    let handle = call(&folder, "getFileHandle", &[&file_name.into(), &create]).await?;
    let stream = call(&handle, "createWritable", &[]).await?;
    let data: JsValue = Uint8Array::from(bytes).into();
    if let Err(e) = call(&stream, "write", &[&data]).await {
        let _ = call(&stream, "abort", &[]).await;
        return Err(e);
    }
    call(&stream, "close", &[]).await.map(|_| ())
}

fn post(scope: &DedicatedWorkerGlobalScope, event: &CopyEvent, zip: Option<&[u8]>) {
    let Ok(bytes) = bincode::serialize(event) else {
        return;
    };
    let event = Uint8Array::from(bytes.as_slice());
    match zip {
        Some(zip) => {
            let zip = Uint8Array::from(zip);
            // Transferred, not copied: the ZIP may be large.
            let _ = scope
                .post_message_with_transfer(&Array::of2(&event, &zip), &Array::of1(&zip.buffer()));
        }
        None => {
            let _ = scope.post_message(&Array::of1(&event));
        }
    }
}
