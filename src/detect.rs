//! Detect: run every rule over a [`Dataset`] and return findings, masked.
//!
//! Three kinds of rule run here: Annex E attribute rules (by tag, at any depth), value
//! detectors (inside free text and text-bearing unknown or private values) and file-level
//! risks. Values are masked as findings are made; the raw value is kept only when the caller
//! asks for it ([`DetectOptions::reveal_values`]).

use std::borrow::Cow;

use dicom_core::Tag;
use dicom_dictionary_std::tags;
use serde::{Deserialize, Serialize};

use crate::decode::dataset::{Dataset, Element, Value};
use crate::deidentify::own_copy::OwnCopy;
use crate::mask::{mask_by_vr, mask_email, mask_id, mask_ssn, mask_text};
use crate::rules::annex_e::{self, AnnexERow};
use crate::rules::detectors::{scan_text, Detector, NameEcho};
use crate::rules::file_risks::FileRisk;
use crate::rules::rule::Rule;
use crate::rules::{Category, Severity};

/// One identifier found in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule; written as its stable id, described in the report's rule list.
    #[serde(rename = "rule_id")]
    pub rule: Rule,
    /// Where in an export the record sits (`row 7`, `/3`, `line 42`); empty for a DICOM file.
    pub location: String,
    /// Tag path with sequence items (`(0040,A730)[2].(0040,A123)`), or `file` for file risks.
    pub path: String,
    pub keyword: String,
    pub vr: String,
    pub category: Category,
    pub severity: Severity,
    /// The value, masked.
    pub excerpt: String,
    /// The value as written; only set when the caller asked to reveal values.
    // No `skip_serializing_if` on types sent to the page: the worker's bincode needs every field.
    pub raw: Option<String>,
}

/// Who a record is about, as written (unmasked: used for grouping, never shown as is).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identity {
    pub name: String,
    pub id: String,
    pub birth_date: String,
}

impl Identity {
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.id.is_empty() && self.birth_date.is_empty()
    }
}

/// The study a file belongs to, as written (unmasked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyKey {
    pub study_uid: String,
    pub study_date: String,
    pub accession: String,
    pub modality: String,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct DetectOptions {
    /// Keep raw values in findings (for a user who explicitly asks to see them).
    pub reveal_values: bool,
}

/// Everything detection learns from one dataset.
#[derive(Debug, Clone, Default)]
pub struct Detection {
    pub findings: Vec<Finding>,
    /// Every person the dataset names: the top level and, for DICOMDIRs and exports, each record.
    pub identities: Vec<Identity>,
    pub study: StudyKey,
    /// Files a DICOMDIR references (Referenced File ID, components joined with `/`).
    pub referenced_files: Vec<String>,
}

/// Values that de-identification tools write in place of a real one.
const PLACEHOLDERS: &[&str] = &[
    "ANON",
    "ANONYMOUS",
    "ANONYMIZED",
    "ANONYMISED",
    "REMOVED",
    "DEIDENTIFIED",
    "DE-IDENTIFIED",
    "UNKNOWN",
    "NONE",
    "N/A",
    "NA",
    "XXX",
    "XXXX",
    "XXXXX",
    "PATIENT",
    "NO NAME",
    "NONAME",
];

/// Modalities whose images usually carry text drawn into the pixels.
const BURNED_IN_MODALITIES: &[&str] = &[
    "US", "IVUS", "OT", "SC", "XA", "RF", "ES", "XC", "GM", "DOC", "OP", "SM", "DG", "PX", "IO",
];

/// Words in a body part or description that mean the head is in the volume.
const HEAD_WORDS: &[&str] = &[
    "HEAD", "BRAIN", "SKULL", "CRANI", "NEURO", "FACE", "FACIAL", "SINUS", "ORBIT", "CEREBR",
    "KOPF", "SCHAEDEL", "SCHÄDEL", "TETE", "TÊTE", "CERVEAU", "CABEZA", "MAXILL", "DENTAL",
];

/// Text value representations worth scanning for identifiers inside.
const FREE_TEXT_VRS: &[&str] = &["LO", "SH", "LT", "ST", "UT", "UC"];

