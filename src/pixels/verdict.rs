//! What a pixel check adds to a file's report.

use crate::decode::Warning;
use crate::detect::Finding;
use crate::report::FileReport;
use crate::rules::file_risks::FileRisk;
use crate::rules::Severity;

use super::{NotChecked, PixelCheck};

impl FileReport {
    /// Record a pixel check: text found is a finding of its own (`F-BURNED-IN-PIXELS`);
    /// frames checked without text lower the header's "likely" guess to information; a file
    /// not checked says why in a warning (a file without an image says nothing), and keeps its header findings as they were.
    pub fn add_pixel_check(&mut self, check: PixelCheck) {
        match &check {
            // Nothing to look at (a structured report, a plan): nothing to say.
            PixelCheck::NotChecked {
                reason: NotChecked::NoImage,
            } => return,
            PixelCheck::Text { frames, boxes } => {
                let with_text = {
                    let mut f: Vec<u32> = boxes.iter().map(|b| b.frame).collect();
                    f.dedup();
                    f
                };
                let excerpt = format!(
                    "{} text line(s) in frame(s) {} of the {} checked",
                    boxes.len(),
                    list(&with_text),
                    frames.len()
                );
                self.findings
                    .push(Finding::of_file(FileRisk::BurnedInPixels, excerpt));
            }
            PixelCheck::NoText { frames } => {
                for finding in &mut self.findings {
                    if finding.rule == FileRisk::BurnedInLikely.into() {
                        finding.severity = Severity::Info;
                        finding.excerpt.push_str(&format!(
                            "; pixels checked ({} frame(s)): no text found",
                            frames.len()
                        ));
                    } else if finding.rule == FileRisk::BurnedIn.into() {
                        finding.excerpt.push_str(&format!(
                            "; pixels checked ({} frame(s)): no text found, look anyway",
                            frames.len()
                        ));
                    }
                }
            }
            PixelCheck::NotChecked { reason } => {
                Warning::note(format!("pixels not checked: {reason}"))
                    .merge_into(&mut self.warnings);
            }
        }
        self.pixels = Some(check);
    }
}

/// Frame numbers counted from 1, as a viewer shows them.
fn list(frames: &[u32]) -> String {
    frames
        .iter()
        .map(|f| (f + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
