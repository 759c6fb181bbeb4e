//! The page's languages: English, Spanish and German, in Fluent catalogues.
//!
//! Two kinds of text are translated, and each has one English source:
//!
//! - **Messages with grammar** (counts, plurals, sentences built from parts: the verdict, the
//!   letter, the page's own words) are Fluent messages. English is `locales/en/*.ftl`, compiled
//!   in; the core formats them with [`Catalog::english`], so the CLI and the JSON report say
//!   exactly what the page says in English.
//! - **Tables of prose** that sit next to their ids in the core (rule texts, checklist steps,
//!   category explanations) stay in Rust as the English source. Each has a key
//!   ([`core_texts`]); the Spanish and German catalogues translate them under that key, and
//!   [`Catalog::core`] returns the English text itself for English.
//!
//! Spanish and German are fetched from `locales/<code>/<file>.ftl` only when chosen (the
//! first load carries English only). A native test fails on any key missing in any language.
//!
//! DICOM attribute names (the Annex E rows' titles) are not translated: they are the
//! standard's English names, and the page shows them beside translated explanations.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub mod core_texts;

pub use core_texts::{core_texts, CoreText};

/// A language of the page (on the wire between the page's two modules, by its code).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Es,
    De,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::De];

    /// The BCP 47 code, as `<html lang>` and the catalogue folder name it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::De => "de",
        }
    }

    /// The language's name in itself, for the switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::De => "Deutsch",
        }
    }

    /// The language of a code such as `es`, `es-MX` or `de-AT`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first of the browser's preferred languages this page speaks, else English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_code)
            .unwrap_or(Lang::En)
    }
}

/// The catalogue files of every language, fetched as `locales/<code>/<file>.ftl`.
pub const FILES: [&str; 5] = ["page", "results", "checklist", "report", "core"];

const PAGE: (&str, &str) = ("page", include_str!("../../locales/en/page.ftl"));
const RESULTS: (&str, &str) = ("results", include_str!("../../locales/en/results.ftl"));
const CHECKLIST: (&str, &str) = ("checklist", include_str!("../../locales/en/checklist.ftl"));
const REPORT: (&str, &str) = ("report", include_str!("../../locales/en/report.ftl"));

/// The English catalogue, compiled in: `FILES` in order, `core` aside (English core texts
/// are the Rust tables themselves).
#[cfg(not(target_arch = "wasm32"))]
const ENGLISH: [(&str, &str); 4] = [PAGE, RESULTS, CHECKLIST, REPORT];
/// In the browser without the checklist's messages: only the views module draws the
/// checklist, and it adds them ([`Catalog::english_with_checklist`]). In the page's own
/// module they were about 0.9 KB of the gzipped first load, which the page never shows.
#[cfg(target_arch = "wasm32")]
const ENGLISH: [(&str, &str); 3] = [PAGE, RESULTS, REPORT];

/// Why a catalogue could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    /// A file is not valid Fluent; `errors` are the parser's messages.
    Syntax { file: String, errors: Vec<String> },
    /// A message is defined twice across the files.
    Duplicate { file: String, id: String },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::Syntax { file, errors } => {
                write!(f, "{file}.ftl is not valid Fluent: {}", errors.join("; "))
            }
            CatalogError::Duplicate { file, id } => write!(f, "{file}.ftl defines {id} again"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// A value given to a message: a count (which picks the plural form) or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Count(usize),
    Text(Cow<'a, str>),
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(n)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Count(n as usize)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Count(n as usize)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Arg::Text(s)
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

/// The messages of one language.
pub struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog").field("lang", &self.lang).finish()
    }
}

impl Catalog {
    /// Build a catalogue from the text of its files (`(file name, source)`).
    pub fn parse<S: AsRef<str>>(lang: Lang, files: &[(&str, S)]) -> Result<Catalog, CatalogError> {
        let langid = lang
            .code()
            .parse()
            .expect("every language code is a valid BCP 47 tag");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks (U+2068/U+2069) around every value would reach the CLI, the JSON
        // report and copied text; none of the three languages is right to left.
        bundle.set_use_isolating(false);
        for (file, source) in files {
            let resource =
                FluentResource::try_new(source.as_ref().to_string()).map_err(|(_, errors)| {
                    CatalogError::Syntax {
                        file: file.to_string(),
                        errors: errors.iter().map(|e| e.to_string()).collect(),
                    }
                })?;
            bundle.add_resource(resource).map_err(|errors| {
                let id = errors
                    .iter()
                    .find_map(|e| match e {
                        fluent_bundle::FluentError::Overriding { id, .. } => Some(id.clone()),
                        _ => None,
                    })
                    .unwrap_or_default();
                CatalogError::Duplicate {
                    file: file.to_string(),
                    id,
                }
            })?;
        }
        Ok(Catalog { lang, bundle })
    }