/// Run every rule over `dataset`.
pub fn detect(dataset: &Dataset, options: &DetectOptions) -> Detection {
    let own = OwnCopy::of(dataset);
    let patient_name = dataset.top_text(0x0010, 0x0010).unwrap_or_default();
    // In a clean copy the name is a replacement, and its echo in other text says nothing.
    let echo = match (&own, dataset.top(0x0010, 0x0010)) {
        (Some(own), Some(name)) if own.is_replacement(name) => None,
        _ => NameEcho::from_dicom_pn(&patient_name),
    };
    let mut findings = Vec::new();
    for element in &dataset.elements {
        let at = findings.len();
        attribute_finding(element, options, &mut findings);
        let attribute = findings.len() > at;
        value_findings(
            element,
            dataset.label(element),
            echo.as_ref(),
            options,
            &mut findings,
        );
        if let (Some(own), true) = (&own, attribute) {
            let hits = findings.len() > at + 1;
            let (group, elem) = element.tag();
            let row = annex_e::lookup(group, elem);
            if let Some(replaced) = own.recognise(element, row, hits) {
                findings[at].severity = Severity::Info;
                findings[at].excerpt = replaced.excerpt().to_string();
            }
        }
    }
    file_findings(dataset, &mut findings);
    if own
        .as_ref()
        .is_some_and(|own| own.private_all_safe(dataset))
    {
        for finding in &mut findings {
            if finding.rule == Rule::File(FileRisk::PrivateTags) {
                finding.severity = Severity::Info;
                finding.excerpt = "(vendor numbers on the safe list, kept by a clean copy)".into();
            }
        }
    }
    Detection {
        findings,
        identities: identities(dataset, own.as_ref()),
        study: study_key(dataset),
        referenced_files: referenced_files(dataset),
    }
}

fn keyword_of(group: u16, element: u16) -> String {
    keyword_with(annex_e::lookup(group, element), group, element)
}

/// [`keyword_of`] with the tag's Annex E row looked up already.
fn keyword_with(row: Option<&AnnexERow>, group: u16, element: u16) -> String {
    if let Some(row) = row.filter(|r| !r.keyword.is_empty()) {
        return row.keyword.to_string();
    }
    crate::decode::dictionary::keyword(group, element).to_string()
}

fn is_placeholder(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c == '^' || c == ' ' || c == '\0');
    let upper = t.to_uppercase();
    t.is_empty() || PLACEHOLDERS.contains(&upper.as_str()) || t.chars().all(|c| c == '0')
}

fn excerpt_of(element: &Element) -> String {
    match &element.value {
        Value::Sequence { items } => format!("{items} item(s)"),
        Value::Binary { len, text: None } => format!("{len} bytes"),
        Value::Binary {
            text: Some(text), ..
        } => mask_text(text),
        value => mask_by_vr(&element.vr, &value.text().unwrap_or_default()),
    }
}

/// An Annex E attribute with a value. Private elements are reported per creator instead.
fn attribute_finding(element: &Element, options: &DetectOptions, out: &mut Vec<Finding>) {
    let (group, elem) = element.tag();
    if group % 2 == 1 || !element.value.is_present() {
        return;
    }
    let Some(row) = annex_e::lookup(group, elem) else {
        return;
    };
    let text = element.value.text();
    // A de-identifier's placeholder ("ANONYMOUS", "^") is what the profile asks for.
    let placeholder = text.as_deref().is_some_and(is_placeholder);
    out.push(Finding {
        rule: Rule::AnnexE(row),
        location: String::new(),
        path: element.path.text(),
        keyword: keyword_with(Some(row), group, elem),
        vr: element.vr.to_string(),
        category: row.category,
        severity: if placeholder {
            Severity::Info
        } else {
            row.severity
        },
        excerpt: if placeholder {
            "(placeholder)".to_string()
        } else {
            excerpt_of(element)
        },
        raw: text.filter(|_| options.reveal_values),
    });
}

