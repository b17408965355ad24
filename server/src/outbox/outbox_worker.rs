//! Sends what decisions wrote to the outbox: every `poll` it claims each due row (so a second
//! worker cannot send it too), hands it to the mail server, the SMS gateway or the 公众号, and
//! marks it sent.
//! A passing failure is recorded and retried later, waiting twice as long each time; a text the
//! gateway refuses for good, or that may already have gone, is given up and listed for
//! administrators. A row is marked sent only after the server accepted it, so nothing is lost;
//! the claim keeps it from being sent twice.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::ssr::accounts::password_recovery::CODE_LIFETIME_MINUTES;
use app::ssr::entities::outbox_message;
use app::ssr::exams::told_numbers;
use app::ssr::infra::clock::Clock;
use app::ssr::messaging::outbox;
use app::ssr::messaging::text_template::{TextMessage, TextTemplate};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::gateways::official_account::template_message::OutgoingNotice;
use crate::gateways::official_account::OfficialAccount;
use crate::gateways::sms::{OutgoingText, SendFailure, SmsGateway};
use crate::outbox::mailer::{Email, EmailSender};
use app::ssr::infra::write_transaction::begin_write;
use app::ssr::messaging::notifications::OFFICIAL_ACCOUNT_CHANNEL;

pub struct Senders {
    pub email: Arc<dyn EmailSender>,
    pub sms: Arc<dyn SmsGateway>,
    /// None where no 公众号 is configured: its rows (bound before it was taken away) are given up.
    pub official_account: Option<Arc<OfficialAccount>>,
}

/// How long a claimed row is held before another worker may try it.
const LEASE: Duration = Duration::from_secs(300);
/// The longest one send may take (SMTP's time limit; the SMS adapters' is shorter): a pass stops
/// starting sends once that could outlast its claim, and leaves the rest for the next pass.
const LONGEST_SEND: Duration = Duration::from_secs(60);
const BATCH: u64 = 50;
/// A text or 公众号 message still throttled or failing after this many tries (about five hours
/// with the back-off) is given up and shown to administrators. Emails keep trying: a mail server
/// comes back.
const TEXT_ATTEMPTS: i32 = 20;

pub fn spawn(
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
    senders: Senders,
    poll: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_due(&db, clock.as_ref(), &senders, poll).await {
                tracing::error!(?error, "outbox pass failed");
            }
            tokio::time::sleep(poll).await;
        }
    })
}

/// One pass over the due rows.
pub async fn deliver_due(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    senders: &Senders,
    poll: Duration,
) -> Result<(), app::error::AppError> {
    let first_wait = chrono::Duration::from_std(poll).unwrap_or(chrono::Duration::seconds(2));
    let max_wait = chrono::Duration::minutes(30).max(first_wait);
    let lease = chrono::Duration::from_std(LEASE).unwrap_or(chrono::Duration::minutes(5));
    let claimed = Instant::now();
    for row in outbox::claim_due(db, clock.now(), lease, BATCH).await? {
        if claimed.elapsed() + LONGEST_SEND > LEASE {
            break;
        }
        let outcome = send(&row, senders, clock.now()).await;
        count(&row, &outcome);
        match outcome {
            Ok(()) => sent(db, row.id, clock.now()).await?,
            Err(SendFailure::Transient(reason)) if row.channel != "email" && row.attempts + 1 >= TEXT_ATTEMPTS => {
                let reason = format!("still failing after {TEXT_ATTEMPTS} attempts: {reason}");
                give_up(db, &row, clock.now(), &reason).await?;
            }
            Err(SendFailure::Transient(reason)) => {
                tracing::warn!(outbox_id = %row.id, attempts = row.attempts + 1, channel = %row.channel, reason = loggable(&row, &reason), "outbox send failed; will retry");
                outbox::mark_failed(db, &row, clock.now(), &reason, first_wait, max_wait).await?;
            }
            Err(SendFailure::Permanent(reason) | SendFailure::Unknown(reason)) => {
                give_up(db, &row, clock.now(), &reason).await?;
            }
        }
    }
    record_backlog(db, clock.now()).await;
    Ok(())
}

