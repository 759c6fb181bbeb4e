//! Clean copies of the real fixture files (tests/fixtures/README.md): each is copied and proven
//! clean, or left out for a stated reason; every copy is read back by dicom-rs and by DCMTK's
//! dcmdump, keeps its pixel data and transfer syntax, and holds none of the input's identifiers.

use std::path::{Path, PathBuf};
use std::process::Command;

use dicom_core::value::DataSetSequence;
use dicom_core::{DataElement, Length, PrimitiveValue, Tag, VR};
use dicom_dictionary_std::tags;
use dicom_exposure_check::deidentify::action::{decide, Action};
use dicom_exposure_check::deidentify::manifest::Manifest;
use dicom_exposure_check::deidentify::{
    CleanCopy, DateHandling, LeftOut, Options, ProfileOption, Run, MAX_DEPTH,
};
use dicom_exposure_check::rules::rule::Rule;
use dicom_exposure_check::rules::Severity;
use dicom_exposure_check::scan::scan_complete;
use dicom_exposure_check::DetectOptions;
use dicom_object::{DefaultDicomObject, InMemDicomObject, OpenFileOptions};

const SECRET: [u8; 32] = [0x5A; 32];

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every fixture that is not an export or a README, in name order.
fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let dir = fixture_dir();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files
        .retain(|p| !p.starts_with(dir.join("exports")) && p.extension().is_none_or(|e| e != "md"));
    files.sort();
    assert!(files.len() >= 30, "{}", files.len());
    files
}

fn name(path: &Path) -> String {
    path.strip_prefix(fixture_dir())
        .unwrap()
        .display()
        .to_string()
}

fn open(bytes: &[u8]) -> DefaultDicomObject {
    let start = if bytes.get(128..132) == Some(b"DICM") {
        128
    } else if bytes.starts_with(b"DICM") {
        0
    } else {
        return open_raw(bytes);
    };
    OpenFileOptions::new()
        .read_preamble(dicom_object::file::ReadPreamble::Never)
        .from_reader(&bytes[start..])
        .expect("dicom-rs reads the file")
}

/// A data set without a file header, read by dicom-rs in the transfer syntax the scanner's
/// reader finds (tried blindly, a wrong syntax makes dicom-rs allocate gigabytes).
fn open_raw(bytes: &[u8]) -> DefaultDicomObject {
    use dicom_encoding::transfer_syntax::TransferSyntaxIndex;
    use dicom_exposure_check::decode::dicom::{read_dicom, ReadOutcome};
    use dicom_transfer_syntax_registry::TransferSyntaxRegistry;
    let ReadOutcome::Read(read) = read_dicom(bytes, true) else {
        panic!("not a data set");
    };
    let syntax = TransferSyntaxRegistry.get(&read.transfer_syntax).unwrap();
    let object = InMemDicomObject::read_dataset_with_ts(&bytes[read.data_set_at..], syntax)
        .expect("dicom-rs reads it");
    let meta = dicom_object::meta::FileMetaTableBuilder::new()
        .media_storage_sop_class_uid(text(&object, tags::SOP_CLASS_UID))
        .media_storage_sop_instance_uid(text(&object, tags::SOP_INSTANCE_UID))
        .transfer_syntax(syntax.uid())
        .build()
        .unwrap();
    object.with_exact_meta(meta)
}

fn text(object: &InMemDicomObject, tag: Tag) -> String {
    object
        .get(tag)
        .and_then(|e| e.value().to_str().ok())
        .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
        .unwrap_or_default()
}

fn to_bytes(object: DefaultDicomObject) -> Vec<u8> {
    let mut out = Vec::new();
    object.write_all(&mut out).unwrap();
    out
}

