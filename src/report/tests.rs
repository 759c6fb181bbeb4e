//! Tests of grouping, masking, the verdict and the renderers.

use super::*;
use crate::detect::{Finding, Identity};
use crate::rules::rule::Rule;
use crate::rules::{Category, Severity};

fn identity(name: &str, id: &str, birth: &str) -> Identity {
    Identity {
        name: name.into(),
        id: id.into(),
        birth_date: birth.into(),
    }
}

fn group_people(files: &[FileReport]) -> Vec<Person> {
    Report::build(files.to_vec(), "", false).people
}

fn file_with(people: &[Identity]) -> FileReport {
    let mut f = FileReport::failed("x.dcm", FileStatus::Ok, String::new());
    f.message = None;
    f.people = people.iter().map(person_ref).collect();
    f
}

#[test]
fn names_match_whatever_the_order_case_and_separators() {
    assert_eq!(normalize_name("DOE^JOHN"), normalize_name("John Doe"));
    assert_eq!(normalize_name("Doe^John^^^"), normalize_name("doe, john"));
    assert_ne!(normalize_name("DOE^JOHN"), normalize_name("DOE^JANE"));
}

#[test]
fn same_id_and_compatible_name_is_one_person() {
    let files = vec![
        file_with(&[identity("DOE^JOHN", "123", "19700101")]),
        file_with(&[identity("John Doe", "123", "")]),
    ];
    let people = group_people(&files);
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].files, vec![0, 1]);
    assert_eq!(people[0].birth_date.as_deref(), Some("1970-**-**"));
}

#[test]
fn empty_ids_never_merge_different_people() {
    let files = vec![
        file_with(&[identity("DOE^JOHN", "", "")]),
        file_with(&[identity("ROE^JANE", "", "")]),
    ];
    assert_eq!(group_people(&files).len(), 2);
}

#[test]
fn same_name_with_different_ids_is_two_people() {
    let files = vec![
        file_with(&[identity("DOE^JOHN", "123", "")]),
        file_with(&[identity("DOE^JOHN", "456", "")]),
    ];
    assert_eq!(group_people(&files).len(), 2);
}

#[test]
fn same_name_different_birth_dates_is_two_people() {
    let files = vec![
        file_with(&[identity("DOE^JOHN", "", "19700101")]),
        file_with(&[identity("DOE^JOHN", "", "19800101")]),
    ];
    assert_eq!(group_people(&files).len(), 2);
}

#[test]
fn redaction_replaces_file_names_and_drops_raw_values() {
    let mut file = file_with(&[identity("DOE^JOHN", "123", "")]);
    file.file_name = "DOE_JOHN/CT 1.dcm".into();
    let report = Report::build(vec![file], "2026-11-28", true).redacted();
    assert_eq!(report.files[0].file_name, "file 1.dcm");
    assert!(!report.values_revealed);
    let csv = report.findings_csv();
    let mut lines = csv.lines();
    let about = lines.next().unwrap_or_default();
    assert!(
        about.starts_with("# dicom-exposure-check ")
            && about.contains(" report of 2026-11-28: 1 file scanned; 0 not read; 1 person;")
            && about.ends_with("values masked")
            && !about.contains(','),
        "{about}"
    );
    assert_eq!(
        lines.next(),
        Some("file,location,path,keyword,vr,rule_id,category,severity,value")
    );
}

#[test]
fn keys_are_not_exported() {
    let report = Report::build(
        vec![file_with(&[identity("DOE^JOHN", "123", "")])],
        "2026-11-28",
        false,
    );
    let json = report.to_export_json().to_string();
    assert!(!json.contains("\"key\""), "{json}");
    assert!(!json.contains("DOE"), "{json}");
}

/// The people index finds the person a search of every person in order finds, with
/// records that agree, conflict, and fill in each other's gaps across many files.
#[test]
fn indexed_grouping_is_the_linear_search() {
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut files = Vec::new();
    for f in 0..400 {
        let people: Vec<Identity> = (0..1 + next(3))
            .map(|_| {
                let pick = |n: u64, prefix: &str| match n {
                    0 => String::new(),
                    n => format!("{prefix}{n}"),
                };
                identity(
                    &pick(next(25), "NAME^"),
                    &pick(next(25), "ID"),
                    &pick(next(4), "1970010"),
                )
            })
            .collect();
        let mut file = file_with(&people);
        file.file_name = format!("f{:03}.dcm", 399 - f);
        files.push(file);
    }
    for order in [GroupOrder::FirstSeen, GroupOrder::FirstFileName] {
        let mut indexed = ReportBuilder::new(order);
        let mut linear = ReportBuilder::new(order);
        linear.linear_search = true;
        for file in &files {
            indexed.add(file);
            linear.add(file);
        }
        assert!(indexed.distinct_people() > 20);
        assert_eq!(indexed.finish("", false), linear.finish("", false));
    }
}

