//! The 公众号's access token, through WeChat's stable token interface (`POST
//! /cgi-bin/stable_token`): every server of an installation asking in its normal mode is given the
//! same token, so one server's refresh never ends another's (the older `/cgi-bin/token` does).
//! Kept until five minutes before it expires; a token WeChat refused is asked for again, and
//! forced afresh only if WeChat hands back the very token it refused.

use std::time::{Duration, Instant};

use super::wechat_answer::{exchange, ErrorPart};
use super::OfficialAccount;
use crate::gateways::sms::SendFailure;

/// Asked for again this long before WeChat says it expires (it lives 7200 s).
const MARGIN: Duration = Duration::from_secs(300);

#[derive(Default)]
pub struct AccessTokens {
    held: tokio::sync::Mutex<Option<Held>>,
}

struct Held {
    token: String,
    fresh_until: Instant,
}

#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    expires_in: Option<u64>,
}

impl OfficialAccount {
    /// The token to call with: the one held while fresh, else a new one.
    pub async fn access_token(&self) -> Result<String, SendFailure> {
        let mut held = self.tokens.held.lock().await;
        if let Some(current) = held.as_ref().filter(|h| Instant::now() < h.fresh_until) {
            return Ok(current.token.clone());
        }
        let fetched = self.fetch_token(false).await?;
        let token = fetched.token.clone();
        *held = Some(fetched);
        Ok(token)
    }

    /// WeChat refused `refused`: a token that is not it.
    pub async fn replace_token(&self, refused: &str) -> Result<String, SendFailure> {
        let mut held = self.tokens.held.lock().await;
        if let Some(current) = held.as_ref().filter(|h| h.token != refused && Instant::now() < h.fresh_until) {
            return Ok(current.token.clone());
        }
        let mut fetched = self.fetch_token(false).await?;
        if fetched.token == refused {
            fetched = self.fetch_token(true).await?;
        }
        let token = fetched.token.clone();
        *held = Some(fetched);
        Ok(token)
    }

    async fn fetch_token(&self, force_refresh: bool) -> Result<Held, SendFailure> {
        let body = serde_json::json!({
            "grant_type": "client_credential",
            "appid": self.settings.app_id,
            "secret": self.settings.secret.expose(),
            "force_refresh": force_refresh,
        });
        let request = self.client.post(self.settings.api_url("/cgi-bin/stable_token")).json(&body);
        let (error, answer): (ErrorPart, TokenAnswer) = exchange(request).await?;
        match (error.errcode, answer.access_token, answer.expires_in) {
            (0, Some(token), Some(seconds)) if !token.is_empty() => {
                let lives = Duration::from_secs(seconds);
                Ok(Held { token, fresh_until: Instant::now() + lives.saturating_sub(MARGIN) })
            }
            (code, _, _) if super::wechat_answer::passing(code) => {
                Err(SendFailure::Transient(format!("the access token: {}", error.reason())))
            }
            // A wrong AppSecret or AppID (40125, 40013), or the server's address not on the 公众号's
            // IP list (40164): given up and listed for administrators, as a gateway's wrong key
            // is, to be sent again once mended.
            _ => Err(SendFailure::Permanent(format!("the access token was refused: {}", error.reason()))),
        }
    }
}
