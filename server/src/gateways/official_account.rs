//! The authority's WeChat official account (公众号), seeds 001/003's "公众号信息反馈": a third
//! channel beside email and texts. Spoken to in WeChat's published interfaces: a stable access
//! token kept until shortly before it expires (`access_token`), template messages to a
//! follower's openid (`template_message`), and the web authorisation that tells Zige a
//! candidate's openid (`web_authorisation`). Configured by `official_account_settings`; without
//! it there is no such channel and nobody is offered to bind one.

pub mod access_token;
pub mod official_account_settings;
pub mod template_message;
pub mod web_authorisation;
pub mod wechat_answer;

use std::sync::Arc;

use official_account_settings::OfficialAccountSettings;

/// The 公众号 as Zige uses it: its settings, its token, one HTTP client.
pub struct OfficialAccount {
    pub settings: OfficialAccountSettings,
    tokens: access_token::AccessTokens,
    client: reqwest::Client,
}

impl OfficialAccount {
    pub fn new(settings: OfficialAccountSettings) -> Arc<Self> {
        Arc::new(Self {
            settings,
            tokens: access_token::AccessTokens::default(),
            client: crate::gateways::outbound_http::client(),
        })
    }
}