#[test]
fn file_text_lists_a_named_number_of_findings_and_counts_the_rest() {
    let mut file = file_with(&[]);
    let finding = |i: usize| Finding {
        rule: Rule::from_id("E-00100020").unwrap(),
        category: Category::Names,
        severity: Severity::Critical,
        location: format!("row {i}"),
        path: "(0010,0020)".into(),
        keyword: "PatientID".into(),
        vr: "LO".into(),
        excerpt: "****01".into(),
        raw: None,
    };
    file.findings = (0..TEXT_FINDINGS_PER_FILE + 7).map(finding).collect();
    let text = render_file_text(&file);
    assert_eq!(text.matches("E-00100020").count(), TEXT_FINDINGS_PER_FILE);
    assert!(
        text.contains("(+ 7 more of medium severity or worse: --json or --csv lists"),
        "{text}"
    );
    file.findings.truncate(TEXT_FINDINGS_PER_FILE);
    assert!(!render_file_text(&file).contains("more of medium"));
}

#[test]
fn file_text_says_what_the_reader_warned_of() {
    // A tar archive cut inside this file: the JSON said so and the text did not.
    let mut file = file_with(&[]);
    let cut = "the archive ends inside this file, after 3000 of its 9708 bytes";
    crate::decode::Warning::note(cut).merge_into(&mut file.warnings);
    crate::decode::Warning::counted(3, "values cut at the line width")
        .merge_into(&mut file.warnings);
    let text = render_file_text(&file);
    assert!(text.contains(&format!("    warning: {cut}\n")), "{text}");
    assert!(
        text.contains("    warning: 3 values cut at the line width\n"),
        "{text}"
    );
}

/// The export writes every field of a file but the grouping keys: the serde form of the
/// file with its keys taken out.
#[test]
fn an_exported_file_is_the_file_without_its_keys() {
    let mut file = file_with(&[identity("DOE^JOHN", "123", "19700101")]);
    file.warnings = vec!["a note".into()];
    file.records = 3;
    file.query_level = Some("STUDY".into());
    file.study = Some(StudyRef {
        study_uid: "1.2.***".into(),
        study_date: "2004".into(),
        key: 42,
    });
    let mut expected = serde_json::to_value(&file).expect("serializable");
    expected["study"]
        .as_object_mut()
        .expect("a study")
        .remove("key");
    for person in expected["people"].as_array_mut().expect("people") {
        person.as_object_mut().expect("a person").remove("key");
    }
    // Pixels not looked at: the export leaves the field out.
    expected.as_object_mut().expect("a file").remove("pixels");
    assert_eq!(file.to_export_json(), expected);
    let written = serde_json::to_string(&ExportFile(&file)).expect("serializable");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&written).expect("JSON"),
        expected
    );
}

/// The summary's counts, made from counts kept in place while a file's findings are read:
/// each finding counted under its severity, each file once under each category it has above
/// info (and once more among the serious ones at medium or worse), and each rule that fired
/// listed once, in id order, whatever order the files named them in.
#[test]
fn the_summary_counts_findings_by_severity_and_files_by_category() {
    let finding = |id: &str, category, severity| Finding {
        rule: Rule::from_id(id).unwrap(),
        category,
        severity,
        location: String::new(),
        path: String::new(),
        keyword: String::new(),
        vr: String::new(),
        excerpt: String::new(),
        raw: None,
    };
    let mut first = file_with(&[]);
    first.findings = vec![
        finding("V-SSN", Category::Ssn, Severity::Critical),
        finding("E-00100010", Category::Names, Severity::Critical),
        finding("E-00100010", Category::Names, Severity::Critical),
        finding("E-00080020", Category::Dates, Severity::Low),
        finding("E-00080080", Category::Context, Severity::Info),
    ];
    let mut second = file_with(&[]);
    second.findings = vec![
        finding("E-00080020", Category::Dates, Severity::Medium),
        finding("E-00100010", Category::Names, Severity::Critical),
    ];
    let report = Report::build(vec![first, second, file_with(&[])], "", false);
    let summary = &report.summary;
    let by_severity: Vec<(Severity, usize)> = (summary.findings_by_severity.iter())
        .map(|(s, n)| (*s, *n))
        .collect();
    assert_eq!(
        by_severity,
        [
            (Severity::Info, 1),
            (Severity::Low, 1),
            (Severity::Medium, 1),
            (Severity::Critical, 4)
        ]
    );
    let by_category: Vec<(Category, usize)> = (summary.files_by_category.iter())
        .map(|(c, n)| (*c, *n))
        .collect();
    assert_eq!(
        by_category,
        [
            (Category::Names, 2),
            (Category::Dates, 2),
            (Category::Ssn, 1)
        ],
        "a category counts files, not findings; info findings count no file"
    );
    assert_eq!(summary.files_with_findings, 2);
    let rules: Vec<&str> = report.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rules, ["E-00080020", "E-00080080", "E-00100010", "V-SSN"]);
}

/// The per-file counts index arrays and bits by the enums' discriminants, which must be
/// their places in `ALL`.
#[test]
fn severities_and_categories_are_listed_in_their_declared_order() {
    for (i, severity) in Severity::ALL.into_iter().enumerate() {
        assert_eq!(severity as usize, i);
    }
    for (i, category) in Category::ALL.into_iter().enumerate() {
        assert_eq!(category as usize, i);
    }
    assert!(
        Category::ALL.len() <= 32,
        "a file's categories are bits of a u32"
    );
}
