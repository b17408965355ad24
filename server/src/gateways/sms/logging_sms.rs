//! The demo's adapter: notes that a text would have gone, and to whom (masked). Never the text or
//! its values: a recovery code in a log line is a code anyone who reads the log can use. The demo
//! reads the texts in the outbox table instead (`outbox`). A real installation names a gateway
//! (`sms_settings`); with an https address the server refuses to start on this one.

use app::ssr::messaging::masked_recipient::masked_recipient;

use super::{OutgoingText, SendFailure, SmsGateway};

pub struct LoggingSms;

impl LoggingSms {
    /// Said once at start, so nobody mistakes the demo's texts for sent ones.
    pub fn announce() {
        tracing::warn!(
            "text messages are not sent: ZIGE_SMS_GATEWAY is `log`, the demo's adapter (set `aliyun` or `tencent` to send them)"
        );
    }
}

#[async_trait::async_trait]
impl SmsGateway for LoggingSms {
    async fn send(&self, text: OutgoingText<'_>) -> Result<(), SendFailure> {
        let template = text.message.map(|message| message.template.as_str()).unwrap_or("none");
        tracing::info!(
            outbox_id = %text.outbox_id,
            mobile = masked_recipient(text.mobile),
            template,
            chars = text.body.chars().count(),
            "sms not sent (logging adapter)"
        );
        Ok(())
    }
}
