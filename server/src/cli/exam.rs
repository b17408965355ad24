//! `server exam validate FILE` and `server exam import FILE`: exams as configuration files.

use std::path::PathBuf;
use std::process::ExitCode;

use app::domain::ExamDefinition;
use app::ssr::exams::exam_examples::ExampleSource;
use app::ssr::exams::exam_store;

use crate::config::Config;
use crate::stores::storage::{open_blob_store, open_database};

#[derive(clap::Subcommand)]
pub enum ExamCommand {
    /// Check an exam file and name every mistake with its line.
    Validate { file: PathBuf },
    /// Check an exam file and add the exam to the configured database.
    Import { file: PathBuf },
}

/// Exit status 0: done; 1: the exam already exists or the database failed; 2: the file is wrong.
pub async fn run_exam_command(command: &ExamCommand) -> ExitCode {
    let (ExamCommand::Validate { file } | ExamCommand::Import { file }) = command;
    let folder = file.parent().map(PathBuf::from).unwrap_or_default();
    let examples = move |name: &str| std::fs::read(folder.join(name)).ok();
    let (definition, source) = match read_exam_file(file, &examples) {
        Ok(read) => read,
        Err(mistakes) => {
            for mistake in mistakes {
                eprintln!("{}: {mistake}", file.display());
            }
            return ExitCode::from(2);
        }
    };
    match command {
        ExamCommand::Validate { .. } => {
            println!(
                "{}: exam {} with {} categories is valid",
                file.display(),
                definition.code,
                definition.categories.len()
            );
            ExitCode::SUCCESS
        }
        ExamCommand::Import { .. } => match import(&definition, &source, &examples).await {
            Ok(true) => {
                println!("exam {} imported", definition.code);
                ExitCode::SUCCESS
            }
            Ok(false) => {
                eprintln!("exam {} already exists; nothing changed", definition.code);
                ExitCode::from(1)
            }
            Err(error) => {
                eprintln!("import failed: {error}");
                ExitCode::from(1)
            }
        },
    }
}

/// The definition and its text; every example picture it names must be beside it.
fn read_exam_file(file: &PathBuf, examples: ExampleSource<'_>) -> Result<(ExamDefinition, String), Vec<String>> {
    let text = std::fs::read_to_string(file).map_err(|e| vec![e.to_string()])?;
    let definition = exam_store::parse_exam_toml(&text)?;
    let missing: Vec<String> = definition
        .categories
        .iter()
        .flat_map(|c| c.examples.iter().map(move |e| (c, e)))
        .filter(|(_, e)| examples(&e.file).is_none())
        .map(|(c, e)| format!("category \"{}\": example {} was not found beside the exam file", c.code, e.file))
        .collect();
    if missing.is_empty() {
        Ok((definition, text))
    } else {
        Err(missing)
    }
}

async fn import(
    definition: &ExamDefinition,
    source: &str,
    examples: ExampleSource<'_>,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let config = Config::load()?;
    let db = open_database(&config).await?;
    let blobs = open_blob_store(&config).await?;
    Ok(exam_store::insert_if_missing(&db, blobs.as_ref(), definition, source, examples)
        .await
        .map_err(|e| e.message_en())?)
}