/// The identifying values the checker finds in `bytes` (Annex E attributes and text hits of
/// medium severity or more), as written; only those long and plain enough to search for.
fn identifiers(bytes: &[u8]) -> Vec<String> {
    let report = scan_complete(
        "input",
        bytes,
        &DetectOptions {
            reveal_values: true,
        },
    );
    let options = Options::default();
    let mut values: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Medium)
        .filter(|f| match f.rule {
            Rule::File(_) => false,
            // Clean Descriptors keeps a description once the detectors found nothing in it.
            Rule::AnnexE(row) => decide(row, &options).action != Action::Clean,
            _ => true,
        })
        .filter_map(|f| f.raw.clone())
        .flat_map(|raw| {
            raw.split('\\')
                .map(|v| v.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|v| v.len() >= 6 && v.is_ascii())
        .collect();
    values.sort();
    values.dedup();
    values
}

/// dcmdump reads `bytes` without an error.
fn dcmdump_reads(bytes: &[u8], label: &str) {
    let dir = std::env::temp_dir().join(format!("deid-dcmdump-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(label.replace('/', "_"));
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("dcmdump")
        .arg(&path)
        .output()
        .expect("DCMTK dcmdump is installed (.ci/setup --test installs it)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stderr.contains("E: "),
        "{label}: dcmdump: {stderr}"
    );
    std::fs::remove_file(&path).unwrap();
}

fn copy_all(options: Options) -> Vec<(PathBuf, Vec<u8>, Result<CleanCopy, LeftOut>)> {
    let run = Run::new(options, SECRET).expect("options");
    fixtures()
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let copy = run.copy(&bytes);
            (path, bytes, copy)
        })
        .collect()
}

#[test]
fn every_fixture_is_copied_clean_or_left_out_for_its_reason() {
    let results = copy_all(Options::default());
    let mut copied = 0;
    for (path, _, result) in &results {
        let file = name(path);
        let expected = if file.ends_with("DICOMDIR") {
            Some(LeftOut::Dicomdir)
        } else {
            None
        };
        match (result, expected) {
            (Err(reason), Some(expected)) => assert_eq!(*reason, expected, "{file}"),
            (Err(LeftOut::CannotRead { detail }), None) => {
                // dicom-rs cannot read these three whole: one is cut inside its header, one
                // holds an undefined-length UN sequence, and one's meta group names no
                // transfer syntax (the scan guesses it; a copy is not made on a guess).
                assert!(
                    [
                        "rtplan_truncated.dcm",
                        "UN_sequence.dcm",
                        "meta_missing_tsyntax.dcm",
                    ]
                    .contains(&file.as_str()),
                    "{file}: {detail}"
                );
            }
            (Err(LeftOut::PixelsMayShowText { rule_id }), None) => {
                assert!(rule_id.starts_with("F-BURNED-IN"), "{file}: {rule_id}")
            }
            (Ok(copy), None) => {
                copied += 1;
                assert!(
                    copy.verification.is_clean(),
                    "{file}: {:?}",
                    copy.verification
                );
            }
            (other, expected) => panic!("{file}: {other:?}, expected {expected:?}"),
        }
    }
    assert!(copied >= 12, "{copied}");
}

#[test]
fn copies_keep_pixels_and_syntax_lose_every_identifier_and_read_in_dcmtk() {
    let results = copy_all(Options {
        keep_burned_in: true,
        ..Options::default()
    });
    let mut checked = 0;
    for (path, input, result) in &results {
        let Ok(copy) = result else { continue };
        let file = name(path);
        let (before, after) = (open(input), open(&copy.bytes));
        assert_eq!(
            before.meta().transfer_syntax(),
            after.meta().transfer_syntax(),
            "{file}"
        );
        assert_eq!(
            before.get(tags::PIXEL_DATA).map(|e| e.value()),
            after.get(tags::PIXEL_DATA).map(|e| e.value()),
            "{file}: pixel data changed"
        );
        let (meta_uid, sop_uid) = (
            after.meta().media_storage_sop_instance_uid(),
            text(&after, tags::SOP_INSTANCE_UID),
        );
        assert!(
            sop_uid.is_empty() || meta_uid.trim_end_matches('\0') == sop_uid,
            "{file}"
        );
        let had_uid = !before
            .meta()
            .media_storage_sop_instance_uid()
            .trim_end_matches('\0')
            .is_empty();
        assert_eq!(meta_uid.starts_with("2.25."), had_uid, "{file}: {meta_uid}");
        assert_eq!(
            text(&after, tags::PATIENT_IDENTITY_REMOVED),
            "YES",
            "{file}"
        );
        let methods = after
            .get(tags::DEIDENTIFICATION_METHOD_CODE_SEQUENCE)
            .unwrap();
        let codes: Vec<String> = methods
            .items()
            .unwrap()
            .iter()
            .map(|i| text(i, tags::CODE_VALUE))
            .collect();
        assert_eq!(codes, ["113100", "113104", "113105"], "{file}");
        let haystack = String::from_utf8_lossy(&copy.bytes);
        for value in identifiers(input) {
            assert!(
                !haystack.contains(&value),
                "{file}: {value:?} is still in the copy"
            );
        }
        dcmdump_reads(&copy.bytes, &file);
        checked += 1;
    }
    assert!(checked >= 25, "{checked}");
}

#[test]
fn one_uid_gets_one_new_uid_and_one_person_one_name_over_the_whole_set() {
    let results = copy_all(Options::default());
    let ct: Vec<(DefaultDicomObject, DefaultDicomObject)> = results
        .iter()
        .filter(|(p, _, _)| name(p).contains("CT2/"))
        .map(|(_, input, copy)| (open(input), open(&copy.as_ref().unwrap().bytes)))
        .collect();
    assert_eq!(ct.len(), 4);
    for tag in [
        tags::STUDY_INSTANCE_UID,
        tags::SERIES_INSTANCE_UID,
        tags::FRAME_OF_REFERENCE_UID,
    ] {
        let old: Vec<String> = ct.iter().map(|(b, _)| text(b, tag)).collect();
        let new: Vec<String> = ct.iter().map(|(_, a)| text(a, tag)).collect();
        assert!(
            old.iter().all(|u| *u == old[0]) && new.iter().all(|u| *u == new[0]),
            "{tag}"
        );
        assert!(
            new[0].starts_with("2.25.") && new[0] != old[0],
            "{tag}: {}",
            new[0]
        );
    }
    let sop: std::collections::HashSet<String> = ct
        .iter()
        .map(|(_, a)| text(a, tags::SOP_INSTANCE_UID))
        .collect();
    assert_eq!(sop.len(), 4, "each image keeps a UID of its own");
    let names: Vec<(String, String)> = ct
        .iter()
        .map(|(_, a)| (text(a, tags::PATIENT_NAME), text(a, tags::PATIENT_ID)))
        .collect();
    let first = names[0].clone();
    assert!(names.iter().all(|n| *n == first), "{names:?}");
    assert!(
        first.0.starts_with("Patient ") && first.1.starts_with("ANON"),
        "{first:?}"
    );
    let other = results
        .iter()
        .find(|(p, _, _)| name(p) == "CT_small.dcm")
        .unwrap();
    let other = open(&other.2.as_ref().unwrap().bytes);
    assert_ne!(
        text(&other, tags::PATIENT_NAME),
        first.0,
        "another person, another number"
    );
}

#[test]
fn modified_dates_move_by_one_shift_per_person_and_say_so() {
    let options = Options {
        dates: DateHandling::Shift,
        ..Options::default()
    };
    let results = copy_all(options);
    let days = |d: &str| {
        let (y, m, d): (i64, i64, i64) = (
            d[..4].parse().unwrap(),
            d[4..6].parse().unwrap(),
            d[6..8].parse().unwrap(),
        );
        // Days from a fixed epoch (any monotone count works for differences within a century).
        let a = (14 - m) / 12;
        let (y, m) = (y + 4800 - a, m + 12 * a - 3);
        d + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400
    };
    let mut shifts = std::collections::BTreeMap::new();
    for (path, input, result) in &results {
        let Ok(copy) = result else { continue };
        let (before, after) = (open(input), open(&copy.bytes));
        let (old, new) = (
            text(&before, tags::STUDY_DATE),
            text(&after, tags::STUDY_DATE),
        );
        if old.len() != 8 {
            continue;
        }
        assert_eq!(
            text(&after, tags::LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED),
            "MODIFIED"
        );
        let shift = days(&new) - days(&old);
        assert!(
            (-3650..0).contains(&shift),
            "{}: {old} -> {new}",
            name(path)
        );
        shifts
            .entry(text(&after, tags::PATIENT_ID))
            .or_insert_with(Vec::new)
            .push(shift);
    }
    assert!(shifts.len() >= 3, "{shifts:?}");
    for (person, list) in &shifts {
        assert!(list.iter().all(|s| *s == list[0]), "{person}: {list:?}");
    }
    let distinct: std::collections::HashSet<i64> = shifts.values().map(|l| l[0]).collect();
    assert!(
        distinct.len() >= 2,
        "people get shifts of their own: {shifts:?}"
    );
}

#[test]
fn retained_uids_are_kept_and_the_check_names_the_option() {
    let results = copy_all(Options {
        uids: true,
        ..Options::default()
    });
    let (_, input, copy) = results
        .iter()
        .find(|(p, _, _)| name(p) == "CT_small.dcm")
        .unwrap();
    let copy = copy.as_ref().unwrap();
    let (before, after) = (open(input), open(&copy.bytes));
    assert_eq!(
        text(&before, tags::SOP_INSTANCE_UID),
        text(&after, tags::SOP_INSTANCE_UID)
    );
    assert!(
        copy.verification
            .kept
            .get(&ProfileOption::RetainUids)
            .is_some_and(|n| *n >= 3),
        "{:?}",
        copy.verification
    );
    assert!(copy.verification.is_clean());
}

fn ct_small() -> DefaultDicomObject {
    open(&std::fs::read(fixture_dir().join("CT_small.dcm")).unwrap())
}

fn put_text(object: &mut InMemDicomObject, tag: Tag, vr: VR, value: &str) {
    object.put(DataElement::new(tag, vr, PrimitiveValue::from(value)));
}

#[test]
fn identifiers_in_free_text_are_cut_out_and_the_rest_is_kept() {
    let mut object = ct_small();
    put_text(
        &mut object,
        tags::STUDY_DESCRIPTION,
        VR::LO,
        "CT HEAD SSN 123-45-6789",
    );
    put_text(
        &mut object,
        tags::MANUFACTURER,
        VR::LO,
        "ACME call 555-867-5309",
    );
    put_text(
        &mut object,
        tags::DERIVATION_DESCRIPTION,
        VR::ST,
        "Reviewed for CompressedSamples on 2024-03-05",
    );
    let bytes = to_bytes(object);
    let copy = Run::new(Options::default(), SECRET)
        .expect("options")
        .copy(&bytes)
        .unwrap();
    let after = open(&copy.bytes);
    assert_eq!(text(&after, tags::STUDY_DESCRIPTION), "CT HEAD SSN ***");
    assert_eq!(text(&after, tags::MANUFACTURER), "ACME call ***");
    assert_eq!(
        text(&after, tags::DERIVATION_DESCRIPTION),
        "Reviewed for *** on ***"
    );
    assert!(copy.counts.text_cuts >= 4, "{:?}", copy.counts);
    // Without Clean Descriptors the description goes whole, as the Basic Profile says.
    let basic = Options {
        clean_descriptors: false,
        ..Options::default()
    };
    let copy = Run::new(basic, SECRET)
        .expect("options")
        .copy(&bytes)
        .unwrap();
    assert_eq!(open(&copy.bytes).get(tags::STUDY_DESCRIPTION), None);
}

/// An SR-like content tree `depth` levels deep, with a text and a person name at the bottom.
fn content_tree(depth: usize, text_value: &str) -> InMemDicomObject {
    let mut item = InMemDicomObject::new_empty();
    put_text(&mut item, tags::VALUE_TYPE, VR::CS, "TEXT");
    put_text(&mut item, tags::TEXT_VALUE, VR::UT, text_value);
    put_text(&mut item, tags::PERSON_NAME, VR::PN, "Roe^Richard");
    for _ in 0..depth {
        let mut parent = InMemDicomObject::new_empty();
        put_text(&mut parent, tags::VALUE_TYPE, VR::CS, "CONTAINER");
        parent.put(DataElement::new(
            tags::CONTENT_SEQUENCE,
            VR::SQ,
            DataSetSequence::new(vec![item], Length::UNDEFINED),
        ));
        item = parent;
    }
    item
}

fn with_content(depth: usize, text_value: &str) -> Vec<u8> {
    let mut object = ct_small();
    let tree = content_tree(depth, text_value);
    for element in tree {
        object.put(element);
    }
    to_bytes(object)
}

fn deepest_text(object: &InMemDicomObject) -> (String, String) {
    let mut item = object.clone();
    while let Some(next) = item
        .get(tags::CONTENT_SEQUENCE)
        .and_then(|e| e.items())
        .and_then(|i| i.first().cloned())
    {
        item = next;
    }
    (
        text(&item, tags::TEXT_VALUE),
        text(&item, tags::PERSON_NAME),
    )
}

#[test]
fn a_content_tree_is_cleaned_at_every_depth() {
    let bytes = with_content(20, "Seen by Dr Roe, call 555-867-5309, SSN 219-09-9998");
    let copy = Run::new(Options::default(), SECRET)
        .expect("options")
        .copy(&bytes)
        .unwrap();
    let (text_value, person) = deepest_text(&open(&copy.bytes));
    assert_eq!(text_value, "Seen by Dr Roe, call ***, SSN ***");
    assert_eq!(person, "ANONYMOUS");
    // Without Clean Structured Content, the Basic Profile's dummy content replaces the text.
    let basic = Options {
        clean_structured_content: false,
        ..Options::default()
    };
    let copy = Run::new(basic, SECRET)
        .expect("options")
        .copy(&bytes)
        .unwrap();
    assert_eq!(deepest_text(&open(&copy.bytes)).0, "ANONYMIZED");
}

#[test]
fn an_archive_holding_a_dicom_file_as_it_is_is_left_out_not_copied_as_its_first_member() {
    use std::io::Write;
    let dicom =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/CT_small.dcm"))
            .unwrap();
    // A tar: a 512-byte header, then the file as it is.
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_ustar();
    header.set_size(dicom.len() as u64);
    header.set_cksum();
    builder
        .append_data(&mut header, "CT_small.dcm", &dicom[..])
        .unwrap();
    let tar = builder.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&dicom).unwrap();
    let run = Run::new(Options::default(), SECRET).expect("options");
    for archive in [tar, gz.finish().unwrap()] {
        assert_eq!(run.copy(&archive).unwrap_err(), LeftOut::Archive);
    }
    assert!(run.copy(&dicom).is_ok());
}

