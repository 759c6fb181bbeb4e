//! Names in the copy. File and folder names are often the patient's name ("SMITH_JOHN/CT
//! 2024-05-01"), so none is kept: folders become `DIR00001`, files `IM000001` (numbered within
//! their folder, in the order they are met), while the folder shape stays. The names fit the
//! 8-character, upper-case components a DICOMDIR asks for.

use std::collections::HashMap;

/// Extensions kept on copied files. A DICOM file gets none: the DICOMDIR of the copy names
/// files by IDs of 8-character components without a dot (PS3.10 8.2), as on a CD. A ZIP
/// keeps `.zip` so that it still opens as one.
const KEPT_EXTENSIONS: &[&str] = &["zip"];

/// The output names of one run.
#[derive(Debug, Default)]
pub struct OutputNames {
    /// Input folder path (components) → output folder path (components).
    folders: HashMap<Vec<String>, Vec<String>>,
    /// Output folder path → (folders, files) named in it so far.
    counts: HashMap<Vec<String>, (u32, u32)>,
}

impl OutputNames {
    /// The output path (components, relative to the output folder) of an input file at
    /// `folders` (its folder's components, relative to the input root) with file name `file`.
    pub fn file(&mut self, folders: &[String], file: &str) -> Vec<String> {
        let mut out = self.folder(folders);
        let count = self.counts.entry(out.clone()).or_default();
        count.1 += 1;
        let ext = file
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .filter(|ext| KEPT_EXTENSIONS.contains(&ext.as_str()));
        out.push(match ext {
            Some(ext) => format!("IM{:06}.{ext}", count.1),
            None => format!("IM{:06}", count.1),
        });
        out
    }

    fn folder(&mut self, folders: &[String]) -> Vec<String> {
        if folders.is_empty() {
            return Vec::new();
        }
        if let Some(out) = self.folders.get(folders) {
            return out.clone();
        }
        let mut out = self.folder(&folders[..folders.len() - 1]);
        let count = self.counts.entry(out.clone()).or_default();
        count.0 += 1;
        out.push(format!("DIR{:05}", count.0));
        self.folders.insert(folders.to_vec(), out.clone());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_go_and_the_folder_shape_stays() {
        let mut names = OutputNames::default();
        let smith = strings(&["SMITH_JOHN", "CT 2024-05-01"]);
        let doe = strings(&["DOE_JANE"]);
        assert_eq!(
            names.file(&smith, "John Smith 1.dcm"),
            strings(&["DIR00001", "DIR00001", "IM000001"])
        );
        assert_eq!(
            names.file(&smith, "scan2.DCM"),
            strings(&["DIR00001", "DIR00001", "IM000002"])
        );
        assert_eq!(
            names.file(&doe, "IM0001"),
            strings(&["DIR00002", "IM000001"])
        );
        assert_eq!(names.file(&[], "Jane Doe.pdf.txt"), strings(&["IM000001"]));
        assert_eq!(
            names.file(&smith[..1], "Smith CD.ZIP"),
            strings(&["DIR00001", "IM000001.zip"])
        );
    }
}
