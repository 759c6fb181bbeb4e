//! Report: per file, per person, per study, and an exposure summary.
//!
//! A [`FileReport`] is what scanning one file yields; it holds masked values only, plus
//! [`PersonKey`]s: hashes of the normalised name, ID and birth date that let files of the same
//! person be grouped without carrying the values themselves. [`Report::build`] groups them.
//!
//! The JSON form is versioned by [`SCHEMA_VERSION`] and documented in docs/report-schema.md.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::decode::{InputKind, NetworkFinding, Warning};
use crate::detect::{Finding, Identity, StudyKey};
use crate::mask::{mask_date, mask_id, mask_person_name, mask_uid};
use crate::rules::catalog::RuleInfo;
use crate::rules::rule::Rule;
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    pub warnings: Vec<Warning>,
    /// What the file is; written as its label (`DICOM`, `nmap XML`, ...) under the name
    /// `format`, as the schema has always had it.
    #[serde(rename = "format")]
    pub kind: InputKind,
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
            kind: InputKind::Unknown,
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
        let mut builder = ReportBuilder::new(GroupOrder::FirstSeen);
        for file in &files {
            builder.add(file);
        }
        let mut report = builder.finish(generated, values_revealed);
        report.files = files;
        report
    }
}

/// In which order [`ReportBuilder::finish`] lists people, studies and DICOMDIR sets, and which
/// record's masked value shows when several with the same key differ (`DOE^JOHN=...` and
/// `DOE^JOHN` are one name).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GroupOrder {
    /// By the index of the first file that names them (the order files were added).
    #[default]
    FirstSeen,
    /// By the name of the first file that names them: the same whatever order files were
    /// added in (the CLI adds them as parallel scans complete).
    FirstFileName,
}

/// Builds a [`Report`] one file at a time, keeping only what grouping needs: person keys and
/// masked values, study keys, per-category counts, rule ids and DICOMDIR references, plus a
/// few bytes per file (a name hash and its index in the groups). [`Report::build`] is this
/// builder over a list; the CLI feeds it while it streams each [`FileReport`] out and drops it.
#[derive(Debug, Default)]
pub struct ReportBuilder {
    order: GroupOrder,
    files: usize,
    files_scanned: usize,
    files_with_findings: usize,
    worst_severity: Option<Severity>,
    findings_by_severity: BTreeMap<Severity, usize>,
    files_by_category: BTreeMap<Category, usize>,
    /// Categories held at medium severity or worse: what the verdict sentence names.
    serious: BTreeMap<Category, usize>,
    network: BTreeSet<(String, u16)>,
    fired: BTreeSet<Rule>,
    people: Vec<Person>,
    /// People by their ID key and by their name key: a person matches only one that shares
    /// one of them, so these are the only candidates (a linear search took 29,000 people of
    /// one export from seconds to minutes). Keys are only ever filled in, never changed.
    people_by_id: HashMap<u64, Vec<usize>>,
    people_by_name: HashMap<u64, Vec<usize>>,
    /// Study key → its place in `studies`.
    study_slots: HashMap<u64, usize>,
    /// Tests: search every person in order, as the index must find the same one.
    #[cfg(test)]
    linear_search: bool,
    /// Per person: the smallest name of a file naming them, and their place in that file (for
    /// [`GroupOrder::FirstFileName`]), and where each shown value came from; per study: the
    /// smallest name of its files.
    people_first: Vec<(String, usize)>,
    people_from: Vec<[(String, usize); 3]>,
    studies: Vec<(u64, Study)>,
    studies_first: Vec<(String, usize)>,
    /// Normalised file name hash → index of the last file with that name.
    by_name: HashMap<u64, usize>,
    dicomdirs: Vec<PendingDicomdir>,
}

#[derive(Debug)]
struct PendingDicomdir {
    index: usize,
    file_name: String,
    referenced_files: Vec<String>,
}

fn name_key(name: &str) -> u64 {
    key_hash(&name.replace('\\', "/").to_ascii_lowercase())
}

/// Where a value came from: a file name and a place in it.
type Source = (String, usize);

impl ReportBuilder {
    pub fn new(order: GroupOrder) -> Self {
        ReportBuilder {
            order,
            ..ReportBuilder::default()
        }
    }