#[test]
fn sequences_nested_past_the_limit_leave_the_file_out_whole() {
    let deep = with_content(MAX_DEPTH as usize + 2, "x");
    assert_eq!(
        Run::new(Options::default(), SECRET)
            .expect("options")
            .copy(&deep)
            .unwrap_err(),
        LeftOut::TooDeep
    );
    let fine = with_content(MAX_DEPTH as usize - 2, "x");
    assert!(Run::new(Options::default(), SECRET)
        .expect("options")
        .copy(&fine)
        .is_ok());
}

#[test]
fn the_manifest_names_no_one_and_keeps_no_secret() {
    let options = Options::default();
    let mut manifest = Manifest::new(&options);
    let mut every_identifier = Vec::new();
    for (i, (_, input, result)) in copy_all(options).into_iter().enumerate() {
        every_identifier.extend(identifiers(&input));
        match result {
            Ok(copy) => manifest.add_copy(copy.person, &copy.counts, &copy.verification),
            Err(reason) => manifest.add_left_out(i as u64 + 1, reason),
        }
    }
    let (json, text) = (manifest.to_json(), manifest.to_text());
    assert!(manifest.files_written >= 12 && !manifest.left_out.is_empty());
    assert!(text.contains("No identifier left in any of the"), "{text}");
    for written in [&json, &text] {
        for value in &every_identifier {
            assert!(
                !written.contains(value.as_str()),
                "{value:?} in the manifest"
            );
        }
        // "DICOMDIR" is the standard's name for the index file, not a name someone chose.
        for path in fixtures().into_iter().filter(|p| !p.ends_with("DICOMDIR")) {
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            assert!(!written.contains(&file), "file name {file} in the manifest");
        }
        let secret_hex: String = SECRET.iter().map(|b| format!("{b:02x}")).collect();
        assert!(!written.contains(&secret_hex) && !written.contains("90, 90, 90"));
    }
}

