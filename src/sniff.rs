//! Sniff: what a file is, from its first bytes; the name and extension are never trusted.
//!
//! Every format this tool recognises has one entry here, in the order they are tried:
//! DICOM by its `DICM` magic, ZIP by its signature (then an archive or an Excel workbook, by
//! its parts: [`zip_kind`]), gzip by its magic (a file compressed alone, such as
//! `image.dcm.gz`: unpacked and scanned as its content), each export by its decoder's own
//! check ([`EXPORTS`]: name, check, whole-file decoder and how it is cut into parts), and kinds
//! of file people drop beside their scans that are not read ([`NOT_READ`]). A file none of them claims may still
//! be a raw DICOM data set, which only the DICOM reader can tell.

use std::io::{Read, Seek};

use crate::decode::{
    csv, dcm4che_text, dcmtk_text, dicom_json, dicom_rs_text, dicom_xml, nmap, orthanc_json, xlsx,
    zip_archive,
};

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// DICOM Part 10: 128-byte preamble, then `DICM`.
    DicomPart10,
    /// DICOM Part 10 file meta group without the preamble (starts with `DICM`).
    DicomNoPreamble,
    /// A ZIP container: an archive of files or an Excel workbook ([`zip_kind`] tells).
    Zip,
    /// A gzip stream (RFC 1952): one file compressed, as `.gz` files and `.tar.gz` archives
    /// are.
    Gzip,
    /// A tar archive (POSIX or GNU: `.tar`, what a `.tar.gz` unpacks to), known by its first
    /// header.
    Tar,
    /// An export that the decoder of this entry recognises.
    Export(&'static ExportDecoder),
    /// A kind of file this tool does not read, named so the user knows what to do with it.
    /// It is still tried as a raw DICOM data set first: junk may precede one.
    NotRead(&'static NotRead),
    /// Nothing known by its start: perhaps a raw DICOM data set, perhaps nothing.
    Unknown,
}

/// The magic that follows the preamble in a Part 10 file.
const DICM: &[u8; 4] = b"DICM";
const PREAMBLE_LEN: usize = 128;
/// A gzip member's ID bytes and its one compression method, deflate (RFC 1952, 2.3.1).
const GZIP_MAGIC: &[u8] = &[0x1F, 0x8B, 0x08];

/// Whether `bytes` are what [`sniff`] calls [`Sniffed::Gzip`], without trying the export
/// sniffers: a reader that only needs to know this asks before the scan sniffs the file.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(GZIP_MAGIC) && sniff_dicom(bytes).is_none()
}

/// Where a tar header's magic stands, its checksum field, and its length.
const TAR_MAGIC_AT: usize = 257;
const TAR_CHECKSUM: std::ops::Range<usize> = 148..156;
const TAR_HEADER_LEN: usize = 512;

/// Whether `bytes` open with a tar header: "ustar" (POSIX `ustar\0`, GNU `ustar  `) at byte
/// 257, or, for a pre-POSIX (v7) header, which has no magic, a name and a checksum that adds
/// up. The checksum is not asked of a header with the magic: a damaged one is the tar walk's to
/// name.
pub fn is_tar(bytes: &[u8]) -> bool {
    if sniff_dicom(bytes).is_some() {
        return false;
    }
    let magic = (bytes.get(TAR_MAGIC_AT..)).is_some_and(|from| from.starts_with(b"ustar"));
    magic || bytes.get(..TAR_HEADER_LEN).is_some_and(v7_tar_header)
}

/// A v7 tar header: a name, and the octal checksum of the header (its own field counted as
/// spaces).
fn v7_tar_header(header: &[u8]) -> bool {
    let mut written = None::<u32>;
    for &b in &header[TAR_CHECKSUM] {
        match b {
            b'0'..=b'7' => written = Some(written.unwrap_or(0) * 8 + u32::from(b - b'0')),
            b' ' | 0 => {}
            _ => return false,
        }
    }
    let byte = |(i, b): (usize, &u8)| match TAR_CHECKSUM.contains(&i) {
        true => 32,
        false => u32::from(*b),
    };
    header[0] != 0 && written == Some(header.iter().enumerate().map(byte).sum())
}