    /// Add the next file; returns its index (what `people[].files` and `studies[].files` hold).
    pub fn add(&mut self, file: &FileReport) -> usize {
        let index = self.files;
        self.files += 1;
        if file.status.was_scanned() {
            self.files_scanned += 1;
        }
        if file.findings.iter().any(|x| x.severity > Severity::Info) {
            self.files_with_findings += 1;
        }
        self.worst_severity = self.worst_severity.max(file.worst_severity());
        let mut seen = BTreeSet::new();
        let mut seen_serious = BTreeSet::new();
        for finding in &file.findings {
            *self
                .findings_by_severity
                .entry(finding.severity)
                .or_insert(0) += 1;
            if finding.severity > Severity::Info {
                seen.insert(finding.category);
            }
            if finding.severity >= Severity::Medium {
                seen_serious.insert(finding.category);
            }
            self.fired.insert(finding.rule);
        }
        for category in seen {
            *self.files_by_category.entry(category).or_insert(0) += 1;
        }
        for category in seen_serious {
            *self.serious.entry(category).or_insert(0) += 1;
        }
        for n in &file.network {
            self.network.insert((n.host.clone(), n.port));
            self.fired.insert(Rule::Network(n.rule));
        }
        let slots = self.add_people(index, file);
        self.add_study(index, file, slots);
        self.by_name.insert(name_key(&file.file_name), index);
        if file.kind == InputKind::Dicomdir {
            self.dicomdirs.push(PendingDicomdir {
                index,
                file_name: file.file_name.clone(),
                referenced_files: file.referenced_files.clone(),
            });
        }
        index
    }

    /// Group the file's people with those already seen; returns the slots they went to, sorted.
    fn add_people(&mut self, index: usize, file: &FileReport) -> Vec<usize> {
        let categories: BTreeSet<Category> = file.findings.iter().map(|f| f.category).collect();
        let worst = file.worst_severity();
        let mut slots = Vec::new();
        for (place, person) in file.people.iter().enumerate() {
            let slot = match self.matching_person(&person.key) {
                Some(i) => i,
                None => {
                    self.people.push(Person {
                        name: None,
                        id: None,
                        birth_date: None,
                        files: Vec::new(),
                        categories: Vec::new(),
                        worst_severity: None,
                        key: PersonKey::default(),
                    });
                    self.people_first.push((file.file_name.clone(), place));
                    self.people_from.push(Default::default());
                    self.people.len() - 1
                }
            };
            keep_first(&mut self.people_first[slot], &file.file_name, place);
            let p = &mut self.people[slot];
            let before = (p.key.id, p.key.name);
            let from = &mut self.people_from[slot];
            let source = (file.file_name.as_str(), place);
            let by_name = self.order == GroupOrder::FirstFileName;
            // Fill in what this record knows and the group did not yet.
            let k = &person.key;
            fill(
                &mut p.key.name,
                &mut p.name,
                &mut from[0],
                k.name,
                &person.name,
                source,
                by_name,
            );
            fill(
                &mut p.key.id,
                &mut p.id,
                &mut from[1],
                k.id,
                &person.id,
                source,
                by_name,
            );
            fill(
                &mut p.key.birth_date,
                &mut p.birth_date,
                &mut from[2],
                k.birth_date,
                &person.birth_date,
                source,
                by_name,
            );
            if p.files.last() != Some(&index) {
                p.files.push(index);
            }
            let mut merged: BTreeSet<Category> = p.categories.iter().copied().collect();
            merged.extend(categories.iter().copied());
            p.categories = merged.into_iter().collect();
            p.worst_severity = p.worst_severity.max(worst);
            let after = (p.key.id, p.key.name);
            if before.0 == 0 && after.0 != 0 {
                self.people_by_id.entry(after.0).or_default().push(slot);
            }
            if before.1 == 0 && after.1 != 0 {
                self.people_by_name.entry(after.1).or_default().push(slot);
            }
            slots.push(slot);
        }
        slots.sort_unstable();
        slots.dedup();
        slots
    }