/// A copy dropped back into the checker names no one: its replacement names, IDs, UIDs and
/// dummies are recognised as the copy's own, and only risks of the pixels stay above info.
#[test]
fn a_copy_scanned_again_names_no_one_and_shows_only_pixel_risks() {
    for dates in [DateHandling::Remove, DateHandling::Shift] {
        let results = copy_all(Options {
            dates,
            name_prefix: "Fall".to_string(),
            ..Options::default()
        });
        let mut checked = 0;
        for (path, _, result) in &results {
            let Ok(copy) = result else { continue };
            let file = name(path);
            let report = scan_complete(&file, &copy.bytes, &DetectOptions::default());
            assert!(report.people.is_empty(), "{file}: {:?}", report.people);
            for finding in &report.findings {
                assert!(
                    finding.severity == Severity::Info || finding.path == "file",
                    "{file} ({dates:?}): {finding:?}"
                );
                assert_ne!(finding.rule.id(), "F-DEID-BROKEN", "{file}");
            }
            checked += 1;
        }
        assert!(checked >= 12, "{checked}");
    }
}

/// Recognising the copy's own values hides nothing else: a real name written into a copy
/// afterwards is found, and breaks the de-identification it claims.
#[test]
fn a_name_added_to_a_copy_is_still_found() {
    let results = copy_all(Options::default());
    let copy = results
        .iter()
        .find_map(|(_, _, r)| r.as_ref().ok())
        .expect("a copy");
    let mut object = open(&copy.bytes);
    object.put(DataElement::new(
        tags::PATIENT_BIRTH_DATE,
        VR::DA,
        PrimitiveValue::from("19650412"),
    ));
    object.put(DataElement::new(
        tags::PATIENT_ID,
        VR::LO,
        PrimitiveValue::from("ANON1X"),
    ));
    let report = scan_complete("tampered", &to_bytes(object), &DetectOptions::default());
    let high: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .map(|f| f.keyword.as_str())
        .collect();
    assert!(
        high.contains(&"PatientBirthDate"),
        "{high:?} {:?}",
        report.findings
    );
    assert!(high.contains(&"PatientID"), "{high:?}");
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule.id() == "F-DEID-BROKEN"),
        "{:?}",
        report.findings
    );
}

