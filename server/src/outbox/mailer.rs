//! Where emails leave: over SMTP when `ZIGE_SMTP_URL` is set, otherwise into the log (the demo
//! has no mail server). Each email carries a Message-ID derived from its outbox row, so should a
//! crash fall between the server's acceptance and our "sent" mark, the resent copy is
//! recognisable as the same message.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub struct Email<'a> {
    pub outbox_id: i32,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

#[async_trait::async_trait]
pub trait EmailSender: Send + Sync {
    /// Ok once the mail server has accepted the message.
    async fn send(&self, email: Email<'_>) -> Result<(), String>;
}

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// `url` as lettre reads it: smtp://host:port (plain, for a relay on the same machine),
    /// smtp://host:587?tls=required (STARTTLS) or smtps://user:pass@host (TLS).
    pub fn new(url: &str, from: &str) -> Result<SmtpMailer, String> {
        let transport =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| format!("ZIGE_SMTP_URL: {e}"))?.build();
        let from = from.parse().map_err(|e| format!("ZIGE_MAIL_FROM: {e}"))?;
        Ok(SmtpMailer { transport, from })
    }
}

#[async_trait::async_trait]
impl EmailSender for SmtpMailer {
    async fn send(&self, email: Email<'_>) -> Result<(), String> {
        let to: Mailbox = email.to.parse().map_err(|e| format!("recipient {}: {e}", email.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject)
            .message_id(Some(format!("<outbox-{}@zige>", email.outbox_id)))
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.to_string())
            .map_err(|e| format!("message: {e}"))?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| format!("smtp: {e}"))
    }
}

/// Notes each email in the log instead of sending it: to whom (masked) and which outbox row, never
/// the subject or the text (a recovery code is in both).
pub struct LoggingMailer;

#[async_trait::async_trait]
impl EmailSender for LoggingMailer {
    async fn send(&self, email: Email<'_>) -> Result<(), String> {
        tracing::info!(
            outbox_id = %email.outbox_id,
            to = app::ssr::messaging::masked_recipient::masked_recipient(email.to),
            "email not sent (no SMTP server configured)"
        );
        Ok(())
    }
}
