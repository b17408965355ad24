//! `server ticket verify CODE` says whether an admission ticket's code (the QR code's text) is
//! valid, tampered with or expired — with `--public-key KEY` on any machine, no server and no
//! network needed; without it, from this installation's own key. `server ticket public-key`
//! prints the key verifiers hold (the `/verify` page shows it too).

use std::process::ExitCode;

use app::domain::ticket_code::{public_key_from_text, public_key_text, verify_ticket, TicketVerdict};
use ed25519_dalek::VerifyingKey;

use crate::config::Config;
use crate::startup::{session_key, ticket_key};

#[derive(clap::Subcommand)]
pub enum TicketCommand {
    /// Check a ticket's code: exit 0 valid, 1 tampered or unreadable, 2 expired, 3 no key.
    Verify {
        /// The text of the QR code (quote it in the shell).
        code: String,
        /// The authority's public key (base64url), as `server ticket public-key` prints it.
        #[arg(long)]
        public_key: Option<String>,
    },
    /// Print this installation's public key for verifiers.
    PublicKey,
}

pub async fn run_ticket_command(command: &TicketCommand) -> ExitCode {
    match command {
        TicketCommand::PublicKey => match installation_key().await {
            Ok(key) => {
                println!("{}", public_key_text(&key));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("no key: {error}");
                ExitCode::from(3)
            }
        },
        TicketCommand::Verify { code, public_key } => {
            let key = match public_key {
                Some(text) => public_key_from_text(text).ok_or_else(|| "the public key is not a key".to_string()),
                None => installation_key().await,
            };
            let key = match key {
                Ok(key) => key,
                Err(error) => {
                    eprintln!("no key: {error}");
                    return ExitCode::from(3);
                }
            };
            report(verify_ticket(code, &key, chrono::Utc::now().timestamp()))
        }
    }
}

/// One line a person reads, in both languages, and the exit status a script reads.
fn report(verdict: TicketVerdict) -> ExitCode {
    match verdict {
        TicketVerdict::Valid(c) => {
            println!("有效 valid: {} {} {}", c.ticket_no, c.name, c.id_masked);
            ExitCode::SUCCESS
        }
        TicketVerdict::Expired(c) => {
            println!("已过期 expired: {} {} {}", c.ticket_no, c.name, c.id_masked);
            ExitCode::from(2)
        }
        TicketVerdict::Tampered => {
            println!("被篡改 tampered: the signature does not match the text");
            ExitCode::from(1)
        }
        TicketVerdict::Unreadable => {
            println!("无法识别 unreadable: not a Zige ticket code");
            ExitCode::from(1)
        }
    }
}

async fn installation_key() -> Result<VerifyingKey, String> {
    let config = Config::load().map_err(|e| e.to_string())?;
    let session = session_key(&config).await.map_err(|e| e.to_string())?;
    Ok(ticket_key(&session).verifying_key())
}
