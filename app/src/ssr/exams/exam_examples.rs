//! An exam's example pictures (上传示例): read from the files beside a preset or an exam file,
//! checked to be pictures, kept in the blob store; administrators add more one by one.

use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait, Set};

use crate::domain::record_ids::ExamCode;
use crate::domain::{ExamDefinition, FileFacts, FileFormat};
use crate::error::AppError;
use crate::ssr::entities::{exam, exam_example};
use crate::ssr::infra::blob_store::BlobStore;

/// Where an exam's example pictures come from: the folder beside its file, or the presets
/// built into the binary.
pub type ExampleSource<'a> = &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync);

/// Every example the definition names that is not `already_stored`, read and checked to be a
/// picture.
pub(crate) fn read_examples(
    definition: &ExamDefinition,
    already_stored: &[String],
    examples: ExampleSource<'_>,
) -> Result<Vec<(String, Vec<u8>, FileFormat)>, AppError> {
    let mut out = Vec::new();
    let mut mistakes = Vec::new();
    for category in &definition.categories {
        for example in &category.examples {
            let known = |name: &String| *name == example.file;
            if already_stored.iter().any(known)
                || out.iter().any(|(name, _, _): &(String, Vec<u8>, FileFormat)| known(name))
            {
                continue;
            }
            match examples(&example.file) {
                Some(bytes) => match FileFacts::probe(&bytes) {
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

pub(crate) async fn store_examples(
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
    exam_code: &ExamCode,
    pictures: Vec<(String, Vec<u8>, FileFormat)>,
) -> Result<(), AppError> {
    for (file, bytes, format) in pictures {
        let blob_key = format!("example-{}.{}", uuid::Uuid::new_v4(), format.file_extension());
        blobs.put(&blob_key, &bytes).await?;
        exam_example::Entity::insert(exam_example::ActiveModel {
            exam_code: Set(exam_code.clone()),
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
        .await?;
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
    exam_code: &ExamCode,
    name: &str,
    bytes: Vec<u8>,
) -> Result<String, AppError> {
    // The exam must exist; its definition is not needed (and reading it from `exam_store` would
    // tie the two files in a circle).
    exam::Entity::find_by_id(exam_code.to_string()).one(db).await?.ok_or(AppError::NotFound)?;
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
    let format = FileFacts::probe(&bytes).map(|facts| facts.format).map_err(|_| {
        AppError::invalid_field("file", "示例必须是 JPEG 或 PNG 图片", "An example must be a JPEG or PNG picture")
    })?;
    store_examples(db, blobs, exam_code, vec![(file.clone(), bytes, format)]).await?;
    Ok(file)
}

/// An example picture of an exam, for any signed-in person who may see the exam.
pub async fn read_example(
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
    exam_code: &ExamCode,
    file: &str,
) -> Result<(FileFormat, Vec<u8>), AppError> {
    let row = exam_example::Entity::find_by_id((exam_code.clone(), file.to_string()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = blobs.get(&row.blob_key).await?.ok_or(AppError::NotFound)?;
    Ok((FileFormat::from_file_extension(&row.format), bytes))
}
