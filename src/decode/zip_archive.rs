//! ZIP archives: the files inside, each read only as far as its header, with limits against
//! zip bombs.
//!
//! An archive is expanded entry by entry; for each entry at most [`ZipLimits::entry_read`]
//! bytes are decompressed (a DICOM header sits at the start), so memory stays bounded however
//! large the members are. Nested ZIPs are opened up to [`ZipLimits::max_depth`] levels.

use std::io::{Cursor, Read, Seek};

/// Bounds on what an archive may make us do. Each, when exceeded, gives its own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Entries in one archive (directories included).
    pub max_entries: usize,
    /// Bytes decompressed over the whole archive, nested archives included.
    pub max_total_read: u64,
    /// Bytes decompressed from one entry (its header; the rest is never inflated).
    pub entry_read: u64,
    /// An entry whose declared size exceeds its compressed size by more than this factor is a
    /// zip bomb and is not inflated.
    pub max_ratio: u64,
    /// ZIPs inside ZIPs.
    pub max_depth: usize,
    /// A nested archive is inflated whole (it must be seekable); larger ones are skipped.
    pub max_nested_archive: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        ZipLimits {
            max_entries: 100_000,
            max_total_read: 2 * 1024 * 1024 * 1024,
            entry_read: 64 * 1024 * 1024,
            max_ratio: 1_000,
            max_depth: 3,
            max_nested_archive: 256 * 1024 * 1024,
        }
    }
}

/// One member, ready to scan: its path inside the archive and the start of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipMember {
    /// `archive.zip/DICOM/IM0001` (nested: `outer.zip/inner.zip/IM0001`).
    pub name: String,
    pub bytes: Vec<u8>,
    /// Whether `bytes` holds the whole member.
    pub complete: bool,
}

/// A member that could not be read, or a limit that stopped the expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipProblem {
    pub name: String,
    pub message: String,
}

/// What an archive held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub members: Vec<ZipMember>,
    pub problems: Vec<ZipProblem>,
}

