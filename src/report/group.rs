//! Grouping: people, studies and DICOMDIR sets over many files, one file at a time.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::decode::InputKind;
use crate::i18n::Catalog;
use crate::pixels::PixelCheck;
use crate::rules::rule::Rule;
use crate::rules::{Category, Severity};

use super::*;

/// The folder part of a file name (`cd.zip/DICOMDIR` → `cd.zip/`), matched without case.
pub(super) fn folder_of(name: &str) -> String {
    let cut = name.rfind(['/', '\\']).map_or(0, |i| i + 1);
    name[..cut].replace('\\', "/").to_ascii_lowercase()
}

impl Report {
    pub fn build(
        files: impl IntoIterator<Item = impl Into<Arc<FileReport>>>,
        generated: &str,
        values_revealed: bool,
    ) -> Report {
        let files: Vec<Arc<FileReport>> = files.into_iter().map(Into::into).collect();
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
    pixels: Option<PixelSummary>,
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
    pub(super) linear_search: bool,
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
pub(super) struct PendingDicomdir {
    index: usize,
    file_name: String,
    referenced_files: Vec<String>,
}

/// Categories of one file's findings, one bit each.
#[derive(Debug, Default, Clone, Copy)]
struct CategorySet(u32);

impl CategorySet {
    fn insert(&mut self, category: Category) {
        self.0 |= 1 << category as u32;
    }

    /// In the order of [`Category::ALL`], the order of the maps they are counted in.
    fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL
            .into_iter()
            .filter(move |c| self.0 & (1 << *c as u32) != 0)
    }
}

pub(super) fn name_key(name: &str) -> u64 {
    key_hash(&name.replace('\\', "/").to_ascii_lowercase())
}

/// Where a value came from: a file name and a place in it.
pub(super) type Source = (String, usize);

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
        if let Some(check) = &file.pixels {
            let pixels = self.pixels.get_or_insert_with(PixelSummary::default);
            match check {
                PixelCheck::Text { .. } => {
                    pixels.images_checked += 1;
                    pixels.with_text += 1;
                }
                PixelCheck::NoText { .. } => pixels.images_checked += 1,
                PixelCheck::NotChecked { .. } => pixels.not_checked += 1,
            }
        }
        self.worst_severity = self.worst_severity.max(file.worst_severity());
        // Counted in place first, then added to the maps once a file: the page rebuilds its
        // report at checkpoints of a scan, and a map entry and two small sets a finding were
        // a third of what a build cost.
        let mut by_severity = [0usize; Severity::ALL.len()];
        let (mut seen, mut seen_serious) = (CategorySet::default(), CategorySet::default());
        for finding in &file.findings {
            by_severity[finding.severity as usize] += 1;
            if finding.severity > Severity::Info {
                seen.insert(finding.category);
            }
            if finding.severity >= Severity::Medium {
                seen_serious.insert(finding.category);
            }
            self.fired.insert(finding.rule);
        }
        for (severity, count) in Severity::ALL.into_iter().zip(by_severity) {
            if count > 0 {
                *self.findings_by_severity.entry(severity).or_insert(0) += count;
            }
        }
        for category in seen.iter() {
            *self.files_by_category.entry(category).or_insert(0) += 1;
        }
        for category in seen_serious.iter() {
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
            verdict_facts: VerdictFacts::default(),
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
            pixels: self.pixels,
        };
        summary.verdict_facts = VerdictFacts::new(&summary, &people, &self.serious);
        summary.verdict = summary.verdict_facts.sentence(Catalog::english());
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
pub(super) fn by_first_file<'a>(
    first: &[Source],
    files: impl Iterator<Item = &'a Vec<usize>>,
) -> Vec<usize> {
    let index: Vec<usize> = files
        .map(|f| f.first().copied().unwrap_or(usize::MAX))
        .collect();
    let mut order: Vec<usize> = (0..first.len()).collect();
    order.sort_by(|&a, &b| first[a].cmp(&first[b]).then(index[a].cmp(&index[b])));
    order
}

/// `items` in the given order (a permutation of their indices).
pub(super) fn permute<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// Take a record's value for a field the group lacks; ordering by file name, also one with the
/// same key from a file that sorts first (so the shown value does not depend on scan order).
pub(super) fn fill(
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

pub(super) fn keep_first(first: &mut Source, file_name: &str, place: usize) {
    if (file_name, place) < (first.0.as_str(), first.1) {
        *first = (file_name.to_string(), place);
    }
}

pub(super) fn resolve_dicomdir(d: &PendingDicomdir, by_name: &HashMap<u64, usize>) -> DicomdirSet {
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
