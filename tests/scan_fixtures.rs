//! Scanning real public files end to end: every transfer syntax we ship a fixture for yields
//! the masked identity and Annex E findings; non-DICOM input gets a specific message.

use dicom_exposure_check::report::render_text;
use dicom_exposure_check::{
    scan_complete, scan_file, DetectOptions, FileStatus, Report, ScanOutcome,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn scan(name: &str) -> dicom_exposure_check::FileReport {
    scan_complete(name, &fixture(name), &DetectOptions::default())
}

#[test]
fn explicit_little_endian_ct_reveals_masked_name_and_id() {
    let r = scan("CT_small.dcm");
    assert_eq!(r.status, FileStatus::Ok, "{:?}", r.message);
    let person = &r.people[0];
    assert_eq!(person.name.as_deref(), Some("C*** C***"));
    assert_eq!(person.id.as_deref(), Some("****"));
    assert_eq!(person.birth_date, None);
    let rule_ids: Vec<&str> = r.findings.iter().map(|f| f.rule.id()).collect();
    assert!(
        rule_ids.contains(&"E-00100010"),
        "PatientName rule: {rule_ids:?}"
    );
    assert!(
        rule_ids.contains(&"E-0020000D"),
        "StudyInstanceUID rule: {rule_ids:?}"
    );
}

#[test]
fn every_fixture_transfer_syntax_is_read() {
    for (file, name) in [
        ("MR_small_bigendian.dcm", Some("C*** M***")),
        ("MR_small_implicit.dcm", Some("C*** M***")),
        ("MR_small_RLE.dcm", Some("C*** M***")),
        ("JPEG2000.dcm", Some("C*** N***")),
        // Deflated; its name is only separators (`^^^^`), which is no name at all.
        ("image_dfl.dcm", None),
    ] {
        let r = scan(file);
        assert_eq!(r.status, FileStatus::Ok, "{file}: {:?}", r.message);
        assert_eq!(
            r.people.first().and_then(|p| p.name.as_deref()),
            name,
            "{file}"
        );
    }
}

#[test]
fn masked_output_never_contains_the_raw_name() {
    let r = scan("CT_small.dcm");
    let report = Report::build(vec![r], "2026-11-28", false);
    let json = report.to_export_json().to_string();
    assert!(!json.contains("CompressedSamples"), "{json}");
    assert!(!render_text(&report).contains("CompressedSamples"));
}

/// Scanned from a 1000-byte prefix, a 1 MB CT asks for more; given the prefix it asks for
/// (its header, not its pixels), it reports exactly what scanning the whole file reports.
#[test]
fn a_prefix_asks_for_more_then_scans_the_same() {
    let bytes = zip_streaming::ct_of_size(1_000_000);
    let options = DetectOptions::default();
    let mut len = 1000;
    let mut asked = Vec::new();
    let from_prefix = loop {
        match scan_file("CT_small.dcm", &bytes[..len], len == bytes.len(), &options) {
            ScanOutcome::NeedMoreBytes { at_least } => {
                assert!(at_least > len, "asked for {at_least} bytes after {len}");
                asked.push(at_least);
                len = at_least.min(bytes.len());
            }
            ScanOutcome::Done(report) => break *report,
            other => panic!("expected a request for more bytes or a report, got {other:?}"),
        }
    };
    assert!(
        !asked.is_empty(),
        "1000 bytes were enough: nothing asked for"
    );
    assert!(
        len < bytes.len(),
        "the header is read from a prefix ({asked:?}), not the whole {} bytes",
        bytes.len()
    );
    let whole = scan_complete("CT_small.dcm", &bytes, &options);
    assert_eq!(whole.status, FileStatus::Ok, "{:?}", whole.message);
    assert_eq!(from_prefix, whole);
}

#[test]
fn text_file_is_not_dicom_with_a_clear_message() {
    let r = scan_complete(
        "notes.txt",
        b"Patient: John Doe\n",
        &DetectOptions::default(),
    );
    assert_eq!(r.status, FileStatus::NotDicom);
    let message = r.message.unwrap_or_default();
    // What was tried: DICOM, ZIP and every export format, by name.
    assert!(
        message.starts_with(
            "Not a format this tool reads (tried DICOM Part 10 and raw datasets, ZIP, "
        ),
        "{message}"
    );
    for format in [
        "nmap XML and text output",
        "Orthanc REST JSON",
        "DICOM JSON (QIDO-RS, WADO-RS)",
        "DICOM XML (DCMTK, PS3.19 Native DICOM Model)",
        "dicom-rs findscu text",
        "dcm4che findscu log",
        "DCMTK findscu / dcmdump text",
        "CSV/TSV worklist",
    ] {
        assert!(message.contains(format), "{format} not named: {message}");
    }
    // Why it is not DICOM: where the marker was looked for, and how far elements were.
    assert!(
        message.ends_with(
            "): no `DICM` marker at byte 128 or 0, and no DICOM element in the first 64 KiB."
        ),
        "{message}"
    );
}

#[test]
fn two_files_of_the_same_patient_are_one_person() {
    let report = Report::build(
        vec![
            scan("MR_small_implicit.dcm"),
            scan("MR_small_bigendian.dcm"),
        ],
        "2026-11-28",
        false,
    );
    assert_eq!(report.summary.distinct_people, 1);
    assert_eq!(report.people[0].files, vec![0, 1]);
}

#[test]
fn a_file_report_survives_the_worker_codec() {
    // The page's worker sends reports with bincode codec, which needs every field.
    let report = scan("CT_small.dcm");
    let bytes = bincode::serialize(&report).expect("encode");
    let back: dicom_exposure_check::FileReport = bincode::deserialize(&bytes).expect("decode");
    // Where the pixel data is matters only to the reader of the file, in the worker.
    assert!(report.pixel_data.is_some());
    let report = dicom_exposure_check::FileReport {
        pixel_data: None,
        ..report
    };
    assert_eq!(back, report);
}

#[test]
fn a_zip_with_a_nested_zip_and_a_stray_file_scans_every_member() {
    use std::io::Write;
    let zip_of = |files: &[(&str, Vec<u8>)]| {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in files {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    };
    let inner = zip_of(&[("MR/IM1", fixture("MR_small_implicit.dcm"))]);
    let outer = zip_of(&[
        ("CT/IM1", fixture("CT_small.dcm")),
        ("notes.txt", b"nothing to see".to_vec()),
        ("inner.zip", inner),
    ]);
    let reports =
        dicom_exposure_check::scan::scan_complete_all("cd.zip", &outer, &DetectOptions::default());
    let names: Vec<&str> = reports.iter().map(|r| r.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "cd.zip/CT/IM1",
            "cd.zip/notes.txt",
            "cd.zip/inner.zip/MR/IM1"
        ]
    );
    assert_eq!(reports[0].status, FileStatus::Ok);
    assert_eq!(reports[1].status, FileStatus::NotDicom);
    assert_eq!(reports[2].people[0].name.as_deref(), Some("C*** M***"));
}

#[test]
fn a_gzipped_dicom_file_is_unpacked_and_reported_as_its_content() {
    use std::io::{Cursor, Write};
    let gzip = |bytes: &[u8]| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    };
    let plain = scan("CT_small.dcm");
    let packed = gzip(&fixture("CT_small.dcm"));
    let options = DetectOptions::default();
    // From memory (the page's export worker) and from a reader (the CLI), a prefix at a time.
    let from_bytes = dicom_exposure_check::scan::scan_complete_all("ct.dcm.gz", &packed, &options);
    let from_reader =
        dicom_exposure_check::scan::scan_reader("ct.dcm.gz", Cursor::new(&packed), &options);
    for reports in [from_bytes, from_reader] {
        assert_eq!(reports.len(), 1);
        let r = &reports[0];
        assert_eq!(r.file_name, "ct.dcm.gz/ct.dcm");
        assert_eq!(r.status, FileStatus::Ok, "{:?}", r.message);
        assert_eq!(r.findings, plain.findings);
        assert_eq!(r.people, plain.people);
    }

    // Cut in the middle of its pixels: the header before the cut is still scanned, and the
    // report says where the data broke.
    let cut = &packed[..packed.len() / 3];
    let reports = dicom_exposure_check::scan::scan_complete_all("cut.dcm.gz", cut, &options);
    assert_eq!(reports[0].people, plain.people);
    assert!(
        reports[0]
            .warnings
            .iter()
            .any(|w| w.contains("gzip data is damaged")),
        "{:?}",
        reports[0].warnings
    );

    // A gzip stream that unpacks to nothing readable is named as such, not as an export.
    let mut junk = vec![0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3];
    junk.extend((0..200u32).map(|i| (i * 37 % 251) as u8));
    let reports = dicom_exposure_check::scan::scan_complete_all("junk.gz", &junk, &options);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Unreadable);
    assert!(reports[0]
        .message
        .as_ref()
        .is_some_and(|m| m.to_string().contains("gzip")));
}

