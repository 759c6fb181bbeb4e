//! The files under the paths a user gives, as `find` and ripgrep walk them: folders
//! recursively in name order; symbolic links met inside a folder are not followed unless the
//! user asks (`--follow`), and then a link that leads out of the paths given is said so. A
//! path given by name is read even when it is a link (the user named it).

use std::path::{Path, PathBuf};

/// One regular file, with the index of the path it was found under.
pub struct Found {
    pub root: usize,
    pub path: PathBuf,
}

/// What a walk found.
#[derive(Default)]
pub struct Walked {
    pub files: Vec<Found>,
    /// Places that could not be read, and why.
    pub errors: Vec<(PathBuf, String)>,
    /// Links inside folders that were not followed.
    pub links_skipped: usize,
    /// With `follow`: links followed to a target outside every path given (link, target).
    pub links_out: Vec<(PathBuf, PathBuf)>,
}

pub fn walk(paths: &[PathBuf], follow: bool) -> Walked {
    let mut walked = Walked::default();
    let roots: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
        .collect();
    for (root, path) in paths.iter().enumerate() {
        let entries = walkdir::WalkDir::new(path)
            .follow_links(follow)
            .follow_root_links(true)
            .sort_by_file_name();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                // A link back to one of its own parent folders: walked once already.
                Err(e) if e.loop_ancestor().is_some() => continue,
                Err(e) => {
                    let at = e.path().unwrap_or(path).to_path_buf();
                    let message = e.io_error().map_or(e.to_string(), |io| io.to_string());
                    walked.errors.push((at, message));
                    continue;
                }
            };
            if entry.path_is_symlink() && entry.depth() > 0 {
                if !follow {
                    walked.links_skipped += 1;
                    continue;
                }
                if let Ok(target) = entry.path().canonicalize() {
                    if !roots.iter().any(|r| target.starts_with(r)) {
                        walked.links_out.push((entry.path().to_path_buf(), target));
                    }
                }
            }
            // A path given by name that is a link to a file: read (the user named it).
            let named_link_to_file = entry.depth() == 0
                && entry.path_is_symlink()
                && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file());
            if entry.file_type().is_file() || named_link_to_file {
                walked.files.push(Found {
                    root,
                    path: entry.into_path(),
                });
            }
        }
    }
    walked
}

impl Walked {
    /// What the walk did not read, or read from outside the paths given, for the terminal.
    pub fn tell(&self) {
        if self.links_skipped > 0 {
            let (links, were) = if self.links_skipped == 1 {
                ("link", "was")
            } else {
                ("links", "were")
            };
            eprintln!(
                "{} symbolic {links} inside the folders {were} not followed (--follow follows \
                 them)",
                self.links_skipped
            );
        }
        for (link, target) in &self.links_out {
            eprintln!(
                "followed {} out of the paths given, to {}",
                link.display(),
                target.display()
            );
        }
    }
}

/// `path` relative to the path it was found under (the path itself for a file given by name).
pub fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}
