//! Exams stored in the database as validated definitions, with the TOML they came from and
//! their example pictures.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::blob_store::BlobStore;
use super::entities::{exam, exam_example};
use crate::domain::{ExamDefinition, ImageFacts, ImageFormat};
use crate::error::AppError;
use crate::models::exam::ExamSummary;

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

/// Where an exam's example pictures come from: the folder beside its file, or the presets
/// built into the binary.
pub type ExampleSource<'a> = &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync);

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
    let json = serde_json::to_string(definition).map_err(|e| super::internal("exam encode", e))?;
    exam::ActiveModel {
        code: Set(definition.code.clone()),
        definition: Set(json),
        created_at: Set(Utc::now()),
        source: Set(source.to_string()),
    }
    .insert(db)
    .await
    .map_err(|e| super::internal("exam insert", e))?;
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
    let row = exam::Entity::find_by_id(definition.code.clone())
        .one(db)
        .await
        .map_err(|e| super::internal("exam lookup", e))?
        .ok_or(AppError::NotFound)?;
    let stored: Vec<String> = exam_example::Entity::find()
        .filter(exam_example::Column::ExamCode.eq(definition.code.as_str()))
        .all(db)
        .await
        .map_err(|e| super::internal("example list", e))?
        .into_iter()
        .map(|e| e.file)
        .collect();
    let pictures = read_examples(definition, &stored, examples)?;
    let json = serde_json::to_string(definition).map_err(|e| super::internal("exam encode", e))?;
    let mut active: exam::ActiveModel = row.into();
    active.definition = Set(json);
    active.source = Set(source.to_string());
    let txn = db.begin().await.map_err(|e| super::internal("exam update begin", e))?;
    active.update(&txn).await.map_err(|e| super::internal("exam update", e))?;
    // The results time may have moved: results waiting for it move in the same transaction.
    super::results_timing::follow_results_time(
        &txn,
        &definition.code,
        definition.windows.results_published.with_timezone(&chrono::Utc),
    )
    .await?;
    txn.commit().await.map_err(|e| super::internal("exam update commit", e))?;
    store_examples(db, blobs, &definition.code, pictures).await
}

/// Every example the definition names that is not `already_stored`, read and checked to be a
/// picture.
fn read_examples(
    definition: &ExamDefinition,
    already_stored: &[String],
    examples: ExampleSource<'_>,
) -> Result<Vec<(String, Vec<u8>, ImageFormat)>, AppError> {
    let mut out = Vec::new();
    let mut mistakes = Vec::new();
    for category in &definition.categories {
        for example in &category.examples {
            let known = |name: &String| *name == example.file;
            if already_stored.iter().any(known)
                || out.iter().any(|(name, _, _): &(String, Vec<u8>, ImageFormat)| known(name))
            {
                continue;
            }
            match examples(&example.file) {
                Some(bytes) => match ImageFacts::probe(&bytes) {
                    Ok(facts) => out.push((example.file.clone(), bytes, facts.format)),
                    Err(_) => mistakes.push(format!("example {} is not a JPEG or PNG picture", example.file)),
                },
                None => mistakes.push(format!("example {} was not found", example.file)),
            }
        }
    }
    if mistakes.is_empty() {
        Ok(out)
    } else {
        Err(AppError::ExamInvalid { mistakes })
    }
}

async fn store_examples(
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
    exam_code: &str,
    pictures: Vec<(String, Vec<u8>, ImageFormat)>,
) -> Result<(), AppError> {
    for (file, bytes, format) in pictures {
        let blob_key = format!("example-{}.{}", uuid::Uuid::new_v4(), format.file_extension());
        blobs.put(&blob_key, &bytes).await.map_err(|e| super::internal("example write", e))?;
        exam_example::Entity::insert(exam_example::ActiveModel {
            exam_code: Set(exam_code.to_string()),
            file: Set(file),
            blob_key: Set(blob_key),
            format: Set(format.file_extension().to_string()),
        })
        .on_conflict(
            OnConflict::columns([exam_example::Column::ExamCode, exam_example::Column::File])
                .update_columns([exam_example::Column::BlobKey, exam_example::Column::Format])
                .to_owned(),
        )
        .exec(db)
        .await
        .map_err(|e| super::internal("example insert", e))?;
    }
    Ok(())
}

