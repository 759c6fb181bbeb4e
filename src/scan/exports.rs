//! Who reads the exports a scan meets. The CLI, the tests and the page's export worker read
//! them all ([`ReadExports`]). The page's first scan worker, which runs in the page's own wasm
//! module, hands them on ([`DeferExports`]): the export decoders, with their XML, JSON, CSV and
//! spreadsheet code, are then not part of what the page downloads before it can scan, and are
//! fetched (as `export_worker`) the first time an export is dropped.
//!
//! Why a trait object: only code that builds a [`ReadExports`] reaches the decoders, so a
//! program that never builds one (the page's module) leaves them out at link time.

use std::cell::Cell;
use std::io;

use super::appended::ReadSeek;
use super::stream;
use crate::decode::{
    csv, dcm4che_text, dcmtk_text, dicom_json, dicom_rs_text, dicom_xml, nmap, orthanc_json, xlsx,
    DecodeError, Decoded,
};
use crate::detect::DetectOptions;
use crate::pixels::PixelCheck;
use crate::report::FileReport;
use crate::sniff::{ExportDecoder, ExportId, PartKind};

/// Reads exports for a scan; `None` from any method: not read here (the scan of this file is
/// then handed on as a whole, see [`DeferExports`]).
pub trait ExportReader {
    /// A whole export, in the format sniffing found.
    fn whole(&self, decoder: &ExportDecoder, bytes: &[u8]) -> Option<Result<Decoded, DecodeError>>;

    /// An Excel workbook.
    fn workbook(&self, reader: &mut dyn ReadSeek) -> Option<Result<Decoded, DecodeError>>;

    /// A large export read in parts (see `stream::scan_parts`).
    fn parts(
        &self,
        file_name: &str,
        reader: &mut dyn ReadSeek,
        size: u64,
        kind: PartKind,
        options: &DetectOptions,
    ) -> Option<io::Result<Option<FileReport>>>;

    /// Whether an export was already handed on in this scan: the rest of the file need not be
    /// read (its reports are dropped anyway).
    fn handed_on(&self) -> bool {
        false
    }

    /// A ZIP archive or workbook met by a build that does not read them (the page's module,
    /// built without the feature `archives`): whether it is handed on, to be scanned whole
    /// where archives are read (the export worker).
    fn archive(&self) -> bool {
        false
    }

    /// Who looks at a DICOM image's pixels once its header is scanned (`scan --pixels`);
    /// `None`: pixels are not looked at in this scan. See [`PixelsToo`].
    fn pixels(&self) -> Option<&dyn LookAtPixels> {
        None
    }
}

/// Looks at the pixels of a whole DICOM file for burned-in text.
pub trait LookAtPixels {
    /// The check of the image `bytes`, to add to its report; `None` when the bytes were
    /// handed on to be checked elsewhere (the page's pixel worker), whose check is added to
    /// the report later.
    fn look(&self, bytes: &[u8]) -> Option<PixelCheck>;
}

/// A scan that reads exports as `exports` does and looks at every image's pixels with
/// `pixels`: the image's file (or archive member) is then read whole.
pub struct PixelsToo<'a> {
    pub exports: &'a dyn ExportReader,
    pub pixels: &'a dyn LookAtPixels,
}

impl ExportReader for PixelsToo<'_> {
    fn whole(&self, decoder: &ExportDecoder, bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
        self.exports.whole(decoder, bytes)
    }

    fn workbook(&self, reader: &mut dyn ReadSeek) -> Option<Result<Decoded, DecodeError>> {
        self.exports.workbook(reader)
    }

    fn parts(
        &self,
        file_name: &str,
        reader: &mut dyn ReadSeek,
        size: u64,
        kind: PartKind,
        options: &DetectOptions,
    ) -> Option<io::Result<Option<FileReport>>> {
        self.exports.parts(file_name, reader, size, kind, options)
    }

    fn handed_on(&self) -> bool {
        self.exports.handed_on()
    }

    fn archive(&self) -> bool {
        self.exports.archive()
    }

    fn pixels(&self) -> Option<&dyn LookAtPixels> {
        Some(self.pixels)
    }
}

/// Whether a report is of a DICOM file with pixel data, which a [`LookAtPixels`] is shown (a
/// deflated data set is read whole, so the header scan does not locate its pixel data).
pub(super) fn has_pixels(report: &FileReport) -> bool {
    report.kind == crate::decode::InputKind::Dicom
        && report.status.was_scanned()
        && (report.pixel_data.is_some()
            || crate::decode::dicom::is_deflated(&report.transfer_syntax))
}

/// Every export decoder.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadExports;

