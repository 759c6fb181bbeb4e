fn main() {
    let mut last = String::new();
    for t in dicom_exposure_check::i18n::core_texts() {
        if t.id != last {
            println!();
            last = t.id.clone();
            if t.attr.is_some() {
                println!("{} =", t.id);
            }
        }
        let text = t.english.replace('{', "{\"{\"}").replace('}', "{\"}\"}");
        match t.attr {
            None => println!("{} = {}", t.id, text),
            Some(a) => println!("    .{a} = {text}"),
        }
    }
}
