//! A character no installed font has (a very rare name character, or one from a private-use area
//! that a police system assigned) would print as an empty box, which nobody at an exam hall's entrance
//! can read. Each one is printed as its code point instead ("〔U+31350〕") and logged, so the
//! person and the authority see exactly which character the document could not show.

use serde_json::Value;

use super::fonts::DocumentFonts;

/// Replaces, in every text of `data`, the characters `fonts` cannot print by their code point;
/// returns those characters (none: the data is unchanged).
pub fn flag_unprintable(fonts: &DocumentFonts, data: &mut Value) -> Vec<char> {
    let mut found = Vec::new();
    visit(data, &mut |text: &mut String| {
        let missing = fonts.missing_glyphs(text);
        if missing.is_empty() {
            return;
        }
        *text = text.chars().map(|c| if missing.contains(&c) { code_point(c) } else { c.to_string() }).collect();
        found.extend(missing);
    });
    found.sort_unstable();
    found.dedup();
    if !found.is_empty() {
        let points: Vec<String> = found.iter().map(|c| code_point(*c)).collect();
        tracing::warn!(characters = points.join(" "), "characters no installed font can print, printed as code points");
    }
    found
}

fn code_point(c: char) -> String {
    format!("〔U+{:04X}〕", c as u32)
}

fn visit(value: &mut Value, change: &mut impl FnMut(&mut String)) {
    match value {
        Value::String(text) => change(text),
        Value::Array(items) => items.iter_mut().for_each(|item| visit(item, change)),
        Value::Object(fields) => fields.values_mut().for_each(|field| visit(field, change)),
        _ => {}
    }
}