/// Whether the bytes start like a ZIP archive (local file header or an empty archive).
pub fn sniff(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Expand an archive. Fails only when the archive itself cannot be opened; a bad member or an
/// exceeded limit becomes a [`ZipProblem`] and the rest goes on.
pub fn expand<R: Read + Seek>(
    reader: R,
    archive_name: &str,
    limits: &ZipLimits,
) -> Result<Expanded, String> {
    let mut out = Expanded::default();
    let mut budget = limits.max_total_read;
    expand_into(reader, archive_name, limits, 0, &mut budget, &mut out)?;
    Ok(out)
}

fn expand_into<R: Read + Seek>(
    reader: R,
    prefix: &str,
    limits: &ZipLimits,
    depth: usize,
    budget: &mut u64,
    out: &mut Expanded,
) -> Result<(), String> {
    let mut archive =
        zip::ZipArchive::new(reader).map_err(|e| format!("not a readable ZIP archive: {e}"))?;
    if archive.len() > limits.max_entries {
        return Err(format!(
            "the archive lists {} entries, more than the limit of {}",
            archive.len(),
            limits.max_entries
        ));
    }
    for index in 0..archive.len() {
        let problem = |name: &str, message: String| ZipProblem {
            name: format!("{prefix}/{name}"),
            message,
        };
        let mut entry = match archive.by_index(index) {
            Ok(entry) => entry,
            Err(e) => {
                out.problems.push(problem(
                    &format!("entry {index}"),
                    format!("unreadable: {e}"),
                ));
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().trim_start_matches('/').to_string();
        if entry.encrypted() {
            out.problems.push(problem(
                &name,
                "encrypted: it cannot be read without the password".into(),
            ));
            continue;
        }
        let ratio = entry.size() / entry.compressed_size().max(1);
        if ratio > limits.max_ratio {
            out.problems.push(problem(
                &name,
                format!(
                    "not inflated: it would grow {ratio} times, over the limit of {} (a zip bomb?)",
                    limits.max_ratio
                ),
            ));
            continue;
        }
        if *budget == 0 {
            out.problems.push(problem(
                &name,
                format!(
                    "not read: the archive already inflated {} bytes, the limit",
                    limits.max_total_read
                ),
            ));
            continue;
        }
        let nested = name.to_ascii_lowercase().ends_with(".zip");
        let want = if nested {
            limits.max_nested_archive
        } else {
            limits.entry_read
        }
        .min(*budget);
        let mut bytes = Vec::new();
        if let Err(e) = entry.by_ref().take(want).read_to_end(&mut bytes) {
            out.problems
                .push(problem(&name, format!("could not be inflated: {e}")));
            continue;
        }
        *budget -= bytes.len() as u64;
        let complete = (bytes.len() as u64) < want || entry.size() == bytes.len() as u64;
        let full_name = format!("{prefix}/{name}");
        if nested && sniff(&bytes) {
            if depth + 1 >= limits.max_depth {
                out.problems.push(problem(
                    &name,
                    format!(
                        "not opened: archives nested more than {} deep",
                        limits.max_depth
                    ),
                ));
            } else if !complete {
                out.problems.push(problem(
                    &name,
                    format!(
                        "not opened: a nested archive over {} bytes",
                        limits.max_nested_archive
                    ),
                ));
            } else if let Err(message) = expand_into(
                Cursor::new(bytes),
                &full_name,
                limits,
                depth + 1,
                budget,
                out,
            ) {
                out.problems.push(problem(&name, message));
            }
            continue;
        }
        out.members.push(ZipMember {
            name: full_name,
            bytes,
            complete,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn members_come_out_with_their_paths() {
        let archive = zip_of(&[("DICOM/IM1", b"one"), ("DICOM/IM2", b"two")]);
        assert!(sniff(&archive));
        let got = expand(Cursor::new(archive), "cd.zip", &ZipLimits::default()).unwrap();
        let names: Vec<&str> = got.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["cd.zip/DICOM/IM1", "cd.zip/DICOM/IM2"]);
        assert!(got.members.iter().all(|m| m.complete));
    }

    #[test]
    fn nested_archives_open_up_to_the_depth_limit() {
        let inner = zip_of(&[("IM1", b"one")]);
        let outer = zip_of(&[("inner.zip", &inner)]);
        let got = expand(Cursor::new(outer.clone()), "o.zip", &ZipLimits::default()).unwrap();
        assert_eq!(got.members[0].name, "o.zip/inner.zip/IM1");
        let shallow = ZipLimits {
            max_depth: 1,
            ..ZipLimits::default()
        };
        let got = expand(Cursor::new(outer), "o.zip", &shallow).unwrap();
        assert!(got.members.is_empty());
        assert!(got.problems[0].message.contains("nested more than 1 deep"));
    }

    #[test]
    fn a_zip_bomb_entry_is_not_inflated() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let archive = zip_of(&[("bomb.bin", &zeros), ("IM1", b"fine")]);
        let got = expand(Cursor::new(archive), "b.zip", &ZipLimits::default()).unwrap();
        assert_eq!(got.members.len(), 1, "the good member still comes out");
        assert!(got.problems[0].message.contains("zip bomb"));
    }

    #[test]
    fn each_member_is_read_only_up_to_the_entry_limit() {
        let big = vec![7u8; 100_000];
        let archive = zip_of(&[("big.dcm", &big)]);
        let limits = ZipLimits {
            entry_read: 1_000,
            max_ratio: u64::MAX,
            ..ZipLimits::default()
        };
        let got = expand(Cursor::new(archive), "z.zip", &limits).unwrap();
        assert_eq!(got.members[0].bytes.len(), 1_000);
        assert!(!got.members[0].complete);
    }

    #[test]
    fn the_total_budget_stops_inflating() {
        let archive = zip_of(&[("a", &[1u8; 600][..]), ("b", &[2u8; 600][..])]);
        let limits = ZipLimits {
            max_total_read: 600,
            max_ratio: u64::MAX,
            ..ZipLimits::default()
        };
        let got = expand(Cursor::new(archive), "z.zip", &limits).unwrap();
        assert_eq!(got.members.len(), 1);
        assert!(got.problems[0].message.contains("the limit"));
    }

    #[test]
    fn too_many_entries_is_an_error_for_the_archive() {
        let archive = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let limits = ZipLimits {
            max_entries: 2,
            ..ZipLimits::default()
        };
        let err = expand(Cursor::new(archive), "z.zip", &limits).unwrap_err();
        assert!(err.contains("more than the limit of 2"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = expand(
            Cursor::new(b"PK\x03\x04garbage".to_vec()),
            "g.zip",
            &ZipLimits::default(),
        );
        assert!(err.is_err());
    }
}
