//! Text messages go through a provider. China's SMS gateways (Aliyun, Tencent Cloud…) need a
//! contract and signed templates, which cannot exist here, so the only adapter is one that
//! writes each message to the log. A real provider is a new type implementing `SmsProvider`,
//! chosen in `startup::senders`.

#[async_trait::async_trait]
pub trait SmsProvider: Send + Sync {
    /// Ok once the provider has accepted the message.
    async fn send(&self, outbox_id: i32, mobile: &str, text: &str) -> Result<(), String>;
}

/// The demo's adapter: notes that a text would have gone, and to whom (masked). Never the text:
/// a recovery code in a log line is a code anyone who reads the log can use. The demo reads the
/// texts in the outbox table instead (`outbox_messages`).
pub struct LoggingSms;

impl LoggingSms {
    /// Said once at start, so nobody mistakes the demo's texts for sent ones.
    pub fn announce() {
        tracing::warn!("text messages are not sent: no SMS provider is configured (the logging adapter, for the demo)");
    }
}

#[async_trait::async_trait]
impl SmsProvider for LoggingSms {
    async fn send(&self, outbox_id: i32, mobile: &str, text: &str) -> Result<(), String> {
        let masked: String =
            mobile.chars().enumerate().map(|(i, c)| if (3..7).contains(&i) { '*' } else { c }).collect();
        tracing::info!(outbox_id, mobile = masked, chars = text.chars().count(), "sms not sent (logging adapter)");
        Ok(())
    }
}