    /// The first person (in slot order) that `key` matches, as a search of every person in
    /// order would find.
    fn matching_person(&self, key: &PersonKey) -> Option<usize> {
        #[cfg(test)]
        if self.linear_search {
            return self.people.iter().position(|p| p.matches(key));
        }
        let by_id = (key.id != 0)
            .then(|| self.people_by_id.get(&key.id))
            .flatten();
        let by_name = (key.name != 0)
            .then(|| self.people_by_name.get(&key.name))
            .flatten();
        by_id
            .into_iter()
            .chain(by_name)
            .flatten()
            .copied()
            .filter(|&slot| self.people[slot].matches(key))
            .min()
    }

    fn add_study(&mut self, index: usize, file: &FileReport, people: Vec<usize>) {
        let Some(study) = &file.study else { return };
        let slot = match self.study_slots.get(&study.key).copied() {
            Some(i) => i,
            None => {
                self.study_slots.insert(study.key, self.studies.len());
                self.studies.push((
                    study.key,
                    Study {
                        study_uid: study.study_uid.clone(),
                        study_date: study.study_date.clone(),
                        modalities: Vec::new(),
                        files: Vec::new(),
                        people: Vec::new(),
                    },
                ));
                self.studies_first.push((file.file_name.clone(), 0));
                self.studies.len() - 1
            }
        };
        keep_first(&mut self.studies_first[slot], &file.file_name, 0);
        let s = &mut self.studies[slot].1;
        s.files.push(index);
        if !file.modality.is_empty() && !s.modalities.contains(&file.modality) {
            s.modalities.push(file.modality.clone());
        }
        for p in people {
            if !s.people.contains(&p) {
                s.people.push(p);
            }
        }
    }

    /// How many distinct people the files added so far name.
    pub fn distinct_people(&self) -> usize {
        self.people.len()
    }

    /// The report of every file added, with an empty `files` list (the caller has them, or
    /// has already written them out).
    pub fn finish(self, generated: &str, values_revealed: bool) -> Report {
        let mut people = self.people;
        let mut studies: Vec<Study> = self.studies.into_iter().map(|(_, s)| s).collect();
        let mut dicomdir_sets: Vec<(String, DicomdirSet)> = self
            .dicomdirs
            .into_iter()
            .map(|d| (d.file_name.clone(), resolve_dicomdir(&d, &self.by_name)))
            .collect();
        if self.order == GroupOrder::FirstFileName {
            let people_order = by_first_file(&self.people_first, people.iter().map(|p| &p.files));
            let mut new_slot = vec![0; people.len()];
            for (new, &old) in people_order.iter().enumerate() {
                new_slot[old] = new;
            }
            people = permute(people, &people_order);
            for study in &mut studies {
                for p in &mut study.people {
                    *p = new_slot[*p];
                }
                study.people.sort_unstable();
            }
            let studies_order =
                by_first_file(&self.studies_first, studies.iter().map(|s| &s.files));
            studies = permute(studies, &studies_order);
            dicomdir_sets.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.dicomdir.cmp(&b.1.dicomdir)));
        }
        let mut summary = Summary {
            verdict: String::new(),
            files: self.files,
            files_scanned: self.files_scanned,
            files_failed: self.files - self.files_scanned,
            files_with_findings: self.files_with_findings,
            distinct_people: people.len(),
            studies: studies.len(),
            network_exposures: self.network.len(),
            worst_severity: self.worst_severity,
            findings_by_severity: self.findings_by_severity,
            files_by_category: self.files_by_category,
        };
        summary.verdict = verdict(&summary, &people, &self.serious);
        Report {
            schema_version: SCHEMA_VERSION.to_string(),
            tool: "dicom-exposure-check".to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            generated: generated.to_string(),
            values_revealed,
            summary,
            people,
            studies,
            dicomdir_sets: dicomdir_sets.into_iter().map(|(_, set)| set).collect(),
            rules: self.fired.iter().map(|rule| rule.info()).collect(),
            files: Vec::new(),
        }
    }
}

/// The order of groups by their first file (name, then place in it; then index, for files
/// of the same name).
fn by_first_file<'a>(first: &[Source], files: impl Iterator<Item = &'a Vec<usize>>) -> Vec<usize> {
    let index: Vec<usize> = files
        .map(|f| f.first().copied().unwrap_or(usize::MAX))
        .collect();
    let mut order: Vec<usize> = (0..first.len()).collect();
    order.sort_by(|&a, &b| first[a].cmp(&first[b]).then(index[a].cmp(&index[b])));
    order
}

