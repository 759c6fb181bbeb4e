//! The shape every non-generated rule is declared in: one row of a const table per rule.

use super::{Category, Severity};

/// One rule of a kind `R` (a value detector, a file risk), with everything a report says
/// about it. Each kind keeps its rows in one table indexed by the variant, so that adding a
/// rule is adding a row, not touching a `match` per property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleRow<R> {
    /// The variant this row describes; the table is indexed by it (a test checks).
    pub rule: R,
    /// Stable id, used in reports and by anyone who filters findings.
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Why it matters, in words a patient understands.
    pub why: &'static str,
    /// What to do about it.
    pub fix: &'static str,
    /// Where the rule comes from.
    pub reference: &'static str,
}

/// The variant whose row has this id.
pub fn find<R: Copy>(rows: &[RuleRow<R>], id: &str) -> Option<R> {
    rows.iter().find(|row| row.id == id).map(|row| row.rule)
}
