//! Report: per file, per person, per study, and an exposure summary.
//!
//! A [`FileReport`] is what scanning one file yields; it holds masked values only, plus
//! [`PersonKey`]s: hashes of the normalised name, ID and birth date that let files of the same
//! person be grouped without carrying the values themselves. [`Report::build`] groups them.
//!
//! The JSON form is versioned by [`SCHEMA_VERSION`] and documented in README.md ("Report JSON").

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::decode::NetworkFinding;
use crate::detect::{Finding, Identity, StudyKey};
use crate::mask::{mask_date, mask_id, mask_person_name, mask_uid};
use crate::rules::catalog::{rule_info, RuleInfo};
use crate::rules::{Category, Severity};

/// Version of the JSON report layout. Bump the major part on any breaking change.
pub const SCHEMA_VERSION: &str = "1.0";

/// How reading a file went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Read completely.
    Ok,
    /// Read, after working around a problem (junk skipped, missing meta group, ...).
    Recovered,
    /// The file ends early; what came before was scanned.
    Truncated,
    /// Not a format this version reads.
    NotDicom,
    /// DICOM, but in a form this build cannot read.
    Unsupported,
    /// The file could not be read at all (browser or disk error).
    Unreadable,
}

impl FileStatus {
    /// Whether the file's content was scanned (fully or in part).
    pub fn was_scanned(self) -> bool {
        matches!(
            self,
            FileStatus::Ok | FileStatus::Recovered | FileStatus::Truncated
        )
    }
}

/// Hashes of one person's normalised name, ID and birth date (0 = not given). Never exported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonKey {
    pub name: u64,
    pub id: u64,
    pub birth_date: u64,
}

/// A person as a file names them: masked for display, keyed for grouping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub name: Option<String>,
    pub id: Option<String>,
    pub birth_date: Option<String>,
    /// Sent from the worker to the page; removed by [`Report::to_export_json`].
    pub key: PersonKey,
}

/// What one file reveals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub file_name: String,
    pub status: FileStatus,
    /// A specific, human message when the status is not `ok`.
    // Every field is always serialized: the worker's bincode codec is not self-describing.
    pub message: Option<String>,
    pub warnings: Vec<String>,
    /// What the file is: `DICOM`, `DICOMDIR`, `DICOM JSON (QIDO-RS / WADO-RS)`, `nmap XML`, ...
    pub format: String,
    pub transfer_syntax: String,
    pub modality: String,
    /// Records in an export (rows, responses, objects); 1 for a DICOM file.
    pub records: usize,
    /// Distinct people this file alone reveals (an export's exposure in one number).
    pub distinct_people: usize,
    /// Query/retrieve level of an export, when it says.
    pub query_level: Option<String>,
    /// What an export says about the server that produced it.
    pub server: Option<String>,
    /// Network exposure from a scan result (nmap).
    pub network: Vec<NetworkFinding>,
    /// For a DICOMDIR: the files its records reference, relative to its folder.
    pub referenced_files: Vec<String>,
    pub findings: Vec<Finding>,
    pub people: Vec<PersonRef>,
    /// Masked study identification (UID root, date year) and its grouping key.
    pub study: Option<StudyRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyRef {
    pub study_uid: String,
    pub study_date: String,
    /// Sent from the worker to the page; removed by [`Report::to_export_json`].
    pub key: u64,
}

impl FileReport {
    /// A file that could not be scanned, with the reason.
    pub fn failed(file_name: &str, status: FileStatus, message: String) -> Self {
        FileReport {
            file_name: file_name.to_string(),
            status,
            message: Some(message),
            warnings: Vec::new(),
            format: String::new(),
            transfer_syntax: String::new(),
            modality: String::new(),
            records: 0,
            distinct_people: 0,
            query_level: None,
            server: None,
            network: Vec::new(),
            referenced_files: Vec::new(),
            findings: Vec::new(),
            people: Vec::new(),
            study: None,
        }
    }

    /// The worst severity of any finding, network findings included.
    pub fn worst_severity(&self) -> Option<Severity> {
        let findings = self.findings.iter().map(|f| f.severity);
        findings
            .chain(self.network.iter().map(|n| n.severity))
            .max()
    }
}