/// `items` in the given order (a permutation of their indices).
fn permute<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// Take a record's value for a field the group lacks; ordering by file name, also one with the
/// same key from a file that sorts first (so the shown value does not depend on scan order).
fn fill(
    key: &mut u64,
    shown: &mut Option<String>,
    from: &mut Source,
    new_key: u64,
    new_shown: &Option<String>,
    source: (&str, usize),
    by_name: bool,
) {
    let earlier = by_name && *key == new_key && source < (from.0.as_str(), from.1);
    if new_key != 0 && (*key == 0 || earlier) {
        *key = new_key;
        shown.clone_from(new_shown);
        *from = (source.0.to_string(), source.1);
    }
}

fn keep_first(first: &mut Source, file_name: &str, place: usize) {
    if (file_name, place) < (first.0.as_str(), first.1) {
        *first = (file_name.to_string(), place);
    }
}

fn resolve_dicomdir(d: &PendingDicomdir, by_name: &HashMap<u64, usize>) -> DicomdirSet {
    let folder = folder_of(&d.file_name);
    let mut set = DicomdirSet {
        dicomdir: d.index,
        referenced: d.referenced_files.len(),
        files: Vec::new(),
        missing: Vec::new(),
        missing_count: 0,
    };
    for reference in &d.referenced_files {
        let key = key_hash(&format!("{folder}{}", reference.to_ascii_lowercase()));
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
}

impl Report {
    /// The report as exported (JSON file, CLI `--json`): grouping keys removed, because an
    /// unkeyed hash of a name or ID can be reversed by trying likely values.
    pub fn to_export_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(files) = value.get_mut("files").and_then(|f| f.as_array_mut()) {
            for (json, file) in files.iter_mut().zip(&self.files) {
                *json = file.to_export_json();
            }
        }
        value
    }
}

impl FileReport {
    /// One file as [`Report::to_export_json`] writes it: grouping keys removed.
    pub fn to_export_json(&self) -> serde_json::Value {
        serde_json::to_value(ExportFile(self)).unwrap_or(serde_json::Value::Null)
    }
}

/// A file as exported (grouping keys left out), to serialize straight to a writer: a file of
/// 200,000 findings built as a JSON tree first took three times the report's memory.
pub struct ExportFile<'a>(pub &'a FileReport);

impl Serialize for ExportFile<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field of `FileReport`, in its order; a test checks none is missing.
        let FileReport {
            file_name,
            status,
            message,
            warnings,
            kind,
            transfer_syntax,
            modality,
            records,
            distinct_people,
            query_level,
            server,
            network,
            referenced_files,
            findings,
            people,
            study,
        } = self.0;
        let mut out = serializer.serialize_struct("FileReport", 16)?;
        out.serialize_field("file_name", file_name)?;
        out.serialize_field("status", status)?;
        out.serialize_field("message", message)?;
        out.serialize_field("warnings", warnings)?;
        out.serialize_field("format", kind)?;
        out.serialize_field("transfer_syntax", transfer_syntax)?;
        out.serialize_field("modality", modality)?;
        out.serialize_field("records", records)?;
        out.serialize_field("distinct_people", distinct_people)?;
        out.serialize_field("query_level", query_level)?;
        out.serialize_field("server", server)?;
        out.serialize_field("network", network)?;
        out.serialize_field("referenced_files", referenced_files)?;
        out.serialize_field("findings", findings)?;
        out.serialize_field("people", &ExportPeople(people))?;
        let study = study.as_ref().map(|study| {
            let StudyRef {
                study_uid,
                study_date,
                key: _,
            } = study;
            ExportStudy {
                study_uid,
                study_date,
            }
        });
        out.serialize_field("study", &study)?;
        out.end()
    }
}

struct ExportPeople<'a>(&'a [PersonRef]);

impl Serialize for ExportPeople<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Person<'a> {
            name: &'a Option<String>,
            id: &'a Option<String>,
            birth_date: &'a Option<String>,
        }
        // Destructured, so that a new field is a compile error here, not a silent omission.
        serializer.collect_seq(self.0.iter().map(|p| {
            let PersonRef {
                name,
                id,
                birth_date,
                key: _,
            } = p;
            Person {
                name,
                id,
                birth_date,
            }
        }))
    }
}

