//! Sends what decisions wrote to the outbox: every `poll` it claims each due row (so a second
//! worker cannot send it too), hands it to the mail server or SMS provider, and marks it sent;
//! a failure is recorded and retried later, waiting twice as long each time. A row is marked
//! sent only after the server accepted it, so nothing is lost; the claim keeps it from being
//! sent twice.

use std::sync::Arc;
use std::time::Duration;

use app::ssr::infra::clock::Clock;
use app::ssr::messaging::outbox;
use sea_orm::DatabaseConnection;

use crate::mailer::{Email, EmailSender};
use crate::sms::SmsProvider;

pub struct Senders {
    pub email: Arc<dyn EmailSender>,
    pub sms: Arc<dyn SmsProvider>,
}

/// How long a claimed row is held before another worker may try it.
const LEASE_SECONDS: i64 = 120;
const BATCH: u64 = 50;

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
    for row in outbox::claim_due(db, clock.now(), chrono::Duration::seconds(LEASE_SECONDS), BATCH).await? {
        let outcome = match row.channel.as_str() {
            "email" => {
                senders
                    .email
                    .send(Email { outbox_id: row.id, to: &row.recipient, subject: &row.subject, body: &row.body })
                    .await
            }
            "sms" => senders.sms.send(row.id, &row.recipient, &row.body).await,
            other => Err(format!("unknown channel {other}")),
        };
        match outcome {
            Ok(()) => outbox::mark_sent(db, row.id, clock.now()).await?,
            Err(error) => {
                tracing::warn!(outbox_id = row.id, attempts = row.attempts + 1, %error, "outbox send failed; will retry");
                outbox::mark_failed(db, &row, clock.now(), &error, first_wait, max_wait).await?;
            }
        }
    }
    Ok(())
}
