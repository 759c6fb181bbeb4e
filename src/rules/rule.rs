//! The rule registry: every finding names a [`Rule`], whatever kind of rule it is.
//!
//! Code matches on the variants; only reports and the command line see the stable id
//! (`E-00100010`, `V-SSN`, `F-BURNED-IN`, `N-DICOM-ANY-AET`), which is how a rule is written
//! in JSON, CSV and the bincode the page and its workers exchange.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::annex_e::{self, AnnexERow};
use super::detectors::Detector;
use super::file_risks::FileRisk;
use super::network::NetworkRule;
use super::{Category, Severity};

/// A rule of any kind.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// A row of DICOM PS3.15 Table E.1-1: an attribute that identifies by its tag.
    AnnexE(&'static AnnexERow),
    /// An identifier recognised inside free text.
    Detector(Detector),
    /// A risk of the file as a whole.
    File(FileRisk),
    /// What a port scan shows about a DICOM or PACS node.
    Network(NetworkRule),
}

/// An id that names no rule of this version (a report from a newer version, or a typo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRuleId(pub String);

impl fmt::Display for UnknownRuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule id {:?}", self.0)
    }
}

impl std::error::Error for UnknownRuleId {}

impl Rule {
    /// The rule with this stable id.
    pub fn from_id(id: &str) -> Result<Rule, UnknownRuleId> {
        // The prefix only picks the table to search; each table then matches whole ids.
        let found = match id.split_once('-').map(|(kind, _)| kind) {
            Some("E") => annex_e::by_id(id).map(Rule::AnnexE),
            Some("V") => Detector::from_id(id).map(Rule::Detector),
            Some("F") => FileRisk::from_id(id).map(Rule::File),
            Some("N") => NetworkRule::from_id(id).map(Rule::Network),
            _ => None,
        };
        found.ok_or_else(|| UnknownRuleId(id.to_string()))
    }

    /// Every rule, kind by kind: Annex E, value detectors, file risks, network.
    pub fn all() -> impl Iterator<Item = Rule> {
        annex_e::rows()
            .iter()
            .map(Rule::AnnexE)
            .chain(Detector::all().map(Rule::Detector))
            .chain(FileRisk::all().map(Rule::File))
            .chain(NetworkRule::all().map(Rule::Network))
    }

