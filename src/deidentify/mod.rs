//! Deidentify: a copy of a DICOM file with the PS3.15 Basic Application Level Confidentiality
//! Profile applied per Annex E row and the options the user chose, proven by scanning the copy
//! again with the same core.
//!
//! ```text
//! bytes ─► dicom-object ─► apply (every element, every depth) ─► write (same transfer syntax,
//!          pixel data untouched) ─► read back ─► scan ─► verify ─► copy, or left out with reason
//! ```
//!
//! - **options**: the profile options, and their CID 7050 codes.
//! - **action**: an Annex E row and the options resolved to one action.
//! - **keys**: the run's secret: new UIDs, person keys, date shifts (never written).
//! - **apply**: the walk over the object; what each action writes.
//! - **verify**: the re-scan sorted into replaced, kept by an option, and left behind.
//! - **own_copy**: the copy's own values (replacement names, new UIDs, dummies) recognised
//!   when a copy is scanned again.
//! - **archive**: a ZIP in gives a ZIP out, member by member.
//! - **names**: output file and folder names that keep the folder shape, not the names.
//! - **manifest**: what a run did, in JSON and in words, without an identifier.
//!
//! Like the rest of the core it touches no file system and draws no randomness: the caller
//! gives bytes and a secret, and gets bytes back.

pub mod action;
pub mod apply;
pub mod archive;
pub mod dates;
pub mod dicomdir;
pub mod keys;
pub mod manifest;
pub mod names;
pub mod options;
pub mod own_copy;
pub mod safe_private;
pub mod verify;

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use dicom_core::value::DataSetSequence;
use dicom_core::{DataElement, Length, PrimitiveValue, Tag, VR};
use dicom_encoding::transfer_syntax::TransferSyntaxIndex;
use dicom_object::file::ReadPreamble;
use dicom_object::meta::FileMetaTableBuilder;
use dicom_object::{InMemDicomObject, OpenFileOptions};
use dicom_transfer_syntax_registry::TransferSyntaxRegistry;
use serde::{Deserialize, Serialize};

pub use apply::{ActionCounts, PersonCopy, MAX_DEPTH};
pub use dicomdir::DirEntry;
pub use keys::RunKeys;
pub use options::{DateHandling, Options, OptionsError, ProfileOption};
pub use verify::{Leftover, Verification};

use crate::decode::dicom::{self, read_dicom, DicomRead, PixelData, ReadOutcome, ReadStatus};
use crate::decode::format::InputKind;
use crate::decode::limits;
use crate::detect::DetectOptions;
use crate::report::FileStatus;
use crate::rules::detectors::NameEcho;
use crate::rules::file_risks::FileRisk;
use crate::scan::scan_complete;
use crate::sniff::{sniff, Sniffed};
use own_copy::OwnCopy;

/// First value of De-identification Method (0012,0063); the next two state the replacement
/// names and IDs, so that a scan of the copy knows them ([`OwnCopy`]).
const METHOD: &str = concat!(
    "dicom-exposure-check ",
    env!("CARGO_PKG_VERSION"),
    ": PS3.15 Annex E"
);

/// Implementation Class UID of the copies' file meta (a fixed `2.25.` UID of this tool).
const IMPLEMENTATION_CLASS_UID: &str = "2.25.177241337106151496361744925232463429915";
const IMPLEMENTATION_VERSION: &str = concat!("DEC_", env!("CARGO_PKG_VERSION"));

