//! `server migrate`: applies the database migrations and exits, for installations whose servers
//! start with `ZIGE_MIGRATE_ON_START=false` (the release step runs this once, then the servers).

use std::process::ExitCode;

use crate::config::Config;
use crate::stores::storage::{connect, migrate};

/// Exit status 0: the database is up to date; 1: it could not be reached or a migration failed.
pub async fn run_migrate() -> ExitCode {
    let outcome = async {
        let config = Config::load()?;
        tokio::fs::create_dir_all(&config.data_dir).await?;
        let db = connect(&config.database_url()).await?;
        migrate(&db).await
    };
    match outcome.await {
        Ok(()) => {
            println!("database up to date");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("migration failed: {error}");
            ExitCode::from(1)
        }
    }
}
