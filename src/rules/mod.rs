//! Rules, as data: what counts as an identifier, how it is classed, and what to do about it.
//!
//! - [`annex_e`]: the DICOM PS3.15 Annex E Table E.1-1 (generated; see `tools/annex_e.py`).
//! - [`detectors`]: value detectors that look inside text (SSN, phone, e-mail, ...).
//! - [`file_risks`]: risks of a whole file (burned-in text, head scans, broken de-identification).
//! - [`network`]: what a port scan shows about a DICOM or PACS node, and the verdict on it.
//! - [`rule`]: [`rule::Rule`], one type over every kind, which every finding carries.
//! - [`row`]: the row every detector and file risk is declared as.
//! - [`catalog`]: every rule described the same way, for reports and `--explain`.
//!
//! Domain words, defined once:
//! - *action code*: what the Basic Application Level Confidentiality Profile does to an
//!   attribute: `D` dummy value, `Z` zero length, `X` remove, `K` keep, `C` clean,
//!   `U` replace UID consistently, and compounds such as `X/Z/D` (conditional on the IOD).
//! - *category*: the HIPAA Safe Harbor identifier class (45 CFR 164.514(b)(2)) a value falls
//!   in, plus two classes of our own for free text and for context about the care setting.
//! - *severity*: how directly a finding lets a stranger tell who the person is.

pub mod annex_e;
pub mod annex_e_table;
pub mod catalog;
pub mod detectors;
pub mod file_risks;
pub mod network;
pub mod row;
pub mod rule;

use serde::{Deserialize, Serialize};

/// HIPAA Safe Harbor's 18 identifier categories, plus two of our own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// (A) Names of the individual, relatives, employers or household members.
    Names,
    /// (B) Geographic subdivisions smaller than a state, street address, ZIP code.
    Geography,
    /// (C) All elements of dates (except year) directly related to the individual; ages over 89.
    Dates,
    /// (D) Telephone numbers.
    Phone,
    /// (E) Fax numbers.
    Fax,
    /// (F) E-mail addresses.
    Email,
    /// (G) Social Security numbers.
    Ssn,
    /// (H) Medical record numbers (in DICOM: Patient ID and its kin).
    MedicalRecord,
    /// (I) Health plan beneficiary numbers.
    HealthPlan,
    /// (J) Account numbers.
    Account,
    /// (K) Certificate or licence numbers.
    License,
    /// (L) Vehicle identifiers and serial numbers, licence plates.
    Vehicle,
    /// (M) Device identifiers and serial numbers.
    Device,
    /// (N) Web URLs.
    Url,
    /// (O) IP addresses.
    Ip,
    /// (P) Biometric identifiers.
    Biometric,
    /// (Q) Full-face photographs and comparable images.
    FaceImage,
    /// (R) Any other unique identifying number, characteristic or code (UIDs, accession numbers).
    OtherUnique,
    /// Not a Safe Harbor class: free text that may hold any of the above.
    FreeText,
    /// Not a Safe Harbor class: the care setting (institution, physicians, staff, station),
    /// which narrows down who the person is.
    Context,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 20] = [
        Category::Names,
        Category::Geography,
        Category::Dates,
        Category::Phone,
        Category::Fax,
        Category::Email,
        Category::Ssn,
        Category::MedicalRecord,
        Category::HealthPlan,
        Category::Account,
        Category::License,
        Category::Vehicle,
        Category::Device,
        Category::Url,
        Category::Ip,
        Category::Biometric,
        Category::FaceImage,
        Category::OtherUnique,
        Category::FreeText,
        Category::Context,
    ];

    /// Plain-language label, as a patient would say it.
    /// The name reports write (`medical_record`), as serde spells it.
    pub fn code(self) -> &'static str {
        match self {
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

    pub fn label(self) -> &'static str {
        match self {
            Category::Names => "names",
            Category::Geography => "addresses and places",
            Category::Dates => "dates",
            Category::Phone => "phone numbers",
            Category::Fax => "fax numbers",
            Category::Email => "e-mail addresses",
            Category::Ssn => "Social Security numbers",
            Category::MedicalRecord => "patient IDs and record numbers",
            Category::HealthPlan => "health plan numbers",
            Category::Account => "account numbers",
            Category::License => "licence and certificate numbers",
            Category::Vehicle => "vehicle identifiers",
            Category::Device => "device serial numbers",
            Category::Url => "web addresses",
            Category::Ip => "IP addresses",
            Category::Biometric => "biometric identifiers",
            Category::FaceImage => "face images",
            Category::OtherUnique => "other unique numbers and codes",
            Category::FreeText => "free text that may name you",
            Category::Context => "where and by whom you were treated",
        }
    }

    /// Why a value of this category matters, in plain words.
    pub fn why(self) -> &'static str {
        match self {
            Category::Names => "A name tells anyone who holds the file whose scan this is.",
            Category::Geography => "An address or place narrows you down to a household or street.",
            Category::Dates => {
                "Dates of birth and of care, combined with little else, single a person out."
            }
            Category::Phone | Category::Fax => "A phone or fax number leads straight to a person.",
            Category::Email => "An e-mail address leads straight to a person.",
            Category::Ssn => "A Social Security number identifies you and enables identity theft.",
            Category::MedicalRecord => {
                "A patient ID or record number links this file to all your other records."
            }
            Category::HealthPlan | Category::Account => {
                "Insurance and account numbers link the file to you and to your bills."
            }
            Category::License | Category::Vehicle => {
                "Licence and vehicle numbers trace to a person."
            }
            Category::Device => {
                "Device identifiers tie the scan to a machine, a place and a time of care."
            }
            Category::Url | Category::Ip => {
                "Web and network addresses point to the systems that hold your records."
            }
            Category::Biometric | Category::FaceImage => {
                "Your face or body features can be matched to you without any name."
            }
            Category::OtherUnique => {
                "Unique numbers and codes link this file to your other records and visits."
            }
            Category::FreeText => "Free text often carries names, dates and notes about you.",
            Category::Context => "Where and by whom you were treated narrows down who you are.",
        }
    }

    /// Whether HIPAA Safe Harbor lists this category among its 18 identifiers.
    pub fn is_safe_harbor(self) -> bool {
        !matches!(self, Category::FreeText | Category::Context)
    }
}

/// How directly a finding identifies the person. Ordered: `Info < Low < ... < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; identifies no one by itself.
    Info,
    /// Helps narrow down who it is when combined with other facts.
    Low,
    /// Links records of the same person or visit (IDs, UIDs, dates of care).
    Medium,
    /// Identifies the person together with little else (birth date, address, phone).
    High,
    /// Identifies the person on its own (name, SSN, patient ID), or exposes many people.
    Critical,
}

impl Severity {
    /// Every severity, mildest first.
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}
