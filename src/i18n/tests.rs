use super::*;

#[test]
fn english_parses_and_formats_plurals_without_isolation_marks() {
    let en = Catalog::english();
    let text = en.text_with("annex-e-fix", &[("action", "removed".into())]);
    assert_eq!(
        text,
        "A de-identifier following the DICOM Basic Profile would have removed this attribute. \
         Do that before sharing the file."
    );
}

#[test]
fn a_missing_message_shows_its_id_and_a_foreign_one_falls_back_to_english() {
    assert_eq!(
        Catalog::english().text("no-such-message"),
        "no-such-message"
    );
    let es = Catalog::parse(Lang::Es, &[("page", "hola = Hola")]).unwrap();
    assert_eq!(es.text("hola"), "Hola");
    assert_eq!(es.text("letter-regards"), "Kind regards,");
}

#[test]
fn core_texts_are_english_in_english_and_translated_elsewhere() {
    let es = Catalog::parse(Lang::Es, &[("core", "severity-high = alta")]).unwrap();
    assert_eq!(es.core("severity-high", None, "high"), "alta");
    assert_eq!(
        Catalog::english().core("severity-high", None, "high"),
        "high"
    );
}

#[test]
fn bad_catalogues_are_typed_errors() {
    let broken = Catalog::parse(Lang::De, &[("page", "= no id")]).unwrap_err();
    assert!(matches!(broken, CatalogError::Syntax { ref file, .. } if file == "page"));
    let twice = Catalog::parse(Lang::De, &[("page", "a = 1"), ("report", "a = 2")]).unwrap_err();
    assert_eq!(
        twice,
        CatalogError::Duplicate {
            file: "report".into(),
            id: "a".into()
        }
    );
}

#[test]
fn languages_come_from_the_browser_in_order_of_preference() {
    assert_eq!(Lang::negotiate(["fr-FR", "es-MX", "en"]), Lang::Es);
    assert_eq!(Lang::negotiate(["de-AT"]), Lang::De);
    assert_eq!(Lang::negotiate(["fr"]), Lang::En);
    assert_eq!(Lang::negotiate([]), Lang::En);
}
