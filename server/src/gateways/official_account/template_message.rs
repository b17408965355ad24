//! A template message to a follower (`POST /cgi-bin/message/template/send`): the template the
//! 公众号 chose from WeChat's library for the news, the exam, what happened and when in its keys,
//! and the page on Zige it leads to. The outbox row (its id and time) goes as `client_msg_id`,
//! so a message sent again after an answer that never came reaches the candidate once (WeChat
//! keeps the id ten minutes). A token WeChat refuses is replaced and the message sent once more.

use app::domain::china_day::china_offset;
use app::ssr::messaging::text_template::{TextMessage, TextTemplate};
use chrono::{DateTime, Utc};

use super::wechat_answer::{exchange, passing, token_refused};
use super::OfficialAccount;
use crate::gateways::sms::SendFailure;

/// One message for the 公众号: the outbox row, the follower, the news and the page it links to.
pub struct OutgoingNotice<'a> {
    pub outbox_id: i32,
    /// When the row was queued: with its id, the message's `client_msg_id`, which no other row of
    /// this installation's has, even after a restore has numbered rows again.
    pub queued_at: DateTime<Utc>,
    pub openid: &'a str,
    /// None for a row queued without its template: given up.
    pub message: Option<&'a TextMessage>,
    /// The site's own path ("/exams/004"); joined to the public address.
    pub link: &'a str,
    /// When the news happened, as the message says it.
    pub at: DateTime<Utc>,
}

#[derive(serde::Deserialize)]
struct SendAnswer {}

impl OfficialAccount {
    /// Ok once WeChat accepted the message.
    pub async fn send(&self, notice: OutgoingNotice<'_>) -> Result<(), SendFailure> {
        let message = notice.message.ok_or_else(|| SendFailure::Permanent("queued without a template".to_string()))?;
        let body = self.message_body(&notice, message)?;
        let mut token = self.access_token().await?;
        let mut token_replaced = false;
        loop {
            let mut url = self.settings.api_url("/cgi-bin/message/template/send");
            url.query_pairs_mut().append_pair("access_token", &token);
            let (error, SendAnswer {}) = exchange(self.client.post(url).json(&body)).await?;
            match error.errcode {
                0 => return Ok(()),
                code if token_refused(code) && !token_replaced => {
                    token_replaced = true;
                    token = self.replace_token(&token).await?;
                }
                code if passing(code) || token_refused(code) => return Err(SendFailure::Transient(error.reason())),
                // 43004: the candidate no longer follows the 公众号; 40003: no such follower;
                // 40037: no such template; 47003: a value the template does not take.
                _ => return Err(SendFailure::Permanent(error.reason())),
            }
        }
    }

    fn message_body(
        &self,
        notice: &OutgoingNotice<'_>,
        message: &TextMessage,
    ) -> Result<serde_json::Value, SendFailure> {
        let template_id = self.settings.templates.get(&message.template).ok_or_else(|| {
            SendFailure::Permanent(format!("the 公众号 carries no {} message", message.template.as_str()))
        })?;
        let exam = message.params.get("exam").cloned().unwrap_or_default();
        let keys = &self.settings.keys;
        Ok(serde_json::json!({
            "touser": notice.openid,
            "template_id": template_id,
            "url": format!("{}{}", self.settings.public_address, notice.link),
            "client_msg_id": format!("zige-outbox-{}-{}", notice.outbox_id, notice.queued_at.timestamp()),
            "data": {
                keys.exam.as_str(): { "value": exam },
                keys.event.as_str(): { "value": event(message.template) },
                keys.time.as_str(): { "value": wechat_time(notice.at) },
            },
        }))
    }
}

/// What happened, within a `thing` key's 20 characters.
fn event(template: TextTemplate) -> &'static str {
    match template {
        TextTemplate::ReviewReturned => "材料需修改，请登录查看",
        _ => "审核结果已公布，请登录查看",
    }
}

/// A `time` key's form, on China's clock: "2026年11月30日 09:05" (the server's; no candidate
/// downloads chrono's formatter).
pub fn wechat_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&china_offset()).format("%Y年%-m月%-d日 %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_is_china_s_in_the_form_wechat_takes() {
        let at = DateTime::parse_from_rfc3339("2026-11-30T01:05:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(wechat_time(at), "2026年11月30日 09:05");
    }

    #[test]
    fn each_event_fits_a_thing_key() {
        for template in [TextTemplate::ReviewReturned, TextTemplate::ResultPublished] {
            assert!(event(template).chars().count() <= 20);
        }
    }
}