fn private_tags(object: &InMemDicomObject) -> Vec<(u16, u16)> {
    object
        .iter()
        .map(|e| (e.header().tag.0, e.header().tag.1))
        .filter(|(group, _)| group % 2 == 1)
        .collect()
}

/// Retain Safe Private keeps the safe-listed numbers of a real GE CT (PS3.15 Table E.3.10-1)
/// with their creators, and nothing else private; a safe-listed element holding a name goes.
#[test]
fn retain_safe_private_keeps_only_safe_listed_numbers_and_their_creators() {
    let bytes = std::fs::read(fixture_dir().join("CT_small.dcm")).unwrap();
    let safe = Options {
        safe_private: true,
        ..Options::default()
    };
    let copy = Run::new(safe.clone(), SECRET)
        .expect("options")
        .copy(&bytes)
        .unwrap();
    let object = open(&copy.bytes);
    assert_eq!(
        private_tags(&object),
        [
            (0x0019, 0x0010),
            (0x0019, 0x1023),
            (0x0019, 0x1024),
            (0x0019, 0x1027),
            (0x0025, 0x0010),
            (0x0025, 0x1007),
        ]
    );
    assert_eq!(text(&object, Tag(0x0019, 0x1023)), "5.000000");
    assert_eq!(copy.counts.private_kept, 6);
    let codes: Vec<String> = object
        .get(tags::DEIDENTIFICATION_METHOD_CODE_SEQUENCE)
        .and_then(|e| e.items())
        .map(|items| items.iter().map(|i| text(i, tags::CODE_VALUE)).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"113111".to_string()), "{codes:?}");
    dcmdump_reads(&copy.bytes, "CT_small safe private");
    // Scanned again, the kept vendor numbers are what the copy says they are.
    let rescan = scan_complete("copy", &copy.bytes, &DetectOptions::default());
    let private = rescan
        .findings
        .iter()
        .find(|f| f.rule.id() == "F-PRIVATE")
        .expect("the private creators are reported");
    assert_eq!(private.severity, Severity::Info, "{private:?}");
    // ... but not once a vendor element off the list is added to the copy.
    let mut added = open(&copy.bytes);
    added.put(DataElement::new(
        Tag(0x0019, 0x1002),
        VR::SL,
        PrimitiveValue::from(912_i32),
    ));
    let rescan = scan_complete("added", &to_bytes(added), &DetectOptions::default());
    let private = rescan
        .findings
        .iter()
        .find(|f| f.rule.id() == "F-PRIVATE")
        .expect("the private creators are reported");
    assert!(private.severity > Severity::Info, "{private:?}");

    let basic = Run::new(Options::default(), SECRET).expect("options");
    let object = open(&basic.copy(&bytes).unwrap().bytes);
    assert!(
        private_tags(&object).is_empty(),
        "{:?}",
        private_tags(&object)
    );

    // A name where the list expects a number: removed, and the block's creator with it.
    let mut tampered = open(&bytes);
    for elem in [0x1023, 0x1024, 0x1027] {
        tampered.put(DataElement::new(
            Tag(0x0019, elem),
            VR::DS,
            PrimitiveValue::from("DOE^JOHN"),
        ));
    }
    let copy = Run::new(safe, SECRET)
        .expect("options")
        .copy(&to_bytes(tampered))
        .unwrap();
    assert_eq!(
        private_tags(&open(&copy.bytes)),
        [(0x0025, 0x0010), (0x0025, 0x1007)]
    );
}

