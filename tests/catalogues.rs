//! The page's languages: every catalogue parses, Spanish and German have exactly the keys of
//! English (and the core tables'), each message uses the same variables in every language,
//! every message formats without error, and every id the code asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use dicom_exposure_check::i18n::{core_texts, defined_keys, Arg, Catalog, Lang, FILES};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

fn source(lang: Lang, file: &str) -> String {
    let path = format!("locales/{}/{file}.ftl", lang.code());
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// English has no `core` file: its core texts are the Rust tables.
fn files_of(lang: Lang) -> Vec<&'static str> {
    FILES
        .into_iter()
        .filter(|f| lang != Lang::En || *f != "core")
        .collect()
}

fn catalog(lang: Lang) -> Catalog {
    let sources: Vec<(&str, String)> = files_of(lang)
        .into_iter()
        .map(|f| (f, source(lang, f)))
        .collect();
    Catalog::parse(lang, &sources).unwrap_or_else(|e| panic!("{}: {e}", lang.code()))
}

/// Every key of a language with the variables its pattern uses (through message references).
fn keys_and_variables(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let sources: Vec<String> = files_of(lang)
        .into_iter()
        .map(|f| source(lang, f))
        .collect();
    let mut out = BTreeMap::new();
    let resources: Vec<_> = sources
        .iter()
        .map(|s| fluent_syntax::parser::parse(s.as_str()).expect("parses"))
        .collect();
    let mut messages = BTreeMap::new();
    for resource in &resources {
        for entry in &resource.body {
            if let Entry::Message(m) = entry {
                messages.insert(m.id.name.to_string(), m);
            }
        }
    }
    for (id, m) in &messages {
        if let Some(value) = &m.value {
            let mut vars = BTreeSet::new();
            variables(value, &messages, &mut vars, 0);
            out.insert(id.clone(), vars);
        }
        for a in &m.attributes {
            let mut vars = BTreeSet::new();
            variables(&a.value, &messages, &mut vars, 0);
            out.insert(format!("{id}.{}", a.id.name), vars);
        }
    }
    out
}

type Messages<'a> = BTreeMap<String, &'a fluent_syntax::ast::Message<&'a str>>;

fn variables(pattern: &Pattern<&str>, messages: &Messages, out: &mut BTreeSet<String>, depth: u8) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, messages, out, depth);
        }
    }
}

fn expression_variables(
    expression: &Expression<&str>,
    messages: &Messages,
    out: &mut BTreeSet<String>,
    depth: u8,
) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, messages, out, depth);
            for v in variants {
                variables(&v.value, messages, out, depth);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, messages, out, depth),
    }
}

fn inline_variables(
    inline: &InlineExpression<&str>,
    messages: &Messages,
    out: &mut BTreeSet<String>,
    depth: u8,
) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => {
            expression_variables(expression, messages, out, depth)
        }
        InlineExpression::MessageReference { id, attribute } if depth < 8 => {
            if let Some(m) = messages.get(id.name) {
                let pattern = match attribute {
                    None => m.value.as_ref(),
                    Some(a) => m
                        .attributes
                        .iter()
                        .find(|x| x.id.name == a.name)
                        .map(|x| &x.value),
                };
                if let Some(p) = pattern {
                    variables(p, messages, out, depth + 1);
                }
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, messages, out, depth);
            }
        }
        _ => {}
    }
}

#[test]
fn every_catalogue_parses_without_duplicates() {
    for lang in Lang::ALL {
        catalog(lang);
    }
}

