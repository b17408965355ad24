//! The one error that crosses the wire. Every variant says in both languages what the person can
//! do about it; internal causes are logged on the server and never serialized.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::completeness::MissingItem;
use crate::domain::Violation;

pub mod wire;

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
    /// 403: signed in, but this role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 403: the exam admits only listed candidates and this one is not on the list.
    #[error("not eligible")]
    NotEligible,
    /// 403: the upload window has not opened yet .
    #[error("not yet open")]
    NotYetOpen { opens_at: ChinaTime },
    /// 403: the upload window has closed; everything is view-only.
    #[error("upload closed")]
    UploadClosed { closed_at: ChinaTime },
    /// 403: the integrity pledge has not been accepted yet.
    #[error("pledge required")]
    PledgeRequired,
    /// 409: the application is submitted and its pictures locked.
    #[error("locked")]
    Locked,
    /// 422: the submission lacks something; every missing item is listed.
    #[error("incomplete")]
    Incomplete { missing: Vec<MissingItem> },
    /// 422: an exam definition has mistakes (for administrators, in English, with lines).
    #[error("exam definition invalid")]
    ExamInvalid { mistakes: Vec<String> },
    /// 422: a document template does not lay out (for administrators, with lines).
    #[error("document template invalid")]
    TemplateInvalid { mistakes: Vec<String> },
    /// 409: an exam with this code exists already.
    #[error("exam exists")]
    ExamExists { code: String },
    /// 409: someone else took or decided the application after this screen was loaded.
    #[error("stale decision")]
    StaleDecision { by: String, state: crate::domain::ApplicationState },
    /// 422: a review decision breaks a rule (nothing marked, no reason…).
    #[error("decision invalid")]
    DecisionInvalid { problems: Vec<crate::domain::review_decision::DecisionProblem> },
    /// 409: a returned application may change only the pictures (and form) the reviewer opened.
    #[error("not unlocked")]
    NotUnlocked,
    /// 413: the request body is larger than any upload may be.
    #[error("request too large")]
    TooLarge { limit_bytes: u64 },
    /// 400: the request itself is malformed (not something a person typed).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 429: too many attempts from this address or at this account; try again after the wait.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// 503: the server is at its limit for this kind of work right now (password checks, picture
    /// decodes); nothing was changed, try again after the wait.
    #[error("busy")]
    Busy { retry_after_secs: u64 },
    /// 422: an action's key (`Idempotency-Key`) came back with other content than the first time.
    #[error("action key reused")]
    ActionKeyReused,
    /// 409: the same action (same key) is still running from an earlier try; ask again shortly.
    #[error("action in progress")]
    ActionInProgress,
    /// 409: a fee action that the order's state does not allow (an order already open or paid,
    /// closing a paid order, refunding an unpaid one), said in words.
    #[error("payment refused")]
    PaymentRefused { message_zh: String, message_en: String },
    /// 507: the server's storage (disk, database, bucket quota) is full; nothing was saved and
    /// nothing saved before is affected.
    #[error("storage full")]
    StorageFull,
    /// 500: something broke on our side; details are in the server log.
    #[error("internal error")]
    Internal,
    /// The request never completed (network, transport, serialization).
    #[error("transport: {0}")]
    Transport(String),
    /// 500, as `Internal`, with the request's reference: the server's log holds the failure under
    /// it, so support finds the line from what the person reads out. (Last, so records an older
    /// build kept on a device still read.)
    #[error("internal error {reference}")]
    InternalReported { reference: String },
}

impl AppError {
    pub fn payment_refused(message_zh: impl Into<String>, message_en: impl Into<String>) -> Self {
        AppError::PaymentRefused { message_zh: message_zh.into(), message_en: message_en.into() }
    }

    pub fn invalid_field(field: &str, message_zh: impl Into<String>, message_en: impl Into<String>) -> Self {
        AppError::InvalidField {
            field: field.to_string(),
            message_zh: message_zh.into(),
            message_en: message_en.into(),
        }
    }

