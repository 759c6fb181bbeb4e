//! The native CLI, run as a user runs it: exit codes, the three output forms, folders, ZIPs,
//! rules, and the header-only promise on a 500 MB file.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use dicom_exposure_check::scan::{scan_reader, FIRST_READ_BYTES};
use dicom_exposure_check::DetectOptions;

const BIN: &str = env!("CARGO_BIN_EXE_dicom-exposure-check");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dec-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run the CLI with stdout and stderr piped (so: no terminal, no progress bar).
fn run(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(BIN)
        .args(args)
        .args(paths)
        .stdin(Stdio::null())
        .output()
        .expect("run the CLI")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The `*.dcm` files directly in tests/fixtures, sorted.
fn fixture_dcm_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "dcm"))
        .collect();
    files.sort();
    files
}

#[test]
fn exit_code_1_when_identifiers_are_found() {
    let out = run(&["scan"], &[&fixtures().join("CT_small.dcm")]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("C*** C***"), "{}", stdout(&out));
    assert!(
        !stdout(&out).contains("CompressedSamples"),
        "raw name printed"
    );
}

#[test]
fn exit_code_2_when_an_input_cannot_be_read() {
    let dir = temp_dir("unreadable");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "just a note, nothing medical\n").unwrap();
    let out = run(&["scan"], &[&text]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).contains("notes.txt"), "{}", stdout(&out));
    // A missing path too, next to a readable file.
    let out = run(
        &["scan"],
        &[&fixtures().join("CT_small.dcm"), &dir.join("missing.dcm")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("missing.dcm"), "{}", stdout(&out));
}

#[test]
fn exit_code_0_for_nothing_identifying() {
    let dir = temp_dir("clean");
    let out = run(&["scan"], &[&dir]);
    assert_eq!(out.status.code(), Some(0), "empty folder: {}", stdout(&out));
    assert!(stdout(&out).contains("No files found"), "{}", stdout(&out));

    let nmap = dir.join("scan.txt");
    std::fs::write(
        &nmap,
        "# Nmap 7.93 scan initiated as: nmap -p 104,4242 192.168.1.20\n\
         Nmap scan report for 192.168.1.20\n\
         Host is up (0.00020s latency).\n\n\
         PORT     STATE  SERVICE\n\
         104/tcp  closed acr-nema\n\
         4242/tcp closed vrml-multi-use\n\n\
         # Nmap done: 1 IP address (1 host up) scanned in 0.05 seconds\n",
    )
    .unwrap();
    let out = run(&["scan"], &[&nmap]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("no identifier"), "{}", stdout(&out));
}

#[test]
fn json_streams_one_line_per_file_then_the_summary() {
    let files = fixture_dcm_files();
    assert!(files.len() >= 5, "{files:?}");
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let out = run(&["scan", "--json"], &paths);
    assert!(matches!(out.status.code(), Some(1 | 2)), "{:?}", out.status);
    let lines = json_lines(&out);
    let (summary, file_lines) = lines.split_last().unwrap();
    assert_eq!(file_lines.len(), files.len());
    let mut names: Vec<&str> = file_lines
        .iter()
        .map(|l| {
            assert_eq!(l["type"], "file");
            l["file_name"].as_str().unwrap()
        })
        .collect();
    names.sort_unstable();
    let expected: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(names, expected);
    // Indices follow the output order; grouping keys are not exported.
    for (i, line) in file_lines.iter().enumerate() {
        assert_eq!(line["index"], i);
    }
    assert!(!stdout(&out).contains("\"key\""));

    assert_eq!(summary["type"], "summary");
    assert!(summary.get("files").is_none(), "the summary holds no files");
    assert_eq!(summary["summary"]["files"], files.len());
    // The same files through the library, in one report, give the same people.
    let reports: Vec<_> = files
        .iter()
        .flat_map(|p| {
            let name = p.display().to_string();
            scan_reader(
                &name,
                std::fs::File::open(p).unwrap(),
                &DetectOptions::default(),
            )
        })
        .collect();
    let report = dicom_exposure_check::Report::build(reports, "", false);
    assert!(report.summary.distinct_people >= 3, "{:?}", report.summary);
    assert_eq!(
        summary["summary"]["distinct_people"],
        report.summary.distinct_people
    );
    assert_eq!(summary["summary"]["verdict"], report.summary.verdict);
}

