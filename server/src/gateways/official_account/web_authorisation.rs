//! The 公众号's web authorisation (网页授权) in its silent form, `snsapi_base`: opened inside
//! WeChat, the authorise page sends the candidate straight back to Zige with a code, which Zige
//! exchanges (`GET /sns/oauth2/access_token`) for the candidate's openid with this 公众号 — all
//! a template message needs. Nothing else of the person is asked for or kept.

use super::wechat_answer::{exchange, ErrorPart};
use super::OfficialAccount;
use crate::gateways::sms::SendFailure;

/// Why no openid came of a code, in words for the candidate.
#[derive(Debug)]
pub struct BindingTrouble {
    pub zh: String,
    pub en: String,
    /// For the log: WeChat's code and message, or what failed.
    pub detail: String,
}

#[derive(serde::Deserialize)]
struct CodeAnswer {
    openid: Option<String>,
    /// 1 for the "snapshot" visitor of a page shared in Moments, whose openid is no follower's.
    #[serde(default)]
    is_snapshotuser: i64,
}

impl OfficialAccount {
    /// The authorise page's address, carrying `state` back to the callback.
    pub fn authorize_address(&self, state: &str) -> String {
        let mut url = self.settings.authorize_url.clone();
        url.query_pairs_mut()
            .append_pair("appid", &self.settings.app_id)
            .append_pair("redirect_uri", &self.settings.callback_url)
            .append_pair("response_type", "code")
            .append_pair("scope", "snsapi_base")
            .append_pair("state", state);
        url.set_fragment(Some("wechat_redirect"));
        url.to_string()
    }

    /// The openid WeChat gives for the code the authorise page sent back.
    pub async fn openid_for_code(&self, code: &str) -> Result<String, BindingTrouble> {
        let mut url = self.settings.api_url("/sns/oauth2/access_token");
        url.query_pairs_mut()
            .append_pair("appid", &self.settings.app_id)
            .append_pair("secret", self.settings.secret.expose())
            .append_pair("code", code)
            .append_pair("grant_type", "authorization_code");
        let unreachable = |failure: SendFailure| BindingTrouble {
            zh: "暂时无法连接微信，请稍后重试。".into(),
            en: "WeChat cannot be reached just now; please try again shortly.".into(),
            detail: format!("{failure:?}"),
        };
        let (error, answer): (ErrorPart, CodeAnswer) = exchange(self.client.get(url)).await.map_err(unreachable)?;
        match (error.errcode, answer.openid) {
            (0, Some(_)) if answer.is_snapshotuser == 1 => Err(BindingTrouble {
                zh: "请在微信中打开公众号的菜单或链接后再绑定（朋友圈里的页面快照不能绑定）。".into(),
                en: "Open the 公众号's menu or link inside WeChat to bind it (a page snapshot from Moments cannot)."
                    .into(),
                detail: "a snapshot visitor".into(),
            }),
            (0, Some(openid)) if !openid.is_empty() => Ok(openid),
            _ => Err(BindingTrouble {
                zh: "微信授权已失效或已使用，请重新点击“绑定微信公众号”。".into(),
                en: "The WeChat authorisation expired or was used already; press “Bind the WeChat account” again."
                    .into(),
                detail: error.reason(),
            }),
        }
    }
}
