//! Small edits to an exam file that keep the administrator's comments and layout.

use toml_edit::{value, DocumentMut};

use crate::domain::ExamWindows;
use crate::error::AppError;

fn document(source: &str) -> Result<DocumentMut, AppError> {
    source.parse::<DocumentMut>().map_err(|e| AppError::ExamInvalid { mistakes: vec![e.to_string()] })
}

/// The same exam file under another code (creating a second exam from one preset).
pub fn with_code(source: &str, code: &str) -> Result<String, AppError> {
    let mut doc = document(source)?;
    doc["code"] = value(code);
    Ok(doc.to_string())
}

/// The same exam file with new windows: RFC 3339 times in the order of `ExamWindows::KEYS`.
pub fn with_windows(source: &str, windows: [String; 4]) -> Result<String, AppError> {
    let mut doc = document(source)?;
    for (key, at) in ExamWindows::KEYS.into_iter().zip(windows) {
        doc["windows"][key] = value(at);
    }
    Ok(doc.to_string())
}