#[test]
fn a_tar_archive_is_read_member_by_member_not_as_its_first_member() {
    // A tar archive holds its files as they are: its first member used to be read as a DICOM
    // file behind 512 bytes of "unexpected data", as if it were the whole archive, and then it
    // was named and not read. Now each file is a member, from memory and from a reader, and
    // inside a gzip file (`.tar.gz`).
    use std::io::{Cursor, Write};
    let plain = scan("CT_small.dcm");
    let bigendian = scan("MR_small_bigendian.dcm");
    let mut builder = tar::Builder::new(Vec::new());
    for (name, fixture_name) in [
        ("a/CT_small.dcm", "CT_small.dcm"),
        ("a/MR", "MR_small_bigendian.dcm"),
    ] {
        let bytes = fixture(fixture_name);
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_cksum();
        builder.append_data(&mut header, name, &bytes[..]).unwrap();
    }
    let tar = builder.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&tar).unwrap();
    let tgz = gz.finish().unwrap();
    let options = DetectOptions::default();
    let scan_all = dicom_exposure_check::scan::scan_complete_all;
    let read_all = |name: &str, bytes: &[u8]| {
        dicom_exposure_check::scan::scan_reader(name, Cursor::new(bytes), &options)
    };
    for (reports, prefix) in [
        (scan_all("scans.tar", &tar, &options), "scans.tar"),
        (read_all("scans.tar", &tar), "scans.tar"),
        (scan_all("scans.tgz", &tgz, &options), "scans.tgz/scans.tar"),
        (read_all("scans.tgz", &tgz), "scans.tgz/scans.tar"),
    ] {
        let names: Vec<&str> = reports.iter().map(|r| r.file_name.as_str()).collect();
        assert_eq!(
            names,
            [format!("{prefix}/a/CT_small.dcm"), format!("{prefix}/a/MR")]
        );
        assert_eq!(
            reports[0].status,
            FileStatus::Ok,
            "{:?}",
            reports[0].message
        );
        assert_eq!(reports[0].findings, plain.findings);
        assert_eq!(reports[0].people, plain.people);
        assert_eq!(reports[1].people, bigendian.people);
    }

    // A header whose checksum does not add up is damage, named for the archive.
    let mut broken = tar.clone();
    broken[148..156].copy_from_slice(b"0000000\0");
    let reports = scan_all("broken.tar", &broken, &options);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Unreadable);
    let message = reports[0].message.as_ref().unwrap().to_string();
    assert!(
        message.contains("tar archive could not be read"),
        "{message}"
    );
}