impl ExportReader for ReadExports {
    fn whole(&self, decoder: &ExportDecoder, bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
        Some(match decoder.id {
            ExportId::Nmap => nmap::decode(bytes),
            ExportId::OrthancJson => orthanc_json::decode(bytes),
            ExportId::DicomJson => dicom_json::decode(bytes),
            ExportId::DicomXml => dicom_xml::decode(bytes),
            ExportId::DicomRsText => dicom_rs_text::decode(bytes),
            ExportId::Dcm4cheText => dcm4che_text::decode(bytes),
            ExportId::DcmtkText => dcmtk_text::decode(bytes),
            ExportId::Worklist => csv::decode(bytes),
        })
    }

    fn workbook(&self, reader: &mut dyn ReadSeek) -> Option<Result<Decoded, DecodeError>> {
        Some(xlsx::decode(reader))
    }

    fn parts(
        &self,
        file_name: &str,
        reader: &mut dyn ReadSeek,
        size: u64,
        kind: PartKind,
        options: &DetectOptions,
    ) -> Option<io::Result<Option<FileReport>>> {
        Some(stream::scan_parts(
            file_name,
            &mut &mut *reader,
            size,
            kind,
            options,
        ))
    }
}

/// Reads no export, and remembers that one was met: the caller drops whatever the scan of
/// that file gave and has the whole file scanned again with [`ReadExports`].
#[derive(Debug, Default)]
pub struct DeferExports {
    met: Cell<bool>,
}

impl ExportReader for DeferExports {
    fn whole(&self, _: &ExportDecoder, _: &[u8]) -> Option<Result<Decoded, DecodeError>> {
        self.met.set(true);
        None
    }

    fn workbook(&self, _: &mut dyn ReadSeek) -> Option<Result<Decoded, DecodeError>> {
        self.met.set(true);
        None
    }

    fn parts(
        &self,
        _: &str,
        _: &mut dyn ReadSeek,
        _: u64,
        _: PartKind,
        _: &DetectOptions,
    ) -> Option<io::Result<Option<FileReport>>> {
        self.met.set(true);
        None
    }

    fn archive(&self) -> bool {
        self.met.set(true);
        true
    }

    /// Whether the scan met an export or, in the page's module, an archive (in the file, an
    /// archive member or appended data).
    fn handed_on(&self) -> bool {
        self.met.get()
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;
    use crate::scan::{scan_reader_each, scan_reader_each_with, Scanned};

    fn fixture(path: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// Scan `bytes` as the page's first scan worker does: the reports, and whether it deferred.
    fn deferring(name: &str, bytes: Vec<u8>) -> (Vec<Scanned>, bool) {
        let exports = DeferExports::default();
        let mut reports = Vec::new();
        let options = DetectOptions::default();
        let reader = Cursor::new(bytes);
        scan_reader_each_with(name, reader, &options, &exports, &mut |r| reports.push(r));
        (reports, exports.handed_on())
    }

    fn zip_of(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in members {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn an_archive_is_handed_on_only_by_a_deferring_scan() {
        // The page's module (no `archives`) asks this when it meets a ZIP: the page's scan
        // workers hand it on, a scan that reads everything says so instead.
        let deferring = DeferExports::default();
        assert!(!deferring.handed_on());
        assert!(deferring.archive());
        assert!(deferring.handed_on());
        assert!(!ReadExports.archive());
    }

    #[test]
    fn dicom_files_and_archives_of_them_are_read_without_the_export_decoders() {
        let ct = fixture("CT_small.dcm");
        let (reports, deferred) = deferring("CT_small.dcm", ct.clone());
        assert!(!deferred);
        let mut all = Vec::new();
        scan_reader_each(
            "CT_small.dcm",
            Cursor::new(ct.clone()),
            &DetectOptions::default(),
            &mut |r| all.push(r),
        );
        assert_eq!(reports, all, "same reports as with every decoder");
        let (reports, deferred) = deferring("cd.zip", zip_of(&[("IM1", ct.clone()), ("IM2", ct)]));
        assert!(!deferred);
        assert_eq!(reports.len(), 2);
    }

    #[test]
    fn an_export_anywhere_in_a_file_hands_the_file_on() {
        let csv = fixture("exports/conquest-patients-studies.csv");
        let xml = fixture("exports/findscu-Xs-study.xml");
        let ct = fixture("CT_small.dcm");
        for (name, bytes) in [
            ("worklist.csv", csv.clone()),
            ("study.xml", xml),
            (
                "cd.zip",
                zip_of(&[("IM1", ct.clone()), ("list.csv", csv.clone())]),
            ),
            (
                "nested.zip",
                zip_of(&[("inner.zip", zip_of(&[("list.csv", csv.clone())]))]),
            ),
        ] {
            let (_, deferred) = deferring(name, bytes);
            assert!(deferred, "{name}");
        }
        // Once handed on, the members after the export are not read.
        let zip = zip_of(&[("list.csv", csv), ("IM1", ct.clone()), ("IM2", ct)]);
        let (reports, deferred) = deferring("office.zip", zip);
        assert!(deferred);
        assert_eq!(reports.len(), 1, "{reports:?}");
    }
}