    pub fn id(self) -> &'static str {
        match self {
            Rule::AnnexE(row) => row.id,
            Rule::Detector(d) => d.id(),
            Rule::File(r) => r.id(),
            Rule::Network(n) => n.id(),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Rule::AnnexE(row) => row.name,
            Rule::Detector(d) => d.row().title,
            Rule::File(r) => r.row().title,
            Rule::Network(n) => n.row().title,
        }
    }

    pub fn category(self) -> Category {
        match self {
            Rule::AnnexE(row) => row.category,
            Rule::Detector(d) => d.category(),
            Rule::File(r) => r.category(),
            Rule::Network(n) => n.category(),
        }
    }

    /// The rule's own severity; a network rule's is the one on a public address, since a
    /// finding states the severity per host.
    pub fn severity(self) -> Severity {
        match self {
            Rule::AnnexE(row) => row.severity,
            Rule::Detector(d) => d.severity(),
            Rule::File(r) => r.severity(),
            Rule::Network(n) => n.severity(true),
        }
    }

    /// The file risk, when the rule is one.
    pub fn file_risk(self) -> Option<FileRisk> {
        match self {
            Rule::File(r) => Some(r),
            _ => None,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        match (self, other) {
            // Annex E rows are statics: one row, one address.
            (Rule::AnnexE(a), Rule::AnnexE(b)) => std::ptr::eq(*a, *b),
            (Rule::Detector(a), Rule::Detector(b)) => a == b,
            (Rule::File(a), Rule::File(b)) => a == b,
            (Rule::Network(a), Rule::Network(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Rule {}

impl Hash for Rule {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id().hash(state);
    }
}

/// Rules sort by id, the order reports list them in.
impl Ord for Rule {
    fn cmp(&self, other: &Rule) -> Ordering {
        self.id().cmp(other.id())
    }
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Rule) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Detector> for Rule {
    fn from(d: Detector) -> Rule {
        Rule::Detector(d)
    }
}

impl From<FileRisk> for Rule {
    fn from(r: FileRisk) -> Rule {
        Rule::File(r)
    }
}

impl From<NetworkRule> for Rule {
    fn from(n: NetworkRule) -> Rule {
        Rule::Network(n)
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rule, D::Error> {
        let id = String::deserialize(deserializer)?;
        Rule::from_id(&id).map_err(serde::de::Error::custom)
    }
}

/// Serde for one kind of rule as its stable id, the way [`Rule`] is written, so that a field
/// typed with the kind reads and writes the same text as one typed with [`Rule`].
macro_rules! serde_by_id {
    ($kind:ty) => {
        impl serde::Serialize for $kind {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $kind {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let id = <String as serde::Deserialize>::deserialize(deserializer)?;
                <$kind>::from_id(&id)
                    .ok_or_else(|| serde::de::Error::custom($crate::rules::rule::UnknownRuleId(id)))
            }
        }
    };
}
pub(crate) use serde_by_id;

#[cfg(test)]
mod tests {
    use super::*;

    fn well_formed(id: &str) -> bool {
        let Some((kind, rest)) = id.split_once('-') else {
            return false;
        };
        ["E", "V", "F", "N"].contains(&kind)
            && !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && !rest.ends_with('-')
    }

    #[test]
    fn every_id_is_unique_well_formed_and_maps_back_to_its_rule() {
        let mut ids = std::collections::HashSet::new();
        for rule in Rule::all() {
            let id = rule.id();
            assert!(well_formed(id), "{id}");
            assert!(ids.insert(id), "{id} twice");
            assert_eq!(Rule::from_id(id), Ok(rule));
            assert!(!rule.title().is_empty(), "{id}");
        }
    }

    /// Each kind's table holds the row of variant `i` at `i`, under that kind's prefix.
    #[test]
    fn row_i_of_each_table_is_variant_i_and_ids_map_back() {
        macro_rules! check {
            ($rows:expr, $kind:ty, $prefix:literal) => {
                for (i, row) in $rows.iter().enumerate() {
                    assert_eq!(row.rule as usize, i, "{}", row.id);
                    assert_eq!(<$kind>::from_id(row.id), Some(row.rule));
                    assert!(row.id.starts_with($prefix), "{}", row.id);
                }
                assert_eq!(<$kind>::all().count(), $rows.len());
            };
        }
        check!(crate::rules::detectors::ROWS, Detector, "V-");
        check!(crate::rules::file_risks::ROWS, FileRisk, "F-");
        check!(crate::rules::network::ROWS, NetworkRule, "N-");
    }

    #[test]
    fn a_kind_prefix_does_not_make_an_id() {
        for id in [
            "", "V", "V-", "F-BURNED", "N-DICOM", "E-0010", "X-SSN", "v-ssn",
        ] {
            assert_eq!(Rule::from_id(id), Err(UnknownRuleId(id.to_string())));
        }
    }

    #[test]
    fn equality_and_order_follow_the_rule_not_its_kind_position() {
        let name = Rule::from_id("E-00100010").unwrap();
        let same = Rule::AnnexE(annex_e::lookup(0x0010, 0x0010).unwrap());
        assert_eq!(name, same);
        assert_ne!(name, Rule::from_id("E-00100020").unwrap());
        let mut rules: Vec<Rule> = Rule::all().collect();
        rules.sort();
        assert!(rules.windows(2).all(|w| w[0].id() < w[1].id()));
    }

    #[test]
    fn serde_writes_the_id_and_reads_it_back() {
        for rule in Rule::all() {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.id()));
            assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), rule);
        }
        let error = serde_json::from_str::<Rule>("\"V-NOPE\"").unwrap_err();
        assert!(
            error.to_string().contains("unknown rule id \"V-NOPE\""),
            "{error}"
        );
    }

    #[test]
    fn each_kind_serializes_as_the_rule_does() {
        for d in Detector::all() {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, serde_json::to_string(&Rule::Detector(d)).unwrap());
            assert_eq!(serde_json::from_str::<Detector>(&json).unwrap(), d);
        }
        for r in FileRisk::all() {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, serde_json::to_string(&Rule::File(r)).unwrap());
            assert_eq!(serde_json::from_str::<FileRisk>(&json).unwrap(), r);
        }
        for n in NetworkRule::all() {
            let json = serde_json::to_string(&n).unwrap();
            assert_eq!(json, serde_json::to_string(&Rule::Network(n)).unwrap());
            assert_eq!(serde_json::from_str::<NetworkRule>(&json).unwrap(), n);
        }
        // Another kind's id is not this kind's.
        assert!(serde_json::from_str::<NetworkRule>("\"V-SSN\"").is_err());
    }
}
