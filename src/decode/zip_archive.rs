//! ZIP archives: the files inside, handed out one at a time and read only as far as their
//! header, with limits against zip bombs.
//!
//! [`walk`] visits an archive entry by entry. Each member reaches the visitor as a [`Member`]
//! that inflates a prefix of itself on demand, from its start, as often as the visitor asks
//! (the same longer-prefix protocol as a plain file); nothing of it outlives the visit, so at
//! most one member's prefix is in memory at a time however large the archive. A member that
//! the visitor finds to be a ZIP itself is inflated whole (it must be seekable) and walked in
//! turn, up to [`ZipLimits::max_depth`] levels.

use std::io::{Cursor, Read, Seek};

/// Bounds on what an archive may make us do. Each, when exceeded, gives its own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Entries in one archive (directories included).
    pub max_entries: usize,
    /// Bytes decompressed over the whole archive, nested archives included. A member read
    /// again from its start (a longer prefix) is charged only for the bytes past its longest
    /// earlier prefix, so a re-read never yields less than the read before it.
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

/// A member that could not be read, or a limit that stopped the walk at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipProblem {
    pub name: String,
    pub message: String,
}

/// What the walk hands the visitor, in archive order.
pub enum MemberEvent<'a> {
    /// A member to read; it borrows the archive, so it is gone before the next one comes.
    Member(Member<'a>),
    /// A member that was not handed out, or a nested archive that could not be opened.
    Problem(ZipProblem),
    /// A nested archive, by name, that holds no file (it is empty, or holds only folders).
    EmptyArchive(String),
}

/// The visitor's answer for a [`MemberEvent::Member`] (ignored for a problem).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// Done with this member.
    Next,
    /// The member is a ZIP archive: open it and walk its members in its place.
    OpenNested,
}

/// One member of an archive, read on demand.
pub struct Member<'a> {
    name: String,
    index: usize,
    declared_size: u64,
    archive: &'a mut dyn Inflate,
    limits: &'a ZipLimits,
    budget: &'a mut u64,
    /// Bytes of this member already charged to `budget` (its longest prefix so far).
    charged: &'a mut u64,
}

/// A prefix of a member, from its first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix {
    pub bytes: Vec<u8>,
    /// Whether `bytes` holds the whole member.
    pub complete: bool,
    /// Set when a limit made the prefix shorter than asked while the member goes on: the
    /// limit, as a sentence for the report.
    pub stopped_by: Option<String>,
}

impl Member<'_> {
    /// `archive.zip/DICOM/IM0001` (nested: `outer.zip/inner.zip/IM0001`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Inflate the member again from its start, up to `want` bytes, capped by
    /// [`ZipLimits::entry_read`] and by what is left of [`ZipLimits::max_total_read`].
    pub fn read_prefix(&mut self, want: u64) -> Result<Prefix, String> {
        let per_member = want.min(self.limits.entry_read);
        let cap = per_member.min(self.charged.saturating_add(*self.budget));
        let bytes = self.archive.inflate(self.index, cap)?;
        let got = bytes.len() as u64;
        self.charge(got);
        // Short of the cap means the inflater ran dry: that is the whole member.
        let complete = got < cap || got == self.declared_size;
        let stopped_by = if complete || got >= want {
            None
        } else if cap < per_member {
            Some(format!(
                "only the first {got} bytes were inflated: {}",
                budget_spent(self.limits)
            ))
        } else {
            Some(format!(
                "only the first {got} bytes were inflated (the per-member limit)"
            ))
        };
        Ok(Prefix {
            bytes,
            complete,
            stopped_by,
        })
    }

    fn charge(&mut self, got: u64) {
        if got > *self.charged {
            *self.budget = self.budget.saturating_sub(got - *self.charged);
            *self.charged = got;
        }
    }
}

/// The archive as a member sees it, without its reader type: the start of one entry.
trait Inflate {
    fn inflate(&mut self, index: usize, cap: u64) -> Result<Vec<u8>, String>;
}

