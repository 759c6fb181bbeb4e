//! Excel workbooks (`.xlsx`, `.xlsm`: Office Open XML SpreadsheetML, ECMA-376): every
//! worksheet read as a worklist table, so a patient list kept in Excel is checked like the
//! same list saved as CSV.
//!
//! A workbook is a ZIP archive; [`is_workbook`] knows one by its members (`[Content_Types].xml`
//! and `xl/workbook.xml`), never by its name, so that the scan reads it as one file instead of
//! walking its XML parts as archive members.
//!
//! - **Sheets**: in workbook order from `xl/workbook.xml`, each found through
//!   `xl/_rels/workbook.xml.rels`. Hidden and very hidden sheets are read too (hidden data is
//!   still there for whoever opens the file), with a warning naming them. Chart and dialog
//!   sheets hold no cells and are skipped.
//! - **Cells**: shared strings (`xl/sharedStrings.xml`, plain and rich-text runs; phonetic
//!   guides left out), inline strings, numbers as stored, booleans as `TRUE`/`FALSE`, formula
//!   results and error values as text. Each cell goes to the column its reference (`C5`) names:
//!   Excel leaves empty cells out, so a row's cells are not contiguous.
//! - **Dates**: Excel stores a date as a serial day number. One is written `YYYYMMDD`
//!   (`YYYYMMDDHHMMSS` with a time of day, `HHMMSS` for a time-only format) when its cell's
//!   number format is a date or time format (built-in or custom), or when it sits below the
//!   header row in a column whose header maps to a DA or DT attribute (Date of Birth, Study
//!   Date): a birth date typed as a plain number is still a birth date. The 1900 date system
//!   (with Lotus's 29 February 1900) unless `workbook.xml` says `date1904`.
//! - **Decoding**: each sheet becomes CSV text (every non-empty cell quoted, rows padded to
//!   the sheet's width, rows without a value left out) read by [`csv::decode_at`], so header
//!   detection, column names and findings are those of the CSV of the same table. Records are
//!   located `sheet K row N`, K the sheet's place in the workbook, N Excel's row number
//!   (sheet names are never shown: offices name sheets after patients).
//! - **Limits**: a part (a sheet, the shared strings) inflates to at most [`MAX_PART_BYTES`],
//!   the workbook to [`MAX_WORKBOOK_BYTES`] in all; a part whose declared size is more than
//!   [`MAX_RATIO`] times its compressed size is not inflated. A sheet's table is at most
//!   [`csv::MAX_COLUMNS`] wide and [`csv::MAX_INPUT_BYTES`] as CSV. Past any of them, or on a
//!   missing part or bad XML, the whole workbook is an error naming the part.

use super::ExportFormat;
use super::Warning;
use std::cell::Cell;
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::keywords::tag_for_keyword;
use super::{csv, DecodeError, DecodeErrorKind, Decoded, Record};

mod error;
pub use error::WorkbookError;

/// The format named in reports.
pub const FORMAT: ExportFormat = ExportFormat::XlsxWorklist;
/// Most bytes one part (a sheet, the shared strings) is inflated to.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes inflated from one workbook, all parts together.
pub const MAX_WORKBOOK_BYTES: u64 = 1024 * 1024 * 1024;
/// A part that says it grows more than this many times is a zip bomb and is not inflated.
pub const MAX_RATIO: u64 = 1_000;
/// Excel's last column (XFD); a reference past it is damage, not a wide sheet.
const EXCEL_COLUMNS: usize = 16_384;

/// Whether a ZIP archive is an Excel workbook. The reader is left at its start.
pub fn is_workbook<R: Read + Seek>(reader: &mut R) -> std::io::Result<bool> {
    let found = match zip::ZipArchive::new(&mut *reader) {
        Ok(archive) => {
            let has = |wanted: &str| {
                archive
                    .file_names()
                    .any(|name| part_name(name) == wanted.to_ascii_lowercase())
            };
            has("[Content_Types].xml") && has("xl/workbook.xml")
        }
        Err(_) => false,
    };
    reader.seek(SeekFrom::Start(0))?;
    Ok(found)
}

/// Part names compare without case and without a leading slash (Open Packaging Conventions).
fn part_name(name: &str) -> String {
    name.trim_start_matches('/').to_ascii_lowercase()
}

/// Decode every worksheet of a workbook into records.
pub fn decode<R: Read + Seek>(reader: R) -> Result<Decoded, DecodeError> {
    let mut package = Package::open(reader)?;
    let workbook_xml = package.required("xl/workbook.xml")?;
    let workbook = parse_workbook(&workbook_xml)?;
    drop(workbook_xml);
    let rels = match package.part("xl/_rels/workbook.xml.rels")? {
        Some(xml) => parse_rels(&xml)?,
        None if workbook.sheets.is_empty() => Vec::new(),
        None => {
            return Err(error(WorkbookError::MissingPart {
                part: "xl/_rels/workbook.xml.rels".into(),
            }))
        }
    };
    let target_of = |kind: &str, default: &str| {
        rels.iter()
            .find(|r| r.kind.ends_with(kind))
            .map_or_else(|| default.to_string(), |r| r.path.clone())
    };
    let shared_path = target_of("/sharedStrings", "xl/sharedStrings.xml");
    let entities = Cell::new(0);
    let shared = match package.part(&shared_path)? {
        Some(xml) => Some(parse_shared_strings(&xml, &shared_path, &entities)?),
        None => None,
    };
    let styles_path = target_of("/styles", "xl/styles.xml");
    let styles = match package.part(&styles_path)? {
        Some(xml) => parse_styles(&xml, &styles_path)?,
        None => Vec::new(),
    };
    let book = Book {
        shared: shared.as_deref(),
        shared_path: &shared_path,
        styles: &styles,
        date1904: workbook.date1904,
        entities: &entities,
    };

    let mut decoded = Decoded::new(FORMAT);
    for (i, sheet) in workbook.sheets.iter().enumerate() {
        // Sheets are named by their place, never by their name: offices name sheets after
        // patients, and a location or a warning goes into masked exports.
        let number = i + 1;
        let label = format!("sheet {number}");
        let Some(rel) = rels.iter().find(|r| r.id == sheet.rel_id) else {
            return Err(error(WorkbookError::SheetWithoutTarget { sheet: number }));
        };
        // Chart and dialog sheets have no cells; macro sheets are rare and not worksheets.
        if !rel.kind.ends_with("/worksheet") {
            continue;
        }
        if let Some(state) = &sheet.hidden {
            decoded.warnings.push(Warning::note(format!(
                "{label} is {state} in Excel; it was read like the others"
            )));
        }
        let xml = package.required(&rel.path)?;
        let rows = parse_sheet(&xml, &rel.path, &book)?;
        drop(xml);
        decode_sheet(number, &rows, &book, &mut decoded)?;
    }
    if entities.get() > 0 {
        decoded.warnings.push(Warning::counted(
            entities.get(),
            "text(s) with an entity XML does not define were read as written",
        ));
    }
    Ok(decoded)
}