/// Identifiers inside free text, and inside unknown or private values that hold text.
fn value_findings(
    element: &Element,
    label: Option<&str>,
    echo: Option<&NameEcho>,
    options: &DetectOptions,
    out: &mut Vec<Finding>,
) {
    let scannable = FREE_TEXT_VRS.contains(&element.vr.as_str())
        || matches!(element.value, Value::Binary { text: Some(_), .. });
    let (group, elem) = element.tag();
    // The name element itself is where the name belongs; its echo elsewhere is the finding.
    let is_patient_name = (group, elem) == (0x0010, 0x0010);
    if !scannable || is_patient_name {
        return;
    }
    let Some(text) = text_of(&element.value) else {
        return;
    };
    for hit in scan_text(&text, echo) {
        let matched = &text[hit.start..hit.end];
        out.push(Finding {
            rule: hit.detector.into(),
            location: String::new(),
            // A worklist's unmapped column is named by its header, not by the free-text tag
            // it is filed under.
            path: label.map_or_else(|| element.path.text(), str::to_string),
            keyword: label.map_or_else(|| keyword_of(group, elem), str::to_string),
            vr: element.vr.to_string(),
            category: hit.detector.category(),
            severity: hit.detector.severity(),
            excerpt: mask_hit(hit.detector, matched),
            raw: options.reveal_values.then(|| matched.to_string()),
        });
    }
}

/// [`Value::text`], borrowed when the value is one string (most are: a header has hundreds of
/// text values, and copying each before scanning it was a tenth of the allocations).
fn text_of(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::Text(values) if values.len() == 1 => Some(Cow::Borrowed(&values[0])),
        Value::Binary {
            text: Some(text), ..
        } => Some(Cow::Borrowed(text)),
        value => value.text().map(Cow::Owned),
    }
}

fn mask_hit(detector: Detector, matched: &str) -> String {
    match detector {
        Detector::Ssn | Detector::Itin | Detector::SsnNeverIssued => mask_ssn(matched),
        Detector::Email => mask_email(matched),
        Detector::NameEcho | Detector::StreetAddress | Detector::DateInText => mask_text(matched),
        _ => mask_id(matched),
    }
}

impl Finding {
    /// A finding about the file as a whole (a [`FileRisk`]).
    pub fn of_file(risk: FileRisk, excerpt: String) -> Finding {
        Finding {
            rule: risk.into(),
            location: String::new(),
            path: "file".to_string(),
            keyword: String::new(),
            vr: String::new(),
            category: risk.category(),
            severity: risk.severity(),
            excerpt,
            raw: None,
        }
    }
}

fn upper_top(dataset: &Dataset, tag: Tag) -> String {
    dataset
        .top_text(tag.group(), tag.element())
        .unwrap_or_default()
        .to_uppercase()
}

