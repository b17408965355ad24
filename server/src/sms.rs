//! Text messages go through a provider. China's SMS gateways (Aliyun, Tencent Cloud…) need a
//! contract and signed templates, which cannot exist here, so the only adapter is one that
//! writes each message to the log. A real provider is a new type implementing `SmsProvider`,
//! chosen in `startup::senders`.

#[async_trait::async_trait]
pub trait SmsProvider: Send + Sync {
    /// Ok once the provider has accepted the message.
    async fn send(&self, outbox_id: i32, mobile: &str, text: &str) -> Result<(), String>;
}

pub struct LoggingSms;

#[async_trait::async_trait]
impl SmsProvider for LoggingSms {
    async fn send(&self, outbox_id: i32, mobile: &str, text: &str) -> Result<(), String> {
        let masked: String =
            mobile.chars().enumerate().map(|(i, c)| if (3..7).contains(&i) { '*' } else { c }).collect();
        tracing::info!(outbox_id, mobile = masked, text, "sms (logging adapter, not sent)");
        Ok(())
    }
}