/// A DICOM Part 10 file, by its magic after a preamble or at the start.
fn sniff_dicom(bytes: &[u8]) -> Option<Sniffed> {
    if bytes.get(PREAMBLE_LEN..PREAMBLE_LEN + DICM.len()) == Some(&DICM[..]) {
        Some(Sniffed::DicomPart10)
    } else if bytes.starts_with(DICM) {
        Some(Sniffed::DicomNoPreamble)
    } else {
        None
    }
}

/// Sniff a file from a prefix of its bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if let Some(dicom) = sniff_dicom(bytes) {
        dicom
    } else if zip_archive::sniff(bytes) {
        Sniffed::Zip
    } else if bytes.starts_with(GZIP_MAGIC) {
        Sniffed::Gzip
    } else if is_tar(bytes) {
        Sniffed::Tar
    } else if let Some(export) = EXPORTS.iter().find(|f| (f.sniff)(bytes)) {
        Sniffed::Export(export)
    } else if let Some(kind) = NOT_READ.iter().find(|k| k.is_in(bytes)) {
        Sniffed::NotRead(kind)
    } else {
        Sniffed::Unknown
    }
}

/// What a ZIP container holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipKind {
    /// An Excel workbook (`[Content_Types].xml` and `xl/workbook.xml`): one worklist.
    Workbook,
    /// Files to walk one by one (or a ZIP too damaged to list: the walk says why).
    Archive,
}

/// Whether a ZIP container is a workbook or an archive. The reader is left at its start.
pub fn zip_kind<R: Read + Seek>(reader: &mut R) -> std::io::Result<ZipKind> {
    Ok(if xlsx::is_workbook(reader)? {
        ZipKind::Workbook
    } else {
        ZipKind::Archive
    })
}

/// An export format as sniffing tells it: its name (as in "tried ..."), a cheap content check,
/// which decoder reads it, and how a large file is cut into parts.
///
/// The decoders themselves are reached only through [`crate::scan::ReadExports`], never from
/// this table: the page's first scan worker sniffs exports but hands them to a worker module
/// fetched when one is dropped, and its download must not carry the decoders.
#[derive(Debug)]
pub struct ExportDecoder {
    pub name: &'static str,
    pub sniff: fn(&[u8]) -> bool,
    pub id: ExportId,
    /// How a large file of this format is cut into parts; `None`: it is read whole.
    pub parts: Option<PartKind>,
}

/// The decoder of an [`ExportDecoder`] entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportId {
    Nmap,
    OrthancJson,
    DicomJson,
    DicomXml,
    DicomRsText,
    Dcm4cheText,
    DcmtkText,
    Worklist,
}