impl<R: Read + Seek> Inflate for zip::ZipArchive<R> {
    fn inflate(&mut self, index: usize, cap: u64) -> Result<Vec<u8>, String> {
        let inflate_error = |e: &dyn std::fmt::Display| format!("could not be inflated: {e}");
        let entry = self.by_index(index).map_err(|e| inflate_error(&e))?;
        // The declared size can lie; it only sizes the first allocation, never past `cap`.
        let expected = usize::try_from(entry.size().min(cap)).unwrap_or(0);
        let mut bytes = Vec::with_capacity(expected);
        entry
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(|e| inflate_error(&e))?;
        Ok(bytes)
    }
}

/// Whether the bytes start like a ZIP archive (local file header or an empty archive).
pub fn sniff(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Visit every member of an archive, in archive order, one at a time. Fails only when the
/// archive itself cannot be opened; a bad member or an exceeded limit becomes a
/// [`MemberEvent::Problem`] where it occurs and the walk goes on.
pub fn walk<R: Read + Seek>(
    reader: R,
    archive_name: &str,
    limits: &ZipLimits,
    visit: &mut dyn FnMut(MemberEvent<'_>) -> Visit,
) -> Result<(), String> {
    let mut walk = Walk {
        limits,
        budget: limits.max_total_read,
        visit,
    };
    walk.archive(reader, archive_name, 0).map(|_| ())
}

/// State shared by an archive and the archives nested in it.
struct Walk<'v> {
    limits: &'v ZipLimits,
    /// Bytes still allowed to be inflated ([`ZipLimits::max_total_read`]).
    budget: u64,
    visit: &'v mut dyn FnMut(MemberEvent<'_>) -> Visit,
}

/// What the central directory says about an entry.
struct EntryInfo {
    name: String,
    is_dir: bool,
    encrypted: bool,
    size: u64,
    compressed_size: u64,
}

impl Walk<'_> {
    fn archive<R: Read + Seek>(
        &mut self,
        reader: R,
        prefix: &str,
        depth: usize,
    ) -> Result<usize, String> {
        let mut archive =
            zip::ZipArchive::new(reader).map_err(|e| format!("not a readable ZIP archive: {e}"))?;
        if archive.len() > self.limits.max_entries {
            return Err(format!(
                "the archive lists {} entries, more than the limit of {}",
                archive.len(),
                self.limits.max_entries
            ));
        }
        let mut files = 0;
        for index in 0..archive.len() {
            files += usize::from(self.entry(&mut archive, index, prefix, depth));
        }
        Ok(files)
    }

    fn entry<R: Read + Seek>(
        &mut self,
        archive: &mut zip::ZipArchive<R>,
        index: usize,
        prefix: &str,
        depth: usize,
    ) -> bool {
        // The raw entry gives the metadata without decrypting or inflating anything.
        let info = match archive.by_index_raw(index) {
            Ok(entry) => EntryInfo {
                name: entry.name().trim_start_matches('/').to_string(),
                is_dir: entry.is_dir(),
                encrypted: entry.encrypted(),
                size: entry.size(),
                compressed_size: entry.compressed_size(),
            },
            Err(e) => {
                let name = format!("{prefix}/entry {index}");
                self.problem(&name, format!("unreadable: {e}"));
                return true;
            }
        };
        if info.is_dir {
            return false;
        }
        let name = format!("{prefix}/{}", info.name);
        if let Some(message) = self.refusal(&info) {
            self.problem(&name, message);
            return true;
        }
        let mut charged = 0;
        let member = Member {
            name: name.clone(),
            index,
            declared_size: info.size,
            archive: &mut *archive,
            limits: self.limits,
            budget: &mut self.budget,
            charged: &mut charged,
        };
        if (self.visit)(MemberEvent::Member(member)) == Visit::OpenNested {
            self.nested(archive, index, &info, &name, depth, charged);
        }
        true
    }

    /// Why an entry is not handed out at all, if it is not.
    fn refusal(&self, info: &EntryInfo) -> Option<String> {
        let ratio = info.size / info.compressed_size.max(1);
        if info.encrypted {
            Some("encrypted: it cannot be read without the password".into())
        } else if ratio > self.limits.max_ratio {
            Some(format!(
                "not inflated: it would grow {ratio} times, over the limit of {} (a zip bomb?)",
                self.limits.max_ratio
            ))
        } else if self.budget == 0 {
            Some(format!("not read: {}", budget_spent(self.limits)))
        } else {
            None
        }
    }

    /// Inflate a nested archive whole and walk it; `charged` bytes of it were already paid for.
    fn nested<R: Read + Seek>(
        &mut self,
        archive: &mut zip::ZipArchive<R>,
        index: usize,
        info: &EntryInfo,
        name: &str,
        depth: usize,
        charged: u64,
    ) {
        let limits = self.limits;
        if depth + 1 >= limits.max_depth {
            let message = format!(
                "not opened: archives nested more than {} deep",
                limits.max_depth
            );
            return self.problem(name, message);
        }
        let too_large = format!(
            "not opened: a nested archive over {} bytes",
            limits.max_nested_archive
        );
        if info.size > limits.max_nested_archive {
            return self.problem(name, too_large);
        }
        let cap = limits
            .max_nested_archive
            .min(charged.saturating_add(self.budget));
        let bytes = match archive.inflate(index, cap) {
            Ok(bytes) => bytes,
            Err(message) => return self.problem(name, message),
        };
        let got = bytes.len() as u64;
        self.budget = self.budget.saturating_sub(got.saturating_sub(charged));
        if got == cap && got != info.size {
            let message = if cap < limits.max_nested_archive {
                format!("not opened: {}", budget_spent(limits))
            } else {
                too_large
            };
            return self.problem(name, message);
        }
        match self.archive(Cursor::new(bytes), name, depth + 1) {
            Ok(0) => {
                (self.visit)(MemberEvent::EmptyArchive(name.to_string()));
            }
            Ok(_) => {}
            Err(message) => self.problem(name, message),
        }
    }

    fn problem(&mut self, name: &str, message: String) {
        let problem = ZipProblem {
            name: name.to_string(),
            message,
        };
        (self.visit)(MemberEvent::Problem(problem));
    }
}