#[test]
fn a_dicomdir_is_read_with_the_files_it_references() {
    let root = format!("{}/tests/fixtures/dicomdir-set", env!("CARGO_MANIFEST_DIR"));
    let mut names = vec!["DICOMDIR".to_string()];
    for series in ["CR1/6154", "CR2/6247", "CR3/6278", "CT2/17106", "CT2/17136"] {
        names.push(format!("77654033/{series}"));
    }
    let files: Vec<_> = names
        .iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{root}/{name}")).unwrap();
            scan_complete(&format!("cd/{name}"), &bytes, &DetectOptions::default())
        })
        .collect();
    let report = Report::build(files, "2026-11-28", false);
    let set = &report.dicomdir_sets[0];
    assert_eq!(set.dicomdir, 0);
    assert_eq!(set.referenced, 31);
    assert_eq!(set.files, vec![1, 2, 3, 4, 5]);
    assert_eq!(set.missing_count, 26);
    assert!(set.missing.iter().all(|m| !m.starts_with("77654033/CR1")));
}

#[test]
fn a_worklist_column_nobody_mapped_is_scanned_but_not_called_private_vendor_data() {
    let csv = b"Patient Name,Patient ID,Ward note\nDOE^JOHN,12345,called 555-123-4567\n";
    let r = scan_complete("ward.csv", csv, &DetectOptions::default());
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.id()).collect();
    assert!(rules.contains(&"V-PHONE"), "{rules:?}");
    assert!(!rules.contains(&"F-PRIVATE"), "{rules:?}");
}