// Entries are told apart by name (a test checks names are unique); fn pointers do not compare
// reliably.
impl PartialEq for ExportDecoder {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for ExportDecoder {}

/// Export decoders, most specific first; the first whose check says yes decodes the file.
pub const EXPORTS: &[ExportDecoder] = &[
    ExportDecoder {
        name: "nmap XML and text output",
        sniff: nmap::sniff,
        id: ExportId::Nmap,
        parts: Some(PartKind::Nmap),
    },
    ExportDecoder {
        name: "Orthanc REST JSON",
        sniff: orthanc_json::sniff,
        id: ExportId::OrthancJson,
        parts: Some(PartKind::OrthancArray),
    },
    ExportDecoder {
        name: "DICOM JSON (QIDO-RS, WADO-RS)",
        sniff: dicom_json::sniff,
        id: ExportId::DicomJson,
        parts: Some(PartKind::JsonArray),
    },
    ExportDecoder {
        name: "DICOM XML (DCMTK, PS3.19 Native DICOM Model)",
        sniff: dicom_xml::sniff,
        id: ExportId::DicomXml,
        parts: Some(PartKind::DicomXml),
    },
    // Before DCMTK: their element lines are their own (`Alias VR (vm, len bytes):`, `[value]
    // Keyword`), where DCMTK's end in a `# length, VM Keyword` comment.
    ExportDecoder {
        name: "dicom-rs findscu text",
        sniff: dicom_rs_text::sniff,
        id: ExportId::DicomRsText,
        parts: Some(PartKind::DicomRsText),
    },
    ExportDecoder {
        name: "dcm4che findscu log",
        sniff: dcm4che_text::sniff,
        id: ExportId::Dcm4cheText,
        parts: Some(PartKind::Dcm4cheText),
    },
    ExportDecoder {
        name: "DCMTK findscu / dcmdump text",
        sniff: dcmtk_text::sniff,
        id: ExportId::DcmtkText,
        parts: Some(PartKind::DcmtkText),
    },
    // Last: the loosest check (any consistently delimited text).
    ExportDecoder {
        name: "CSV/TSV worklist",
        sniff: csv::sniff,
        id: ExportId::Worklist,
        parts: Some(PartKind::Worklist),
    },
];

/// Export formats that can be cut into parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// DCMTK findscu / dcmdump text: cut before a response (or a dumped file).
    DcmtkText,
    /// dicom-rs `dicom-findscu` output: cut before a `Match #N` header.
    DicomRsText,
    /// A dcm4che log: cut before a line naming a DIMSE message (`>> 2:C-FIND-RSP[...`).
    Dcm4cheText,
    /// CSV/TSV worklists: cut after a record; the header row goes before every later part.
    Worklist,
    /// A worklist in UTF-16 (with its byte order mark: Excel's "Unicode text"): read as
    /// UTF-8 as it is read, then cut the same way.
    Utf16Worklist { little_endian: bool },
    /// A DICOM JSON top-level array (QIDO-RS): cut between elements; each part made an array.
    JsonArray,
    /// An Orthanc REST top-level array (`/patients?expand`, `/tools/find`): cut the same way.
    OrthancArray,
    /// DICOM XML. DCMTK's `<responses>` (`findscu -Xs`): cut after a response's
    /// `</data-set>`; each later part gets the file's opening text before it and every part a
    /// closing tag. Concatenated roots (dcm4che `--out-cat`): cut after a root's end tag; each
    /// later part gets the file's XML declaration (its encoding). One root is read whole.
    DicomXml,
    /// nmap output. XML: cut after a `</host>`; each later part gets the file's text up to
    /// its `<nmaprun ...>` tag before it and every part but the last a closing tag. Normal
    /// output: cut before `Nmap scan report for`; grepable: after any line.
    Nmap,
}

/// A kind of file people drop beside their scans (a report as PDF, a picture of an image, an
/// old Office file, another archive format) that this tool does not read.
#[derive(Debug, PartialEq, Eq)]
pub struct NotRead {
    /// Stable id: the key of its translations (`notread-pdf`) and of a typed file message.
    pub id: &'static str,
    pub magic: &'static [u8],
    /// Where the magic stands: at the start of the file but for a tar archive's.
    pub at: usize,
    /// An archive, whose members may be DICOM files stored as they are: never read as a DICOM
    /// data set behind unexpected bytes, which would report its first member as the whole.
    pub archive: bool,
    /// What the file is and what to do with it, for the user.
    pub what: &'static str,
}

impl NotRead {
    fn is_in(&self, bytes: &[u8]) -> bool {
        bytes
            .get(self.at..)
            .is_some_and(|from| from.starts_with(self.magic))
    }
}

/// What the three NIfTI rows say: one format, told apart only by its header's version.
const NIFTI: &str = "this is a NIfTI image (a research format), not a DICOM file: it has no \
                     DICOM header to check. Its short description field can still hold a name \
                     or a date: look at it before sharing the file.";

