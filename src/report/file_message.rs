//! What the page says about a file beyond its findings: why it was not read, what it is.
//!
//! A [`FileMessage`] reads as English text: the JSON report, the CLI and the tests see a
//! string (it derefs to `str`). The messages a user meets most (a PDF or a picture beside the
//! scans, an empty archive, a file too large, a cancelled or crashed scan) are typed facts
//! ([`Said`]) whose English is made when first read, so that the page can say them in its
//! language and the scan worker, which only sends them, never links the catalogue. A reader's own detail (what broke in a damaged export, and where) stays English:
//! it is written for whoever repairs the file.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{Arg, Catalog, Lang};
use crate::sniff::NOT_READ;

/// A message about one file: a reader's English words, or what it says as facts. Either
/// reads as English text (it derefs to `str`).
#[derive(Debug, Clone, Default)]
pub struct FileMessage {
    content: Content,
    /// The English words of [`Content::Said`], made when first read: the scan worker only
    /// sends facts, and so never links the catalogue.
    english: OnceLock<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Content {
    Text(String),
    Said(Said),
}

impl Default for Content {
    fn default() -> Content {
        Content::Text(String::new())
    }
}

impl PartialEq for FileMessage {
    fn eq(&self, other: &FileMessage) -> bool {
        self.content == other.content
    }
}

impl Eq for FileMessage {}

/// What a message says, as facts a catalogue words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Said {
    /// A kind of file people drop beside their scans (a row of [`NOT_READ`], by its id).
    NotRead {
        kind: String,
    },
    /// No reader took the file; `tried` names the formats, `reason` is why DICOM was not it.
    NotRecognised {
        tried: String,
        reason: String,
    },
    /// A file that says it is DICOM Part 10, but is not.
    NotDicom {
        reason: String,
    },
    /// An archive or export past what is read whole.
    TooLarge {
        what: String,
        mib: usize,
    },
    EmptyArchive,
    /// Text appended after a DICOM data set, scanned as free text.
    AppendedText,
    /// An archive's own line: it held `members` files, each listed after it.
    ArchiveOf {
        members: usize,
    },
    /// An archive that broke after `members` files were read.
    ArchiveBroke {
        failure: Box<FileMessage>,
        members: usize,
    },
    /// The user cancelled the scan before this file.
    Cancelled,
    /// The scan worker crashed on this file.
    Crashed,
    /// The scan worker stopped answering on this file for `seconds`.
    Silent {
        seconds: u32,
    },
    /// The worker answered nothing for this file.
    NothingBack,
    /// The browser could not read the file (`error` is the browser's words).
    BrowserCouldNotRead {
        error: String,
    },
    /// The browser could not hand the file to a scan worker.
    NotHandedOver,
    /// No scan worker could start in this browser.
    NoScanner,
}

impl FileMessage {
    /// A message the page can say in its language.
    pub fn said(said: Said) -> FileMessage {
        FileMessage {
            content: Content::Said(said),
            english: OnceLock::new(),
        }
    }

    /// A reader's own words, English only.
    pub fn text(english: impl Into<String>) -> FileMessage {
        FileMessage {
            content: Content::Text(english.into()),
            english: OnceLock::new(),
        }
    }

    /// The message in English.
    pub fn as_str(&self) -> &str {
        match &self.content {
            Content::Text(text) => text,
            Content::Said(said) => self.english.get_or_init(|| said.words(Catalog::english())),
        }
    }

    /// The message in the catalogue's language (English where only English exists).
    pub fn in_lang(&self, tr: &Catalog) -> Cow<'_, str> {
        match &self.content {
            Content::Said(said) if tr.lang() != Lang::En => Cow::Owned(said.words(tr)),
            _ => Cow::Borrowed(self.as_str()),
        }
    }
}

