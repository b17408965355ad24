//! The text messages Zige sends, as the templates an authority registers with its SMS gateway.
//! Gateways in China send only approved templates with parameters, never free text, so each
//! text is one of these with its values; the README lists them with their wording.

use std::collections::BTreeMap;

/// Which template a text uses. Each has a fixed list of parameters, in the order a gateway
/// with positional parameters (Tencent Cloud) numbers them: `{1}`, `{2}`…
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextTemplate {
    /// 忘记密码's code: `code` (six digits), `minutes` (how long it lives).
    RecoveryCode,
    /// The application came back for changes: `exam` (the exam's title).
    ReviewReturned,
    /// The review's result can be seen: `exam`. The result itself stays in the app, behind the
    /// candidate's password, not on a lock screen.
    ResultPublished,
    /// Seed 004's "开通报名账号后请按照短信提示内容登录系统": a listed candidate may now apply:
    /// `exam`, `address` (the site, where they sign up or log in with their ID number) and
    /// `last_day` ("12月2日"), their own last day. It carries no password and no code that signs in.
    ListedNotice,
    /// 注册's code: the mobile typed at sign-up is the signer's own (issue 64): `code` (six
    /// digits), `minutes` (how long it lives).
    SignUpCode,
}

/// Longest value a parameter may carry: both gateways refuse long variables (Alibaba Cloud
/// allows 35 characters in most, Tencent Cloud fewer for some template kinds).
pub const MAX_PARAMETER_CHARS: usize = 20;
/// An address is never cut (a cut address leads nowhere): the longest both gateways take in a
/// link variable.
pub const MAX_ADDRESS_CHARS: usize = 35;

impl TextTemplate {
    pub const ALL: [TextTemplate; 5] =
        [Self::RecoveryCode, Self::ReviewReturned, Self::ResultPublished, Self::ListedNotice, Self::SignUpCode];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::RecoveryCode => "recovery_code",
            Self::ReviewReturned => "review_returned",
            Self::ResultPublished => "result_published",
            Self::ListedNotice => "listed_notice",
            Self::SignUpCode => "sign_up_code",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|template| template.as_str() == text)
    }

    pub fn parameter_names(self) -> &'static [&'static str] {
        match self {
            Self::RecoveryCode | Self::SignUpCode => &["code", "minutes"],
            Self::ReviewReturned | Self::ResultPublished => &["exam"],
            Self::ListedNotice => &["exam", "address", "last_day"],
        }
    }
}

/// A template with its values, as the outbox stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextMessage {
    pub template: TextTemplate,
    pub params: BTreeMap<String, String>,
}

impl TextMessage {
    pub fn recovery_code(code: &str, minutes: i64) -> Self {
        Self::new(TextTemplate::RecoveryCode, &[code, &minutes.to_string()])
    }

    pub fn sign_up_code(code: &str, minutes: i64) -> Self {
        Self::new(TextTemplate::SignUpCode, &[code, &minutes.to_string()])
    }

    pub fn review_returned(exam_title: &str) -> Self {
        Self::new(TextTemplate::ReviewReturned, &[exam_title])
    }

    pub fn result_published(exam_title: &str) -> Self {
        Self::new(TextTemplate::ResultPublished, &[exam_title])
    }

    /// `address` goes without its scheme and last slash ("zige.example.gov.cn"): phones still
    /// make a link of it, and it stays within what a gateway's variable takes.
    pub fn listed_notice(exam_title: &str, address: &str, last_day: &str) -> Self {
        let bare = address.trim().trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
        Self::new(TextTemplate::ListedNotice, &[exam_title, bare, last_day])
    }

    /// Values in the template's parameter order, each cut to what gateways accept.
    fn new(template: TextTemplate, values: &[&str]) -> Self {
        let params = template
            .parameter_names()
            .iter()
            .zip(values)
            .map(|(name, value)| {
                let most = if *name == "address" { MAX_ADDRESS_CHARS } else { MAX_PARAMETER_CHARS };
                (name.to_string(), value.trim().chars().take(most).collect())
            })
            .collect();
        Self { template, params }
    }

    /// The values in the template's order, for gateways that number their parameters.
    pub fn values_in_order(&self) -> Vec<String> {
        self.template.parameter_names().iter().map(|name| self.params.get(*name).cloned().unwrap_or_default()).collect()
    }

    pub fn params_json(&self) -> String {
        serde_json::to_string(&self.params).unwrap_or_else(|_| "{}".to_string())
    }

    /// What the outbox row says, or None for a row queued without a template (an email, or a
    /// text from before templates) or one whose stored values no longer parse.
    pub fn from_stored(template: Option<&str>, params: Option<&str>) -> Option<Self> {
        let template = TextTemplate::parse(template?)?;
        let params: BTreeMap<String, String> = serde_json::from_str(params?).ok()?;
        template.parameter_names().iter().all(|name| params.contains_key(*name)).then_some(Self { template, params })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_message_reads_back_with_its_values_in_the_templates_order() {
        let message = TextMessage::recovery_code("042117", 15);
        let back = TextMessage::from_stored(Some(message.template.as_str()), Some(&message.params_json())).unwrap();
        assert_eq!(back, message);
        assert_eq!(back.values_in_order(), vec!["042117".to_string(), "15".to_string()]);
    }

    #[test]
    fn a_long_exam_title_is_cut_to_what_gateways_accept() {
        let message = TextMessage::review_returned("2026年度某某省直属机关公开招聘工作人员资格审查（第二批次）");
        assert_eq!(message.params["exam"].chars().count(), MAX_PARAMETER_CHARS);
    }

    #[test]
    fn a_row_without_a_template_or_with_a_missing_value_is_not_a_message() {
        assert_eq!(TextMessage::from_stored(None, Some("{}")), None);
        assert_eq!(TextMessage::from_stored(Some("recovery_code"), Some(r#"{"code":"1"}"#)), None);
        assert_eq!(TextMessage::from_stored(Some("unknown"), Some("{}")), None);
        assert_eq!(TextMessage::from_stored(Some("result_published"), Some("not json")), None);
    }
}