fn error(error: WorkbookError) -> DecodeError {
    DecodeError {
        format: FORMAT,
        kind: DecodeErrorKind::Workbook(error),
        at: None,
    }
}

/// The ZIP package, read part by part within the limits.
struct Package<R> {
    archive: zip::ZipArchive<R>,
    /// Lower-cased part name → entry index.
    index: HashMap<String, usize>,
    /// Bytes still allowed to be inflated ([`MAX_WORKBOOK_BYTES`]).
    left: u64,
}

impl<R: Read + Seek> Package<R> {
    fn open(reader: R) -> Result<Self, DecodeError> {
        let archive = zip::ZipArchive::new(reader)
            .map_err(|e| error(WorkbookError::NotZip(e.to_string())))?;
        let index = (0..archive.len())
            .filter_map(|i| Some((part_name(archive.name_for_index(i)?), i)))
            .collect();
        Ok(Package {
            archive,
            index,
            left: MAX_WORKBOOK_BYTES,
        })
    }

    fn required(&mut self, path: &str) -> Result<Vec<u8>, DecodeError> {
        self.part(path)?.ok_or_else(|| {
            error(WorkbookError::MissingPart {
                part: path.to_string(),
            })
        })
    }

    /// A part inflated whole, or `None` when the package has no such part.
    fn part(&mut self, path: &str) -> Result<Option<Vec<u8>>, DecodeError> {
        let Some(&index) = self.index.get(&part_name(path)) else {
            return Ok(None);
        };
        let entry = self
            .archive
            .by_index(index)
            .map_err(|e| inflate_error(path, &e))?;
        if entry.size() / entry.compressed_size().max(1) > MAX_RATIO {
            return Err(error(WorkbookError::Ratio {
                part: path.to_string(),
            }));
        }
        let cap = MAX_PART_BYTES.min(self.left);
        // The declared size can lie; it only sizes the first allocation.
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size().min(cap)).unwrap_or(0));
        entry
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| inflate_error(path, &e))?;
        if bytes.len() as u64 > cap {
            return Err(error(if cap == MAX_PART_BYTES {
                WorkbookError::PartBytes {
                    part: path.to_string(),
                }
            } else {
                WorkbookError::WorkbookBytes
            }));
        }
        self.left -= bytes.len() as u64;
        Ok(Some(bytes))
    }
}

fn inflate_error(path: &str, e: &dyn std::fmt::Display) -> DecodeError {
    error(WorkbookError::Inflate {
        part: path.to_string(),
        reason: e.to_string(),
    })
}

/// What the workbook part says.
struct Workbook {
    sheets: Vec<SheetEntry>,
    date1904: bool,
}

struct SheetEntry {
    rel_id: String,
    /// `hidden` or `very hidden`, when the sheet is not visible.
    hidden: Option<&'static str>,
}

/// One relationship of the workbook: id, type (a URI) and the part it points to.
struct Rel {
    id: String,
    kind: String,
    path: String,
}

/// What every sheet needs from the rest of the workbook.
struct Book<'a> {
    shared: Option<&'a [String]>,
    shared_path: &'a str,
    /// Per cell format (`s` attribute) index: what its number format makes of a number.
    styles: &'a [NumberStyle],
    date1904: bool,
    /// Texts kept as written for an undefined entity (see [`each_event`]).
    entities: &'a Cell<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberStyle {
    Plain,
    Date,
    Time,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    /// A number as stored (the shortest text that reads back as the same double).
    Number(String, NumberStyle),
}

#[derive(Debug, Clone, PartialEq)]
struct Row {
    /// Excel's row number, from 1.
    number: u32,
    /// (column from 0, value), in column order.
    cells: Vec<(usize, Value)>,
}