/// A file whose meta names the wrong encoding is copied in its real one, not misread.
#[test]
fn a_mislabelled_file_is_copied_in_its_real_encoding() {
    let mut bytes = std::fs::read(fixture_dir().join("CT_small.dcm")).unwrap();
    let at = bytes
        .windows(20)
        .position(|w| w == b"1.2.840.10008.1.2.1\0")
        .unwrap();
    bytes[at..at + 20].copy_from_slice(b"1.2.840.10008.1.2\0\0\0");
    let copy = Run::new(Options::default(), SECRET)
        .expect("options")
        .copy(&bytes)
        .expect("copied");
    let object = open(&copy.bytes);
    assert_eq!(
        object.meta().transfer_syntax().trim_end_matches('\0'),
        "1.2.840.10008.1.2.1"
    );
    assert_eq!(text(&object, tags::PATIENT_NAME), "Patient 1");
    dcmdump_reads(&copy.bytes, "mislabelled CT_small");
}

/// Past the pixel data the scanner's reader vets nothing, and dicom-rs allocates what an
/// element there declares: a copy stops at the end of the pixel data (found by fuzzing, where
/// 3 KB of input took 2 GB). What follows it (here an element declaring 2 GB) is not copied.
/// What a crafted file puts after its pixel data: an element declaring 2 GiB, then the start
/// of an archive.
fn past_the_pixel_data() -> Vec<u8> {
    let element = [
        0xE1, 0x7F, 0x10, 0x00, b'O', b'B', 0, 0, 0xF0, 0xFF, 0xFF, 0x7F,
    ];
    [&element[..], b"PK\x03\x04 an archive appended to the image"].concat()
}