fn key_hash(text: &str) -> u64 {
    if text.is_empty() {
        return 0;
    }
    // FNV-1a: stable across runs and targets, so CLI and page group identically.
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    text.hash(&mut hasher);
    hasher.finish().max(1)
}

struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Normalise a person name for tolerant matching: case, separators and component order
/// do not matter (`DOE^JOHN` = `John Doe`); only the first (alphabetic) group counts.
pub fn normalize_name(name: &str) -> String {
    let alphabetic = name.split('=').next().unwrap_or("");
    let mut tokens: Vec<String> = alphabetic
        .split(|c: char| c == '^' || c == ',' || c == '.' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_uppercase)
        .collect();
    tokens.sort_unstable();
    tokens.join(" ")
}

/// Normalise an ID: case, spaces and dashes do not matter.
pub fn normalize_id(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

fn normalize_date(date: &str) -> String {
    date.chars().filter(char::is_ascii_digit).collect()
}

/// Mask an identity for display and key it for grouping.
pub fn person_ref(identity: &Identity) -> PersonRef {
    let some = |s: &str, f: fn(&str) -> String| (!s.is_empty()).then(|| f(s));
    PersonRef {
        name: some(&identity.name, mask_person_name),
        id: some(&identity.id, mask_id),
        birth_date: some(&identity.birth_date, mask_date),
        key: PersonKey {
            name: key_hash(&normalize_name(&identity.name)),
            id: key_hash(&normalize_id(&identity.id)),
            birth_date: key_hash(&normalize_date(&identity.birth_date)),
        },
    }
}

pub fn study_ref(study: &StudyKey) -> Option<StudyRef> {
    if study.study_uid.is_empty() {
        return None;
    }
    Some(StudyRef {
        study_uid: mask_uid(&study.study_uid),
        study_date: if study.study_date.is_empty() {
            String::new()
        } else {
            mask_date(&study.study_date)
        },
        key: key_hash(&study.study_uid),
    })
}

/// A person, grouped over every file that names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: Option<String>,
    pub id: Option<String>,
    pub birth_date: Option<String>,
    /// Indices into `files`.
    pub files: Vec<usize>,
    pub categories: Vec<Category>,
    pub worst_severity: Option<Severity>,
    #[serde(skip)]
    key: PersonKey,
}

impl Person {
    /// No field contradicts (both given and different), and one given field agrees.
    fn matches(&self, key: &PersonKey) -> bool {
        let agree = |a: u64, b: u64| a == 0 || b == 0 || a == b;
        let compatible = agree(self.key.name, key.name)
            && agree(self.key.id, key.id)
            && agree(self.key.birth_date, key.birth_date);
        // An empty ID or name never makes two records the same person; only a shared value does.
        let shared =
            (key.id != 0 && self.key.id == key.id) || (key.name != 0 && self.key.name == key.name);
        compatible && shared
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Study {
    pub study_uid: String,
    pub study_date: String,
    pub modalities: Vec<String>,
    pub files: Vec<usize>,
    /// Indices into `people`.
    pub people: Vec<usize>,
}

/// A DICOMDIR read together with the files it references (a CD or USB export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DicomdirSet {
    /// Index of the DICOMDIR in `files`.
    pub dicomdir: usize,
    /// How many files its records reference.
    pub referenced: usize,
    /// Indices in `files` of the referenced files that were scanned.
    pub files: Vec<usize>,
    /// Referenced files that were not among the scanned ones (at most 50 listed).
    pub missing: Vec<String>,
    pub missing_count: usize,
}

/// The folder part of a file name (`cd.zip/DICOMDIR` → `cd.zip/`), matched without case.
fn folder_of(name: &str) -> String {
    let cut = name.rfind(['/', '\\']).map_or(0, |i| i + 1);
    name[..cut].replace('\\', "/").to_ascii_lowercase()
}

fn dicomdir_sets(files: &[FileReport]) -> Vec<DicomdirSet> {
    let by_name: BTreeMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.file_name.replace('\\', "/").to_ascii_lowercase(), i))
        .collect();
    files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.format == "DICOMDIR")
        .map(|(index, f)| {
            let folder = folder_of(&f.file_name);
            let mut set = DicomdirSet {
                dicomdir: index,
                referenced: f.referenced_files.len(),
                files: Vec::new(),
                missing: Vec::new(),
                missing_count: 0,
            };
            for reference in &f.referenced_files {
                let key = format!("{folder}{}", reference.to_ascii_lowercase());
                match by_name.get(&key) {
                    Some(i) => set.files.push(*i),
                    None => {
                        set.missing_count += 1;
                        if set.missing.len() < 50 {
                            set.missing.push(reference.clone());
                        }
                    }
                }
            }
            set
        })
        .collect()
}