/// The end of [`ZipLimits::max_total_read`], as said in a problem or a report.
fn budget_spent(limits: &ZipLimits) -> String {
    format!(
        "the archive already inflated {} bytes, the limit",
        limits.max_total_read
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_with(method: zip::CompressionMethod, files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in files {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        zip_with(zip::CompressionMethod::Deflated, files)
    }

    /// What a walk gave, in order: a member read whole (up to the entry limit), or a problem.
    #[derive(Debug)]
    enum Seen {
        Member(String, Prefix),
        Problem(ZipProblem),
    }

    impl Seen {
        fn name(&self) -> &str {
            match self {
                Seen::Member(name, _) => name,
                Seen::Problem(problem) => &problem.name,
            }
        }
    }

    /// Walk, reading each member as far as the limits allow and opening what is a ZIP.
    fn walk_all(archive: Vec<u8>, name: &str, limits: &ZipLimits) -> Result<Vec<Seen>, String> {
        let mut seen = Vec::new();
        walk(
            Cursor::new(archive),
            name,
            limits,
            &mut |event| match event {
                MemberEvent::Member(mut member) => match member.read_prefix(u64::MAX) {
                    Ok(prefix) if sniff(&prefix.bytes) => Visit::OpenNested,
                    Ok(prefix) => {
                        seen.push(Seen::Member(member.name().to_string(), prefix));
                        Visit::Next
                    }
                    Err(message) => {
                        let name = member.name().to_string();
                        seen.push(Seen::Problem(ZipProblem { name, message }));
                        Visit::Next
                    }
                },
                MemberEvent::Problem(problem) => {
                    seen.push(Seen::Problem(problem));
                    Visit::Next
                }
                MemberEvent::EmptyArchive(name) => panic!("{name}: empty"),
            },
        )?;
        Ok(seen)
    }

    fn members(seen: &[Seen]) -> Vec<&Prefix> {
        seen.iter()
            .filter_map(|s| match s {
                Seen::Member(_, prefix) => Some(prefix),
                Seen::Problem(_) => None,
            })
            .collect()
    }

    fn problems(seen: &[Seen]) -> Vec<&ZipProblem> {
        seen.iter()
            .filter_map(|s| match s {
                Seen::Problem(problem) => Some(problem),
                Seen::Member(..) => None,
            })
            .collect()
    }

    fn no_ratio_limit() -> ZipLimits {
        ZipLimits {
            max_ratio: u64::MAX,
            ..ZipLimits::default()
        }
    }

    #[test]
    fn members_come_out_with_their_paths() {
        let archive = zip_of(&[("DICOM/IM1", b"one"), ("DICOM/IM2", b"two")]);
        assert!(sniff(&archive));
        let seen = walk_all(archive, "cd.zip", &ZipLimits::default()).unwrap();
        let names: Vec<&str> = seen.iter().map(Seen::name).collect();
        assert_eq!(names, ["cd.zip/DICOM/IM1", "cd.zip/DICOM/IM2"]);
        assert!(members(&seen).iter().all(|p| p.complete));
        assert_eq!(members(&seen)[1].bytes, b"two");
    }

    #[test]
    fn nested_archives_open_up_to_the_depth_limit() {
        let inner = zip_of(&[("IM1", b"one")]);
        let outer = zip_of(&[("inner.zip", &inner)]);
        let seen = walk_all(outer.clone(), "o.zip", &ZipLimits::default()).unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].name(), "o.zip/inner.zip/IM1");
        let shallow = ZipLimits {
            max_depth: 1,
            ..ZipLimits::default()
        };
        let seen = walk_all(outer, "o.zip", &shallow).unwrap();
        assert!(members(&seen).is_empty());
        assert!(problems(&seen)[0]
            .message
            .contains("nested more than 1 deep"));
    }

    #[test]
    fn a_nested_archive_is_known_by_its_content_not_its_name() {
        let inner = zip_of(&[("IM1", b"one")]);
        let outer = zip_of(&[("EXPORT.BIN", &inner), ("notes.zip", b"not a zip")]);
        let seen = walk_all(outer, "o.zip", &ZipLimits::default()).unwrap();
        let names: Vec<&str> = seen.iter().map(Seen::name).collect();
        assert_eq!(names, ["o.zip/EXPORT.BIN/IM1", "o.zip/notes.zip"]);
        assert_eq!(members(&seen)[1].bytes, b"not a zip");
    }

    #[test]
    fn a_nested_archive_over_its_limit_is_not_opened() {
        let inner = zip_with(zip::CompressionMethod::Stored, &[("IM1", &[5u8; 5_000])]);
        let outer = zip_of(&[("inner.zip", &inner), ("IM2", b"two")]);
        let limits = ZipLimits {
            max_nested_archive: 4_000,
            ..no_ratio_limit()
        };
        let seen = walk_all(outer, "o.zip", &limits).unwrap();
        let names: Vec<&str> = seen.iter().map(Seen::name).collect();
        assert_eq!(names, ["o.zip/inner.zip", "o.zip/IM2"]);
        assert!(
            problems(&seen)[0]
                .message
                .contains("a nested archive over 4000 bytes"),
            "{seen:?}"
        );
    }

    #[test]
    fn a_zip_bomb_entry_is_not_inflated() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let archive = zip_of(&[("bomb.bin", &zeros), ("IM1", b"fine")]);
        let seen = walk_all(archive, "b.zip", &ZipLimits::default()).unwrap();
        assert_eq!(members(&seen).len(), 1, "the good member still comes out");
        assert!(problems(&seen)[0].message.contains("zip bomb"));
    }

    #[test]
    fn problems_come_where_they_occur_in_the_archive() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let archive = zip_of(&[("IM1", b"one"), ("bomb.bin", &zeros), ("IM2", b"two")]);
        let seen = walk_all(archive, "b.zip", &ZipLimits::default()).unwrap();
        let names: Vec<&str> = seen.iter().map(Seen::name).collect();
        assert_eq!(names, ["b.zip/IM1", "b.zip/bomb.bin", "b.zip/IM2"]);
        assert!(matches!(seen[1], Seen::Problem(_)));
    }

    #[test]
    fn an_encrypted_member_is_reported_not_read() {
        let mut archive = zip_with(zip::CompressionMethod::Stored, &[("IM1", b"secret")]);
        // Set the "encrypted" flag (bit 0 of the general purpose flags) in the local and the
        // central header: what a ZipCrypto archive says of its members.
        for (signature, flags_at) in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)] {
            let at = archive.windows(4).position(|w| w == signature).unwrap();
            archive[at + flags_at] |= 1;
        }
        let seen = walk_all(archive, "e.zip", &ZipLimits::default()).unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].name(), "e.zip/IM1");
        assert!(
            problems(&seen)[0].message.starts_with("encrypted"),
            "{seen:?}"
        );
    }

    #[test]
    fn each_member_is_read_only_up_to_the_entry_limit() {
        let big = vec![7u8; 100_000];
        let archive = zip_of(&[("big.dcm", &big)]);
        let limits = ZipLimits {
            entry_read: 1_000,
            ..no_ratio_limit()
        };
        let seen = walk_all(archive, "z.zip", &limits).unwrap();
        let prefix = members(&seen)[0];
        assert_eq!(prefix.bytes.len(), 1_000);
        assert!(!prefix.complete);
        assert_eq!(
            prefix.stopped_by.as_deref(),
            Some("only the first 1000 bytes were inflated (the per-member limit)")
        );
    }

    #[test]
    fn a_member_is_read_again_from_its_start_with_a_longer_prefix() {
        let bytes: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
        let archive = zip_of(&[("IM1", &bytes)]);
        let mut reads = Vec::new();
        walk(
            Cursor::new(archive),
            "z.zip",
            &ZipLimits::default(),
            &mut |event| {
                if let MemberEvent::Member(mut member) = event {
                    for want in [100, 10_000, 1_000_000] {
                        reads.push(member.read_prefix(want).unwrap());
                    }
                }
                Visit::Next
            },
        )
        .unwrap();
        assert_eq!(reads[0].bytes, bytes[..100]);
        assert!(!reads[0].complete && reads[0].stopped_by.is_none());
        assert_eq!(reads[1].bytes, bytes[..10_000]);
        assert!(!reads[1].complete);
        assert_eq!(reads[2].bytes, bytes);
        assert!(reads[2].complete && reads[2].stopped_by.is_none());
    }

    #[test]
    fn the_total_budget_stops_inflating() {
        let archive = zip_of(&[("a", &[1u8; 600][..]), ("b", &[2u8; 600][..])]);
        let limits = ZipLimits {
            max_total_read: 600,
            ..no_ratio_limit()
        };
        let seen = walk_all(archive, "z.zip", &limits).unwrap();
        assert_eq!(members(&seen).len(), 1);
        assert!(problems(&seen)[0].message.contains("the limit"));
    }

    #[test]
    fn a_reread_is_charged_only_past_the_earlier_prefix() {
        let archive = zip_of(&[("a", &[1u8; 600][..]), ("b", &[2u8; 600][..])]);
        let limits = ZipLimits {
            max_total_read: 1_200,
            ..no_ratio_limit()
        };
        let mut lengths = Vec::new();
        walk(Cursor::new(archive), "z.zip", &limits, &mut |event| {
            match event {
                MemberEvent::Member(mut member) => {
                    for want in [100, 300, 600] {
                        lengths.push(member.read_prefix(want).map_or(0, |p| p.bytes.len()));
                    }
                }
                MemberEvent::Problem(problem) => panic!("{problem:?}"),
                MemberEvent::EmptyArchive(name) => panic!("{name}: empty"),
            }
            Visit::Next
        })
        .unwrap();
        assert_eq!(lengths, [100, 300, 600].repeat(2));
    }

    #[test]
    fn a_prefix_cut_by_the_budget_says_so() {
        let archive = zip_of(&[("a", &[1u8; 2_000][..])]);
        let limits = ZipLimits {
            max_total_read: 1_500,
            ..no_ratio_limit()
        };
        let seen = walk_all(archive, "z.zip", &limits).unwrap();
        let prefix = members(&seen)[0];
        assert_eq!(prefix.bytes.len(), 1_500);
        assert!(!prefix.complete);
        let message = prefix.stopped_by.as_deref().unwrap_or_default();
        assert!(message.contains("already inflated 1500 bytes"), "{message}");
    }

    #[test]
    fn too_many_entries_is_an_error_for_the_archive() {
        let archive = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let limits = ZipLimits {
            max_entries: 2,
            ..ZipLimits::default()
        };
        let err = walk_all(archive, "z.zip", &limits).unwrap_err();
        assert!(err.contains("more than the limit of 2"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = walk_all(
            b"PK\x03\x04garbage".to_vec(),
            "g.zip",
            &ZipLimits::default(),
        );
        assert!(err.is_err());
    }
}