/// Why a file has no clean copy. Nothing of it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum LeftOut {
    /// Not a DICOM file (an export, a picture, a document): only DICOM files are copied.
    NotDicom,
    /// An archive the copy does not open: a ZIP inside an archive or given where only files
    /// are copied, a gzip, tar, RAR or 7-Zip file.
    Archive,
    /// Larger than the limit a file is read whole under, in bytes.
    TooLarge { limit_bytes: u64 },
    /// A data set without a file header that lacks the SOP Class and Instance UIDs a new
    /// header needs (or whose transfer syntax dicom-rs does not know).
    NoFileHeader,
    /// A DICOMDIR: its records name the patient and point to the original files.
    Dicomdir,
    /// dicom-rs could not read the whole file.
    CannotRead { detail: String },
    /// Sequences nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The copy could not be encoded (e.g. a transfer syntax dicom-rs cannot write).
    CannotWrite { detail: String },
    /// The copy was written but could not be read back.
    UnreadableCopy { detail: String },
    /// The pixels (or an embedded document) may show text; the user did not ask to keep these.
    PixelsMayShowText { rule_id: String },
    /// Asked to black out text in the pixels, the copy could not (compressed pixels, a layout
    /// not handled, text still found after): why, in English.
    TextNotBlackedOut { detail: String },
    /// The re-scan found identifiers that neither the profile nor an option accounts for.
    IdentifiersLeft { leftovers: Vec<Leftover> },
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LeftOut::NotDicom => f.write_str("not a DICOM file; only DICOM files are copied"),
            LeftOut::Archive => f.write_str(
                "an archive (a ZIP inside an archive, a gzip, tar, RAR or 7-Zip file): not \
                 copied; unpack it and copy its folder",
            ),
            LeftOut::TooLarge { limit_bytes } => write!(
                f,
                "larger than {} MiB, the most a file is read whole for a copy",
                limit_bytes >> 20
            ),
            LeftOut::NoFileHeader => f.write_str(
                "DICOM without a file header, and without the SOP Class and Instance UIDs a new \
                 header needs: not copied",
            ),
            LeftOut::Dicomdir => f.write_str(
                "a DICOMDIR (the index of a CD): not copied, since it names the patient and the \
                 original files; the copy gets a DICOMDIR of its own",
            ),
            LeftOut::CannotRead { detail } => write!(f, "cannot be read whole: {detail}"),
            LeftOut::TooDeep => write!(f, "sequences nest deeper than {MAX_DEPTH} levels"),
            LeftOut::CannotWrite { detail } => write!(f, "the copy cannot be written: {detail}"),
            LeftOut::UnreadableCopy { detail } => {
                write!(f, "the copy could not be read back: {detail}")
            }
            LeftOut::PixelsMayShowText { rule_id } => write!(
                f,
                "the image may show text such as a name in its pixels ({rule_id}); left out \
                 unless you choose to keep such files"
            ),
            LeftOut::TextNotBlackedOut { detail } => write!(
                f,
                "text in the pixels could not be blacked out ({detail}); left out"
            ),
            LeftOut::IdentifiersLeft { leftovers } => {
                f.write_str("the check of the copy found identifiers left: ")?;
                let places: Vec<String> = leftovers
                    .iter()
                    .map(|l| format!("{} at {}", l.rule_id, l.path))
                    .collect();
                f.write_str(&places.join(", "))
            }
        }
    }
}

/// A clean copy of one file, with its proof.
#[derive(Debug, Clone)]
pub struct CleanCopy {
    pub bytes: Vec<u8>,
    /// The person's number in this run (their replacement name is `Patient {person}`).
    pub person: u32,
    pub counts: ActionCounts,
    pub verification: Verification,
    /// What a DICOMDIR of the copy says of this file (its place is the caller's).
    pub directory: DirEntry,
}

/// What looking at a copy's pixels settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PixelsLooked {
    /// Not looked at (the option is off, the file holds no image, or it could not be decoded:
    /// the header's risks then decide, as without the option).
    No,
    /// The frames checked show no text.
    NoText,
    /// Text was blacked out and not found again.
    BlackedOut { lines: usize },
}

/// [`Options::black_out_text`]: text found in the pixels of the copy `file` is blacked out
/// (and Burned In Annotation set to NO), or the file is left out.
fn black_out(file: &mut dicom_object::DefaultDicomObject) -> Result<PixelsLooked, LeftOut> {
    use crate::pixels::black_out::{black_out_text, BlackOut, CannotBlackOut};
    match black_out_text(file, &crate::pixels::text_lines::Tuning::default()) {
        Ok(BlackOut::NoText { .. }) => Ok(PixelsLooked::NoText),
        Ok(BlackOut::BlackedOut { boxes }) => Ok(PixelsLooked::BlackedOut { lines: boxes.len() }),
        Err(CannotBlackOut::NotChecked(_)) => Ok(PixelsLooked::No),
        Err(reason) => Err(LeftOut::TextNotBlackedOut {
            detail: reason.to_string(),
        }),
    }
}