/// The exposure summary: the numbers behind the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub verdict: String,
    pub files: usize,
    pub files_scanned: usize,
    pub files_failed: usize,
    pub files_with_findings: usize,
    pub distinct_people: usize,
    pub studies: usize,
    /// Open DICOM or PACS web services that scan results show (host and port pairs).
    pub network_exposures: usize,
    pub worst_severity: Option<Severity>,
    pub findings_by_severity: BTreeMap<Severity, usize>,
    /// How many files hold each category.
    pub files_by_category: BTreeMap<Category, usize>,
}

/// The whole report, as exported to JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    pub tool: String,
    pub tool_version: String,
    /// Supplied by the caller (the core has no clock), e.g. `2026-11-28`.
    pub generated: String,
    pub values_revealed: bool,
    pub summary: Summary,
    pub people: Vec<Person>,
    pub studies: Vec<Study>,
    /// DICOMDIRs with the files they reference, read as one set each.
    pub dicomdir_sets: Vec<DicomdirSet>,
    pub files: Vec<FileReport>,
    /// Every rule that fired, described once.
    pub rules: Vec<RuleInfo>,
}

impl Report {
    pub fn build(files: Vec<FileReport>, generated: &str, values_revealed: bool) -> Report {
        let people = group_people(&files);
        let studies = group_studies(&files, &people);
        let summary = summarize(&files, &people, studies.len());
        let fired: BTreeSet<&str> = files
            .iter()
            .flat_map(|f| {
                let findings = f.findings.iter().map(|x| x.rule_id.as_str());
                findings.chain(f.network.iter().map(|n| n.rule_id.as_str()))
            })
            .collect();
        Report {
            schema_version: SCHEMA_VERSION.to_string(),
            tool: "dicom-exposure-check".to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            generated: generated.to_string(),
            values_revealed,
            summary,
            people,
            studies,
            dicomdir_sets: dicomdir_sets(&files),
            rules: fired.into_iter().filter_map(rule_info).collect(),
            files,
        }
    }
}

impl Report {
    /// The report as exported (JSON file, CLI `--json`): grouping keys removed, because an
    /// unkeyed hash of a name or ID can be reversed by trying likely values.
    pub fn to_export_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(files) = value.get_mut("files").and_then(|f| f.as_array_mut()) {
            for file in files {
                if let Some(study) = file.get_mut("study").and_then(|s| s.as_object_mut()) {
                    study.remove("key");
                }
                if let Some(people) = file.get_mut("people").and_then(|p| p.as_array_mut()) {
                    for person in people.iter_mut().filter_map(|p| p.as_object_mut()) {
                        person.remove("key");
                    }
                }
            }
        }
        value
    }
}

/// How many distinct people a list of person references names, with the report's matching.
pub fn count_people(people: &[PersonRef]) -> usize {
    let mut groups: Vec<Person> = Vec::new();
    let mut file = FileReport::failed("", FileStatus::Ok, String::new());
    file.people = people.to_vec();
    for p in group_people(std::slice::from_ref(&file)) {
        groups.push(p);
    }
    groups.len()
}

impl Report {
    /// The report with file names replaced by `file 1`, `file 2`, ... (keeping the extension):
    /// names of files and folders often are patients' names. Raw values are dropped too.
    pub fn redacted(&self) -> Report {
        let mut report = self.clone();
        for (i, file) in report.files.iter_mut().enumerate() {
            let extension = file
                .file_name
                .rsplit_once('.')
                .map(|(_, ext)| ext)
                .filter(|ext| ext.len() <= 5 && !ext.contains('/'))
                .map(|ext| format!(".{ext}"))
                .unwrap_or_default();
            file.file_name = format!("file {}{extension}", i + 1);
            for finding in &mut file.findings {
                finding.raw = None;
            }
        }
        report.values_revealed = false;
        report
    }