/// A copy of `file` made with the default options, which holds nothing of
/// [`past_the_pixel_data`].
fn copy_without_what_follows_the_pixel_data(file: &[u8]) -> CleanCopy {
    let copy = Run::new(Options::default(), SECRET)
        .expect("options")
        .copy(file)
        .expect("a copy");
    let tail = b"PK\x03\x04";
    assert!(!copy.bytes.windows(4).any(|w| w == tail));
    copy
}

/// A deflated data set is inflated and cut at its pixel data too: its offsets are not the
/// file's, so before this an element after the pixel data reached dicom-rs (found by
/// fuzzing, 4.6 KB took 2.1 GB) and a file with one was left out.
#[test]
fn a_deflated_data_set_is_copied_up_to_its_pixel_data() {
    use flate2::{read::DeflateDecoder, write::DeflateEncoder, Compression};
    use std::io::{Read, Write};
    let dfl = std::fs::read(fixture_dir().join("image_dfl.dcm")).unwrap();
    // The fixture's file meta group ends at byte 334.
    let (head, body) = dfl.split_at(334);
    let mut data_set = Vec::new();
    DeflateDecoder::new(body)
        .read_to_end(&mut data_set)
        .unwrap();
    // An OT image would be left out for its pixels; made a CT image of the same lengths.
    let swap = |data: &mut Vec<u8>, from: &[u8], to: &[u8]| {
        let at = data.windows(from.len()).position(|w| w == from).unwrap();
        data[at..at + from.len()].copy_from_slice(to);
    };
    swap(&mut data_set, b"CS\x02\x00OT", b"CS\x02\x00CT");
    swap(&mut data_set, b"5.1.4.1.1.7\0", b"5.1.4.1.1.2\0");
    let pixel_end = data_set.len();
    data_set.extend_from_slice(&past_the_pixel_data());
    let mut deflate = DeflateEncoder::new(head.to_vec(), Compression::default());
    deflate.write_all(&data_set).unwrap();
    let file = deflate.finish().unwrap();

    let copy = copy_without_what_follows_the_pixel_data(&file);
    let object = OpenFileOptions::new()
        .from_reader(&copy.bytes[128..])
        .expect("the copy reads");
    let pixels = object
        .element(tags::PIXEL_DATA)
        .unwrap()
        .to_bytes()
        .unwrap();
    assert_eq!(pixels.len(), 512 * 512);
    assert_eq!(&pixels[..], &data_set[pixel_end - 512 * 512..pixel_end]);
}

#[test]
fn what_follows_the_pixel_data_is_neither_read_whole_nor_copied() {
    let ct = std::fs::read(fixture_dir().join("CT_small.dcm")).unwrap();
    let bytes = [ct.as_slice(), &past_the_pixel_data()].concat();
    let copy = copy_without_what_follows_the_pixel_data(&bytes);
    assert!(copy.bytes.len() < ct.len() + 4096);
}