/// A Conquest DICOMStudies table (dBase layout, names cut to 10 characters) exported as CSV:
/// before its column names were known, only StudyDate was read.
#[test]
fn a_conquest_dbase_export_reveals_names_births_accessions_and_physicians() {
    let name = "exports/conquest-patients-studies.csv";
    let r = scan(name);
    assert_eq!(r.status, FileStatus::Ok, "{:?}", r.message);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.records, 3);
    assert_eq!(r.distinct_people, 3);
    assert_eq!(r.people.len(), 3);
    for person in &r.people {
        assert!(person.name.is_some(), "{person:?}");
        assert!(person.id.is_some(), "{person:?}");
        assert!(person.birth_date.is_some(), "{person:?}");
    }
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.id()).collect();
    for rule in [
        "E-00100010", // PatientName
        "E-00100030", // PatientBirthDate
        "E-00080050", // AccessionNumber
        "E-00080090", // ReferringPhysicianName
        "E-00101010", // PatientAge
        "E-0020000D", // StudyInstanceUID
    ] {
        assert!(rules.contains(&rule), "{rule}: {rules:?}");
    }
    assert!(!rules.contains(&"F-PRIVATE"), "{rules:?}");
}

/// An office's worklist kept in Excel: one report for the workbook (not one per XML part of
/// the ZIP it is), the people of both sheets (the second hidden) with their birth dates, which
/// Excel stores as day numbers.
#[test]
fn an_excel_worklist_is_one_report_with_the_people_of_every_sheet() {
    let name = "exports/worklist-excel.xlsx";
    let bytes = fixture(name);
    let from_reader = dicom_exposure_check::scan::scan_reader(
        name,
        std::io::Cursor::new(&bytes),
        &DetectOptions::default(),
    );
    let whole = match scan_file(name, &bytes, true, &DetectOptions::default()) {
        ScanOutcome::Done(report) => *report,
        other => panic!("expected one report, got {other:?}"),
    };
    assert_eq!(from_reader, std::slice::from_ref(&whole));
    let r = whole;
    assert_eq!(r.status, FileStatus::Ok, "{:?}", r.message);
    assert_eq!(r.kind.label(), "Excel workbook (XLSX) worklist");
    assert_eq!(r.records, 5, "the title line and four people rows");
    assert_eq!(r.distinct_people, 3);
    let people: Vec<(Option<&str>, Option<&str>, Option<&str>)> = r
        .people
        .iter()
        .map(|p| (p.name.as_deref(), p.birth_date.as_deref(), p.id.as_deref()))
        .collect();
    assert_eq!(
        people[..3],
        [
            (Some("D*** J***"), Some("1970-**-**"), Some("******01")),
            (Some("S*** J***"), Some("1970-**-**"), Some("******02")),
            (Some("R*** R***"), Some("1970-**-**"), Some("*****")),
        ]
    );
    let births: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule.id() == "E-00100030")
        .map(|f| f.location.as_str())
        .collect();
    assert_eq!(births, ["sheet 1 row 4", "sheet 1 row 5", "sheet 2 row 2"]);
    assert!(
        r.warnings.iter().any(|w| w.contains("sheet 2 is hidden")),
        "{:?}",
        r.warnings
    );
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.id()).collect();
    for rule in ["E-00100010", "E-00100020", "E-00080050", "E-00080090"] {
        assert!(rules.contains(&rule), "{rule}: {rules:?}");
    }
    assert!(!rules.contains(&"F-PRIVATE"), "{rules:?}");
}

#[test]
fn a_damaged_excel_workbook_is_one_clear_report() {
    use std::io::{Cursor, Read, Write};
    let bytes = fixture("exports/worklist-excel.xlsx");
    let mut source = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut damaged = Vec::new();
    let mut writer = zip::ZipWriter::new(Cursor::new(&mut damaged));
    for i in 0..source.len() {
        let mut file = source.by_index(i).unwrap();
        let name = file.name().to_string();
        if name == "xl/sharedStrings.xml" {
            continue;
        }
        let mut text = Vec::new();
        file.read_to_end(&mut text).unwrap();
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&text).unwrap();
    }
    writer.finish().unwrap();
    let reports = dicom_exposure_check::scan::scan_reader(
        "damaged.xlsx",
        Cursor::new(&damaged),
        &DetectOptions::default(),
    );
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].status, FileStatus::Unsupported);
    let message = reports[0].message.as_deref().unwrap_or_default();
    assert!(
        message.starts_with("Looks like an Excel workbook, but could not be read:")
            && message.contains("xl/sharedStrings.xml is missing"),
        "{message}"
    );
}