pub const NOT_READ: &[NotRead] = &[
    NotRead {
        id: "pdf",
        magic: b"%PDF-",
        at: 0,
        archive: false,
        what: "this is a PDF document (a report or a letter?). It is not checked here, but it \
             can name you too: look at it before you share it.",
    },
    NotRead {
        id: "jpeg",
        magic: b"\xFF\xD8\xFF",
        at: 0,
        archive: false,
        what: "this is a JPEG picture, not a DICOM file: it has no DICOM header to check, and \
             text burned into the picture (names, dates) is not read by this tool.",
    },
    NotRead {
        id: "png",
        magic: b"\x89PNG\r\n\x1A\n",
        at: 0,
        archive: false,
        what: "this is a PNG picture, not a DICOM file: it has no DICOM header to check, and \
             text burned into the picture (names, dates) is not read by this tool.",
    },
    NotRead {
        id: "gif",
        magic: b"GIF8",
        at: 0,
        archive: false,
        what: "this is a GIF picture, not a DICOM file: it has no DICOM header to check.",
    },
    NotRead {
        id: "tiff-le",
        magic: b"II*\0",
        at: 0,
        archive: false,
        what: "this is a TIFF picture, not a DICOM file: it has no DICOM header to check.",
    },
    NotRead {
        id: "tiff-be",
        magic: b"MM\0*",
        at: 0,
        archive: false,
        what: "this is a TIFF picture, not a DICOM file: it has no DICOM header to check.",
    },
    NotRead {
        id: "ole",
        magic: b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        at: 0,
        archive: false,
        what: "this is a Microsoft Office file in the old binary format (.xls, .doc) or a \
             password-protected one. Save a patient list as .xlsx (without a password) or as \
             CSV to check it here.",
    },
    // The manifest a clean copy writes beside its files (`deidentify`, "Make a clean copy").
    NotRead {
        id: "manifest-txt",
        magic: b"Clean copy made by dicom-exposure-check",
        at: 0,
        archive: false,
        what: "this is the manifest (MANIFEST.txt) of a clean copy made by this tool: it says \
             what was done, and holds no identifier. The copies beside it are the files to check.",
    },
    NotRead {
        id: "manifest-json",
        magic: b"{\n  \"tool\": \"dicom-exposure-check",
        at: 0,
        archive: false,
        what: "this is the manifest (MANIFEST.json) of a clean copy made by this tool: it says \
             what was done, and holds no identifier. The copies beside it are the files to check.",
    },
    NotRead {
        id: "rar",
        magic: b"Rar!\x1A\x07",
        at: 0,
        archive: true,
        what: "this is a RAR archive. Unpack it (or pack the files as ZIP) and drop the files.",
    },
    NotRead {
        id: "7z",
        magic: b"7z\xBC\xAF\x27\x1C",
        at: 0,
        archive: true,
        what: "this is a 7-Zip archive. Unpack it (or pack the files as ZIP) and drop the files.",
    },
    // NIfTI-1 (a single `.nii`, or the header of a `.hdr`/`.img` pair) and NIfTI-2: research
    // images, often what a study sends back, and what a `.nii.gz` unpacks to.
    NotRead {
        id: "nifti",
        magic: b"n+1\0",
        at: 344,
        archive: false,
        what: NIFTI,
    },
    NotRead {
        id: "nifti-pair",
        magic: b"ni1\0",
        at: 344,
        archive: false,
        what: NIFTI,
    },
    NotRead {
        id: "nifti-2",
        magic: b"n+2\0",
        at: 4,
        archive: false,
        what: NIFTI,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preamble_then_magic_is_part10() {
        let mut bytes = vec![0u8; 128];
        bytes.extend_from_slice(b"DICM\x02\x00");
        assert_eq!(sniff(&bytes), Sniffed::DicomPart10);
    }

    #[test]
    fn magic_at_start_is_part10_without_preamble() {
        assert_eq!(sniff(b"DICM\x02\x00\x00\x00"), Sniffed::DicomNoPreamble);
    }

    #[test]
    fn a_gzip_stream_is_known_by_its_magic_before_any_export_claims_it() {
        // The gzip of a DICOM file, once read as a CSV worklist with nothing in it.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"Patient Name,Patient ID\nDOE^JANE,123\n").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(sniff(&gz), Sniffed::Gzip);
        assert!(is_gzip(&gz));
        // A DICOM file whose preamble happens to open like gzip is DICOM, for both.
        let mut dicom = vec![0u8; 200];
        dicom[..3].copy_from_slice(GZIP_MAGIC);
        dicom[128..132].copy_from_slice(DICM);
        assert_eq!(sniff(&dicom), Sniffed::DicomPart10);
        assert!(!is_gzip(&dicom));
        // Another method than deflate is not gzip as anyone writes it.
        assert_eq!(sniff(b"\x1F\x8B\x07\x00"), Sniffed::Unknown);
    }

    #[test]
    fn a_tar_archive_is_known_by_its_first_header_magic_or_checksum() {
        let tar = |mut header: tar::Header| {
            let mut builder = tar::Builder::new(Vec::new());
            header.set_size(5);
            header.set_cksum();
            builder
                .append_data(&mut header, "IM1", &b"hello"[..])
                .unwrap();
            builder.into_inner().unwrap()
        };
        let (gnu, posix) = (tar(tar::Header::new_gnu()), tar(tar::Header::new_ustar()));
        assert_eq!(sniff(&gnu), Sniffed::Tar);
        assert_eq!(sniff(&posix), Sniffed::Tar);
        assert!(is_tar(&posix) && is_tar(&gnu));
        // A DICOM file whose preamble holds the word there is DICOM.
        let mut dicom = vec![0u8; 300];
        dicom[128..132].copy_from_slice(DICM);
        dicom[257..263].copy_from_slice(b"ustar\0");
        assert_eq!(sniff(&dicom), Sniffed::DicomPart10);
        assert!(!is_tar(&dicom));
        // A pre-POSIX (v7) header has no magic: its checksum tells it, and a changed byte
        // breaks it.
        let mut v7 = posix.clone();
        v7[257..265].fill(0);
        let sum: u32 = (v7[..512].iter().enumerate())
            .map(|(i, b)| {
                if (148..156).contains(&i) {
                    32
                } else {
                    u32::from(*b)
                }
            })
            .sum();
        v7[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        assert_eq!(sniff(&v7), Sniffed::Tar);
        let mut wrong = v7.clone();
        wrong[1] ^= 1;
        assert!(!is_tar(&wrong), "a changed byte breaks the checksum");
        let mut nameless = v7.clone();
        nameless[..100].fill(0);
        assert!(!is_tar(&nameless), "no name, no header");
        // The same word at the start is not a tar header, and a cut header is none.
        assert_eq!(sniff(b"ustar and more text"), Sniffed::Unknown);
        assert!(!is_tar(&posix[..260]));
    }

    #[test]
    fn a_nifti_image_is_named_by_the_magic_its_header_carries() {
        // NIfTI-1: a 348-byte header whose magic stands at byte 344.
        let mut nii = vec![0u8; 352];
        nii[..4].copy_from_slice(&348i32.to_le_bytes());
        nii[344..348].copy_from_slice(b"n+1\0");
        let Sniffed::NotRead(kind) = sniff(&nii) else {
            panic!("a NIfTI image is named")
        };
        assert_eq!(kind.id, "nifti");
        // NIfTI-2: 540 bytes, the magic at byte 4.
        let mut nii2 = vec![0u8; 544];
        nii2[..4].copy_from_slice(&540i32.to_le_bytes());
        nii2[4..8].copy_from_slice(b"n+2\0");
        assert!(matches!(sniff(&nii2), Sniffed::NotRead(k) if k.id == "nifti-2"));
    }

    #[test]
    fn a_zip_signature_is_a_zip_whatever_follows() {
        assert_eq!(sniff(b"PK\x03\x04junk"), Sniffed::Zip);
        assert_eq!(sniff(b"PK\x05\x06"), Sniffed::Zip);
    }

    #[test]
    fn an_export_is_claimed_by_its_own_decoder() {
        let worklist = b"PatientName,PatientID,BirthDate\nDOE^JOHN,123,19700101\n";
        let Sniffed::Export(decoder) = sniff(worklist) else {
            panic!("a worklist is an export");
        };
        assert_eq!(decoder.name, "CSV/TSV worklist");
        assert_eq!(decoder.parts, Some(PartKind::Worklist));
    }

    #[test]
    fn files_people_drop_beside_scans_are_named() {
        let Sniffed::NotRead(kind) = sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n") else {
            panic!("a PDF is named");
        };
        assert!(kind.what.contains("PDF document"), "{}", kind.what);
    }

    #[test]
    fn short_and_empty_input_is_unknown() {
        assert_eq!(sniff(b""), Sniffed::Unknown);
        assert_eq!(sniff(b"\x01\x02"), Sniffed::Unknown);
    }

    #[test]
    fn every_decoder_has_its_own_name() {
        let mut names: Vec<&str> = EXPORTS.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EXPORTS.len());
    }
}
