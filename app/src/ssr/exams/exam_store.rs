//! Exams stored in the database as validated definitions, with the TOML they came from (their
//! example pictures are `exam_examples`'s).

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::domain::record_ids::ExamCode;
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::models::exam::ExamSummary;
use crate::ssr::exams::exam_examples::{read_examples, store_examples, ExampleSource};
use crate::ssr::infra::blob_store::BlobStore;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::{entities::exam, entities::exam_example};

/// Parses an exam file and checks it; every mistake is listed, with its line where it has one.
pub fn parse_exam_toml(text: &str) -> Result<ExamDefinition, Vec<String>> {
    // toml's own message already names the line and shows it.
    let definition: ExamDefinition = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    definition.validated().map_err(|mistakes| {
        mistakes
            .iter()
            .map(|m| match line_of(text, m) {
                Some(line) => format!("line {line}: {m}"),
                None => m.to_string(),
            })
            .collect()
    })
}

/// The 1-based line a mistake is about: the `code = "…"` of its category, the `code`/`key` it
/// quotes (positions, form fields), or the `windows` key it names.
fn line_of(text: &str, mistake: &crate::domain::exam_definition::ExamMistake) -> Option<usize> {
    let quoted = || mistake.message.split('"').nth(1);
    if let Some(code) = mistake.near_code.as_deref().or_else(quoted) {
        let wanted = format!("\"{code}\"");
        return find_line(text, |key, value| (key == "code" || key == "key") && value == wanted);
    }
    let window_key = mistake.message.strip_prefix("windows.")?.split_whitespace().next()?;
    find_line(text, |key, _| key == window_key)
}

fn find_line(text: &str, matches: impl Fn(&str, &str) -> bool) -> Option<usize> {
    text.lines()
        .position(|line| line.split_once('=').is_some_and(|(key, value)| matches(key.trim(), value.trim())))
        .map(|index| index + 1)
}

/// Stores the exam unless one with its code exists already. Returns true when it was added.
pub async fn insert_if_missing(
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
    definition: &ExamDefinition,
    source: &str,
    examples: ExampleSource<'_>,
) -> Result<bool, AppError> {
    if load(db, &definition.code).await?.is_some() {
        return Ok(false);
    }
    let pictures = read_examples(definition, &[], examples)?;
    let json = serde_json::to_string(definition).map_err(|e| crate::ssr::internal("exam encode", e))?;
    exam::ActiveModel {
        code: Set(definition.code.clone()),
        definition: Set(json),
        created_at: Set(Utc::now()),
        source: Set(source.to_string()),
    }
    .insert(db)
    .await?;
    store_examples(db, blobs, &definition.code, pictures).await?;
    Ok(true)
}

/// Replaces an exam's definition (same code). Example files it names must exist already or
/// come from `examples`.
pub async fn replace(
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
    definition: &ExamDefinition,
    source: &str,
    examples: ExampleSource<'_>,
) -> Result<(), AppError> {
    let row = exam::Entity::find_by_id(definition.code.clone()).one(db).await?.ok_or(AppError::NotFound)?;
    let stored: Vec<String> = exam_example::Entity::find()
        .filter(exam_example::Column::ExamCode.eq(definition.code.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.file)
        .collect();
    let pictures = read_examples(definition, &stored, examples)?;
    let json = serde_json::to_string(definition).map_err(|e| crate::ssr::internal("exam encode", e))?;
    let mut active: exam::ActiveModel = row.into();
    active.definition = Set(json);
    active.source = Set(source.to_string());
    let txn = begin_write(db).await?;
    active.update(&txn).await?;
    // The results time may have moved: results waiting for it move in the same transaction.
    crate::ssr::exams::results_timing::follow_results_time(
        &txn,
        &definition.code,
        definition.windows.results_published.with_timezone(&chrono::Utc),
    )
    .await?;
    txn.commit().await?;
    store_examples(db, blobs, &definition.code, pictures).await
}

pub async fn load(db: &DatabaseConnection, code: &ExamCode) -> Result<Option<ExamDefinition>, AppError> {
    let Some(row) = exam::Entity::find_by_id(code.clone()).one(db).await? else {
        return Ok(None);
    };
    serde_json::from_str(&row.definition).map(Some).map_err(|e| crate::ssr::internal("exam decode", e))
}

/// The definitions of the exams `codes` names, each loaded once, by code (None: no such exam).
pub async fn load_each(
    db: &DatabaseConnection,
    codes: Vec<ExamCode>,
) -> Result<std::collections::HashMap<ExamCode, Option<ExamDefinition>>, AppError> {
    let mut definitions = std::collections::HashMap::new();
    for code in codes {
        if let std::collections::hash_map::Entry::Vacant(slot) = definitions.entry(code) {
            let definition = load(db, slot.key()).await?;
            slot.insert(definition);
        }
    }
    Ok(definitions)
}

/// The TOML an administrator edits: as written, or (for exams stored before sources were kept)
/// regenerated from the definition.
pub async fn load_source(db: &DatabaseConnection, code: &ExamCode) -> Result<String, AppError> {
    let row = exam::Entity::find_by_id(code.clone()).one(db).await?.ok_or(AppError::NotFound)?;
    if !row.source.trim().is_empty() {
        return Ok(row.source);
    }
    let definition: ExamDefinition =
        serde_json::from_str(&row.definition).map_err(|e| crate::ssr::internal("exam decode", e))?;
    toml::to_string(&definition).map_err(|e| crate::ssr::internal("exam to toml", e))
}

pub async fn list_definitions(db: &DatabaseConnection) -> Result<Vec<ExamDefinition>, AppError> {
    let rows = exam::Entity::find().order_by_asc(exam::Column::Code).all(db).await?;
    rows.into_iter()
        .map(|row| serde_json::from_str(&row.definition).map_err(|e| crate::ssr::internal("exam decode", e)))
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
