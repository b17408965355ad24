//! `server exam validate FILE` and `server exam import FILE`: exams as configuration files.

use std::path::PathBuf;
use std::process::ExitCode;

use app::domain::ExamDefinition;
use app::ssr::exams;

use crate::config::Config;
use crate::startup::open_database;

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
    let definition = match read_exam_file(file) {
        Ok(definition) => definition,
        Err(mistakes) => {
            for mistake in mistakes {
                eprintln!("{}: {mistake}", file.display());
            }
            return ExitCode::from(2);
        }
    };
    match command {
        ExamCommand::Validate { .. } => {
            println!("{}: exam {} with {} categories is valid", file.display(), definition.code, definition.categories.len());
            ExitCode::SUCCESS
        }
        ExamCommand::Import { .. } => match import(&definition).await {
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

fn read_exam_file(file: &PathBuf) -> Result<ExamDefinition, Vec<String>> {
    let text = std::fs::read_to_string(file).map_err(|e| vec![e.to_string()])?;
    exams::parse_exam_toml(&text)
}

async fn import(definition: &ExamDefinition) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let db = open_database(&Config::load()?).await?;
    Ok(exams::insert_if_missing(&db, definition).await.map_err(|e| e.message_en())?)
}