#[test]
fn csv_has_a_header_and_one_row_per_finding() {
    let ct = fixtures().join("CT_small.dcm");
    let out = run(&["scan", "--csv"], &[&ct]);
    assert_eq!(out.status.code(), Some(1));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "file", "location", "path", "keyword", "vr", "rule_id", "category", "severity",
            "excerpt"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let json = json_lines(&run(&["scan", "--json"], &[&ct]));
    assert_eq!(rows.len(), json[0]["findings"].as_array().unwrap().len());
    let name = rows
        .iter()
        .find(|r| &r[5] == "E-00100010")
        .expect("name row");
    assert_eq!(&name[3], "PatientName");
    assert_eq!(&name[6], "names");
    assert_eq!(&name[7], "critical");
    assert_eq!(&name[8], "C*** C***");
}

#[test]
fn no_progress_bar_when_stderr_is_piped() {
    let out = run(&["scan"], &[&fixtures()]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Links inside a folder are not followed unless asked (as find and ripgrep do), so a scan
/// of a folder never reads a file outside it by surprise; followed, a link that leads out is
/// named. A link given by name is read.
#[cfg(unix)]
#[test]
fn links_are_followed_only_with_follow_and_leaving_the_folder_is_said() {
    let dir = temp_dir("links");
    std::fs::create_dir_all(dir.join("cd")).unwrap();
    std::fs::copy(
        fixtures().join("MR_small_RLE.dcm"),
        dir.join("cd/inside.dcm"),
    )
    .unwrap();
    let canary = dir.join("canary.dcm");
    std::fs::copy(fixtures().join("CT_small.dcm"), &canary).unwrap();
    std::os::unix::fs::symlink(&canary, dir.join("cd/link.dcm")).unwrap();
    let names = |out: &Output| -> Vec<String> {
        json_lines(out)
            .iter()
            .filter(|l| l["type"] == "file")
            .map(|l| l["file_name"].as_str().unwrap().to_string())
            .collect()
    };

    let plain = run(&["scan", "--json"], &[&dir.join("cd")]);
    assert_eq!(names(&plain).len(), 1, "{:?}", names(&plain));
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(
        stderr.contains("1 symbolic link inside the folders was not followed")
            || stderr.contains("1 symbolic link inside the folders"),
        "{stderr}"
    );

    let followed = run(&["scan", "--json", "--follow"], &[&dir.join("cd")]);
    assert_eq!(names(&followed).len(), 2, "{:?}", names(&followed));
    let stderr = String::from_utf8_lossy(&followed.stderr);
    assert!(
        stderr.contains("out of the paths given") && stderr.contains("canary.dcm"),
        "{stderr}"
    );

    let named = run(&["scan", "--json"], &[&dir.join("cd/link.dcm")]);
    assert_eq!(names(&named).len(), 1, "a link given by name is read");
}

#[test]
fn a_folder_is_walked_recursively() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("a/b/c")).unwrap();
    std::fs::copy(fixtures().join("CT_small.dcm"), dir.join("a/one")).unwrap();
    std::fs::copy(
        fixtures().join("MR_small_implicit.dcm"),
        dir.join("a/b/c/two"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("a/b/loop")).unwrap();
    let out = run(&["scan", "--json"], &[&dir]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let lines = json_lines(&out);
    let names: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "file")
        .map(|l| l["file_name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("a/b/c/two")), "{names:?}");
    assert_eq!(lines.last().unwrap()["summary"]["distinct_people"], 2);
}

#[test]
fn a_zip_is_read_member_by_member() {
    let dir = temp_dir("zip");
    let path = dir.join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (member, fixture) in [
        ("cd/IMG0001", "CT_small.dcm"),
        ("cd/sub/IMG0002", "MR_small_RLE.dcm"),
    ] {
        zip.start_file(member, options).unwrap();
        zip.write_all(&std::fs::read(fixtures().join(fixture)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    let out = run(&["scan", "--json"], &[&path]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let lines = json_lines(&out);
    let names: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "file")
        .map(|l| l["file_name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.contains("export.zip")), "{names:?}");
    assert_eq!(lines.last().unwrap()["summary"]["distinct_people"], 2);
}

/// A polyglot: an archive appended after an image's pixel data (behind its trailing padding),
/// and a note appended after an encapsulated image. Both are said and scanned.
/// A file with no pixel data (a structured report, an RT plan) has no end to look past: the
/// data set stops being readable where the appended data starts (or, for an archive whose
/// first bytes pass for an element, its end record says where it starts).
#[test]
fn data_appended_to_a_file_without_pixel_data_is_found_too() {
    let dir = temp_dir("appended-no-pixels");
    let mut archive = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut archive));
    zip.start_file("IM1", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(&std::fs::read(fixtures().join("MR_small_implicit.dcm")).unwrap())
        .unwrap();
    zip.finish().unwrap();
    let plan = std::fs::read(fixtures().join("rtplan.dcm")).unwrap();
    let with_zip = dir.join("plan-zip.dcm");
    std::fs::write(&with_zip, [plan.as_slice(), &archive].concat()).unwrap();
    let with_note = dir.join("plan-note.dcm");
    let note = b"Patient SSN 123-45-6789, seen 2019-03-04\n";
    std::fs::write(&with_note, [plan.as_slice(), note].concat()).unwrap();
    let cut = fixtures().join("rtplan_truncated.dcm");

    let out = run(&["scan", "--json"], &[&with_zip, &with_note, &cut]);
    let names: Vec<String> = json_lines(&out)
        .into_iter()
        .filter(|l| l["type"] == "file")
        .map(|f| f["file_name"].as_str().unwrap().to_string())
        .collect();
    let at = plan.len();
    for end in [
        format!("plan-zip.dcm/data after byte {at}/IM1"),
        format!("plan-note.dcm/data after byte {at}"),
    ] {
        assert!(names.iter().any(|n| n.ends_with(&end)), "{end}: {names:?}");
    }
    // A file that is only cut short has nothing appended.
    assert_eq!(
        names
            .iter()
            .filter(|n| n.contains("rtplan_truncated"))
            .count(),
        1
    );
}

#[test]
fn data_appended_after_the_pixel_data_is_said_and_scanned() {
    let dir = temp_dir("appended");
    let mut archive = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut archive));
    zip.start_file("inner/IM1", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(&std::fs::read(fixtures().join("MR_small_implicit.dcm")).unwrap())
        .unwrap();
    zip.finish().unwrap();
    let with_zip = dir.join("ct.dcm");
    let ct = std::fs::read(fixtures().join("CT_small.dcm")).unwrap();
    std::fs::write(&with_zip, [ct.as_slice(), &archive].concat()).unwrap();
    let with_note = dir.join("nm.dcm");
    let nm = std::fs::read(fixtures().join("JPEG2000.dcm")).unwrap();
    let note = b"Patient SSN 123-45-6789, seen 2019-03-04\n";
    std::fs::write(&with_note, [nm.as_slice(), note].concat()).unwrap();

    let out = run(&["scan", "--json"], &[&with_zip, &with_note]);
    let files: Vec<serde_json::Value> = json_lines(&out)
        .into_iter()
        .filter(|l| l["type"] == "file")
        .collect();
    assert_eq!(files.len(), 4);
    // Files are scanned in parallel: found by name, not by order.
    let named = |end: &str| {
        let found = files
            .iter()
            .find(|f| f["file_name"].as_str().unwrap().ends_with(end));
        found.unwrap_or_else(|| panic!("no file named …{end}"))
    };
    let inner = named(&format!("ct.dcm/data after byte {}/inner/IM1", ct.len()));
    let note = named(&format!("nm.dcm/data after byte {}", nm.len()));
    for host in [named("ct.dcm"), named("nm.dcm")] {
        let warnings = host["warnings"].to_string();
        assert!(warnings.contains("appended to the file"), "{warnings}");
    }
    assert_eq!(inner["people"].as_array().unwrap().len(), 1);
    let rules: Vec<&str> = (note["findings"].as_array().unwrap().iter())
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"V-SSN"), "{rules:?}");
    // The fixture alone has trailing padding after its pixel data, and nothing appended.
    let out = run(&["scan", "--json"], &[&fixtures().join("CT_small.dcm")]);
    assert_eq!(
        json_lines(&out)
            .iter()
            .filter(|l| l["type"] == "file")
            .count(),
        1
    );
}

/// A reader that counts the bytes it hands out.
struct Counting<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

#[test]
fn a_500_mb_file_costs_only_its_header() {
    const SIZE: u64 = 500_000_000;
    let dir = temp_dir("large");
    let path = dir.join("large.dcm");
    // CT_small's header, then a Pixel Data element (explicit VR little endian, OW) whose
    // length runs to the end of a 500 MB sparse file.
    let mut bytes = std::fs::read(fixtures().join("CT_small.dcm")).unwrap();
    let tag = bytes
        .windows(6)
        .rposition(|w| w == [0xE0, 0x7F, 0x10, 0x00, b'O', b'W'])
        .expect("Pixel Data in CT_small");
    let value_start = tag as u64 + 12;
    let length = u32::try_from(SIZE - value_start).unwrap();
    bytes.truncate(tag + 12);
    bytes[tag + 8..tag + 12].copy_from_slice(&length.to_le_bytes());
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(&bytes).unwrap();
    file.set_len(SIZE).unwrap();
    drop(file);

    let mut reader = Counting {
        inner: std::fs::File::open(&path).unwrap(),
        read: 0,
    };
    let name = path.display().to_string();
    let reports = scan_reader(&name, &mut reader, &DetectOptions::default());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].people[0].name.as_deref(), Some("C*** C***"));
    assert!(
        reader.read <= FIRST_READ_BYTES as u64,
        "read {} bytes of a 500 MB file",
        reader.read
    );

    // And through the binary.
    let out = run(&["scan", "--json"], &[&path]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(json_lines(&out)[0]["status"], "ok");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_prints_the_rule() {
    for args in [&["explain", "E-00100010"][..], &["--explain", "E-00100010"]] {
        let out = run(args, &[]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(text.starts_with("E-00100010 — Patient's Name"), "{text}");
        assert!(text.contains("Why it matters:"), "{text}");
    }
    assert_eq!(run(&["explain", "NO-SUCH"], &[]).status.code(), Some(2));
}

/// One line per rule of every table (Annex E rows, value detectors, file risks, network
/// rules), in that order, each starting with the rule's id.
#[test]
fn rules_lists_every_rule() {
    use dicom_exposure_check::rules::{
        annex_e, detectors::Detector, file_risks::FileRisk, network::NetworkRule,
    };
    let out = run(&["rules"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    // One line a rule, each starting with its id (a title with a line break would show
    // here as a line without one).
    let listed: Vec<&str> = text
        .lines()
        .map(|l| l.split_once(' ').map_or(l, |(id, _)| id))
        .collect();
    let expected: Vec<&str> = annex_e::rows()
        .iter()
        .map(|row| row.id)
        .chain(Detector::all().map(|d| d.id()))
        .chain(FileRisk::all().map(|r| r.id()))
        .chain(NetworkRule::all().map(|r| r.id()))
        .collect();
    assert_eq!(listed.len(), expected.len());
    assert_eq!(listed, expected);
    assert!(text.lines().any(|l| l.starts_with("E-00100010 ")));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["scan"], &[]).status.code(), Some(2));
    assert_eq!(
        run(&["scan", "--json", "--csv", "x"], &[]).status.code(),
        Some(2)
    );
    assert_eq!(run(&[], &[]).status.code(), Some(2));
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir_files(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}

fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn deidentify_copies_a_folder_under_new_names_and_the_copy_scans_clean() {
    let dir = temp_dir("deid");
    let input = dir.join("in").join("DOE_ARCHIBALD");
    let set = fixtures().join("dicomdir-set/77654033");
    let mut originals = vec!["Doe^Archibald".to_string(), "77654033".to_string()];
    for (series, target) in [("CT2", "CT 2004-01-19"), ("CR1", "Chest Archibald")] {
        std::fs::create_dir_all(input.join(target)).unwrap();
        for (i, entry) in std::fs::read_dir(set.join(series)).unwrap().enumerate() {
            let path = entry.unwrap().path();
            let object = dicom_object::open_file(&path).unwrap();
            for tag in [
                dicom_dictionary_std::tags::SOP_INSTANCE_UID,
                dicom_dictionary_std::tags::STUDY_INSTANCE_UID,
            ] {
                originals.push(
                    object
                        .element(tag)
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .trim_end_matches('\0')
                        .to_string(),
                );
            }
            std::fs::copy(
                &path,
                input.join(target).join(format!("Archibald Doe {i}.dcm")),
            )
            .unwrap();
        }
    }
    std::fs::write(input.join("notes.txt"), "Archibald Doe, seen 2004-01-19").unwrap();
    let outside = dir.join("outside.dcm");
    std::fs::copy(fixtures().join("CT_small.dcm"), &outside).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, input.join("link.dcm")).unwrap();

    let out_dir = dir.join("out");
    let out = run(
        &["deidentify", "--out", out_dir.to_str().unwrap()],
        &[&dir.join("in")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "notes.txt is left out: {stderr}"
    );
    assert!(stderr.contains("notes.txt: not a DICOM file"), "{stderr}");
    let files = files_under(&out_dir);
    let images: Vec<&PathBuf> = files
        .iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.starts_with("MANIFEST") && name != "DICOMDIR"
        })
        .collect();
    assert_eq!(images.len(), 5, "{files:?}");
    // A DICOMDIR indexes the copies: read by the checker as one, every file found.
    assert!(files.contains(&PathBuf::from("DICOMDIR")), "{files:?}");
    let index = run(&["scan", "--json"], &[&out_dir.join("DICOMDIR")]);
    let index_lines = json_lines(&index);
    let index_file = index_lines.iter().find(|l| l["type"] == "file").unwrap();
    assert_eq!(index_file["format"], "DICOMDIR", "{index_file}");
    assert_eq!(
        index_file["referenced_files"].as_array().map(Vec::len),
        Some(5),
        "{index_file}"
    );
    let worst = index_file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .count();
    assert_eq!(worst, 0, "the DICOMDIR names no one: {index_file}");
    for path in &images {
        let id = path.to_string_lossy().into_owned();
        assert!(
            index_file["referenced_files"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == &serde_json::Value::from(id.clone())),
            "{id} in the DICOMDIR"
        );
    }
    if let Ok(dump) = Command::new("dcmdump")
        .arg("-q")
        .arg(out_dir.join("DICOMDIR"))
        .output()
    {
        assert!(
            dump.status.success(),
            "dcmdump: {}",
            String::from_utf8_lossy(&dump.stderr)
        );
    }
    for path in &files {
        let shown = path.display().to_string();
        assert!(
            !shown.contains("DOE") && !shown.contains("Archibald") && !shown.contains("2004"),
            "{shown}"
        );
    }
    assert!(
        images
            .iter()
            .all(|p| p.starts_with("DIR00001") && p.components().count() == 3),
        "{images:?}"
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("MANIFEST.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["files_written"], 5);
    assert_eq!(manifest["dicomdir"], 5);
    assert_eq!(manifest["people"], 1);
    assert_eq!(
        manifest["left_out"].as_array().unwrap().len(),
        1,
        "the link is not followed: {manifest}"
    );
    assert_eq!(manifest["left_out"][0]["reason"], "not_dicom");
    assert_eq!(manifest["check"]["files_clean"], 5);
    let text = std::fs::read_to_string(out_dir.join("MANIFEST.txt")).unwrap();
    assert!(
        text.contains("No identifier left in any of the 5 copies"),
        "{text}"
    );

    let rescan = run(&["scan", "--json", "--reveal"], &[&out_dir]);
    let shown = stdout(&rescan);
    for value in &originals {
        assert!(
            !shown.contains(value.as_str()),
            "{value} in the scan of the copy"
        );
    }
    for manifest_text in [text, manifest.to_string()] {
        for value in &originals {
            assert!(
                !manifest_text.contains(value.as_str()),
                "{value} in the manifest"
            );
        }
    }
    let people: Vec<serde_json::Value> = json_lines(&rescan)
        .into_iter()
        .filter(|l| l["type"] == "file" && l["format"] == "DICOM")
        .collect();
    assert_eq!(people.len(), 5);

    // A second run into the same folder is refused: a copy never mixes with another.
    let again = run(
        &["deidentify", "--out", out_dir.to_str().unwrap()],
        &[&dir.join("in")],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
    assert_eq!(files_under(&out_dir), files);
}

/// A ZIP in gives a ZIP out: its DICOM members copied clean under new names, folder shape
/// kept, a member name that climbs out of the archive never used, other members left out
/// with their position in the archive.
#[test]
fn deidentify_a_zip_gives_a_zip_of_clean_copies() {
    let dir = temp_dir("deid-zip");
    let path = dir.join("Doe Archibald CD.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let set = fixtures().join("dicomdir-set/77654033/CT2");
    let mut members = vec![
        ("DOE_ARCHIBALD/CT/1.dcm".to_string(), set.join("17106")),
        ("DOE_ARCHIBALD/CT/2.dcm".to_string(), set.join("17136")),
        (
            "../../escape.dcm".to_string(),
            fixtures().join("MR_small_RLE.dcm"),
        ),
        ("notes.txt".to_string(), fixtures().join("README.md")),
    ];
    members.retain(|(_, p)| p.exists());
    assert_eq!(members.len(), 4, "fixtures moved? {members:?}");
    for (member, fixture) in &members {
        zip.start_file(member.as_str(), options).unwrap();
        zip.write_all(&std::fs::read(fixture).unwrap()).unwrap();
    }
    zip.finish().unwrap();

    let out_dir = dir.join("out");
    let out = run(
        &["deidentify", "--out", out_dir.to_str().unwrap()],
        &[&path],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "notes.txt is left out: {stderr}"
    );
    let copy = out_dir.join("IM000001.zip");
    assert!(copy.exists(), "{:?}", files_under(&out_dir));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&copy).unwrap()).unwrap();
    let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "DICOMDIR",
            "DIR00001/DIR00001/IM000001",
            "DIR00001/DIR00001/IM000002",
            "DIR00002/DIR00001/IM000001",
        ]
    );
    // The ZIP's own DICOMDIR indexes its copies and names no one.
    let mut dicomdir = Vec::new();
    archive
        .by_name("DICOMDIR")
        .unwrap()
        .read_to_end(&mut dicomdir)
        .unwrap();
    let index =
        dicom_exposure_check::scan::scan_complete("DICOMDIR", &dicomdir, &DetectOptions::default());
    assert_eq!(
        index.referenced_files.len(),
        3,
        "{:?}",
        index.referenced_files
    );
    assert!(index.people.is_empty(), "{:?}", index.people);
    assert_eq!(names.len(), 4, "{names:?}");
    eprintln!("{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.contains("..") && !n.contains("DOE")),
        "{names:?}"
    );
    for i in 0..archive.len() {
        if archive.by_index(i).unwrap().name() == "DICOMDIR" {
            continue;
        }
        let mut bytes = Vec::new();
        archive
            .by_index(i)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        let report =
            dicom_exposure_check::scan::scan_complete("member", &bytes, &DetectOptions::default());
        assert!(report.people.is_empty(), "{:?}", report.people);
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("MANIFEST.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["files_in"], 4);
    assert_eq!(manifest["files_written"], 3);
    assert_eq!(manifest["left_out"][0]["input"], 1);
    assert_eq!(manifest["left_out"][0]["member"], 4);
    assert_eq!(manifest["left_out"][0]["reason"], "not_dicom");
    let text = std::fs::read_to_string(out_dir.join("MANIFEST.txt")).unwrap();
    assert!(
        text.contains("1 file (input 1, member 4): not a DICOM file"),
        "{text}"
    );
    assert!(
        !text.contains("Archibald") && !text.contains("notes"),
        "{text}"
    );
    assert!(!dir.join("escape.dcm").exists() && !out_dir.join("escape.dcm").exists());
}