/// The largest example picture an administrator may add.
pub const MAX_EXAMPLE_BYTES: usize = 2 * 1024 * 1024;

/// Adds (or replaces) one example picture an administrator uploaded, under
/// "examples/<name>", so the exam file can name it.
pub async fn add_example(
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
    exam_code: &str,
    name: &str,
    bytes: Vec<u8>,
) -> Result<String, AppError> {
    load(db, exam_code).await?.ok_or(AppError::NotFound)?;
    let file = format!("examples/{name}");
    if !crate::domain::exam_definition::is_example_file_name(&file) {
        return Err(AppError::invalid_field(
            "name",
            "示例文件名只能含字母、数字、-、_ 和 .，并以 .jpg 或 .png 结尾",
            "An example's name may hold letters, digits, -, _ and . only, and must end in .jpg or .png",
        ));
    }
    if bytes.len() > MAX_EXAMPLE_BYTES {
        let (actual, limit) = (
            crate::domain::byte_size::format_bytes(bytes.len() as u64, crate::domain::byte_size::Rounding::Up),
            crate::domain::byte_size::format_limit(MAX_EXAMPLE_BYTES as u64),
        );
        return Err(AppError::invalid_field(
            "file",
            format!("示例图片 {actual}，超过上限 {limit}"),
            format!("The example is {actual}, above the {limit} limit"),
        ));
    }
    let format = ImageFacts::probe(&bytes).map(|facts| facts.format).map_err(|_| {
        AppError::invalid_field("file", "示例必须是 JPEG 或 PNG 图片", "An example must be a JPEG or PNG picture")
    })?;
    store_examples(db, blobs, exam_code, vec![(file.clone(), bytes, format)]).await?;
    Ok(file)
}

/// An example picture of an exam, for any signed-in person who may see the exam.
pub async fn read_example(
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
    exam_code: &str,
    file: &str,
) -> Result<(ImageFormat, Vec<u8>), AppError> {
    let row = exam_example::Entity::find_by_id((exam_code.to_string(), file.to_string()))
        .one(db)
        .await
        .map_err(|e| super::internal("example lookup", e))?
        .ok_or(AppError::NotFound)?;
    let bytes =
        blobs.get(&row.blob_key).await.map_err(|e| super::internal("example read", e))?.ok_or(AppError::NotFound)?;
    Ok((ImageFormat::from_file_extension(&row.format), bytes))
}

pub async fn load(db: &DatabaseConnection, code: &str) -> Result<Option<ExamDefinition>, AppError> {
    let Some(row) =
        exam::Entity::find_by_id(code.to_string()).one(db).await.map_err(|e| super::internal("exam lookup", e))?
    else {
        return Ok(None);
    };
    serde_json::from_str(&row.definition).map(Some).map_err(|e| super::internal("exam decode", e))
}

/// The TOML an administrator edits: as written, or (for exams stored before sources were kept)
/// regenerated from the definition.
pub async fn load_source(db: &DatabaseConnection, code: &str) -> Result<String, AppError> {
    let row = exam::Entity::find_by_id(code.to_string())
        .one(db)
        .await
        .map_err(|e| super::internal("exam lookup", e))?
        .ok_or(AppError::NotFound)?;
    if !row.source.trim().is_empty() {
        return Ok(row.source);
    }
    let definition: ExamDefinition =
        serde_json::from_str(&row.definition).map_err(|e| super::internal("exam decode", e))?;
    toml::to_string(&definition).map_err(|e| super::internal("exam to toml", e))
}

pub async fn list_definitions(db: &DatabaseConnection) -> Result<Vec<ExamDefinition>, AppError> {
    let rows = exam::Entity::find()
        .order_by_asc(exam::Column::Code)
        .all(db)
        .await
        .map_err(|e| super::internal("exam list", e))?;
    rows.into_iter()
        .map(|row| serde_json::from_str(&row.definition).map_err(|e| super::internal("exam decode", e)))
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
