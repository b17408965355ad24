//! The one error that crosses the wire. Every variant says in both languages what the person can
//! do about it; internal causes are logged on the server and never serialized.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::Violation;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 401: no session, or it expired.
    #[error("not signed in")]
    NotSignedIn,
    /// 401: wrong ID number or password (never says which).
    #[error("bad credentials")]
    BadCredentials,
    /// 404: missing, or someone else's: the two are indistinguishable on purpose.
    #[error("not found")]
    NotFound,
    /// 409: an account already exists for this ID number.
    #[error("duplicate id number")]
    DuplicateIdNumber,
    /// 409: the sequence number is taken in this category.
    #[error("sequence number taken")]
    SequenceTaken { seq_no: u32 },
    /// 422: a form field is wrong.
    #[error("invalid field {field}")]
    InvalidField { field: String, message_zh: String, message_en: String },
    /// 422: the file breaks the category's rules; every broken rule is listed.
    #[error("file refused")]
    FileRefused { violations: Vec<Violation> },
    /// 413: the request body is larger than any upload may be.
    #[error("request too large")]
    TooLarge { limit_bytes: u64 },
    /// 400: the request itself is malformed (not something a person typed).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 500: something broke on our side; details are in the server log.
    #[error("internal error")]
    Internal,
    /// The request never completed (network, transport, serialization).
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid_field(field: &str, message_zh: impl Into<String>, message_en: impl Into<String>) -> Self {
        AppError::InvalidField { field: field.to_string(), message_zh: message_zh.into(), message_en: message_en.into() }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::NotSignedIn | AppError::BadCredentials => 401,
            AppError::NotFound => 404,
            AppError::DuplicateIdNumber | AppError::SequenceTaken { .. } => 409,
            AppError::InvalidField { .. } | AppError::FileRefused { .. } => 422,
            AppError::TooLarge { .. } => 413,
            AppError::BadRequest(_) => 400,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    pub fn message_zh(&self) -> String {
        self.messages().0
    }

    pub fn message_en(&self) -> String {
        self.messages().1
    }

    /// The message in Chinese and English, written side by side so the two say the same thing.
    fn messages(&self) -> (String, String) {
        let pair = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        match self {
            AppError::NotSignedIn => pair("请先登录", "Please log in first"),
            AppError::BadCredentials => pair("证件号码或密码不正确", "The ID number or password is not correct"),
            AppError::NotFound => pair("找不到该内容", "Not found"),
            AppError::DuplicateIdNumber => pair("该证件号码已注册，请直接登录", "An account with this ID number already exists; please log in"),
            AppError::SequenceTaken { seq_no } => (
                format!("顺序号 {seq_no} 在本类中已被使用，请换一个顺序号"),
                format!("Sequence number {seq_no} is already used in this category; choose another"),
            ),
            AppError::InvalidField { message_zh, message_en, .. } => (message_zh.clone(), message_en.clone()),
            AppError::FileRefused { violations } => (
                violations.iter().map(|v| v.message_zh.as_str()).collect::<Vec<_>>().join("；"),
                violations.iter().map(|v| v.message_en.as_str()).collect::<Vec<_>>().join("; "),
            ),
            AppError::TooLarge { limit_bytes } => {
                let limit = crate::domain::byte_size::format_limit(*limit_bytes);
                (format!("请求超过 {limit} 的上限"), format!("The request is larger than the {limit} limit"))
            }
            AppError::BadRequest(_) => pair("请求格式不正确", "The request is malformed"),
            AppError::Internal => pair("服务器出错，请稍后再试", "Something went wrong on the server; please try again later"),
            AppError::Transport(_) => pair("网络连接失败，请检查网络后重试", "The network request failed; check your connection and retry"),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}