    /// The first problem of a form that failed its checks.
    pub fn from_field_errors(errors: Vec<crate::domain::sign_up_form::FieldError>) -> Self {
        match errors.into_iter().next() {
            Some(first) => AppError::InvalidField {
                field: first.field,
                message_zh: first.message_zh,
                message_en: first.message_en,
            },
            None => AppError::BadRequest("form refused without a reason".into()),
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
            AppError::DuplicateIdNumber => pair(
                "该证件号码已注册，请直接登录；忘记密码可点击“忘记密码”找回。如本人从未注册，请携带身份证件联系考试机构核实，核实后可释放该证件号码",
                "An account with this ID number already exists; please log in, or use \"Forgot password\". If you never signed up, contact the examination authority with your identity document: once verified, they can release the number to you",
            ),
            AppError::SequenceTaken { seq_no } => (
                format!("顺序号 {seq_no} 在本类中已被使用，请换一个顺序号"),
                format!("Sequence number {seq_no} is already used in this category; choose another"),
            ),
            AppError::InvalidField { message_zh, message_en, .. } => (message_zh.clone(), message_en.clone()),
            AppError::FileRefused { violations } => (
                violations.iter().map(|v| v.message_zh.as_str()).collect::<Vec<_>>().join("；"),
                violations.iter().map(|v| v.message_en.as_str()).collect::<Vec<_>>().join("; "),
            ),
            AppError::Forbidden => pair("您的账号没有权限进行此操作", "Your account is not allowed to do this"),
            AppError::NotEligible => pair(
                "您不在本考试的考生名单中，不能进入上传入口；如有疑问请联系考试机构",
                "You are not on this exam's list of candidates, so the upload entrance is closed to you; contact the examination authority if you think this is wrong",
            ),
            AppError::NotYetOpen { opens_at } => (format!("上传入口尚未开放，将于 {} 开放", opens_at.zh()), format!("The upload entrance is not open yet; it opens at {}", opens_at.en())),
            AppError::UploadClosed { closed_at } => (
                format!("上传已于 {} 截止，材料只能查看，不能再修改", closed_at.zh()),
                format!("Uploading closed at {}; materials can be viewed but no longer changed", closed_at.en()),
            ),
            AppError::PledgeRequired => pair("请先阅读并同意诚信承诺书", "Please read and accept the integrity pledge first"),
            AppError::Locked => pair("材料已提交审核并锁定，不能修改", "The application is submitted and its materials are locked; they cannot be changed"),
            AppError::Incomplete { missing } => (
                format!("还不能提交，尚缺 {} 项：{}", missing.len(), missing.iter().map(|m| m.message_zh.as_str()).collect::<Vec<_>>().join("；")),
                format!("Cannot submit yet; {} item(s) missing: {}", missing.len(), missing.iter().map(|m| m.message_en.as_str()).collect::<Vec<_>>().join("; ")),
            ),
            AppError::ExamInvalid { mistakes } => (format!("考试配置有误：{}", mistakes.join("；")), format!("The exam definition has mistakes: {}", mistakes.join("; "))),
            AppError::TemplateInvalid { mistakes } => (
                format!("模板有误，未保存：{}", mistakes.join("；")),
                format!("The template has mistakes and was not saved: {}", mistakes.join("; ")),
            ),
            AppError::ExamExists { code } => (format!("考试代码 {code} 已存在，请换一个代码"), format!("An exam with code {code} exists already; choose another code")),
            AppError::StaleDecision { by, state } => (
                format!("{by} 已接手或处理了该申请（当前状态：{}），您的决定没有保存；请重新打开后再处理", state.label_zh()),
                format!("{by} has taken or decided this application since you opened it (now: {}); your decision was not saved. Open it again to continue", state.label_en()),
            ),
            AppError::DecisionInvalid { problems } => (
                problems.iter().map(|p| p.message_zh.as_str()).collect::<Vec<_>>().join("；"),
                problems.iter().map(|p| p.message_en.as_str()).collect::<Vec<_>>().join("; "),
            ),
            AppError::NotUnlocked => pair(
                "退回修改时只能更换审核人员标出的材料；其他材料仍已锁定",
                "A returned application may change only what the reviewer marked; everything else stays locked",
            ),
            AppError::TooLarge { limit_bytes } => {
                let limit = crate::domain::byte_size::format_limit(*limit_bytes);
                (format!("请求超过 {limit} 的上限"), format!("The request is larger than the {limit} limit"))
            }
            AppError::BadRequest(_) => pair("请求格式不正确", "The request is malformed"),
            AppError::TooManyRequests { retry_after_secs } => (
                format!("尝试次数过多，请 {} 后再试", crate::domain::wait_time::format_wait_zh(*retry_after_secs)),
                format!("Too many attempts; please try again in {}", crate::domain::wait_time::format_wait_en(*retry_after_secs)),
            ),
            AppError::Busy { retry_after_secs } => (
                format!("服务器繁忙，本次操作没有执行，请 {retry_after_secs} 秒后再试"),
                format!("The server is busy; nothing was changed. Please try again in {retry_after_secs} seconds"),
            ),
            AppError::ActionKeyReused => pair(
                "这个操作的编号已用于另一项内容，没有执行；请重新选择文件或刷新页面后再试",
                "This action's key was already used for something else, so it was not done; choose the file again or reload the page",
            ),
            AppError::PaymentRefused { message_zh, message_en } => (message_zh.clone(), message_en.clone()),
            AppError::ActionInProgress => pair(
                "同一操作仍在处理中，请稍候片刻",
                "The same action is still being processed; please wait a moment",
            ),
            AppError::StorageFull => pair(
                "服务器存储空间已满，这次没有保存（之前保存的内容不受影响），请稍后再试",
                "The server's storage is full; this was not saved (nothing saved before is affected). Please try again later",
            ),
            AppError::Internal => pair("服务器出错，请稍后再试", "Something went wrong on the server; please try again later"),
            AppError::InternalReported { reference } => (
                format!("服务器出错，请稍后再试（问题编号 {reference}）"),
                format!("Something went wrong on the server; please try again later (reference {reference})"),
            ),
            AppError::Transport(_) => pair("网络连接失败，请检查网络后重试", "The network request failed; check your connection and retry"),
        }
    }
}
