//! Snapshots of the rendered, user-facing report: what a person reads, word for word.
//! Set UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, then review the diff.

use dicom_exposure_check::report::render_text;
use dicom_exposure_check::{scan_complete, DetectOptions, Report};

fn report_of(files: &[&str]) -> String {
    let reports: Vec<_> = files
        .iter()
        .map(|name| {
            let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            scan_complete(name, &bytes, &DetectOptions::default())
        })
        .collect();
    render_text(&Report::build(reports, "2026-11-28", false))
}

fn assert_snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {path}; run with UPDATE_SNAPSHOTS=1"));
    assert!(
        expected == actual,
        "report {name} changed; rerun with UPDATE_SNAPSHOTS=1 and review.\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn report_of_a_ct_with_private_tags() {
    assert_snapshot("ct_small", &report_of(&["CT_small.dcm"]));
}

#[test]
fn report_of_a_dicomdir_names_every_patient_record() {
    assert_snapshot("dicomdir", &report_of(&["DICOMDIR"]));
}

#[test]
fn report_of_a_mixed_set_with_a_bad_file() {
    assert_snapshot(
        "mixed_set",
        &report_of(&[
            "MR_small_implicit.dcm",
            "MR_small_bigendian.dcm",
            "chrH31.dcm",
            "README.md",
        ]),
    );
}

/// The CLI feeds [`ReportBuilder`] in whatever order parallel scans complete and sorts the
/// groups by file name; that must give what [`Report::build`] gives for the files in name order.
#[test]
fn builder_in_completion_order_agrees_with_build() {
    use dicom_exposure_check::report::{GroupOrder, ReportBuilder};
    let root = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&root)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_none_or(|e| e == "dcm") {
            names.push(path.strip_prefix(&root).unwrap().display().to_string());
        }
    }
    names.sort();
    let files: Vec<_> = names
        .iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{root}/{name}")).unwrap();
            scan_complete(name, &bytes, &DetectOptions::default())
        })
        .collect();
    let built = Report::build(files.clone(), "", false);
    assert!(built.people.len() > 5 && !built.dicomdir_sets.is_empty());

    // A scrambled completion order: odd indices backwards, then even ones.
    let order: Vec<usize> = (0..files.len())
        .filter(|i| i % 2 == 1)
        .rev()
        .chain((0..files.len()).filter(|i| i % 2 == 0))
        .collect();
    let mut builder = ReportBuilder::new(GroupOrder::FirstFileName);
    for &i in &order {
        builder.add(&files[i]);
    }
    let streamed = builder.finish("", false);

    assert_eq!(streamed.summary, built.summary);
    assert_eq!(streamed.rules, built.rules);
    // Indices differ (completion order); the files they name must not.
    let by_build = |list: &[usize]| -> Vec<&str> {
        let mut n: Vec<&str> = list.iter().map(|&i| names[i].as_str()).collect();
        n.sort_unstable();
        n
    };
    let by_stream = |list: &[usize]| -> Vec<&str> {
        let mut n: Vec<&str> = list.iter().map(|&i| names[order[i]].as_str()).collect();
        n.sort_unstable();
        n
    };
    assert_eq!(streamed.people.len(), built.people.len());
    for (s, b) in streamed.people.iter().zip(&built.people) {
        assert_eq!(
            (&s.name, &s.id, &s.birth_date),
            (&b.name, &b.id, &b.birth_date)
        );
        assert_eq!(
            (&s.categories, s.worst_severity),
            (&b.categories, b.worst_severity)
        );
        assert_eq!(by_stream(&s.files), by_build(&b.files));
    }
    assert_eq!(streamed.studies.len(), built.studies.len());
    for (s, b) in streamed.studies.iter().zip(&built.studies) {
        assert_eq!((&s.study_uid, &s.people), (&b.study_uid, &b.people));
        assert_eq!(by_stream(&s.files), by_build(&b.files));
    }
    for (s, b) in streamed.dicomdir_sets.iter().zip(&built.dicomdir_sets) {
        assert_eq!(names[order[s.dicomdir]], names[b.dicomdir]);
        assert_eq!(by_stream(&s.files), by_build(&b.files));
        assert_eq!((&s.missing, s.missing_count), (&b.missing, b.missing_count));
    }
}
