//! A ZIP in gives a ZIP out: each DICOM member of an archive is copied clean into a new
//! archive, under new names that keep the archive's folder shape, one member in memory at a
//! time. Member names from the input are never used for output paths (they may name the
//! patient, or climb out of the folder: `../../x`).

use std::io::{Read, Seek, Write};

use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use super::dicomdir::{DirEntry, DICOMDIR_NAME};
use super::names::OutputNames;
use super::{CleanCopy, LeftOut, Run};
use crate::decode::zip_archive::{walk, MemberEvent, Visit, ZipLimits};

/// How the members of an archive are read for a copy: whole, up to `max_member_bytes` each.
pub fn copy_limits(max_member_bytes: u64) -> ZipLimits {
    ZipLimits {
        entry_read: max_member_bytes,
        // Every member is inflated whole once; the ratio limit still stops zip bombs.
        max_total_read: u64::MAX,
        // Archives inside the archive are not copied (each is left out with its reason).
        max_depth: 1,
        ..ZipLimits::default()
    }
}

/// What became of one member: its position in the archive (1-based, files only) and the copy
/// or the reason there is none. The input name is for the caller's terminal only.
pub struct MemberResult<'a> {
    pub position: u64,
    pub input_name: &'a str,
    pub result: Result<&'a CleanCopy, &'a LeftOut>,
}

/// Copy every member of the archive read from `reader` into a new archive written to
/// `writer`; `on_member` hears of each member as it is done. Fails only when the input is
/// not a readable archive or the output cannot be written; then the caller drops the output.
pub fn copy_archive<R: Read + Seek, W: Write + Seek>(
    run: &Run,
    reader: R,
    writer: W,
    limits: &ZipLimits,
    on_member: &mut dyn FnMut(MemberResult<'_>),
) -> Result<W, LeftOut> {
    let mut zip = ZipWriter::new(writer);
    let mut names = OutputNames::default();
    let mut indexed: Vec<(Vec<String>, DirEntry)> = Vec::new();
    let mut position = 0;
    let mut write_error: Option<String> = None;
    let walked = walk(reader, "", limits, &mut |event| {
        position += 1;
        let (input_name, result) = match event {
            // Not reached: nested archives are left out, never opened, here.
            MemberEvent::EmptyArchive(name) => (name, Err(LeftOut::Archive)),
            MemberEvent::Problem(problem) => (
                problem.name,
                Err(LeftOut::CannotRead {
                    detail: problem.message,
                }),
            ),
            MemberEvent::Member(mut member) => {
                let name = member.name().to_string();
                let result = match member.read_prefix(limits.entry_read) {
                    Ok(prefix) if prefix.complete => run.copy(&prefix.bytes),
                    Ok(_) => Err(LeftOut::TooLarge {
                        limit_bytes: limits.entry_read,
                    }),
                    Err(detail) => Err(LeftOut::CannotRead { detail }),
                };
                (name, result)
            }
        };
        let result = match result {
            Ok(copy) if write_error.is_none() => {
                let mut parts: Vec<String> = input_name
                    .trim_start_matches('/')
                    .split('/')
                    .map(str::to_string)
                    .collect();
                let file = parts.pop().unwrap_or_default();
                let path = names.file(&parts, &file);
                match write_member(&mut zip, &path.join("/"), &copy.bytes) {
                    Ok(()) => {
                        indexed.push((path, copy.directory.clone()));
                        Ok(copy)
                    }
                    Err(detail) => {
                        write_error = Some(detail.clone());
                        Err(LeftOut::CannotWrite { detail })
                    }
                }
            }
            Ok(_) => Err(LeftOut::CannotWrite {
                detail: write_error.clone().unwrap_or_default(),
            }),
            Err(reason) => Err(reason),
        };
        on_member(MemberResult {
            position,
            input_name: &input_name,
            result: result.as_ref(),
        });
        Visit::Next
    });
    walked.map_err(|detail| LeftOut::CannotRead { detail })?;
    if let Some(detail) = write_error {
        return Err(LeftOut::CannotWrite { detail });
    }
    // A zipped CD gets its index back: a DICOMDIR of the copied members, at the archive's top,
    // checked like the copies; without it (nothing to index, or it failed its check) the
    // members still open one by one.
    if !indexed.is_empty() {
        if let Ok(dicomdir) = run.dicomdir(&indexed) {
            write_member(&mut zip, DICOMDIR_NAME, &dicomdir)
                .map_err(|detail| LeftOut::CannotWrite { detail })?;
        }
    }
    zip.finish().map_err(|e| LeftOut::CannotWrite {
        detail: e.to_string(),
    })
}

fn write_member<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    path: &str,
    bytes: &[u8],
) -> Result<(), String> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
    zip.start_file(path, options).map_err(|e| e.to_string())?;
    zip.write_all(bytes).map_err(|e| e.to_string())
}
