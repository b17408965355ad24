//! Exams stored in the database as validated definitions.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set};

use super::entities::exam;
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::models::ExamSummary;

/// Parses an exam file and checks it; every mistake is listed, with its line where it has one.
pub fn parse_exam_toml(text: &str) -> Result<ExamDefinition, Vec<String>> {
    // toml's own message already names the line and shows it.
    let definition: ExamDefinition = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    definition.validated().map_err(|mistakes| {
        mistakes
            .iter()
            .map(|m| match m.category.as_deref().and_then(|code| category_line(text, code)) {
                Some(line) => format!("line {line}: {m}"),
                None => m.to_string(),
            })
            .collect()
    })
}

/// The 1-based line where a category's `code = "…"` is written.
fn category_line(text: &str, code: &str) -> Option<usize> {
    text.lines().position(|line| {
        let line = line.trim();
        line.strip_prefix("code").map(str::trim_start).and_then(|rest| rest.strip_prefix('=')).map(str::trim) == Some(&format!("\"{code}\""))
    })
    .map(|index| index + 1)
}

/// Stores the exam unless one with its code exists already. Returns true when it was added.
pub async fn insert_if_missing(db: &DatabaseConnection, definition: &ExamDefinition) -> Result<bool, AppError> {
    if load(db, &definition.code).await?.is_some() {
        return Ok(false);
    }
    let json = serde_json::to_string(definition).map_err(|e| super::internal("exam encode", e))?;
    exam::ActiveModel { code: Set(definition.code.clone()), definition: Set(json), created_at: Set(Utc::now()) }
        .insert(db)
        .await
        .map_err(|e| super::internal("exam insert", e))?;
    Ok(true)
}

pub async fn load(db: &DatabaseConnection, code: &str) -> Result<Option<ExamDefinition>, AppError> {
    let Some(row) = exam::Entity::find_by_id(code.to_string()).one(db).await.map_err(|e| super::internal("exam lookup", e))? else {
        return Ok(None);
    };
    serde_json::from_str(&row.definition).map(Some).map_err(|e| super::internal("exam decode", e))
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<ExamSummary>, AppError> {
    let rows = exam::Entity::find().order_by_asc(exam::Column::Code).all(db).await.map_err(|e| super::internal("exam list", e))?;
    rows.into_iter()
        .map(|row| {
            let d: ExamDefinition = serde_json::from_str(&row.definition).map_err(|e| super::internal("exam decode", e))?;
            Ok(summary_of(&d))
        })
        .collect()
}

pub fn summary_of(d: &ExamDefinition) -> ExamSummary {
    ExamSummary {
        code: d.code.clone(),
        title_zh: d.title_zh.clone(),
        title_en: d.title_en.clone(),
        organiser_zh: d.organiser_zh.clone(),
        organiser_en: d.organiser_en.clone(),
    }
}