fn file_findings(dataset: &Dataset, out: &mut Vec<Finding>) {
    let modality = upper_top(dataset, tags::MODALITY);
    let sop_class = upper_top(dataset, tags::SOP_CLASS_UID);
    let burned_in = upper_top(dataset, tags::BURNED_IN_ANNOTATION);
    let has_pixels_or_image = dataset.top(0x0028, 0x0010).is_some();

    if burned_in == "YES" {
        out.push(Finding::of_file(
            FileRisk::BurnedIn,
            "Burned In Annotation = YES".into(),
        ));
    } else if burned_in.is_empty()
        && has_pixels_or_image
        && (BURNED_IN_MODALITIES.contains(&modality.as_str())
            || sop_class.starts_with("1.2.840.10008.5.1.4.1.1.7"))
    {
        out.push(Finding::of_file(
            FileRisk::BurnedInLikely,
            format!("modality {modality}, Burned In Annotation not stated"),
        ));
    }

    if sop_class.starts_with("1.2.840.10008.5.1.4.1.1.104.")
        || dataset.top(0x0042, 0x0011).is_some()
    {
        let kind = upper_top(dataset, tags::MIME_TYPE_OF_ENCAPSULATED_DOCUMENT);
        out.push(Finding::of_file(
            FileRisk::EncapsulatedDocument,
            if kind.is_empty() {
                "encapsulated document".into()
            } else {
                kind.to_lowercase()
            },
        ));
    }

    let content = dataset
        .top(0x0040, 0xA730)
        .is_some_and(|e| e.value.is_present());
    if (modality == "SR" || sop_class.starts_with("1.2.840.10008.5.1.4.1.1.88.")) && content {
        out.push(Finding::of_file(
            FileRisk::StructuredReport,
            "report content tree present".into(),
        ));
    }

    if matches!(modality.as_str(), "CT" | "MR" | "PT" | "NM") {
        let described = [
            tags::BODY_PART_EXAMINED,
            tags::STUDY_DESCRIPTION,
            tags::SERIES_DESCRIPTION,
            tags::PROTOCOL_NAME,
        ]
        .iter()
        .map(|t| upper_top(dataset, *t))
        .find(|text| HEAD_WORDS.iter().any(|w| text.contains(w)));
        if described.is_some() {
            out.push(Finding::of_file(
                FileRisk::FaceReconstruction,
                format!("{modality} of the head"),
            ));
        }
    }

    if upper_top(dataset, tags::PATIENT_IDENTITY_REMOVED) == "YES" {
        let left: Vec<&str> = out
            .iter()
            .filter(|f| f.severity >= Severity::High && f.path != "file")
            .map(|f| f.keyword.as_str())
            .collect();
        if !left.is_empty() {
            out.push(Finding::of_file(
                FileRisk::BrokenDeidentification,
                format!("still present: {}", dedup_join(left)),
            ));
        }
    }

    let creators: Vec<&str> = dataset
        .elements
        .iter()
        .filter(|e| {
            let (g, el) = e.tag();
            g % 2 == 1 && (0x0010..=0x00FF).contains(&el)
        })
        .filter_map(|e| match &e.value {
            Value::Text(v) => v.first().map(|s| s.trim()),
            _ => None,
        })
        .collect();
    // Labelled elements are a worklist's columns, not vendor data.
    if dataset
        .elements
        .iter()
        .any(|e| e.is_private() && dataset.label(e).is_none())
    {
        let creators = if creators.is_empty() {
            "no private creator named".to_string()
        } else {
            format!("creators: {}", dedup_join(creators))
        };
        out.push(Finding::of_file(FileRisk::PrivateTags, creators));
    }

    let retired: Vec<&str> = dataset
        .elements
        .iter()
        // Private tags have no row of their own (only the masked "private attributes" one).
        .filter(|e| e.tag().0 % 2 == 0)
        .filter(|e| e.value.is_present())
        .filter_map(|e| {
            let (g, el) = e.tag();
            annex_e::lookup(g, el).filter(|r| r.retired && r.is_exact())
        })
        .map(|r| r.keyword)
        .collect();
    if !retired.is_empty() {
        out.push(Finding::of_file(
            FileRisk::RetiredAttributes,
            dedup_join(retired),
        ));
    }
}

fn dedup_join(mut items: Vec<&str>) -> String {
    items.retain(|s| !s.is_empty());
    items.sort_unstable();
    items.dedup();
    items.join(", ")
}

/// Every identity the dataset names: the top level, then each sequence item (DICOMDIR records,
/// Other Patient IDs, ...) that carries a patient name or ID of its own.
fn identities(dataset: &Dataset, own: Option<&OwnCopy>) -> Vec<Identity> {
    use std::collections::BTreeMap;
    // Key: the path of the item holding the element ("" for the top level).
    let mut by_item: BTreeMap<String, Identity> = BTreeMap::new();
    for element in &dataset.elements {
        let (g, e) = element.tag();
        let slot = match (g, e) {
            (0x0010, 0x0010) => 0,
            (0x0010, 0x0020) => 1,
            (0x0010, 0x0030) => 2,
            _ => continue,
        };
        let Some(text) = element.value.text() else {
            continue;
        };
        let text = text
            .trim_matches(|c: char| c == '\0' || c == ' ')
            .to_string();
        if is_placeholder(&text) || own.is_some_and(|own| own.is_replacement(element)) {
            continue;
        }
        let mut parent = element.path.clone();
        parent.0.pop();
        let identity = by_item.entry(parent.to_string()).or_default();
        match slot {
            0 => identity.name = text,
            1 => identity.id = text,
            _ => identity.birth_date = text,
        }
    }
    let mut out: Vec<Identity> = Vec::new();
    for (item, identity) in by_item {
        // An item with an ID but no name (Other Patient IDs) adds an ID, not a person.
        let is_record = item.is_empty() || !identity.name.is_empty();
        if is_record && !identity.is_empty() && !out.contains(&identity) {
            out.push(identity);
        }
    }
    out
}