/// An XML event as the part parsers see it: an empty element is an open and a close.
enum Xml<'a> {
    Open(&'a BytesStart<'a>),
    Close(&'a [u8]),
    Text(&'a str),
}

/// `entities` counts texts with an entity XML does not define (a damaged or hand-edited
/// part): such a text is kept as written, so one bad spot costs nothing else.
fn each_event(
    xml: &[u8],
    part: &str,
    entities: &Cell<usize>,
    f: &mut dyn FnMut(Xml<'_>) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    let mut reader = Reader::from_reader(xml);
    let bad = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| {
        error(WorkbookError::Xml {
            part: part.to_string(),
            byte: reader.buffer_position(),
            reason: e.to_string(),
        })
    };
    loop {
        let event = reader.read_event().map_err(|e| bad(&reader, &e))?;
        match event {
            Event::Start(e) => f(Xml::Open(&e))?,
            Event::Empty(e) => {
                f(Xml::Open(&e))?;
                f(Xml::Close(e.local_name().as_ref()))?;
            }
            Event::End(e) => f(Xml::Close(e.local_name().as_ref()))?,
            Event::Text(e) => match e.unescape() {
                Ok(text) => f(Xml::Text(&text))?,
                Err(_) => {
                    entities.set(entities.get() + 1);
                    f(Xml::Text(&String::from_utf8_lossy(&e)))?
                }
            },
            Event::CData(e) => f(Xml::Text(&String::from_utf8_lossy(&e)))?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// An attribute by its local name (`r:id` is `id`), unescaped.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn is(e: &BytesStart<'_>, name: &[u8]) -> bool {
    e.local_name().as_ref() == name
}

fn parse_workbook(xml: &[u8]) -> Result<Workbook, DecodeError> {
    let mut workbook = Workbook {
        sheets: Vec::new(),
        date1904: false,
    };
    each_event(xml, "xl/workbook.xml", &Cell::default(), &mut |event| {
        if let Xml::Open(e) = event {
            if is(e, b"workbookPr") {
                workbook.date1904 = attr(e, b"date1904").is_some_and(|v| truthy(&v));
            } else if is(e, b"sheet") {
                let Some(rel_id) = attr(e, b"id") else {
                    return Err(error(WorkbookError::SheetWithoutId {
                        sheet: workbook.sheets.len() + 1,
                    }));
                };
                let hidden = match attr(e, b"state").as_deref() {
                    Some("hidden") => Some("hidden"),
                    Some("veryHidden") => Some("very hidden"),
                    _ => None,
                };
                workbook.sheets.push(SheetEntry { rel_id, hidden });
            }
        }
        Ok(())
    })?;
    Ok(workbook)
}

fn truthy(value: &str) -> bool {
    matches!(value, "1" | "true")
}

fn parse_rels(xml: &[u8]) -> Result<Vec<Rel>, DecodeError> {
    let mut rels = Vec::new();
    each_event(
        xml,
        "xl/_rels/workbook.xml.rels",
        &Cell::default(),
        &mut |event| {
            if let Xml::Open(e) = event {
                if is(e, b"Relationship") && attr(e, b"TargetMode").as_deref() != Some("External") {
                    if let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target")) {
                        rels.push(Rel {
                            id,
                            kind: attr(e, b"Type").unwrap_or_default(),
                            path: resolve("xl/", &target),
                        });
                    }
                }
            }
            Ok(())
        },
    )?;
    Ok(rels)
}

/// A relationship target relative to `base` (a folder ending in `/`), or absolute.
fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The `<si>` items of the shared string table, each the text of its `<t>` elements outside
/// phonetic runs (`<rPh>`, a reading aid, not part of the value).
fn parse_shared_strings(
    xml: &[u8],
    part: &str,
    entities: &Cell<usize>,
) -> Result<Vec<String>, DecodeError> {
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut in_phonetic) = (false, false);
    each_event(xml, part, entities, &mut |event| {
        match event {
            Xml::Open(e) if is(e, b"si") => current = Some(String::new()),
            Xml::Open(e) if is(e, b"t") => in_t = true,
            Xml::Open(e) if is(e, b"rPh") => in_phonetic = true,
            Xml::Close(b"si") => strings.extend(current.take().map(|s| unescape_ooxml(&s))),
            Xml::Close(b"t") => in_t = false,
            Xml::Close(b"rPh") => in_phonetic = false,
            Xml::Text(text) if in_t && !in_phonetic => {
                if let Some(current) = current.as_mut() {
                    current.push_str(text);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(strings)
}

/// What each cell format (`<cellXfs>` `<xf>`, in order) makes of a number.
fn parse_styles(xml: &[u8], part: &str) -> Result<Vec<NumberStyle>, DecodeError> {
    let mut custom: HashMap<u32, NumberStyle> = HashMap::new();
    let mut format_ids: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    each_event(xml, part, &Cell::default(), &mut |event| {
        match event {
            Xml::Open(e) if is(e, b"numFmt") => {
                let id = attr(e, b"numFmtId").and_then(|v| v.parse().ok());
                if let (Some(id), Some(code)) = (id, attr(e, b"formatCode")) {
                    custom.insert(id, format_code_style(&code));
                }
            }
            Xml::Open(e) if is(e, b"cellXfs") => in_cell_xfs = true,
            Xml::Close(b"cellXfs") => in_cell_xfs = false,
            Xml::Open(e) if in_cell_xfs && is(e, b"xf") => {
                format_ids.push(
                    attr(e, b"numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0),
                );
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(format_ids
        .into_iter()
        .map(|id| {
            custom
                .get(&id)
                .copied()
                .unwrap_or_else(|| builtin_style(id))
        })
        .collect())
}

/// Built-in number formats (ECMA-376 Part 1, 18.8.30, and the East Asian ids Excel uses).
fn builtin_style(id: u32) -> NumberStyle {
    match id {
        14..=17 | 22 | 27..=31 | 34..=36 | 50..=54 | 57 | 58 => NumberStyle::Date,
        18..=21 | 32 | 33 | 45..=47 | 55 | 56 => NumberStyle::Time,
        _ => NumberStyle::Plain,
    }
}

/// A custom format code is a date when its first section has a day or year, a time when it
/// has hours or seconds; quoted text, escaped characters and `[...]` (colour, locale,
/// elapsed-time) parts are not looked at.
fn format_code_style(code: &str) -> NumberStyle {
    let section = code.split(';').next().unwrap_or_default();
    let mut letters = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => chars.by_ref().take_while(|&c| c != '"').for_each(drop),
            '[' => {
                let inside: String = chars.by_ref().take_while(|&c| c != ']').collect();
                // Elapsed time ([h]:mm, [mm]:ss) is a duration, still time.
                if matches!(
                    inside.to_ascii_lowercase().as_str(),
                    "h" | "hh" | "m" | "mm" | "s" | "ss"
                ) {
                    letters.push('h');
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            c => letters.push(c.to_ascii_lowercase()),
        }
    }
    if letters.contains(['d', 'y']) {
        NumberStyle::Date
    } else if letters.contains(['h', 's']) {
        NumberStyle::Time
    } else {
        NumberStyle::Plain
    }
}

/// The cell being read inside a `<c>` element.
#[derive(Default)]
struct CellState {
    column: usize,
    kind: String,
    style: usize,
    value: String,
    inline: String,
}

fn parse_sheet(xml: &[u8], part: &str, book: &Book<'_>) -> Result<Vec<Row>, DecodeError> {
    let mut rows: Vec<Row> = Vec::new();
    let mut cell: Option<CellState> = None;
    let mut next_column = 0usize;
    let (mut in_v, mut in_is, mut in_t, mut in_phonetic) = (false, false, false, false);
    each_event(xml, part, book.entities, &mut |event| {
        match event {
            Xml::Open(e) if is(e, b"row") => {
                let previous = rows.last().map_or(0, |r| r.number);
                let number = attr(e, b"r")
                    .and_then(|r| r.trim().parse().ok())
                    .unwrap_or(previous.saturating_add(1));
                rows.push(Row {
                    number,
                    cells: Vec::new(),
                });
                next_column = 0;
            }
            Xml::Open(e) if is(e, b"c") => {
                let column = match attr(e, b"r") {
                    Some(reference) => column_of(&reference).ok_or_else(|| {
                        error(WorkbookError::CellReference {
                            part: part.to_string(),
                            reference: reference.clone(),
                        })
                    })?,
                    None => next_column,
                };
                next_column = column + 1;
                cell = Some(CellState {
                    column,
                    kind: attr(e, b"t").unwrap_or_default(),
                    style: attr(e, b"s").and_then(|s| s.parse().ok()).unwrap_or(0),
                    ..CellState::default()
                });
            }
            Xml::Open(e) if is(e, b"v") => in_v = true,
            Xml::Open(e) if is(e, b"is") => in_is = true,
            Xml::Open(e) if is(e, b"t") => in_t = true,
            Xml::Open(e) if is(e, b"rPh") => in_phonetic = true,
            Xml::Close(b"v") => in_v = false,
            Xml::Close(b"is") => in_is = false,
            Xml::Close(b"t") => in_t = false,
            Xml::Close(b"rPh") => in_phonetic = false,
            Xml::Text(text) => {
                if let Some(cell) = cell.as_mut() {
                    if in_v {
                        cell.value.push_str(text);
                    } else if in_is && in_t && !in_phonetic {
                        cell.inline.push_str(text);
                    }
                }
            }
            Xml::Close(b"c") => {
                let Some(done) = cell.take() else {
                    return Ok(());
                };
                let reference = cell_reference(done.column, rows.last().map_or(0, |r| r.number));
                let value = cell_value(done, book, part, &reference)?;
                if let (Some(row), Some(value)) = (rows.last_mut(), value) {
                    row.cells.push(value);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    for row in &mut rows {
        // Out of order or repeated references are damage; the last value of a cell wins.
        row.cells.sort_by_key(|(column, _)| *column);
        row.cells.reverse();
        row.cells.dedup_by_key(|(column, _)| *column);
        row.cells.reverse();
    }
    rows.sort_by_key(|r| r.number);
    Ok(rows)
}

/// The value of a finished cell by its type (`t`), or `None` for an empty one.
fn cell_value(
    cell: CellState,
    book: &Book<'_>,
    part: &str,
    reference: &str,
) -> Result<Option<(usize, Value)>, DecodeError> {
    let value = match cell.kind.as_str() {
        "s" => {
            let Some(index) = cell.value.trim().parse::<usize>().ok() else {
                if cell.value.trim().is_empty() {
                    return Ok(None);
                }
                return Err(error(WorkbookError::SharedStringIndex {
                    part: part.to_string(),
                    cell: reference.to_string(),
                }));
            };
            let Some(shared) = book.shared else {
                return Err(error(WorkbookError::SharedStringsMissing {
                    part: part.to_string(),
                    cell: reference.to_string(),
                    shared_part: book.shared_path.to_string(),
                }));
            };
            let Some(text) = shared.get(index) else {
                return Err(error(WorkbookError::SharedStringRange {
                    part: part.to_string(),
                    cell: reference.to_string(),
                    index,
                    shared_part: book.shared_path.to_string(),
                    held: shared.len(),
                }));
            };
            Value::Text(text.clone())
        }
        "inlineStr" => Value::Text(unescape_ooxml(&cell.inline)),
        "b" => Value::Text(
            if truthy(cell.value.trim()) {
                "TRUE"
            } else {
                "FALSE"
            }
            .into(),
        ),
        // Formula strings, errors (#N/A) and ISO 8601 dates are text as stored.
        "str" | "e" | "d" => Value::Text(unescape_ooxml(&cell.value)),
        _ => {
            let raw = cell.value.trim();
            if raw.is_empty() {
                return Ok(None);
            }
            let style = book
                .styles
                .get(cell.style)
                .copied()
                .unwrap_or(NumberStyle::Plain);
            Value::Number(raw.to_string(), style)
        }
    };
    Ok(Some((cell.column, value)))
}

/// The column (from 0) of a reference like `C5`.
fn column_of(reference: &str) -> Option<usize> {
    let letters: &str = reference
        .trim()
        .trim_start_matches('$')
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()?;
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let column = letters.bytes().fold(0usize, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    (column <= EXCEL_COLUMNS).then(|| column - 1)
}

/// `C5` for column 2 (from 0) and row 5, as Excel names a cell in messages.
fn cell_reference(column: usize, row: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// OOXML strings escape characters XML cannot hold as `_xHHHH_` (a carriage return is
/// `_x000D_`).
fn unescape_ooxml(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let candidate = &rest[at..];
        let code = candidate
            .get(2..6)
            .filter(|_| candidate.as_bytes().get(6) == Some(&b'_'))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &candidate[7..];
            }
            None => {
                out.push_str("_x");
                rest = &candidate[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Turn one sheet's rows into CSV, decode it as a worklist and add its records.
fn decode_sheet(
    sheet: usize,
    rows: &[Row],
    book: &Book<'_>,
    decoded: &mut Decoded,
) -> Result<(), DecodeError> {
    // A row without a value would be a blank CSV line, which CSV readers skip; leaving it out
    // and keeping Excel's numbers aside keeps the two in step.
    let name = format!("sheet {sheet}");
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            r.cells
                .iter()
                .any(|(_, v)| !text_of(v, None, book).is_empty())
        })
        .collect();
    let width = rows
        .iter()
        .filter_map(|r| r.cells.last().map(|(column, _)| column + 1))
        .max()
        .unwrap_or(0);
    if width == 0 {
        return Ok(());
    }
    if width > csv::MAX_COLUMNS {
        return Err(error(WorkbookError::Columns { sheet, width }));
    }
    // The header decides which columns hold dates, so it is found first, on a sample, as the
    // CSV decoder will find it.
    let sample = to_csv(
        sheet,
        &rows[..rows.len().min(csv::SAMPLE_RECORDS)],
        width,
        book,
        None,
    )?;
    let dates = csv::header_row(sample.as_bytes(), Some(b',')).map(|(header, columns)| {
        let vrs = columns
            .iter()
            .map(|(_, keyword)| {
                keyword
                    .and_then(tag_for_keyword)
                    .map(|(_, _, vr)| vr)
                    .filter(|vr| matches!(*vr, "DA" | "DT"))
            })
            .collect();
        DateColumns { header, vrs }
    });
    drop(sample);
    let text = to_csv(sheet, &rows, width, book, dates.as_ref())?;
    let sheet = csv::decode_at(text.as_bytes(), 1, Some(b',')).map_err(|e| {
        error(WorkbookError::Sheet {
            sheet,
            error: Box::new(e),
        })
    })?;
    drop(text);
    for warning in sheet.warnings {
        decoded
            .warnings
            .push(Warning::note(format!("{name}: {warning}")));
    }
    for record in sheet.records {
        let row = record
            .location
            .strip_prefix("row ")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| rows.get(n.checked_sub(1)?))
            .map_or(0, |r| r.number);
        decoded.records.push(Record {
            location: format!("{name} row {row}"),
            dataset: record.dataset,
        });
    }
    Ok(())
}

/// Columns below the header row whose header names a DA or DT attribute.
struct DateColumns {
    /// The header's row among the rows written (from 1).
    header: usize,
    vrs: Vec<Option<&'static str>>,
}

fn to_csv(
    sheet: usize,
    rows: &[&Row],
    width: usize,
    book: &Book<'_>,
    dates: Option<&DateColumns>,
) -> Result<String, DecodeError> {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let below_header = dates.filter(|d| i + 1 > d.header);
        let mut cells = row.cells.iter().peekable();
        for column in 0..width {
            if column > 0 {
                out.push(',');
            }
            let Some((_, value)) = cells.next_if(|(c, _)| *c == column) else {
                continue;
            };
            let vr = below_header.and_then(|d| d.vrs.get(column).copied().flatten());
            let text = text_of(value, vr, book);
            if !text.is_empty() {
                out.push('"');
                out.push_str(&text.replace('"', "\"\""));
                out.push('"');
            }
        }
        out.push('\n');
        if out.len() > csv::MAX_INPUT_BYTES {
            return Err(error(WorkbookError::TableBytes { sheet }));
        }
    }
    Ok(out)
}

/// A cell as text; `vr` is the DA or DT attribute its column holds, if it does.
fn text_of(value: &Value, vr: Option<&str>, book: &Book<'_>) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Number(raw, style) => {
            let converted = match (style, vr) {
                (_, Some("DA")) => serial_to_dicom(raw, book.date1904, Precision::Day),
                (_, Some(_)) | (NumberStyle::Date, None) => {
                    serial_to_dicom(raw, book.date1904, Precision::DayAndTime)
                }
                (NumberStyle::Time, None) => serial_time(raw),
                (NumberStyle::Plain, None) => None,
            };
            converted.unwrap_or_else(|| raw.clone())
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Precision {
    Day,
    /// The time of day too, when there is one.
    DayAndTime,
}

/// An Excel date serial as DICOM `YYYYMMDD` (or `YYYYMMDDHHMMSS`); `None` when it is no date
/// Excel can show (negative, past 9999, or the 29 February 1900 that never was).
fn serial_to_dicom(raw: &str, date1904: bool, precision: Precision) -> Option<String> {
    let serial: f64 = raw.parse().ok()?;
    // Past 9999-12-31 in either system; also keeps the day arithmetic below from overflowing.
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let day = serial.floor();
    let day_serial = day as i64;
    // 25569 is 1970-01-01 in the 1900 system, whose day 0 is taken as 1899-12-31 and which
    // counts a 29 February 1900 (Lotus 1-2-3's bug, kept by Excel) as day 60.
    let days_since_1970 = if date1904 {
        day_serial + 1462 - 25569
    } else if day_serial == 60 || day_serial == 0 {
        return None;
    } else if day_serial < 60 {
        day_serial + 1 - 25569
    } else {
        day_serial - 25569
    };
    let (year, month, date) = civil_from_days(days_since_1970);
    if !(1900..=9999).contains(&year) {
        return None;
    }
    let seconds = ((serial - day) * 86_400.0).round() as u32;
    if precision == Precision::DayAndTime && seconds > 0 && seconds < 86_400 {
        Some(format!("{year:04}{month:02}{date:02}{}", hhmmss(seconds)))
    } else {
        Some(format!("{year:04}{month:02}{date:02}"))
    }
}

/// A time-of-day serial (a fraction of a day) as DICOM `HHMMSS`.
fn serial_time(raw: &str) -> Option<String> {
    let serial: f64 = raw.parse().ok()?;
    if !(0.0..1.0).contains(&serial) {
        return None;
    }
    Some(hhmmss(((serial * 86_400.0).round() as u32).min(86_399)))
}

fn hhmmss(seconds: u32) -> String {
    format!(
        "{:02}{:02}{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// Year, month, day of a day count from 1970-01-01 (proleptic Gregorian; H. Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// A workbook of the given sheets (name, state, sheetData inner XML), with optional
    /// shared strings, styles and `workbookPr` attributes.
    struct Book<'a> {
        sheets: Vec<(&'a str, &'a str, String)>,
        shared: Option<&'a str>,
        styles: Option<&'a str>,
        workbook_pr: &'a str,
    }

    impl<'a> Book<'a> {
        fn new(sheet_data: &str) -> Self {
            Book {
                sheets: vec![("Sheet1", "visible", sheet_data.to_string())],
                shared: None,
                styles: None,
                workbook_pr: "",
            }
        }

        fn zip(&self) -> Vec<u8> {
            let mut files: Vec<(String, String)> = vec![
                ("[Content_Types].xml".into(), "<Types/>".into()),
                ("_rels/.rels".into(), "<Relationships/>".into()),
            ];
            let mut sheets = String::new();
            let mut rels = String::new();
            for (i, (name, state, data)) in self.sheets.iter().enumerate() {
                let n = i + 1;
                sheets.push_str(&format!(
                    r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#
                ));
                rels.push_str(&format!(
                    r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
                ));
                files.push((
                    format!("xl/worksheets/sheet{n}.xml"),
                    format!(
                        r#"<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>"#
                    ),
                ));
            }
            if let Some(shared) = self.shared {
                rels.push_str(&format!(
                    r#"<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>"#
                ));
                files.push((
                    "xl/sharedStrings.xml".into(),
                    format!(r#"<sst xmlns="{MAIN}">{shared}</sst>"#),
                ));
            }
            if let Some(styles) = self.styles {
                files.push((
                    "xl/styles.xml".into(),
                    format!(r#"<styleSheet xmlns="{MAIN}">{styles}</styleSheet>"#),
                ));
            }
            files.push((
                "xl/workbook.xml".into(),
                format!(
                    r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr {}/><sheets>{sheets}</sheets></workbook>"#,
                    self.workbook_pr
                ),
            ));
            files.push((
                "xl/_rels/workbook.xml.rels".into(),
                format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
            ));
            let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for (name, text) in files {
                writer
                    .start_file(name, SimpleFileOptions::default())
                    .unwrap();
                writer.write_all(text.as_bytes()).unwrap();
            }
            writer.finish().unwrap().into_inner()
        }

        fn decode(&self) -> Result<Decoded, DecodeError> {
            decode(Cursor::new(self.zip()))
        }
    }

    fn inline(reference: &str, text: &str) -> String {
        format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    /// Each record as (location, [(keyword or tag, value)]).
    fn records(decoded: &Decoded) -> Vec<(String, Vec<(String, String)>)> {
        decoded
            .records
            .iter()
            .map(|r| {
                let values = r
                    .dataset
                    .elements
                    .iter()
                    .map(|e| {
                        let (group, element) = e.tag();
                        let name = crate::decode::keywords::keyword_for_tag(group, element)
                            .map_or_else(
                                || format!("{group:04X}{element:04X}"),
                                |k| k.0.to_string(),
                            );
                        (name, e.value.text().unwrap_or_default())
                    })
                    .collect();
                (r.location.clone(), values)
            })
            .collect()
    }

    fn value<'a>(record: &'a (String, Vec<(String, String)>), keyword: &str) -> Option<&'a str> {
        record
            .1
            .iter()
            .find(|(k, _)| k == keyword)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn a_workbook_is_known_by_its_parts_and_a_plain_zip_is_not() {
        let book = Book::new("").zip();
        assert!(is_workbook(&mut Cursor::new(&book)).unwrap());
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file("xl/workbook.xml", SimpleFileOptions::default())
            .unwrap();
        let plain = writer.finish().unwrap().into_inner();
        assert!(!is_workbook(&mut Cursor::new(&plain)).unwrap());
        assert!(!is_workbook(&mut Cursor::new(b"PK\x03\x04junk")).unwrap());
    }

    /// A sheet of two columns, Patient Name and MRN, and one row whose two cells are the
    /// shared strings `name` and `id` (the `<si>` elements as written), decoded.
    fn shared_name_and_id(name: &str, id: &str) -> Decoded {
        let mut book = Book::new(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
               <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>"#,
        );
        let shared = format!("<si><t>Patient Name</t></si><si><t>MRN</t></si>{name}{id}");
        book.shared = Some(&shared);
        book.decode().unwrap()
    }

    #[test]
    fn shared_strings_plain_and_rich_text_without_phonetic_guides() {
        let decoded = shared_name_and_id(
            r#"<si><r><rPr><b/></rPr><t>DOE</t></r><r><t xml:space="preserve">^JOHN</t></r><rPh sb="0" eb="1"><t>DO</t></rPh></si>"#,
            "<si><t>A&amp;B_x000D_1</t></si>",
        );
        assert_eq!(decoded.format, FORMAT);
        let records = records(&decoded);
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].0, "sheet 1 row 2");
        assert_eq!(value(&records[0], "PatientName"), Some("DOE^JOHN"));
        assert_eq!(value(&records[0], "PatientID"), Some("A&B\r1"));
    }

    #[test]
    fn an_undefined_entity_costs_only_its_own_text() {
        let decoded = shared_name_and_id("<si><t>DOE^JOHN</t></si>", "<si><t>A1&bogus;23</t></si>");
        let records = records(&decoded);
        assert_eq!(value(&records[0], "PatientName"), Some("DOE^JOHN"));
        assert_eq!(value(&records[0], "PatientID"), Some("A1&bogus;23"));
        let warning = decoded.warnings.iter().find(|w| w.contains("entity"));
        assert!(warning.is_some(), "{:?}", decoded.warnings);
    }

    #[test]
    fn inline_strings_and_sparse_cells_land_in_their_columns() {
        // Row 7 skips column B and has no reference on its last cell (it follows C).
        let data = format!(
            r#"<row r="3">{}{}{}{}</row><row r="7">{}<c r="C7"><v>12345</v></c><c t="inlineStr"><is><t>ACC9</t></is></c></row>"#,
            inline("A3", "Patient Name"),
            inline("B3", "Referring Physician"),
            inline("C3", "MRN"),
            inline("D3", "Accession"),
            inline("A7", "ROE^RICHARD"),
        );
        let decoded = Book::new(&data).decode().unwrap();
        let records = records(&decoded);
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].0, "sheet 1 row 7");
        assert_eq!(value(&records[0], "PatientName"), Some("ROE^RICHARD"));
        assert_eq!(value(&records[0], "ReferringPhysicianName"), None);
        assert_eq!(value(&records[0], "PatientID"), Some("12345"));
        assert_eq!(value(&records[0], "AccessionNumber"), Some("ACC9"));
        assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    }

    #[test]
    fn the_same_table_gives_the_same_records_as_its_csv() {
        let data = format!(
            r#"<row r="1">{}{}{}</row><row r="2">{}{}<c r="C2" t="b"><v>1</v></c></row>"#,
            inline("A1", "Patient Name"),
            inline("B1", "Patient ID"),
            inline("C1", "Ward note"),
            inline("A2", "Doe, John"),
            inline("B2", "555-12-3456"),
        );
        let from_excel = Book::new(&data).decode().unwrap();
        let from_csv =
            csv::decode(b"Patient Name,Patient ID,Ward note\n\"Doe, John\",555-12-3456,TRUE\n")
                .unwrap();
        assert_eq!(from_excel.records.len(), 1);
        assert_eq!(from_excel.records[0].dataset, from_csv.records[0].dataset);
    }

    #[test]
    fn date_serials_by_number_format_or_by_column_1900_and_1904() {
        // Style 1: built-in date 14; style 2: custom date-time; style 3: time only;
        // style 4: a number format with quoted text and an exponent, not a date.
        let styles = r#"<numFmts><numFmt numFmtId="164" formatCode="[$-409]dd/mm/yyyy\ hh:mm;@"/>
            <numFmt numFmtId="165" formatCode="&quot;day &quot;0.00E+00"/></numFmts>
            <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>
            <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="21"/><xf numFmtId="165"/></cellXfs>"#;
        let data = format!(
            r#"<row r="1">{}{}{}{}{}</row>
               <row r="2"><c r="A2"><v>25569</v></c><c r="B2" s="1"><v>25641</v></c><c r="C2" s="2"><v>45369.5</v></c><c r="D2" s="3"><v>0.25</v></c><c r="E2" s="4"><v>25569</v></c></row>"#,
            inline("A1", "Date of Birth"),
            inline("B1", "Visit"),
            inline("C1", "Scanned"),
            inline("D1", "Study Time"),
            inline("E1", "Count"),
        );
        let mut book = Book::new(&data);
        book.styles = Some(styles);
        let decoded = book.decode().unwrap();
        let records = records(&decoded);
        // A plain number under a DA header, a date-formatted number anywhere.
        assert_eq!(value(&records[0], "PatientBirthDate"), Some("19700101"));
        let free: Vec<&str> = records[0].1.iter().map(|(_, v)| v.as_str()).collect();
        assert!(free.contains(&"19700314"), "{free:?}");
        assert!(free.contains(&"20240318120000"), "{free:?}");
        assert_eq!(value(&records[0], "StudyTime"), Some("060000"));
        assert!(free.contains(&"25569"), "{free:?}");

        book.workbook_pr = r#"date1904="1""#;
        let in_1904 = self::records(&book.decode().unwrap());
        assert_eq!(value(&in_1904[0], "PatientBirthDate"), Some("19740102"));
    }

    #[test]
    fn serial_edges() {
        let day = |s: &str| serial_to_dicom(s, false, Precision::Day);
        assert_eq!(day("1").as_deref(), Some("19000101"));
        assert_eq!(day("59").as_deref(), Some("19000228"));
        assert_eq!(day("60"), None, "Lotus's 29 February 1900");
        assert_eq!(day("61").as_deref(), Some("19000301"));
        assert_eq!(day("2958465").as_deref(), Some("99991231"));
        assert_eq!(day("2958466"), None);
        assert_eq!(day("-1"), None);
        assert_eq!(day("1e300"), None);
        assert_eq!(serial_to_dicom("1e300", true, Precision::DayAndTime), None);
        assert_eq!(day("MRN"), None);
        assert_eq!(
            serial_to_dicom("0", true, Precision::Day).as_deref(),
            Some("19040101")
        );
    }

    #[test]
    fn a_header_text_that_is_a_number_is_not_turned_into_a_date() {
        // The title row above the header holds a number in the birth-date column.
        let data = format!(
            r#"<row r="1"><c r="B1"><v>2024</v></c></row><row r="2">{}{}</row><row r="3">{}<c r="B3"><v>25569</v></c></row>"#,
            inline("A2", "Patient Name"),
            inline("B2", "DOB"),
            inline("A3", "DOE^JOHN"),
        );
        let records = records(&Book::new(&data).decode().unwrap());
        assert_eq!(records.len(), 2, "{records:?}");
        assert!(records[0].1.iter().any(|(_, v)| v == "2024"), "{records:?}");
        assert_eq!(value(&records[1], "PatientBirthDate"), Some("19700101"));
    }

    #[test]
    fn hidden_sheets_are_read_with_a_warning_and_locations_number_the_sheet() {
        let data = |name: &str| {
            format!(
                r#"<row r="1">{}{}</row><row r="2">{}{}</row>"#,
                inline("A1", "Patient Name"),
                inline("B1", "MRN"),
                inline("A2", name),
                inline("B2", "1"),
            )
        };
        let mut book = Book::new(&data("DOE^JOHN"));
        // Named after a patient, as offices do: the name must not reach the report.
        book.sheets
            .push(("ROE &amp; family", "veryHidden", data("ROE^RICHARD")));
        let decoded = book.decode().unwrap();
        let locations: Vec<String> = records(&decoded).into_iter().map(|r| r.0).collect();
        assert_eq!(locations, ["sheet 1 row 2", "sheet 2 row 2"]);
        assert_eq!(
            decoded.warnings,
            ["sheet 2 is very hidden in Excel; it was read like the others"]
        );
    }

    #[test]
    fn damaged_workbooks_are_errors_that_name_the_part() {
        let kind = |book: &Book<'_>| match book.decode().unwrap_err().kind {
            DecodeErrorKind::Workbook(error) => error,
            other => panic!("not a workbook error: {other:?}"),
        };
        let shared_cell = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
        let missing = kind(&Book::new(shared_cell));
        assert!(
            matches!(&missing, WorkbookError::SharedStringsMissing { cell, shared_part, .. }
                if cell == "A1" && shared_part == "xl/sharedStrings.xml"),
            "{missing:?}"
        );
        assert!(missing
            .to_string()
            .contains("uses shared strings, but xl/sharedStrings.xml is missing"));
        let mut book = Book::new(shared_cell);
        book.shared = Some("");
        let range = kind(&book);
        assert!(
            matches!(
                range,
                WorkbookError::SharedStringRange {
                    index: 0,
                    held: 0,
                    ..
                }
            ),
            "{range:?}"
        );
        assert!(range.to_string().contains("names shared string 0"));
        // A cell's text never reaches the message, even where an index belongs.
        let text_cell = Book::new(r#"<row r="1"><c r="A1" t="s"><v>DOE^JOHN</v></c></row>"#);
        let index = kind(&text_cell);
        assert!(matches!(index, WorkbookError::SharedStringIndex { .. }));
        assert!(!index.to_string().contains("DOE"), "{index}");
        let bad = kind(&Book::new("<row><c r=\"A1\"><v>1</v></row>"));
        assert!(
            matches!(&bad, WorkbookError::Xml { part, .. } if part == "xl/worksheets/sheet1.xml"),
            "{bad:?}"
        );
        assert!(bad
            .to_string()
            .starts_with("xl/worksheets/sheet1.xml: bad XML near byte "));
        let bad_reference = kind(&Book::new(r#"<row><c r="1A"><v>1</v></c></row>"#));
        assert_eq!(
            bad_reference,
            WorkbookError::CellReference {
                part: "xl/worksheets/sheet1.xml".into(),
                reference: "1A".into()
            }
        );
        let junk = decode(Cursor::new(b"PK\x03\x04junk".to_vec())).unwrap_err();
        assert!(matches!(
            junk.kind,
            DecodeErrorKind::Workbook(WorkbookError::NotZip(_))
        ));

        let mut without_rels = Vec::new();
        let mut reader = zip::ZipArchive::new(Cursor::new(Book::new("").zip())).unwrap();
        let mut writer = zip::ZipWriter::new(Cursor::new(&mut without_rels));
        for i in 0..reader.len() {
            let file = reader.by_index(i).unwrap();
            if file.name() != "xl/_rels/workbook.xml.rels" {
                writer.raw_copy_file(file).unwrap();
            }
        }
        writer.finish().unwrap();
        let err = decode(Cursor::new(without_rels)).unwrap_err();
        assert_eq!(
            err.kind,
            DecodeErrorKind::Workbook(WorkbookError::MissingPart {
                part: "xl/_rels/workbook.xml.rels".into()
            })
        );
        assert_eq!(
            err.to_string(),
            "an Excel workbook: xl/_rels/workbook.xml.rels is missing"
        );
    }

    #[test]
    fn a_sheet_read_as_csv_keeps_the_csv_error_and_its_kind() {
        let at = crate::decode::Position {
            row: Some(1),
            ..Default::default()
        };
        let limit = crate::decode::Limit::Columns;
        let columns = crate::decode::Failure::limit(
            limit,
            csv::MAX_COLUMNS,
            Some(csv::MAX_COLUMNS + 1),
            Some(at),
        );
        let error = WorkbookError::Sheet {
            sheet: 2,
            error: Box::new(columns.of(ExportFormat::CsvWorklist)),
        };
        let WorkbookError::Sheet { error: inner, .. } = &error else {
            unreachable!()
        };
        assert!(matches!(
            inner.kind,
            DecodeErrorKind::Limit {
                limit: crate::decode::Limit::Columns,
                ..
            }
        ));
        assert_eq!(
            error.to_string(),
            format!(
                "sheet 2: row 1 has {} columns; the limit is {}",
                csv::MAX_COLUMNS + 1,
                csv::MAX_COLUMNS
            )
        );
    }

    #[test]
    fn too_wide_a_sheet_is_an_error_not_a_huge_table() {
        let data = format!(
            r#"<row r="1">{}</row><row r="2"><c r="XFD2"><v>1</v></c></row>"#,
            inline("A1", "Patient Name")
        );
        let err = Book::new(&data).decode().unwrap_err();
        assert_eq!(
            err.kind,
            DecodeErrorKind::Workbook(WorkbookError::Columns {
                sheet: 1,
                width: 16_384
            })
        );
        assert!(err.to_string().contains("16384 columns"), "{err}");
        assert_eq!(column_of("XFE1"), None);
        assert_eq!(column_of("$AA$10"), Some(26));
        assert_eq!(cell_reference(26, 10), "AA10");
    }

    #[test]
    fn custom_number_formats() {
        assert_eq!(format_code_style("yyyy-mm-dd"), NumberStyle::Date);
        assert_eq!(format_code_style("[h]:mm:ss"), NumberStyle::Time);
        assert_eq!(format_code_style("hh:mm"), NumberStyle::Time);
        assert_eq!(format_code_style("General"), NumberStyle::Plain);
        assert_eq!(format_code_style("0.00E+00"), NumberStyle::Plain);
        assert_eq!(format_code_style("\"Day\" 0"), NumberStyle::Plain);
        assert_eq!(format_code_style("[Red]#,##0;[Blue]d"), NumberStyle::Plain);
    }
}
