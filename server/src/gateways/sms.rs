//! Text messages go through a gateway, chosen by configuration (`sms_settings`): Alibaba Cloud
//! SMS or Tencent Cloud SMS, each spoken to in its published protocol, or, for the demo only,
//! an adapter that writes to the log that a text would have gone. Gateways send templates the
//! authority registered with them, never free text (`app::ssr::messaging::text_template`).

pub mod acs3_signature;
pub mod aliyun_sms;
pub mod gateway_account;
pub mod gateway_answer;
pub mod logging_sms;
pub mod sms_settings;
pub mod tc3_signature;
pub mod tencent_sms;

pub use logging_sms::LoggingSms;

use app::ssr::messaging::text_template::TextMessage;

/// One text for the gateway: the outbox row's number and the person's mobile, the template
/// with its values, and the finished text (which only the logging adapter's count uses).
pub struct OutgoingText<'a> {
    pub outbox_id: i32,
    pub mobile: &'a str,
    /// None for a row queued without a template (before templates existed): a gateway gives it up.
    pub message: Option<&'a TextMessage>,
    pub body: &'a str,
}

impl OutgoingText<'_> {
    /// The template and its values, which a gateway needs: a row queued without them (an older
    /// version's free text) cannot be sent by one, and is given up.
    pub fn template_message(&self) -> Result<&TextMessage, SendFailure> {
        self.message.ok_or_else(|| SendFailure::Permanent("queued without a template (an older version's text)".into()))
    }
}

/// Why a text did not go, which decides what the outbox does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// Throttled, or the gateway or the network is down for a moment: tried again later.
    Transient(String),
    /// Refused for good (no such number, a template not approved, a wrong key): given up and
    /// shown to administrators.
    Permanent(String),
    /// The request left but no answer came: it may have been sent, and as neither gateway
    /// takes a key that would make a second request harmless, it is not sent again.
    Unknown(String),
}

#[async_trait::async_trait]
pub trait SmsGateway: Send + Sync {
    /// Ok once the gateway has accepted the message.
    async fn send(&self, text: OutgoingText<'_>) -> Result<(), SendFailure>;
}