/// Referenced File IDs of a DICOMDIR's records (`IMAGES\\IM0001` → `IMAGES/IM0001`).
fn referenced_files(dataset: &Dataset) -> Vec<String> {
    dataset
        .elements
        .iter()
        .filter(|e| e.tag() == (0x0004, 0x1500))
        .filter_map(|e| match &e.value {
            Value::Text(parts) => Some(
                parts
                    .iter()
                    .map(|p| p.trim_matches(|c: char| c == ' ' || c == '\0'))
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            _ => None,
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn study_key(dataset: &Dataset) -> StudyKey {
    let text = |tag: Tag| {
        dataset
            .top_text(tag.group(), tag.element())
            .unwrap_or_default()
    };
    StudyKey {
        study_uid: text(tags::STUDY_INSTANCE_UID),
        study_date: text(tags::STUDY_DATE),
        accession: text(tags::ACCESSION_NUMBER),
        modality: text(tags::MODALITY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding as it was declared when the rule was a string: reports and the page's bincode
    /// must not see the difference.
    #[derive(Serialize)]
    struct FindingWithIdString {
        rule_id: String,
        location: String,
        path: String,
        keyword: String,
        vr: String,
        category: Category,
        severity: Severity,
        excerpt: String,
        raw: Option<String>,
    }

    fn finding(rule: Rule) -> (Finding, FindingWithIdString) {
        let typed = Finding {
            rule,
            location: "row 7".into(),
            path: "(0010,0010)".into(),
            keyword: "PatientName".into(),
            vr: "PN".into(),
            category: rule.category(),
            severity: rule.severity(),
            excerpt: "D*** J***".into(),
            raw: None,
        };
        let stringly = FindingWithIdString {
            rule_id: rule.id().to_string(),
            location: typed.location.clone(),
            path: typed.path.clone(),
            keyword: typed.keyword.clone(),
            vr: typed.vr.clone(),
            category: typed.category,
            severity: typed.severity,
            excerpt: typed.excerpt.clone(),
            raw: None,
        };
        (typed, stringly)
    }

    #[test]
    fn a_finding_is_written_with_its_rule_id_as_before_in_json_and_bincode() {
        for rule in Rule::all() {
            let (typed, stringly) = finding(rule);
            let json = serde_json::to_string(&typed).unwrap();
            assert_eq!(json, serde_json::to_string(&stringly).unwrap());
            assert!(
                json.contains(&format!("\"rule_id\":\"{}\"", rule.id())),
                "{json}"
            );
            assert_eq!(serde_json::from_str::<Finding>(&json).unwrap(), typed);
            let bytes = bincode::serialize(&typed).unwrap();
            assert_eq!(bytes, bincode::serialize(&stringly).unwrap());
            assert_eq!(bincode::deserialize::<Finding>(&bytes).unwrap(), typed);
        }
    }

    #[test]
    fn a_finding_with_an_unknown_rule_id_does_not_read() {
        let (_, mut stringly) = finding(Rule::File(FileRisk::PrivateTags));
        stringly.rule_id = "F-NOPE".into();
        let json = serde_json::to_string(&stringly).unwrap();
        let error = serde_json::from_str::<Finding>(&json).unwrap_err();
        assert!(
            error.to_string().contains("unknown rule id \"F-NOPE\""),
            "{error}"
        );
        let bytes = bincode::serialize(&stringly).unwrap();
        assert!(bincode::deserialize::<Finding>(&bytes).is_err());
    }
}
