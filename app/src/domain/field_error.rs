//! A problem with one field of a form, named at that field, in both languages: what the sign-up,
//! password and other forms answer, in the browser and on the server alike.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message_zh: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { field: field.into(), message_zh: zh.into(), message_en: en.into() }
    }
}