/// A workbook sent inside a ZIP (with the images) is still one worklist report, not an archive
/// of XML parts; a ZIP inside the ZIP is still walked.
#[test]
fn an_excel_workbook_inside_a_zip_is_one_worklist_report() {
    use std::io::{Cursor, Write};
    let workbook = fixture("exports/worklist-excel.xlsx");
    let mut inner = zip::ZipWriter::new(Cursor::new(Vec::new()));
    inner
        .start_file("CT_small.dcm", zip::write::SimpleFileOptions::default())
        .unwrap();
    inner.write_all(&fixture("CT_small.dcm")).unwrap();
    let inner = inner.finish().unwrap().into_inner();
    let mut outer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in [("list/patients.xlsx", &workbook), ("images.zip", &inner)] {
        outer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        outer.write_all(bytes).unwrap();
    }
    let outer = outer.finish().unwrap().into_inner();
    let reports = dicom_exposure_check::scan::scan_reader(
        "sent.zip",
        Cursor::new(&outer),
        &DetectOptions::default(),
    );
    let seen: Vec<(&str, &str)> = reports
        .iter()
        .map(|r| (r.file_name.as_str(), r.kind.label()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "sent.zip/list/patients.xlsx",
                "Excel workbook (XLSX) worklist"
            ),
            ("sent.zip/images.zip/CT_small.dcm", "DICOM"),
        ],
        "{reports:#?}"
    );
    assert_eq!(reports[0].distinct_people, 3);
}

// ZIP archives are scanned one member at a time, each from a prefix inflated as far as its
// header needs.

mod zip_streaming {
    use std::cell::RefCell;
    use std::io::{Cursor, Read, Seek, SeekFrom, Write};
    use std::ops::Range;
    use std::rc::Rc;

    use dicom_exposure_check::decode::zip_archive::ZipLimits;
    use dicom_exposure_check::scan::{
        scan_archive, scan_file, scan_reader_each, ScanOutcome, Scanned, FIRST_READ_BYTES,
    };
    use dicom_exposure_check::{DetectOptions, FileReport, FileStatus};
    use zip::CompressionMethod;

    use super::fixture;

    fn zip_with(method: CompressionMethod, files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in files {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    /// Where CT_small's Pixel Data element (explicit VR little endian, OW) starts.
    fn pixel_data_tag(ct: &[u8]) -> usize {
        ct.windows(6)
            .rposition(|w| w == [0xE0, 0x7F, 0x10, 0x00, b'O', b'W'])
            .expect("Pixel Data in CT_small")
    }

    /// CT_small's header, then a Pixel Data element of zeros running to `size` bytes.
    pub(super) fn ct_of_size(size: usize) -> Vec<u8> {
        let mut bytes = fixture("CT_small.dcm");
        let tag = pixel_data_tag(&bytes);
        let length = u32::try_from(size - (tag + 12)).unwrap();
        bytes.truncate(tag + 12);
        bytes[tag + 8..tag + 12].copy_from_slice(&length.to_le_bytes());
        bytes.resize(size, 0);
        bytes
    }

    /// A reader over bytes that logs every byte range it hands out.
    struct Logged {
        inner: Cursor<Vec<u8>>,
        reads: Rc<RefCell<Vec<Range<u64>>>>,
    }

    impl Read for Logged {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let start = self.inner.position();
            let n = self.inner.read(buf)?;
            if n > 0 {
                self.reads.borrow_mut().push(start..start + n as u64);
            }
            Ok(n)
        }
    }

    impl Seek for Logged {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            self.inner.seek(pos)
        }
    }

    fn overlap(a: &Range<u64>, b: &Range<u64>) -> u64 {
        a.end.min(b.end).saturating_sub(a.start.max(b.start))
    }

