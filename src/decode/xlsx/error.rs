//! Why a workbook could not be read: each failure a variant with the part, sheet or cell it
//! happened in, worded in one place. Never a cell's value: a workbook's errors go into
//! masked reports.

use super::{MAX_PART_BYTES, MAX_RATIO, MAX_WORKBOOK_BYTES};
use crate::decode::{csv, DecodeError};

/// What went wrong in a workbook, and where. Parts are named by their path in the package
/// (`xl/worksheets/sheet1.xml`), sheets by their place in the workbook, from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// The file is not a ZIP archive the reader can open; the ZIP reader's reason.
    NotZip(String),
    /// A part the workbook needs is not in the package.
    MissingPart { part: String },
    /// A part's compressed data is broken; the inflater's reason.
    Inflate { part: String, reason: String },
    /// A part says it grows more than [`MAX_RATIO`] times: not inflated.
    Ratio { part: String },
    /// A part inflates to more than [`MAX_PART_BYTES`].
    PartBytes { part: String },
    /// The parts together inflate to more than [`MAX_WORKBOOK_BYTES`].
    WorkbookBytes,
    /// A part is not well-formed XML; the XML reader's reason.
    Xml {
        part: String,
        byte: u64,
        reason: String,
    },
    /// A sheet entry of `xl/workbook.xml` has no relationship id.
    SheetWithoutId { sheet: usize },
    /// A sheet's relationship id names no part.
    SheetWithoutTarget { sheet: usize },
    /// A cell reference (`r="C5"`) that is no cell of Excel's grid.
    CellReference { part: String, reference: String },
    /// A shared-string cell whose value is not an index.
    SharedStringIndex { part: String, cell: String },
    /// A shared-string cell in a workbook without shared strings.
    SharedStringsMissing {
        part: String,
        cell: String,
        shared_part: String,
    },
    /// A shared-string cell that names a string past the end of the table.
    SharedStringRange {
        part: String,
        cell: String,
        index: usize,
        shared_part: String,
        held: usize,
    },
    /// A sheet wider than [`csv::MAX_COLUMNS`].
    Columns { sheet: usize, width: usize },
    /// A sheet whose table is larger than [`csv::MAX_INPUT_BYTES`] as CSV.
    TableBytes { sheet: usize },
    /// A sheet's table, read as CSV, failed; the CSV decoder's error with its kind.
    Sheet {
        sheet: usize,
        error: Box<DecodeError>,
    },
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MIB: u64 = 1024 * 1024;
        match self {
            WorkbookError::NotZip(reason) => write!(f, "not a readable ZIP archive: {reason}"),
            WorkbookError::MissingPart { part } => write!(f, "{part} is missing"),
            WorkbookError::Inflate { part, reason } => {
                write!(f, "{part} could not be inflated: {reason}")
            }
            WorkbookError::Ratio { part } => write!(
                f,
                "{part} would grow more than {MAX_RATIO} times when inflated (a zip bomb?)"
            ),
            WorkbookError::PartBytes { part } => write!(
                f,
                "{part} inflates to more than {} MiB, the most read of one part; save the \
                 sheet as CSV or split the workbook",
                MAX_PART_BYTES / MIB
            ),
            WorkbookError::WorkbookBytes => write!(
                f,
                "the workbook inflates to more than {} MiB in all, the limit; split it",
                MAX_WORKBOOK_BYTES / MIB
            ),
            WorkbookError::Xml { part, byte, reason } => {
                write!(f, "{part}: bad XML near byte {byte}: {reason}")
            }
            WorkbookError::SheetWithoutId { sheet } => {
                write!(f, "sheet {sheet} in xl/workbook.xml has no r:id")
            }
            WorkbookError::SheetWithoutTarget { sheet } => write!(
                f,
                "sheet {sheet} has no target in xl/_rels/workbook.xml.rels"
            ),
            WorkbookError::CellReference { part, reference } => {
                write!(f, "{part}: a cell reference is not valid: {reference:?}")
            }
            WorkbookError::SharedStringIndex { part, cell } => write!(
                f,
                "{part}: cell {cell} names a shared string by something other than a number"
            ),
            WorkbookError::SharedStringsMissing {
                part,
                cell,
                shared_part,
            } => write!(
                f,
                "{part}: cell {cell} uses shared strings, but {shared_part} is missing"
            ),
            WorkbookError::SharedStringRange {
                part,
                cell,
                index,
                shared_part,
                held,
            } => write!(
                f,
                "{part}: cell {cell} names shared string {index}, but {shared_part} holds {held}"
            ),
            WorkbookError::Columns { sheet, width } => write!(
                f,
                "sheet {sheet} uses {width} columns; the limit is {}",
                csv::MAX_COLUMNS
            ),
            WorkbookError::TableBytes { sheet } => write!(
                f,
                "sheet {sheet} makes a table of more than {} MiB; save it as CSV to check it \
                 in parts",
                csv::MAX_INPUT_BYTES / (1024 * 1024)
            ),
            WorkbookError::Sheet { sheet, error } => write!(f, "sheet {sheet}: {}", error.detail()),
        }
    }
}
