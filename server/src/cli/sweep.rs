//! `server sweep`: removes stored files no row names and writes that never finished, once they
//! are older than the grace period. The server also sweeps every hour on its own.

use std::process::ExitCode;
use std::time::Duration;

use app::ssr::infra::blob_sweep;

use crate::config::Config;
use crate::stores::storage::{open_blob_store, open_database};

#[derive(clap::Args)]
pub struct SweepArgs {
    /// Leave files younger than this alone (an upload writes its file just before its row).
    #[arg(long, default_value_t = 60)]
    pub grace_minutes: u64,
}

/// Exit status 0: swept (the counts are printed as JSON); 1: the database or the folder failed.
pub async fn run_sweep(args: &SweepArgs) -> ExitCode {
    match sweep(Duration::from_secs(args.grace_minutes * 60)).await {
        Ok(report) => {
            println!(
                "{{\"unnamed_files_removed\": {}, \"unfinished_writes_removed\": {}, \"files_kept\": {}}}",
                report.unnamed_files_removed, report.unfinished_writes_removed, report.files_kept
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("sweep failed: {error}");
            ExitCode::from(1)
        }
    }
}

async fn sweep(grace: Duration) -> Result<blob_sweep::SweepReport, Box<dyn std::error::Error + Send + Sync>> {
    let config = Config::load()?;
    let db = open_database(&config).await?;
    let blobs = open_blob_store(&config).await?;
    Ok(blob_sweep::sweep(&db, blobs.as_ref(), grace).await.map_err(|e| e.message_en())?)
}