    #[test]
    fn a_large_archive_is_read_one_member_prefix_at_a_time() {
        const MEMBERS: usize = 20;
        const MEMBER_SIZE: usize = 2_000_000;
        // Bytes read past a prefix: the buffers between the reader and the inflater.
        const SLACK: u64 = 32 * 1024;
        let member = ct_of_size(MEMBER_SIZE);
        let names: Vec<String> = (0..MEMBERS).map(|i| format!("CT/IM{i:02}")).collect();
        let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &member[..])).collect();
        let archive = zip_with(CompressionMethod::Stored, &files);
        let data: Vec<Range<u64>> = {
            let mut zip = zip::ZipArchive::new(Cursor::new(&archive)).unwrap();
            (0..MEMBERS)
                .map(|i| {
                    let entry = zip.by_index(i).unwrap();
                    entry.data_start()..entry.data_start() + entry.compressed_size()
                })
                .collect()
        };

        let reads = Rc::new(RefCell::new(Vec::new()));
        let reader = Logged {
            inner: Cursor::new(archive.clone()),
            reads: reads.clone(),
        };
        // Each report, with how many reads had been made when it came out.
        let mut emitted: Vec<(FileReport, usize)> = Vec::new();
        scan_reader_each(
            "ct.zip",
            reader,
            &DetectOptions::default(),
            &mut |scanned| {
                assert!(matches!(scanned, Scanned::Member(_)), "{scanned:?}");
                emitted.push((scanned.into_report(), reads.borrow().len()))
            },
        );

        let got: Vec<&str> = emitted.iter().map(|(r, _)| r.file_name.as_str()).collect();
        let want: Vec<String> = names.iter().map(|n| format!("ct.zip/{n}")).collect();
        assert_eq!(got, want);
        for (report, _) in &emitted {
            assert_eq!(report.status, FileStatus::Ok, "{:?}", report.message);
            assert_eq!(report.people[0].name.as_deref(), Some("C*** C***"));
        }
        let reads = reads.borrow();
        let total: u64 = reads.iter().map(|r| r.end - r.start).sum();
        let bound = (MEMBERS as u64 + 1) * (FIRST_READ_BYTES as u64 + SLACK);
        assert!(
            total <= bound,
            "read {total} bytes of a {} byte archive",
            archive.len()
        );
        for (k, member) in data.iter().enumerate() {
            let from_member: u64 = reads.iter().map(|r| overlap(r, member)).sum();
            assert!(
                from_member <= 2 * FIRST_READ_BYTES as u64 + SLACK,
                "member {k}: read {from_member} bytes of it"
            );
            // Streaming: the start of member k+1 is not read before member k's report is out.
            // (Its end may be: opening the archive reads back from the end of the file.)
            if let Some(next) = data.get(k + 1) {
                let next_start = next.start..next.start + FIRST_READ_BYTES as u64;
                let before_report = &reads[..emitted[k].1];
                assert!(
                    before_report.iter().all(|r| overlap(r, &next_start) == 0),
                    "member {} was read before member {k} was reported",
                    k + 1
                );
            }
        }
        eprintln!(
            "read {total} of {} archive bytes ({} reads)",
            archive.len(),
            reads.len()
        );
    }

    #[test]
    fn a_member_whose_header_runs_past_the_first_prefix_is_read_again_further() {
        // CT_small with a 300 KiB Overlay Data (6000,3000) OW element before its Pixel Data:
        // the header ends past FIRST_READ_BYTES.
        const OVERLAY: usize = 300 * 1024;
        let ct = fixture("CT_small.dcm");
        let tag = pixel_data_tag(&ct);
        let mut long = ct[..tag].to_vec();
        long.extend_from_slice(&[0x00, 0x60, 0x00, 0x30, b'O', b'W', 0, 0]);
        long.extend_from_slice(&u32::try_from(OVERLAY).unwrap().to_le_bytes());
        long.resize(long.len() + OVERLAY, 0x55);
        long.extend_from_slice(&ct[tag..]);
        let options = DetectOptions::default();
        assert!(
            matches!(
                scan_file("long.dcm", &long[..FIRST_READ_BYTES], false, &options),
                ScanOutcome::NeedMoreBytes { .. }
            ),
            "the first prefix alone is not enough"
        );

        for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
            let archive = zip_with(method, &[("CT/LONG", &long)]);
            let reports = scan_archive(
                Cursor::new(archive),
                "long.zip",
                &options,
                &ZipLimits::default(),
            );
            assert_eq!(reports.len(), 1);
            assert_eq!(
                reports[0].status,
                FileStatus::Ok,
                "{:?}",
                reports[0].message
            );
            assert_eq!(reports[0].people[0].name.as_deref(), Some("C*** C***"));
        }
    }

    /// Set the "encrypted" flag of every member, in the local and the central headers.
    fn mark_encrypted(archive: &mut [u8]) {
        for (signature, flags_at) in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)] {
            let starts: Vec<usize> = archive
                .windows(4)
                .enumerate()
                .filter(|(_, w)| w == signature)
                .map(|(i, _)| i)
                .collect();
            for at in starts {
                archive[at + flags_at] |= 1;
            }
        }
    }

    fn names_and_statuses(reports: &[FileReport]) -> Vec<(&str, FileStatus)> {
        reports
            .iter()
            .map(|r| (r.file_name.as_str(), r.status))
            .collect()
    }

    fn message(report: &FileReport) -> &str {
        report.message.as_deref().unwrap_or_default()
    }

    #[test]
    fn every_archive_limit_is_a_report_in_place_and_the_scan_goes_on() {
        let ct = fixture("CT_small.dcm");
        let options = DetectOptions::default();
        let scan = |archive: Vec<u8>, limits: &ZipLimits| {
            scan_archive(Cursor::new(archive), "a.zip", &options, limits)
        };

        // Zip bomb, nesting depth and nested size, among good members.
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let deepest = zip_with(CompressionMethod::Deflated, &[("IM", &ct)]);
        let deep = zip_with(CompressionMethod::Stored, &[("c.zip", &deepest)]);
        let deep = zip_with(CompressionMethod::Stored, &[("b.zip", &deep)]);
        let big_inner = zip_with(CompressionMethod::Stored, &[("IM", &ct), ("IM2", &ct)]);
        let archive = zip_with(
            CompressionMethod::Deflated,
            &[
                ("IM1", &ct),
                ("bomb.bin", &zeros),
                ("deep.zip", &deep),
                ("big.zip", &big_inner),
                ("IM2", &ct),
            ],
        );
        let limits = ZipLimits {
            max_nested_archive: ct.len() as u64 + 1_000,
            ..ZipLimits::default()
        };
        let reports = scan(archive, &limits);
        assert_eq!(
            names_and_statuses(&reports),
            [
                ("a.zip/IM1", FileStatus::Ok),
                ("a.zip/bomb.bin", FileStatus::Unreadable),
                ("a.zip/deep.zip/b.zip/c.zip", FileStatus::Unreadable),
                ("a.zip/big.zip", FileStatus::Unreadable),
                ("a.zip/IM2", FileStatus::Ok),
            ]
        );
        assert!(message(&reports[1]).contains("zip bomb"));
        assert!(message(&reports[2]).contains("nested more than 3 deep"));
        assert!(message(&reports[3]).contains("a nested archive over"));

        // The per-member limit: the header does not end within it.
        let archive = zip_with(CompressionMethod::Deflated, &[("IM1", &ct)]);
        let limits = ZipLimits {
            entry_read: 4_096,
            ..ZipLimits::default()
        };
        let reports = scan(archive, &limits);
        assert_eq!(reports[0].status, FileStatus::Truncated);
        assert_eq!(
            message(&reports[0]),
            "only the first 4096 bytes were inflated (the per-member limit)"
        );

        // The total budget: the first member whole, the second cut, the third not read.
        let archive = zip_with(
            CompressionMethod::Deflated,
            &[("IM1", &ct), ("IM2", &ct), ("IM3", &ct)],
        );
        let limits = ZipLimits {
            max_total_read: ct.len() as u64 + 100,
            ..ZipLimits::default()
        };
        let reports = scan(archive, &limits);
        let statuses: Vec<FileStatus> = reports.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                FileStatus::Ok,
                FileStatus::Truncated,
                FileStatus::Unreadable
            ]
        );
        assert!(message(&reports[1]).starts_with("only the first 100 bytes were inflated"));
        assert!(message(&reports[2]).starts_with("not read: the archive already inflated"));

        // Too many entries: the archive itself is refused.
        let archive = zip_with(CompressionMethod::Deflated, &[("IM1", &ct), ("IM2", &ct)]);
        let limits = ZipLimits {
            max_entries: 1,
            ..ZipLimits::default()
        };
        let reports = scan(archive, &limits);
        assert_eq!(
            names_and_statuses(&reports),
            [("a.zip", FileStatus::Unsupported)]
        );
        assert!(message(&reports[0]).contains("more than the limit of 1"));

        // Encrypted members.
        let mut archive = zip_with(CompressionMethod::Stored, &[("IM1", &ct)]);
        mark_encrypted(&mut archive);
        let reports = scan(archive, &ZipLimits::default());
        assert_eq!(reports[0].status, FileStatus::Unreadable);
        assert!(message(&reports[0]).starts_with("encrypted"));
    }
}

