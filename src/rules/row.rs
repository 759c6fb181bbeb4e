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

/// The methods every kind of rule declared as [`RuleRow`]s has, read from its table `$rows`
/// (indexed by the variant): `all`, `row`, `from_id`, `id`, `category`, `severity`.
macro_rules! rule_rows {
    ($kind:ident, $rows:ident) => {
        impl $kind {
            /// Every rule of this kind, in report order.
            pub fn all() -> impl Iterator<Item = $kind> {
                $rows.iter().map(|row| row.rule)
            }

            pub fn row(self) -> &'static $crate::rules::row::RuleRow<$kind> {
                &$rows[self as usize]
            }

            /// The rule of this kind with this stable id.
            pub fn from_id(id: &str) -> Option<$kind> {
                $crate::rules::row::find(&$rows, id)
            }

            pub fn id(self) -> &'static str {
                self.row().id
            }

            pub fn category(self) -> $crate::rules::Category {
                self.row().category
            }

            pub fn severity(self) -> $crate::rules::Severity {
                self.row().severity
            }
        }
    };
}
pub(crate) use rule_rows;
