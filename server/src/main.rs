//! `server` serves the app; `server check-files --rules RULES.toml FILE...` pre-checks scans;
//! `server exam validate|import FILE` handles exam definition files; `server admin create …`
//! creates an administrator; `server migrate` applies the database migrations and exits;
//! `server ticket verify CODE` checks an admission ticket's code.

use clap::{Parser, Subcommand};
use leptos::prelude::*;

use server::cli::admin::{run_admin_command, AdminCommand};
use server::cli::check_files::{run_check_files, CheckFilesArgs};
use server::cli::exam::{run_exam_command, ExamCommand};
use server::cli::migrate::run_migrate;
use server::cli::sweep::{run_sweep, SweepArgs};
use server::cli::ticket::{run_ticket_command, TicketCommand};
use server::config::Config;
use server::{demo_data, process::startup, telemetry};

#[derive(Parser)]
#[command(name = "server", about = "Zige: qualification materials, uploaded and reviewed")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Check picture files against a category rule file, one JSON line per file.
    CheckFiles(CheckFilesArgs),
    /// Validate or import an exam definition file (TOML).
    Exam {
        #[command(subcommand)]
        command: ExamCommand,
    },
    /// Remove stored files no row names and unfinished writes (the server also does this hourly).
    Sweep(SweepArgs),
    /// Back the installation up to a folder or s3://bucket/prefix, encrypted to
    /// ZIGE_BACKUP_RECIPIENT; `backup verify TARGET` checks one without opening it.
    Backup(server::cli::backup::BackupArgs),
    /// Fill an empty installation from a backup (opened with ZIGE_BACKUP_IDENTITY_FILE, and
    /// signed by a key named beside the identity there).
    Restore(server::cli::backup::RestoreArgs),
    /// Apply the database migrations and exit (for servers started with ZIGE_MIGRATE_ON_START=false).
    Migrate,
    /// Manage administrator accounts (the first one of an installation is created here).
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Verify an admission ticket's code, print the public keys verifiers hold, or rotate the key.
    Ticket {
        #[command(subcommand)]
        command: TicketCommand,
    },
    /// Lay documents out for the server, one job at a time from standard input (started by the
    /// server itself; see `documents::render_worker`).
    #[command(hide = true)]
    RenderWorker {
        #[arg(long)]
        font_dir: std::path::PathBuf,
        #[arg(long)]
        memory_mb: u64,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::stores::private_files::create_private();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::CheckFiles(args) => run_check_files(&args),
        Command::Exam { command } => run_exam_command(&command).await,
        Command::Admin { command } => run_admin_command(&command).await,
        Command::Ticket { command } => run_ticket_command(&command).await,
        Command::Sweep(args) => run_sweep(&args).await,
        Command::Migrate => run_migrate().await,
        Command::Backup(args) => server::cli::backup::run_backup(&args).await,
        Command::Restore(args) => server::cli::backup::run_restore(&args).await,
        Command::RenderWorker { font_dir, memory_mb } => {
            server::documents::render_worker::run_render_worker(&font_dir, memory_mb)
        }
        Command::Serve => match serve().await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("zige: {error}");
                std::process::ExitCode::FAILURE
            }
        },
    }
}

async fn serve() -> Result<(), startup::StartupError> {
    telemetry::init_logging();
    let config = Config::load()?;
    let leptos_options =
        server::config::site_options::site_options(get_configuration(None).ok().map(|c| c.leptos_options));
    let addr = config.listen.unwrap_or(leptos_options.site_addr);
    let prepared = startup::prepare(&config, leptos_options).await?;
    tracing::info!(%addr, data_dir = %config.data_dir.display(), "starting");
    if config.seed_demo {
        demo_data::print_demo_accounts(&addr.to_string());
    }
    server::http::serving::serve(prepared.router, addr).await
}