    /// The English catalogue, compiled in.
    pub fn english() -> &'static Catalog {
        static ENGLISH_CATALOG: OnceLock<Catalog> = OnceLock::new();
        ENGLISH_CATALOG.get_or_init(|| {
            Catalog::parse(Lang::En, &ENGLISH).expect("the English catalogue is valid Fluent")
        })
    }

    /// [`Catalog::english`] with the checklist's messages, which the browser's English leaves
    /// out of the page's own module (natively the same catalogue).
    pub fn english_with_checklist() -> &'static Catalog {
        if !cfg!(target_arch = "wasm32") {
            return Catalog::english();
        }
        static WITH_CHECKLIST: OnceLock<Catalog> = OnceLock::new();
        WITH_CHECKLIST.get_or_init(|| {
            let files: Vec<(&str, &str)> = ENGLISH.iter().copied().chain([CHECKLIST]).collect();
            Catalog::parse(Lang::En, &files).expect("the English catalogue is valid Fluent")
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the catalogue has this message (or this attribute of it).
    pub fn has(&self, id: &str, attr: Option<&str>) -> bool {
        self.pattern(id, attr).is_some()
    }

    /// The pattern of a message's value or of one of its attributes.
    fn pattern(&self, id: &str, attr: Option<&str>) -> Option<&fluent_syntax::ast::Pattern<&str>> {
        let message = self.bundle.get_message(id)?;
        match attr {
            None => message.value(),
            Some(a) => message.get_attribute(a).map(|a| a.value()),
        }
    }

    /// A pattern with its values, and what Fluent could not resolve in it.
    fn resolve(
        &self,
        pattern: &fluent_syntax::ast::Pattern<&str>,
        args: &[(&str, Arg)],
    ) -> (String, Vec<fluent_bundle::FluentError>) {
        let fluent_args = fluent_args(args);
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
            .into_owned();
        (text, errors)
    }

    /// A message without values.
    pub fn text(&self, id: &str) -> String {
        self.format(id, None, &[])
    }

    /// A message with values, e.g. `tr.text_with("files-scanned", &[("count", n.into())])`.
    pub fn text_with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.format(id, None, args)
    }

    /// An attribute of a message (`.why`, `.label`), with values.
    pub fn attr(&self, id: &str, attr: &str, args: &[(&str, Arg)]) -> String {
        self.format(id, Some(attr), args)
    }

    /// A core text ([`core_texts`]): the English table text itself in English, else the
    /// catalogue's translation, else (a catalogue that lacks it, which the tests forbid) the
    /// English text rather than nothing.
    pub fn core<'a>(&self, key: &str, attr: Option<&str>, english: &'a str) -> Cow<'a, str> {
        match self.pattern(key, attr) {
            Some(pattern) if self.lang != Lang::En => Cow::Owned(self.resolve(pattern, &[]).0),
            _ => Cow::Borrowed(english),
        }
    }

    /// A message formatted strictly: an error for a missing message or attribute, and for
    /// anything Fluent could not resolve (an unknown variable or reference). The tests use it;
    /// the page uses the forgiving [`Catalog::text`].
    pub fn try_format(
        &self,
        id: &str,
        attr: Option<&str>,
        args: &[(&str, Arg)],
    ) -> Result<String, FormatError> {
        let pattern = self.pattern(id, attr).ok_or_else(|| {
            FormatError::Missing(match attr {
                Some(a) => format!("{id}.{a}"),
                None => id.to_string(),
            })
        })?;
        let (text, errors) = self.resolve(pattern, args);
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(FormatError::Unresolved(
                errors.iter().map(|e| e.to_string()).collect(),
            ))
        }
    }

    fn format(&self, id: &str, attr: Option<&str>, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.pattern(id, attr) else {
            // A missing message falls back to English, then to its id: visible, never blank.
            if self.lang != Lang::En {
                return Catalog::english().format(id, attr, args);
            }
            return match attr {
                Some(a) => format!("{id}.{a}"),
                None => id.to_string(),
            };
        };
        self.resolve(pattern, args).0
    }
}

fn fluent_args<'a>(args: &'a [(&str, Arg)]) -> Option<FluentArgs<'a>> {
    (!args.is_empty()).then(|| {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            let value: FluentValue = match value {
                Arg::Count(n) => FluentValue::from(*n),
                Arg::Text(s) => FluentValue::from(s.as_ref()),
            };
            fa.set(*name, value);
        }
        fa
    })
}

/// Why [`Catalog::try_format`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    Missing(String),
    Unresolved(Vec<String>),
}

/// The ids (and `id.attribute`s) a Fluent source defines, in order.
pub fn defined_keys(source: &str) -> Result<Vec<String>, CatalogError> {
    let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
        CatalogError::Syntax {
            file: String::new(),
            errors: errors.iter().map(|e| e.to_string()).collect(),
        }
    })?;
    let mut keys = Vec::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            if m.value.is_some() {
                keys.push(m.id.name.to_string());
            }
            for a in &m.attributes {
                keys.push(format!("{}.{}", m.id.name, a.id.name));
            }
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests;
