//! Ids in the environment read as text.

use serde::Deserialize;

/// Ids written in the environment are read as the text they are, even when they are all digits
/// (a merchant number 1230000109, an app id 2021000000000001, a template 1234567), which the
/// environment's parser takes for numbers. (No such id starts with a zero, which a number loses.)
pub(super) fn digits_as_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Text(String),
        Whole(u64),
        Signed(i64),
    }
    Ok(Option::<Written>::deserialize(deserializer)?.map(|written| match written {
        Written::Text(text) => text,
        Written::Whole(number) => number.to_string(),
        Written::Signed(number) => number.to_string(),
    }))
}