/// One de-identification run: its options, its secret and the people it has met.
pub struct Run {
    options: Options,
    keys: RunKeys,
    /// Person key → number, in the order people were met (shared by the threads of a run).
    people: Mutex<HashMap<[u8; 16], u32>>,
}

impl Run {
    /// A run with these options and 32 random bytes for its secret.
    pub fn new(options: Options, secret: [u8; 32]) -> Result<Run, OptionsError> {
        options.check()?;
        Ok(Run {
            options,
            keys: RunKeys::new(secret),
            people: Mutex::new(HashMap::new()),
        })
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The clean copy of one file held in memory, or why there is none.
    pub fn copy(&self, bytes: &[u8]) -> Result<CleanCopy, LeftOut> {
        // Why every archive: a DICOM file stored in one as it is would be found behind the
        // bytes before it, and its copy made as if it were the whole archive.
        match sniff(bytes) {
            Sniffed::Zip | Sniffed::Gzip | Sniffed::Tar => return Err(LeftOut::Archive),
            Sniffed::NotRead(kind) if kind.archive => return Err(LeftOut::Archive),
            _ => {}
        }
        let object = read(bytes)?;
        let meta = object.meta().clone();
        if meta.media_storage_sop_class_uid().trim_end_matches('\0') == dicomdir::DICOMDIR_CLASS {
            return Err(LeftOut::Dicomdir);
        }
        let top_text = |tag: Tag| {
            object
                .get(tag)
                .and_then(|e| e.value().to_str().ok())
                .map(|s| s.into_owned())
                .unwrap_or_default()
        };
        let (name, id) = (top_text(Tag(0x0010, 0x0010)), top_text(Tag(0x0010, 0x0020)));
        let person = self.person(&id, &name);
        let mut cleaner = apply::Cleaner {
            options: &self.options,
            keys: &self.keys,
            person: &person,
            echo: NameEcho::from_dicom_pn(&name),
            counts: ActionCounts::default(),
            written: Default::default(),
        };
        let mut cleaned = cleaner.object(object.into_inner(), 0, apply::Free::Cut)?;
        let (counts, mut written) = (cleaner.counts, cleaner.written);
        self.mark(&mut cleaned);

        let instance = match cleaned.get(Tag(0x0008, 0x0018)).map(|e| e.value().to_str()) {
            Some(Ok(uid)) => uid.trim_end_matches(['\0', ' ']).to_string(),
            _ if self.options.uids => meta.media_storage_sop_instance_uid().to_string(),
            _ => self.keys.uid(meta.media_storage_sop_instance_uid()),
        };
        written.insert((0x0002, 0x0003, apply::written_form(&instance)));
        let new_meta = FileMetaTableBuilder::new()
            .media_storage_sop_class_uid(meta.media_storage_sop_class_uid().trim_end_matches('\0'))
            .media_storage_sop_instance_uid(instance)
            .transfer_syntax(meta.transfer_syntax())
            .implementation_class_uid(IMPLEMENTATION_CLASS_UID)
            .implementation_version_name(IMPLEMENTATION_VERSION)
            .build()
            .map_err(|e| LeftOut::CannotWrite {
                detail: e.to_string(),
            })?;
        let directory = DirEntry::of(&cleaned, meta.transfer_syntax());
        let mut file = cleaned.with_exact_meta(new_meta);
        let pixels = if self.options.black_out_text {
            black_out(&mut file)?
        } else {
            PixelsLooked::No
        };
        let mut out = Vec::new();
        file.write_all(&mut out).map_err(|e| LeftOut::CannotWrite {
            detail: e.to_string(),
        })?;

        read(&out).map_err(|e| LeftOut::UnreadableCopy {
            detail: e.to_string(),
        })?;
        let rescan = scan_complete(
            "copy",
            &out,
            &DetectOptions {
                reveal_values: true,
            },
        );
        if !matches!(rescan.status, FileStatus::Ok) {
            let detail = rescan
                .message
                .map_or_else(|| format!("{:?}", rescan.status), |m| m.to_string());
            return Err(LeftOut::UnreadableCopy { detail });
        }
        let mut verification = verify::classify(&rescan, &self.options, &written);
        if let PixelsLooked::BlackedOut { lines } = pixels {
            verification.blacked_out_lines = lines as u64;
        }
        // The header's guess that the pixels may show text is settled by looking at them;
        // a header that states burned-in text is settled only by blacking it out (which
        // states it no longer).
        let settled = match pixels {
            PixelsLooked::No => &[][..],
            PixelsLooked::NoText | PixelsLooked::BlackedOut { .. } => {
                &[FileRisk::BurnedInLikely][..]
            }
        };
        if let Some(rule_id) = verification.pixel_risk_besides(settled) {
            if !self.options.keep_burned_in {
                return Err(LeftOut::PixelsMayShowText {
                    rule_id: rule_id.to_string(),
                });
            }
        }
        if !verification.is_clean() {
            return Err(LeftOut::IdentifiersLeft {
                leftovers: verification.leftovers,
            });
        }
        Ok(CleanCopy {
            bytes: out,
            person: person.number,
            counts,
            verification,
            directory,
        })
    }

    fn person(&self, id: &str, name: &str) -> PersonCopy {
        let key = self.keys.person(id, name);
        // A poisoned lock only means another file's copy panicked; the map is still whole.
        let mut people = self.people.lock().unwrap_or_else(|e| e.into_inner());
        let next = people.len() as u32 + 1;
        let number = *people.entry(key).or_insert(next);
        drop(people);
        PersonCopy {
            number,
            name: format!("{} {number}", self.options.name_prefix),
            id: format!("{}{number}", self.options.id_prefix),
            shift_days: self.keys.shift_days(&key),
        }
    }

    /// The DICOMDIR of the copies written at `entries` (paths below the copy's top folder),
    /// checked by a scan like every copy: it names the replacement names and new UIDs only.
    pub fn dicomdir(&self, entries: &[(Vec<String>, DirEntry)]) -> Result<Vec<u8>, LeftOut> {
        let uid = self.keys.uid(dicomdir::DICOMDIR_NAME);
        let bytes =
            dicomdir::build(entries, &uid, &self.marks()).map_err(|e| LeftOut::CannotWrite {
                detail: e.to_string(),
            })?;
        read(&bytes).map_err(|e| LeftOut::UnreadableCopy {
            detail: e.to_string(),
        })?;
        let rescan = scan_complete(dicomdir::DICOMDIR_NAME, &bytes, &DetectOptions::default());
        let leftovers: Vec<Leftover> = rescan
            .findings
            .iter()
            .filter(|f| f.severity > crate::rules::Severity::Info)
            .map(|f| Leftover {
                rule_id: f.rule.id().to_string(),
                path: f.path.clone(),
                keyword: f.keyword.clone(),
            })
            .collect();
        if rescan.kind != InputKind::Dicomdir || !rescan.status.was_scanned() {
            let detail = rescan
                .message
                .map_or_else(|| "not read as a DICOMDIR".into(), |m| m.to_string());
            return Err(LeftOut::UnreadableCopy { detail });
        }
        if !leftovers.is_empty() || !rescan.people.is_empty() {
            return Err(LeftOut::IdentifiersLeft { leftovers });
        }
        Ok(bytes)
    }

    /// The attributes that say how the copy was made (PS3.15 E.1.1, PS3.3 C.7.1.1).
    fn mark(&self, object: &mut InMemDicomObject) {
        for element in self.marks() {
            object.put(element);
        }
    }

    fn marks(&self) -> Vec<DataElement<InMemDicomObject>> {
        let text =
            |tag: Tag, vr: VR, value: &str| DataElement::new(tag, vr, PrimitiveValue::from(value));
        let mut marks = vec![text(Tag(0x0012, 0x0062), VR::CS, "YES")];
        let method =
            OwnCopy::method_values(METHOD, &self.options.name_prefix, &self.options.id_prefix);
        marks.push(DataElement::new(
            Tag(0x0012, 0x0063),
            VR::LO,
            PrimitiveValue::Strs(method.into_iter().collect()),
        ));
        let codes: Vec<InMemDicomObject> = self
            .options
            .applied()
            .into_iter()
            .map(|option| {
                InMemDicomObject::from_element_iter([
                    text(Tag(0x0008, 0x0100), VR::SH, option.code()),
                    text(Tag(0x0008, 0x0102), VR::SH, "DCM"),
                    text(Tag(0x0008, 0x0104), VR::LO, option.meaning()),
                ])
            })
            .collect();
        marks.push(DataElement::new(
            Tag(0x0012, 0x0064),
            VR::SQ,
            DataSetSequence::new(codes, Length::UNDEFINED),
        ));
        let temporal = match self.options.dates {
            DateHandling::Remove => "REMOVED",
            DateHandling::KeepFull => "UNMODIFIED",
            DateHandling::Shift => "MODIFIED",
        };
        marks.push(text(Tag(0x0028, 0x0303), VR::CS, temporal));
        marks
    }
}

/// The whole file, read by dicom-rs. The copy is written from this, so anything it cannot read
/// leaves the file out rather than half copied.
pub(crate) fn read(bytes: &[u8]) -> Result<dicom_object::DefaultDicomObject, LeftOut> {
    let vetted = guard(read_dicom(bytes, true))?;
    if dicom::is_deflated(&vetted.transfer_syntax) {
        return read_deflated(bytes, &vetted);
    }
    let bytes = up_to_pixel_data_end(bytes, vetted.pixel_data)?;
    // A data set written in another encoding than its meta names (the scanner's reader found
    // it out): dicom-rs would read it in the wrong one, so it is read as a data set in its own
    // and given a new header.
    let declared = vetted.dataset.top_text(0x0002, 0x0010);
    if declared.is_some_and(|uid| uid != vetted.transfer_syntax) {
        let at = vetted.data_set_at.min(bytes.len());
        return raw(&bytes[at..], &vetted.transfer_syntax);
    }
    let from_magic = match bytes.get(128..132) {
        Some(b"DICM") => &bytes[128..],
        _ if bytes.starts_with(b"DICM") => bytes,
        _ => {
            return raw(
                &bytes[vetted.data_set_at.min(bytes.len())..],
                &vetted.transfer_syntax,
            )
        }
    };
    OpenFileOptions::new()
        .read_preamble(ReadPreamble::Never)
        .from_reader(from_magic)
        .or_else(|e| {
            // A file meta group dicom-rs rejects (a vendor's odd group length or element)
            // that the scanner's reader got through: its data set, where the scanner found
            // it, is read on its own and given a new header.
            raw(
                &bytes[vetted.data_set_at.min(bytes.len())..],
                &vetted.transfer_syntax,
            )
            .map_err(|_| LeftOut::CannotRead {
                detail: e.to_string(),
            })
        })
}

/// Why stop at the end of the pixel data: the scanner's reader vets the header only up to
/// there, and dicom-rs allocates what an element past it declares (found by fuzzing: 3 KB of
/// input took 2 GB). Trailing padding, signatures and appended data are not copied.
fn up_to_pixel_data_end(bytes: &[u8], pixel: Option<PixelData>) -> Result<&[u8], LeftOut> {
    let Some(pixel) = pixel else {
        return Ok(bytes);
    };
    let size = bytes.len() as u64;
    match pixel.end(&mut std::io::Cursor::new(bytes), size) {
        Ok(Some(end)) if end <= size => Ok(&bytes[..end as usize]),
        _ => Err(LeftOut::CannotRead {
            detail: "the pixel data runs past the end of the file".to_string(),
        }),
    }
}

/// A deflated data set is inflated here and vetted whole by the scanner's reader, then cut
/// at its pixel data like any other: its offsets are not the file's, so the vetting of the
/// file says nothing of where to cut (found by fuzzing: 4.6 KB of input took 2.1 GB in
/// dicom-rs). The copy is deflated again, with a new file header.
fn read_deflated(
    bytes: &[u8],
    vetted: &DicomRead,
) -> Result<dicom_object::DefaultDicomObject, LeftOut> {
    let at = vetted.data_set_at.min(bytes.len());
    let inflated = dicom::inflate_data_set(&bytes[at..], limits::MAX_INPUT_BYTES).map_err(|e| {
        LeftOut::CannotRead {
            detail: e.to_string(),
        }
    })?;
    let syntax = dicom_dictionary_std::uids::EXPLICIT_VR_LITTLE_ENDIAN;
    let inner = guard(dicom::read_data_set(&inflated, syntax))?;
    let data_set = up_to_pixel_data_end(&inflated, inner.pixel_data)?;
    raw_as(data_set, &inner.transfer_syntax, &vetted.transfer_syntax)
}

/// A data set without a file header (no preamble, no `DICM`, no group 0002), read with the
/// transfer syntax the scanner's reader found, and given the header a copy needs: the copy
/// is a Part 10 file.
fn raw(bytes: &[u8], transfer_syntax: &str) -> Result<dicom_object::DefaultDicomObject, LeftOut> {
    raw_as(bytes, transfer_syntax, transfer_syntax)
}

/// [`raw`], read in one transfer syntax and given a header that names another (an inflated
/// data set is written deflated again).
fn raw_as(
    bytes: &[u8],
    transfer_syntax: &str,
    write_as: &str,
) -> Result<dicom_object::DefaultDicomObject, LeftOut> {
    let syntax = TransferSyntaxRegistry
        .get(transfer_syntax)
        .ok_or(LeftOut::NoFileHeader)?;
    let object =
        InMemDicomObject::read_dataset_with_ts(bytes, syntax).map_err(|e| LeftOut::CannotRead {
            detail: e.to_string(),
        })?;
    let uid = |tag: Tag| {
        object
            .get(tag)
            .and_then(|e| e.value().to_str().ok())
            .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
            .filter(|s| !s.is_empty())
    };
    let (Some(class), Some(instance)) = (uid(Tag(0x0008, 0x0016)), uid(Tag(0x0008, 0x0018))) else {
        return Err(LeftOut::NoFileHeader);
    };
    let meta = FileMetaTableBuilder::new()
        .media_storage_sop_class_uid(class)
        .media_storage_sop_instance_uid(instance)
        .transfer_syntax(write_as)
        .build()
        .map_err(|e| LeftOut::CannotRead {
            detail: e.to_string(),
        })?;
    Ok(object.with_exact_meta(meta))
}

/// What dicom-rs must not be given whole: it allocates a value's declared length before reading
/// it, so a length past the end of the file, or the 4 GiB "undefined" length of a UN sequence
/// (PS3.5 6.2.2), costs gigabytes before it fails. The scanner's reader checks lengths against
/// the bytes left and reads UN sequences; it vets the header first.
fn guard(outcome: ReadOutcome) -> Result<DicomRead, LeftOut> {
    let read = match outcome {
        ReadOutcome::Read(read) => read,
        ReadOutcome::NotDicom(_) => return Err(LeftOut::NotDicom),
        ReadOutcome::Unsupported(detail) => return Err(LeftOut::CannotRead { detail }),
        ReadOutcome::NeedMoreBytes { .. } => {
            let detail = "the header does not end within the file".to_string();
            return Err(LeftOut::CannotRead { detail });
        }
    };
    if let ReadStatus::Truncated(detail) = read.status {
        return Err(LeftOut::CannotRead { detail });
    }
    if read.un_sequences > 0 {
        let detail = "it holds a sequence written with VR UN and undefined length (PS3.5 6.2.2), \
                      which dicom-rs reads as a 4 GiB value"
            .to_string();
        return Err(LeftOut::CannotRead { detail });
    }
    if let Some(tag) = read.uneven_value {
        let detail = format!(
            "the length of element ({:04X},{:04X}) is not a whole number of its values, which \
             dicom-rs misreads",
            tag.group(),
            tag.element()
        );
        return Err(LeftOut::CannotRead { detail });
    }
    Ok(read)
}