/// Console output of dicom-rs `dicom-findscu -v` and of dcm4che `findscu` at DEBUG level
/// (synthetic, following the tools' printing code; see `fixtures/exports/README.md`): each is
/// read by its own decoder, every response data set is a record, and no value carries the
/// attribute's keyword (dcm4che prints `[DOE^JOHN] PatientName`) or a quote mark.
#[test]
fn dicom_rs_and_dcm4che_findscu_output_are_read_value_by_value() {
    let reveal = DetectOptions {
        reveal_values: true,
    };
    for (name, format) in [
        (
            "exports/dicom-rs-findscu-study-v.txt",
            "dicom-rs findscu output",
        ),
        (
            "exports/dcm4che-findscu-study-debug.txt",
            "dcm4che findscu output",
        ),
    ] {
        let r = scan_complete(name, &fixture(name), &reveal);
        assert_eq!(r.status, FileStatus::Ok, "{name}: {:?}", r.message);
        assert_eq!(r.kind.label(), format, "{name}");
        assert_eq!(r.records, 4, "{name}");
        assert_eq!(r.distinct_people, 3, "{name}");
        assert_eq!(r.query_level.as_deref(), Some("STUDY"), "{name}");
        let mut names: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.path == "(0010,0010)")
            .filter_map(|f| f.raw.as_deref())
            .collect();
        names.dedup();
        assert_eq!(names, ["DOE^JOHN", "ROE^JANE", "SMITH^ALEX"], "{name}");
        for f in &r.findings {
            let raw = f.raw.as_deref().unwrap_or("");
            let glued = !f.keyword.is_empty() && raw.contains(f.keyword.as_str());
            assert!(!glued && !raw.contains('"'), "{name}: {} = {raw:?}", f.path);
        }
    }
}