#[derive(Serialize)]
struct ExportStudy<'a> {
    study_uid: &'a str,
    study_date: &'a str,
}

/// How many distinct people a list of person references names, with the report's matching.
pub fn count_people(people: &[PersonRef]) -> usize {
    let mut file = FileReport::failed("", FileStatus::Ok, String::new());
    file.people = people.to_vec();
    let mut builder = ReportBuilder::default();
    builder.add(&file);
    builder.distinct_people()
}

/// `1 file`, `2 files`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
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
    let mut out = render_summary_text(report, |i| report.files[i].file_name.as_str());
    out.push_str("\nFiles:\n");
    for f in &report.files {
        out.push_str(&render_file_text(f));
    }
    out
}

/// Everything [`render_text`] prints before the files: verdict, counts, kinds, people and
/// DICOMDIR sets. `file_name` names a file by its index (the CLI no longer holds the files).
pub fn render_summary_text<'a>(report: &Report, file_name: impl Fn(usize) -> &'a str) -> String {
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
            file_name(set.dicomdir),
            plural(set.referenced, "file", "files"),
            set.files.len(),
            set.missing_count
        ));
    }
    out
}

/// Findings of medium severity or worse a file's text lists: a query export of 100,000
/// records would print 200,000 lines (the JSON and CSV forms list them all).
pub const TEXT_FINDINGS_PER_FILE: usize = 100;

/// One file as [`render_text`] lists it: name, status, message, and its first
/// [`TEXT_FINDINGS_PER_FILE`] findings of medium severity or worse (the rest counted).
pub fn render_file_text(f: &FileReport) -> String {
    let mut out = String::new();
    let status = match f.status {
        FileStatus::Ok => String::new(),
        other => format!(" [{}]", serde_json_status(other)),
    };
    out.push_str(&format!("  {}{}\n", f.file_name, status));
    if let Some(message) = &f.message {
        out.push_str(&format!("    {message}\n"));
    }
    if !matches!(f.kind, InputKind::Unknown | InputKind::Dicom) {
        out.push_str(&format!(
            "    {}: {}, {}{}\n",
            f.kind,
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
            n.rule.id(),
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
    let serious = findings
        .iter()
        .filter(|x| x.severity >= Severity::Medium)
        .count();
    for x in findings
        .iter()
        .filter(|x| x.severity >= Severity::Medium)
        .take(TEXT_FINDINGS_PER_FILE)
    {
        let place = if x.location.is_empty() {
            x.path.clone()
        } else {
            format!("{} {}", x.location, x.path)
        };
        out.push_str(&format!(
            "    {:<8} {:<12} {:<28} {:<32} {}\n",
            x.severity.label(),
            x.rule.id(),
            place,
            x.keyword,
            x.excerpt
        ));
    }
    if serious > TEXT_FINDINGS_PER_FILE {
        out.push_str(&format!(
            "    (+ {} more of medium severity or worse: --json or --csv lists every finding)\n",
            serious - TEXT_FINDINGS_PER_FILE
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

    /// One row per finding, for spreadsheets. Network findings are rows too. A first line
    /// says when, by which version and over what the report was made (counts, never names):
    /// a `#` comment, which R, pandas (`comment='#'`) and spreadsheets read as one cell, as it
    /// holds no comma.
    pub fn findings_csv(&self) -> String {
        let s = &self.summary;
        let mut about = format!(
            "# {} {} report of {}: {} scanned; {} not read; {}; {}; {}; values {}",
            self.tool,
            self.tool_version,
            self.generated,
            plural(s.files_scanned, "file", "files"),
            s.files_failed,
            plural(s.distinct_people, "person", "people"),
            plural(s.findings_by_severity.values().sum(), "finding", "findings"),
            plural(s.network_exposures, "exposed service", "exposed services"),
            if self.values_revealed {
                "revealed"
            } else {
                "masked"
            },
        );
        about.retain(|c| c != ',');
        about.push('\n');
        let mut writer = csv::Writer::from_writer(about.into_bytes());
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
                    f.rule.id(),
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
                    n.rule.id(),
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
        assert_eq!(file.to_export_json(), expected);
        let written = serde_json::to_string(&ExportFile(&file)).expect("serializable");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&written).expect("JSON"),
            expected
        );
    }
}