    /// One row per finding, for spreadsheets. Network findings are rows too.
    pub fn findings_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let header = [
            "file", "location", "path", "keyword", "vr", "rule_id", "category", "severity", "value",
        ];
        let _ = writer.write_record(header);
        for file in &self.files {
            for f in &file.findings {
                let value = f.raw.as_deref().unwrap_or(&f.excerpt);
                let _ = writer.write_record([
                    file.file_name.as_str(),
                    &f.location,
                    &f.path,
                    &f.keyword,
                    &f.vr,
                    &f.rule_id,
                    category_key(f.category),
                    f.severity.label(),
                    value,
                ]);
            }
            for n in &file.network {
                let place = format!("{}:{}", n.host, n.port);
                let _ = writer.write_record([
                    file.file_name.as_str(),
                    &place,
                    "",
                    &n.service,
                    "",
                    &n.rule_id,
                    "ip",
                    n.severity.label(),
                    &n.evidence,
                ]);
            }
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// The JSON spelling of a category (`medical_record`), for CSV.
fn category_key(category: Category) -> &'static str {
    match category {
        Category::Names => "names",
        Category::Geography => "geography",
        Category::Dates => "dates",
        Category::Phone => "phone",
        Category::Fax => "fax",
        Category::Email => "email",
        Category::Ssn => "ssn",
        Category::MedicalRecord => "medical_record",
        Category::HealthPlan => "health_plan",
        Category::Account => "account",
        Category::License => "license",
        Category::Vehicle => "vehicle",
        Category::Device => "device",
        Category::Url => "url",
        Category::Ip => "ip",
        Category::Biometric => "biometric",
        Category::FaceImage => "face_image",
        Category::OtherUnique => "other_unique",
        Category::FreeText => "free_text",
        Category::Context => "context",
    }
}

fn group_people(files: &[FileReport]) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let categories: BTreeSet<Category> = file.findings.iter().map(|f| f.category).collect();
        for person in &file.people {
            let slot = match people.iter().position(|p| p.matches(&person.key)) {
                Some(i) => i,
                None => {
                    people.push(Person {
                        name: None,
                        id: None,
                        birth_date: None,
                        files: Vec::new(),
                        categories: Vec::new(),
                        worst_severity: None,
                        key: PersonKey::default(),
                    });
                    people.len() - 1
                }
            };
            let p = &mut people[slot];
            // Fill in what this record knows and the group did not yet.
            if p.key.name == 0 && person.key.name != 0 {
                p.key.name = person.key.name;
                p.name.clone_from(&person.name);
            }
            if p.key.id == 0 && person.key.id != 0 {
                p.key.id = person.key.id;
                p.id.clone_from(&person.id);
            }
            if p.key.birth_date == 0 && person.key.birth_date != 0 {
                p.key.birth_date = person.key.birth_date;
                p.birth_date.clone_from(&person.birth_date);
            }
            if p.files.last() != Some(&index) {
                p.files.push(index);
            }
            let mut merged: BTreeSet<Category> = p.categories.iter().copied().collect();
            merged.extend(categories.iter().copied());
            p.categories = merged.into_iter().collect();
            p.worst_severity = p.worst_severity.max(file.worst_severity());
        }
    }
    people
}

fn group_studies(files: &[FileReport], people: &[Person]) -> Vec<Study> {
    let mut studies: Vec<(u64, Study)> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let Some(study) = &file.study else { continue };
        let slot = match studies.iter().position(|(k, _)| *k == study.key) {
            Some(i) => i,
            None => {
                studies.push((
                    study.key,
                    Study {
                        study_uid: study.study_uid.clone(),
                        study_date: study.study_date.clone(),
                        modalities: Vec::new(),
                        files: Vec::new(),
                        people: Vec::new(),
                    },
                ));
                studies.len() - 1
            }
        };
        let s = &mut studies[slot].1;
        s.files.push(index);
        if !file.modality.is_empty() && !s.modalities.contains(&file.modality) {
            s.modalities.push(file.modality.clone());
        }
        for (p, person) in people.iter().enumerate() {
            if person.files.contains(&index) && !s.people.contains(&p) {
                s.people.push(p);
            }
        }
    }
    studies.into_iter().map(|(_, s)| s).collect()
}