impl Said {
    fn words(&self, tr: &Catalog) -> String {
        let count = |name, n: usize| (name, Arg::from(n));
        match self {
            Said::NotRead { kind } => {
                let what = NOT_READ
                    .iter()
                    .find(|row| row.id == kind)
                    .map(|row| row.what_in(tr))
                    .unwrap_or_default();
                tr.text_with("file-not-read", &[("what", what.into())])
            }
            Said::NotRecognised { tried, reason } => tr.text_with(
                "file-not-recognised",
                &[("tried", tried.into()), ("reason", reason.into())],
            ),
            Said::NotDicom { reason } => {
                tr.text_with("file-not-dicom", &[("reason", reason.into())])
            }
            Said::TooLarge { what, mib } => tr.text_with(
                "file-too-large",
                &[("what", what.into()), count("mib", *mib)],
            ),
            Said::EmptyArchive => tr.text("file-empty-archive"),
            Said::AppendedText => tr.text("file-appended-text"),
            Said::ArchiveOf { members } => {
                tr.text_with("file-archive-of", &[count("members", *members)])
            }
            Said::ArchiveBroke { failure, members } => tr.text_with(
                "file-archive-broke",
                &[
                    ("failure", failure.in_lang(tr).into_owned().into()),
                    count("members", *members),
                ],
            ),
            Said::Cancelled => tr.text("file-cancelled"),
            Said::Crashed => tr.text("file-crashed"),
            Said::Silent { seconds } => {
                tr.text_with("file-silent", &[count("seconds", *seconds as usize)])
            }
            Said::NothingBack => tr.text("file-nothing-back"),
            Said::BrowserCouldNotRead { error } => {
                tr.text_with("file-browser-could-not-read", &[("error", error.into())])
            }
            Said::NotHandedOver => tr.text("file-not-handed-over"),
            Said::NoScanner => tr.text("file-no-scanner"),
        }
    }
}

impl Deref for FileMessage {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for FileMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for FileMessage {
    fn from(english: String) -> FileMessage {
        FileMessage::text(english)
    }
}

impl From<&str> for FileMessage {
    fn from(english: &str) -> FileMessage {
        FileMessage::text(english)
    }
}

impl From<Said> for FileMessage {
    fn from(said: Said) -> FileMessage {
        FileMessage::said(said)
    }
}

/// JSON (and any human-readable form) writes the English text, as the schema always had it;
/// the worker's bincode carries the facts, so that the page can word them.
impl Serialize for FileMessage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(self.as_str())
        } else {
            self.content.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for FileMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FileMessage, D::Error> {
        if deserializer.is_human_readable() {
            String::deserialize(deserializer).map(FileMessage::text)
        } else {
            Content::deserialize(deserializer).map(|content| FileMessage {
                content,
                english: OnceLock::new(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn spanish() -> Catalog {
        let source = std::fs::read_to_string("locales/es/report.ftl").unwrap();
        let core = std::fs::read_to_string("locales/es/core.ftl").unwrap();
        Catalog::parse(Lang::Es, &[("report", source), ("core", core)]).unwrap()
    }

    #[test]
    fn json_keeps_the_english_string_and_bincode_keeps_the_facts() {
        let message = FileMessage::said(Said::EmptyArchive);
        let json = serde_json::to_string(&message).unwrap();
        assert_eq!(
            json,
            "\"This archive holds no files (it is empty, or holds only folders): nothing to \
             check.\""
        );
        let back: FileMessage = serde_json::from_str(&json).unwrap();
        assert_eq!(back.as_str(), message.as_str());
        let bytes = bincode::serialize(&message).unwrap();
        assert_eq!(
            bincode::deserialize::<FileMessage>(&bytes).unwrap(),
            message
        );
    }

    #[test]
    fn a_said_message_is_worded_in_the_catalogue_s_language_and_a_reader_s_text_is_not() {
        let es = spanish();
        let pdf = FileMessage::said(Said::NotRead { kind: "pdf".into() });
        assert!(
            pdf.starts_with("Not a format this tool reads: this is a PDF"),
            "{pdf}"
        );
        let worded = pdf.in_lang(&es);
        assert_ne!(worded, pdf.as_str());
        assert!(worded.contains("PDF"), "{worded}");
        let text = FileMessage::text("dcmdump line 4: no tag");
        assert_eq!(text.in_lang(&es), "dcmdump line 4: no tag");
        let broke = FileMessage::said(Said::ArchiveBroke {
            failure: Box::new(FileMessage::said(Said::EmptyArchive)),
            members: 2,
        });
        assert!(broke
            .in_lang(&es)
            .contains(es.text("file-empty-archive").as_str()));
    }
}
