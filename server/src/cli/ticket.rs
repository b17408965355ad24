//! `server ticket verify CODE` says whether an admission ticket's code (the QR code's text) is
//! valid, tampered with or expired — with `--public-key KEY` (as often as needed) on any machine,
//! no server and no network needed; without it, against this installation's own keys.
//! `server ticket public-key` prints the keys verifiers hold (the `/verify` page holds them too),
//! and `server ticket rotate-key` starts signing with a new key while the older ones still vouch
//! for the tickets they signed.

use std::process::ExitCode;

use app::domain::ticket_code::{public_key_from_text, public_key_text, verify_ticket_with_any, TicketVerdict};
use app::ssr::tickets::ticket_keys::{self, TicketKeys};
use ed25519_dalek::VerifyingKey;

use crate::config::Config;
use crate::stores::storage::open_database;

#[derive(clap::Subcommand)]
pub enum TicketCommand {
    /// Check a ticket's code: exit 0 valid, 1 tampered or unreadable, 2 expired, 3 no key.
    Verify {
        /// The text of the QR code (quote it in the shell).
        code: String,
        /// The authority's public key (base64url), as `server ticket public-key` prints it; give
        /// it once per key the authority has signed with. (A key may begin with `-`, as base64url
        /// text does one time in 64: it is still a key, not an option.)
        #[arg(long, allow_hyphen_values = true)]
        public_key: Vec<String>,
    },
    /// Print this installation's public keys for verifiers, the one signing now first.
    PublicKey,
    /// Sign new tickets with a new key; tickets signed before still verify.
    RotateKey,
}

pub async fn run_ticket_command(command: &TicketCommand) -> ExitCode {
    let outcome = match command {
        TicketCommand::PublicKey => installation_keys(false).await.map(|keys| {
            for key in keys.public() {
                println!("{}", public_key_text(key));
            }
            ExitCode::SUCCESS
        }),
        TicketCommand::RotateKey => installation_keys(true).await.map(|keys| {
            println!("新密钥 new key: {}", public_key_text(&keys.signing().verifying_key()));
            println!(
                "旧密钥仍可核验此前签发的准考证 older keys still verify the tickets they signed: {}",
                keys.public().len() - 1
            );
            ExitCode::SUCCESS
        }),
        TicketCommand::Verify { code, public_key } => {
            let keys: Result<Vec<VerifyingKey>, String> = if public_key.is_empty() {
                installation_keys(false).await.map(|keys| keys.public().to_vec())
            } else {
                public_key
                    .iter()
                    .map(|text| public_key_from_text(text).ok_or_else(|| format!("{text} is not a public key")))
                    .collect()
            };
            keys.map(|keys| report(verify_ticket_with_any(code, &keys, chrono::Utc::now().timestamp())))
        }
    };
    outcome.unwrap_or_else(|error| {
        eprintln!("no key: {error}");
        ExitCode::from(3)
    })
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

/// The configured installation's keys, a new one added first when `rotate`. Only a server makes
/// the first key (from its own session secret where tickets were printed before the keys had a
/// table): a command run from another shell must not guess it.
async fn installation_keys(rotate: bool) -> Result<TicketKeys, String> {
    let config = Config::load().map_err(|e| e.to_string())?;
    let db = open_database(&config).await.map_err(|e| e.to_string())?;
    let keys =
        ticket_keys::load(&db).await.map_err(|_| "this installation has no ticket key yet: start the server once")?;
    if !rotate {
        return Ok(keys);
    }
    // Run beside a live server, whose writes may hold the database a while: a busy answer is
    // waited out as it asks (a few times), not handed to the operator.
    let mut tries = 0;
    loop {
        match ticket_keys::rotate(&db, chrono::Utc::now()).await {
            Err(app::error::AppError::Busy { retry_after_secs }) if tries < 3 => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_secs(retry_after_secs)).await;
            }
            outcome => return outcome.map_err(|e| e.message_en()),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::TicketCommand;

    #[derive(Parser)]
    struct Ticket {
        #[command(subcommand)]
        command: TicketCommand,
    }

    #[test]
    fn a_public_key_that_begins_with_a_hyphen_is_read_as_a_key() {
        let parsed = Ticket::try_parse_from(["ticket", "verify", "ZGT1.a.b", "--public-key", "-Ab_9"]).unwrap();
        let TicketCommand::Verify { public_key, .. } = parsed.command else { panic!("not verify") };
        assert_eq!(public_key, ["-Ab_9"]);
    }
}