/// The gateway accepted the message: marked sent, and a listed candidate's days started by it, at
/// once. The write comes first: on SQLite a transaction that reads before it writes is refused at
/// once (not waited for) when another wrote meanwhile, and an administrator's round may be writing.
async fn sent(db: &DatabaseConnection, id: i32, now: DateTime<Utc>) -> Result<(), app::error::AppError> {
    let txn = begin_write(db).await?;
    outbox::mark_sent(&txn, id, now).await?;
    told_numbers::text_accepted(&txn, id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Sent and failed messages per channel, failures by kind, for `/metrics`.
fn count(row: &outbox_message::Model, outcome: &Result<(), SendFailure>) {
    let outcome = match outcome {
        Ok(()) => "sent",
        Err(SendFailure::Transient(_)) => "failed, retried",
        Err(SendFailure::Permanent(_)) => "refused",
        Err(SendFailure::Unknown(_)) => "no answer",
    };
    metrics::counter!("zige_outbox_attempts_total", "channel" => row.channel.clone(), "outcome" => outcome)
        .increment(1);
}

/// What waits to be sent, per channel: a backlog that grows is a gateway or mail server in trouble.
async fn record_backlog(db: &DatabaseConnection, now: DateTime<Utc>) {
    let Ok(waiting) = outbox::backlog(db, now).await else { return };
    for channel in ["email", "sms", OFFICIAL_ACCOUNT_CHANNEL] {
        let count = waiting.iter().find(|(c, _)| c == channel).map_or(0, |(_, n)| *n);
        metrics::gauge!("zige_outbox_backlog", "channel" => channel).set(count as f64);
    }
}

async fn send(row: &outbox_message::Model, senders: &Senders, now: DateTime<Utc>) -> Result<(), SendFailure> {
    match row.channel.as_str() {
        "email" => senders
            .email
            .send(Email { outbox_id: row.id, to: &row.recipient, subject: &row.subject, body: &row.body })
            .await
            .map_err(SendFailure::Transient),
        "sms" => {
            let message = TextMessage::from_stored(row.text_template.as_deref(), row.text_params.as_deref());
            if let Some(expired) = message.as_ref().and_then(|m| expired_code(m, row.created_at, now)) {
                return Err(SendFailure::Permanent(expired));
            }
            let text =
                OutgoingText { outbox_id: row.id, mobile: &row.recipient, message: message.as_ref(), body: &row.body };
            senders.sms.send(text).await
        }
        OFFICIAL_ACCOUNT_CHANNEL => {
            let Some(official_account) = &senders.official_account else {
                return Err(SendFailure::Permanent("no 公众号 is configured any more".to_string()));
            };
            let message = TextMessage::from_stored(row.text_template.as_deref(), row.text_params.as_deref());
            let notice = OutgoingNotice {
                outbox_id: row.id,
                queued_at: row.created_at,
                openid: &row.recipient,
                message: message.as_ref(),
                link: row.link.as_deref().unwrap_or("/"),
                at: row.not_before,
            };
            official_account.send(notice).await
        }
        other => Err(SendFailure::Permanent(format!("unknown channel {other}"))),
    }
}

/// A recovery or sign-up code (both live `CODE_LIFETIME_MINUTES`) that died while its text waited
/// (the gateway down, throttled) would only mislead: the person asks for a new one instead.
fn expired_code(message: &TextMessage, created_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    (matches!(message.template, TextTemplate::RecoveryCode | TextTemplate::SignUpCode)
        && now > created_at + chrono::Duration::minutes(CODE_LIFETIME_MINUTES))
    .then(|| format!("the code expired ({CODE_LIFETIME_MINUTES} minutes) before it could be sent"))
}

async fn give_up(
    db: &DatabaseConnection,
    row: &outbox_message::Model,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<(), app::error::AppError> {
    tracing::warn!(outbox_id = %row.id, channel = %row.channel, reason = loggable(row, reason), "outbox message given up; listed for administrators");
    outbox::give_up(db, row.id, now, reason).await
}

/// What of a failure may go to the log: for a text or a 公众号 message, the code alone (its
/// message could repeat a template's values, a recovery code among them); an email's reason is
/// the mail server's.
fn loggable(row: &outbox_message::Model, reason: &str) -> String {
    if row.channel != "email" {
        reason.split(':').next().unwrap_or_default().chars().take(80).collect()
    } else {
        reason.to_string()
    }
}
