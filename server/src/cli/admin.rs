//! `server admin create`: the first administrator of an installation, with a password the
//! operator chooses (read from `ZIGE_ADMIN_PASSWORD`, or the first line of standard input, so it
//! never appears in the process list or the shell history). `server admin reset-second-factor`:
//! for the administrator who lost the phone and the recovery codes, with no other administrator
//! to reset them from the page.

use std::io::BufRead;
use std::process::ExitCode;

use app::domain::sign_up_form::{SignUpFields, SignUpForm};
use app::error::AppError;
use app::ssr::admin::account_admin;

use crate::config::Config;
use crate::stores::storage::open_database;

#[derive(clap::Subcommand)]
pub enum AdminCommand {
    /// Create an administrator account in the configured database.
    Create {
        /// The administrator's resident ID number (18 digits, check digit verified).
        #[arg(long)]
        id_number: String,
        #[arg(long)]
        name: String,
        /// 11 digits starting with 1; password recovery codes are texted here.
        #[arg(long)]
        mobile: String,
        #[arg(long, default_value = "")]
        email: String,
    },
    /// Remove a staff member's authenticator and recovery codes and end their sessions; they set
    /// up a new one at their next sign-in (audited).
    ResetSecondFactor {
        /// The staff member's ID number.
        #[arg(long)]
        id_number: String,
    },
}

/// Exit status 0: created; 1: the ID number has an account already, or the database failed;
/// 2: a field (or the password) breaks the sign-up rules.
pub async fn run_admin_command(command: &AdminCommand) -> ExitCode {
    let (id_number, name, mobile, email) = match command {
        AdminCommand::Create { id_number, name, mobile, email } => (id_number, name, mobile, email),
        AdminCommand::ResetSecondFactor { id_number } => return reset_second_factor(id_number).await,
    };
    let password = match std::env::var("ZIGE_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            eprintln!("password for the new administrator (one line on standard input):");
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line).is_err() {
                eprintln!("could not read the password");
                return ExitCode::from(2);
            }
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let fields = SignUpFields {
        id_type: "resident_id".into(),
        id_number: id_number.clone(),
        name: name.clone(),
        mobile: mobile.clone(),
        password,
        email: email.clone(),
        mobile_code: String::new(),
        id_valid_until: String::new(),
        typed_again: None,
    };
    let form = match SignUpForm::parse(&fields) {
        Ok(form) => form,
        Err(problems) => {
            for problem in problems {
                eprintln!("{}: {}", problem.field, problem.message_en);
            }
            return ExitCode::from(2);
        }
    };
    match create(form).await {
        Ok(()) => {
            println!("administrator {name} created; log in with the ID number and the password you chose");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("not created: {error}");
            ExitCode::from(1)
        }
    }
}

async fn create(form: SignUpForm) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = Config::load()?;
    let db = open_database(&config).await?;
    account_admin::create_administrator(&db, None, form, chrono::Utc::now())
        .await
        .map_err(|e: AppError| e.message_en())?;
    Ok(())
}

/// Exit status 0: reset; 1: no such account, a candidate's, or the database failed.
async fn reset_second_factor(id_number: &str) -> ExitCode {
    let reset = async {
        let config = Config::load()?;
        let db = open_database(&config).await?;
        let normalised = app::domain::id_number::normalised_id_number(id_number);
        let account = app::ssr::accounts::account_store::find_by_id_number(&db, &normalised)
            .await
            .map_err(|e| e.message_en())?
            .ok_or("no account has this ID number")?;
        account_admin::reset_second_factor(&db, None, account.id, chrono::Utc::now())
            .await
            .map_err(|e: AppError| e.message_en())?;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(account.name)
    };
    match reset.await {
        Ok(name) => {
            println!("two-step sign-in of {name} reset: they set up a new authenticator at their next sign-in");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("not reset: {error}");
            ExitCode::from(1)
        }
    }
}