/// A DICOMDIR whose record offsets loop (every "next" and "lower level" offset points back
/// at the first record) is read as the records it holds, once each: the scanner reads
/// records in file order and never follows offsets, so a loop cannot make it spin.
#[test]
fn a_dicomdir_whose_offsets_loop_is_read_once_in_file_order() {
    let original = fixture("DICOMDIR");
    let mut looped = original.clone();
    let first_record = {
        // (0004,1200) Offset of the First Directory Record of the Root Directory Entity.
        let at = find(&original, &[0x04, 0x00, 0x00, 0x12, b'U', b'L', 4, 0]).unwrap();
        original[at + 8..at + 12].to_vec()
    };
    let mut patched = 0;
    // (0004,1400) next record, (0004,1420) lower-level records.
    for tag in [[0x04, 0x00, 0x00, 0x14], [0x04, 0x00, 0x20, 0x14]] {
        let header = [tag[0], tag[1], tag[2], tag[3], b'U', b'L', 4, 0];
        let mut from = 0;
        while let Some(at) = find(&looped[from..], &header).map(|at| at + from) {
            looped[at + 8..at + 12].copy_from_slice(&first_record);
            patched += 1;
            from = at + 12;
        }
    }
    assert!(patched > 10, "{patched}");
    let options = DetectOptions::default();
    let before = scan_complete("DICOMDIR", &original, &options);
    let after = scan_complete("DICOMDIR", &looped, &options);
    assert_eq!(after.status, before.status);
    assert_eq!(after.people, before.people);
    assert_eq!(after.referenced_files, before.referenced_files);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The page's warm-up header (www/warmup.dcm, made by tools/make_warmup.py) is read whole and
/// reaches what a real vendor header does: the long-text detectors (dates and an address in
/// free text and in the report tree), private groups, nested sequences. The page's first scan
/// worker reads it while it waits (src/web/warmup.rs); a header that stopped exercising these
/// would warm less of the code a scan runs.
#[test]
fn the_warm_up_header_exercises_what_a_vendor_header_does() {
    let path = format!("{}/www/warmup.dcm", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() < 32 * 1024, "small: {} bytes", bytes.len());
    let r = scan_complete("warmup.dcm", &bytes, &DetectOptions::default());
    assert_eq!(r.status, FileStatus::Ok, "{:?}", r.message);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.id()).collect();
    for rule in ["V-DATE", "V-ADDRESS", "F-PRIVATE", "E-00100010"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    let nested = r.findings.iter().filter(|f| f.path.contains("].")).count();
    assert!(nested >= 10, "{nested} findings in sequence items");
    // Made up, and says so: no real person's name.
    assert_eq!(
        r.people[0].name.as_deref(),
        Some("W*** S***"),
        "the synthetic name"
    );
}

#[test]
fn big_endian_trailing_padding_after_the_pixels_is_not_appended_data() {
    // pydicom's MR_small_expb.dcm: Explicit VR Big Endian, its pixel data followed by 126
    // bytes of (FFFC,FFFC) Data Set Trailing Padding. Read as a little-endian header, the
    // padding was reported as a second file hidden behind the image.
    let options = DetectOptions::default();
    let bytes = fixture("MR_small_expb.dcm");
    let whole =
        dicom_exposure_check::scan::scan_complete_all("MR_small_expb.dcm", &bytes, &options);
    let read = dicom_exposure_check::scan::scan_reader(
        "MR_small_expb.dcm",
        std::io::Cursor::new(&bytes),
        &options,
    );
    for reports in [whole, read] {
        assert_eq!(reports.len(), 1, "{reports:#?}");
        let r = &reports[0];
        assert_eq!(r.status, FileStatus::Ok, "{:?}", r.message);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(
            r.people.first().and_then(|p| p.name.as_deref()),
            Some("C*** M***")
        );
    }
}