#[test]
fn spanish_and_german_have_exactly_the_keys_of_english_and_the_core_tables() {
    let core: BTreeSet<String> = core_texts().iter().map(|t| t.key()).collect();
    for lang in [Lang::Es, Lang::De] {
        for file in FILES {
            let expected: BTreeSet<String> = if file == "core" {
                core.clone()
            } else {
                defined_keys(&source(Lang::En, file))
                    .unwrap()
                    .into_iter()
                    .collect()
            };
            let found: BTreeSet<String> = defined_keys(&source(lang, file))
                .unwrap()
                .into_iter()
                .collect();
            let missing: Vec<_> = expected.difference(&found).collect();
            let extra: Vec<_> = found.difference(&expected).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "locales/{}/{file}.ftl: missing {missing:?}, extra {extra:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn english_core_texts_live_only_in_the_rust_tables() {
    let core: BTreeSet<String> = core_texts().iter().map(|t| t.key()).collect();
    for file in files_of(Lang::En) {
        for key in defined_keys(&source(Lang::En, file)).unwrap() {
            assert!(
                !core.contains(&key),
                "locales/en/{file}.ftl repeats core text {key}"
            );
        }
    }
}

#[test]
fn every_message_uses_the_same_variables_in_every_language() {
    let english = keys_and_variables(Lang::En);
    for lang in [Lang::Es, Lang::De] {
        let other = keys_and_variables(lang);
        for (key, vars) in &english {
            if let Some(theirs) = other.get(key) {
                assert_eq!(theirs, vars, "{} {key}", lang.code());
            }
        }
        for (key, vars) in &other {
            if !english.contains_key(key) {
                assert!(
                    vars.is_empty(),
                    "{} core text {key} uses variables",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn every_message_formats_without_error_in_every_language() {
    for lang in Lang::ALL {
        let catalog = catalog(lang);
        for (key, vars) in keys_and_variables(lang) {
            let (id, attr) = match key.split_once('.') {
                Some((id, attr)) => (id.to_string(), Some(attr.to_string())),
                None => (key.clone(), None),
            };
            // Every variable as a count, once 1 and once 5: both plural forms.
            for n in [1usize, 5] {
                let args: Vec<(&str, Arg)> = vars.iter().map(|v| (v.as_str(), n.into())).collect();
                let text = catalog
                    .try_format(&id, attr.as_deref(), &args)
                    .unwrap_or_else(|e| panic!("{} {key}: {e:?}", lang.code()));
                assert!(!text.trim().is_empty(), "{} {key} is empty", lang.code());
            }
        }
    }
}

/// Every Rust file under `dir` with its text.
fn rust_sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
}

fn sources_of_src() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    rust_sources(Path::new("src"), &mut out);
    out
}

/// The ids the code asks for: string literals passed to `text`, `text_with` and `attr`
/// (outside unit tests and comments, which may show a call as an example).
fn ids_in_source() -> BTreeSet<String> {
    let call =
        regex_lite::Regex::new(r#"\.(?:text|text_with|attr)\(\s*"([a-z][a-z0-9-]*)""#).unwrap();
    let mut out = BTreeSet::new();
    for (path, text) in sources_of_src() {
        if path.ends_with("tests.rs") {
            continue;
        }
        // Calls span lines (`text_with(\n "id"`): match over the text without its comments.
        let code: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        for c in call.captures_iter(&code.join("\n")) {
            out.insert(c[1].to_string());
        }
    }
    out
}

#[test]
fn every_id_the_code_asks_for_is_in_english() {
    let english: BTreeSet<String> = files_of(Lang::En)
        .into_iter()
        .flat_map(|f| defined_keys(&source(Lang::En, f)).unwrap())
        .map(|k| k.split('.').next().unwrap().to_string())
        .collect();
    let used = ids_in_source();
    assert!(
        used.len() > 20,
        "the scan of the sources found only {used:?}"
    );
    let missing: Vec<_> = used.difference(&english).collect();
    assert!(
        missing.is_empty(),
        "ids used in src/ but not in locales/en: {missing:?}"
    );
}

#[test]
fn every_english_message_is_used_somewhere_in_the_code_or_another_message() {
    let all_source: String = sources_of_src().into_iter().map(|(_, text)| text).collect();
    for file in files_of(Lang::En) {
        let text = source(Lang::En, file);
        for key in defined_keys(&text).unwrap() {
            let id = key.split('.').next().unwrap();
            let quoted = format!("\"{id}\"");
            let referenced = format!("{{ {id} }}");
            assert!(
                all_source.contains(&quoted) || text.contains(&referenced),
                "locales/en/{file}.ftl: {id} is never used"
            );
        }
    }
}