fn summarize(files: &[FileReport], people: &[Person], studies: usize) -> Summary {
    let mut findings_by_severity = BTreeMap::new();
    let mut files_by_category = BTreeMap::new();
    // Categories held at medium severity or worse: what the verdict sentence names.
    let mut serious = BTreeMap::new();
    for file in files {
        let mut seen = BTreeSet::new();
        let mut seen_serious = BTreeSet::new();
        for finding in &file.findings {
            *findings_by_severity.entry(finding.severity).or_insert(0) += 1;
            if finding.severity > Severity::Info {
                seen.insert(finding.category);
            }
            if finding.severity >= Severity::Medium {
                seen_serious.insert(finding.category);
            }
        }
        for category in seen {
            *files_by_category.entry(category).or_insert(0) += 1;
        }
        for category in seen_serious {
            *serious.entry(category).or_insert(0) += 1;
        }
    }
    let files_scanned = files.iter().filter(|f| f.status.was_scanned()).count();
    let files_with_findings = files
        .iter()
        .filter(|f| f.findings.iter().any(|x| x.severity > Severity::Info))
        .count();
    let worst_severity = files.iter().filter_map(FileReport::worst_severity).max();
    let mut summary = Summary {
        verdict: String::new(),
        files: files.len(),
        files_scanned,
        files_failed: files.len() - files_scanned,
        files_with_findings,
        distinct_people: people.len(),
        studies,
        network_exposures: files
            .iter()
            .flat_map(|f| f.network.iter().map(|n| (n.host.as_str(), n.port)))
            .collect::<BTreeSet<_>>()
            .len(),
        worst_severity,
        findings_by_severity,
        files_by_category,
    };
    summary.verdict = verdict(&summary, people, &serious);
    summary
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The plain-language verdict that opens the report.
fn verdict(summary: &Summary, people: &[Person], serious: &BTreeMap<Category, usize>) -> String {
    if summary.files_scanned == 0 {
        return format!(
            "None of the {} could be read.",
            plural(summary.files, "file", "files")
        );
    }
    let these = if summary.files_scanned == 1 {
        "This file".to_string()
    } else {
        format!("These {} files", summary.files_scanned)
    };
    if people.is_empty() && summary.files_with_findings == 0 && summary.network_exposures == 0 {
        let verb = if summary.files_scanned == 1 {
            "names no one and holds"
        } else {
            "name no one and hold"
        };
        return format!("{these} {verb} no identifier we know of.");
    }
    let identify = if summary.files_scanned == 1 {
        "identifies"
    } else {
        "identify"
    };
    let mut by: Vec<&str> = Vec::new();
    if people.iter().any(|p| p.name.is_some()) {
        by.push("name");
    }
    if people.iter().any(|p| p.birth_date.is_some()) {
        by.push("birth date");
    }
    if people.iter().any(|p| p.id.is_some()) {
        by.push("patient ID");
    }
    let mut text = if people.is_empty() && summary.files_with_findings == 0 {
        let verb = if summary.files_scanned == 1 {
            "names"
        } else {
            "name"
        };
        format!("{these} {verb} no one")
    } else if people.is_empty() {
        if summary.files_scanned == 1 {
            format!("{these} names no one, but holds other identifying details")
        } else {
            format!(
                "{these} name no one, but {} other identifying details",
                plural(summary.files_with_findings, "file holds", "files hold")
            )
        }
    } else if by.is_empty() {
        format!(
            "{these} {identify} {}",
            plural(people.len(), "person", "people")
        )
    } else {
        format!(
            "{these} {identify} {} by {}",
            plural(people.len(), "person", "people"),
            join_words(&by)
        )
    };
    let extra: Vec<String> = [
        Category::Ssn,
        Category::Geography,
        Category::Phone,
        Category::Email,
    ]
    .iter()
    .filter_map(|c| {
        serious
            .get(c)
            .map(|n| format!("{} also hold {}", plural(*n, "file", "files"), c.label()))
    })
    .collect();
    if !extra.is_empty() {
        text.push_str("; ");
        text.push_str(&extra.join("; "));
    }
    text.push('.');
    if summary.network_exposures > 0 {
        text.push_str(&format!(
            " A network scan shows {} reachable over the network.",
            plural(
                summary.network_exposures,
                "imaging service",
                "imaging services"
            )
        ));
    }
    if summary.files_failed > 0 {
        text.push_str(&format!(
            " {} could not be read.",
            plural(summary.files_failed, "file", "files")
        ));
    }
    text
}

/// The report as text, for the terminal and for snapshot tests of what users read.
pub fn render_text(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::new();
    out.push_str(&format!("{}\n", s.verdict));
    out.push_str(&format!(
        "Worst severity: {}. Files: {} scanned, {} not read, {} with findings. Studies: {}.\n",
        s.worst_severity.map_or("none", Severity::label),
        s.files_scanned,
        s.files_failed,
        s.files_with_findings,
        s.studies
    ));
    if !s.files_by_category.is_empty() {
        out.push_str("\nWhat the files hold (files per kind):\n");
        for (category, n) in &s.files_by_category {
            out.push_str(&format!("  {:<40} {n}\n", category.label()));
        }
    }
    if !report.people.is_empty() {
        out.push_str("\nPeople:\n");
        for p in &report.people {
            out.push_str(&format!(
                "  {} | born {} | ID {} | {} | worst {}\n",
                p.name.as_deref().unwrap_or("(no name)"),
                p.birth_date.as_deref().unwrap_or("-"),
                p.id.as_deref().unwrap_or("-"),
                plural(p.files.len(), "file", "files"),
                p.worst_severity.map_or("none", Severity::label)
            ));
        }
    }
    for set in &report.dicomdir_sets {
        out.push_str(&format!(
            "\nDICOMDIR {}: references {}, {} scanned with it, {} missing\n",
            report.files[set.dicomdir].file_name,
            plural(set.referenced, "file", "files"),
            set.files.len(),
            set.missing_count
        ));
    }
    out.push_str("\nFiles:\n");
    for f in &report.files {
        let status = match f.status {
            FileStatus::Ok => String::new(),
            other => format!(" [{}]", serde_json_status(other)),
        };
        out.push_str(&format!("  {}{}\n", f.file_name, status));
        if let Some(message) = &f.message {
            out.push_str(&format!("    {message}\n"));
        }
        if !f.format.is_empty() && f.format != "DICOM" {
            out.push_str(&format!(
                "    {}: {}, {}{}\n",
                f.format,
                plural(f.records, "record", "records"),
                plural(f.distinct_people, "person", "people"),
                f.query_level
                    .as_deref()
                    .map(|l| format!(", query level {l}"))
                    .unwrap_or_default()
            ));
        }
        if let Some(server) = &f.server {
            out.push_str(&format!("    server: {server}\n"));
        }
        for n in &f.network {
            out.push_str(&format!(
                "    {:<8} {:<20} {}:{} ({}, {} address) {}\n",
                n.severity.label(),
                n.rule_id,
                n.host,
                n.port,
                n.service,
                if n.public_address {
                    "public"
                } else {
                    "private"
                },
                n.evidence.replace('\n', " | ")
            ));
        }
        let mut findings: Vec<&Finding> = f.findings.iter().collect();
        findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.path.cmp(&b.path)));
        for x in findings.iter().filter(|x| x.severity >= Severity::Medium) {
            let place = if x.location.is_empty() {
                x.path.clone()
            } else {
                format!("{} {}", x.location, x.path)
            };
            out.push_str(&format!(
                "    {:<8} {:<12} {:<28} {:<32} {}\n",
                x.severity.label(),
                x.rule_id,
                place,
                x.keyword,
                x.excerpt
            ));
        }
        let minor = findings
            .iter()
            .filter(|x| x.severity < Severity::Medium)
            .count();
        if minor > 0 {
            out.push_str(&format!(
                "    (+ {} of low or info severity)\n",
                plural(minor, "finding", "findings")
            ));
        }
    }
    out
}

fn serde_json_status(status: FileStatus) -> &'static str {
    match status {
        FileStatus::Ok => "ok",
        FileStatus::Recovered => "recovered",
        FileStatus::Truncated => "truncated",
        FileStatus::NotDicom => "not DICOM",
        FileStatus::Unsupported => "unsupported",
        FileStatus::Unreadable => "unreadable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(name: &str, id: &str, birth: &str) -> Identity {
        Identity {
            name: name.into(),
            id: id.into(),
            birth_date: birth.into(),
        }
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
        assert!(csv.starts_with("file,location,path,keyword,vr,rule_id,category,severity,value"));
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
}
