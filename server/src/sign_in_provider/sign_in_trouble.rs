//! Why signing in through the identity provider did not end in a session, in words for the person
//! (Chinese and English) and for the log (never a code, a token or an ID number).

use app::domain::IdNumberError;

#[derive(Debug)]
pub enum SignInTrouble {
    /// The provider could not be reached, or answered nonsense (discovery, keys, the token call).
    Unreachable(String),
    /// No sign-in was begun in this browser, or it was finished already (a callback replayed).
    NothingBegun,
    /// The `state` returned is not the one sent: a forged or crossed request.
    StateMismatch,
    /// The provider said no (the person cancelled, or it refused Zige): its error code.
    ProviderSaidNo(String),
    /// The code was refused at the token endpoint (used already, expired, another client's).
    CodeRefused(String),
    /// The ID token failed a check: signature, issuer, audience, expiry or nonce.
    TokenRefused(String),
    /// No ID number among the claims.
    NoIdNumber,
    /// Another claim Zige needs is missing (its name).
    MissingClaim(&'static str),
    /// The ID number among the claims is not a valid one.
    BadIdNumber(IdNumberError),
    /// Asked to sign the person in afresh (confirming who holds an account), the provider answered
    /// with an older sign-in, or said nothing of when.
    NotAskedAgain,
}

impl SignInTrouble {
    pub fn words(&self) -> (String, String) {
        match self {
            SignInTrouble::Unreachable(_) => (
                "报名系统暂时无法访问，请稍后再试。".into(),
                "The registration system cannot be reached just now; try again later.".into(),
            ),
            SignInTrouble::NothingBegun => (
                "此次登录已过期或已完成，请重新点击“用报名系统账号登录”。".into(),
                "This sign-in has expired or was already used; press “Log in with the registration system's account” again.".into(),
            ),
            SignInTrouble::StateMismatch => (
                "登录请求与本浏览器发起的不一致，已拒绝。请重新登录。".into(),
                "The sign-in answer does not match the one this browser began, so it was refused. Log in again.".into(),
            ),
            SignInTrouble::ProviderSaidNo(code) => (
                format!("报名系统未同意登录（{code}）。"),
                format!("The registration system did not allow the sign-in ({code})."),
            ),
            SignInTrouble::CodeRefused(_) => (
                "报名系统的授权码无效或已使用，请重新登录。".into(),
                "The registration system's code is not valid or was already used; log in again.".into(),
            ),
            SignInTrouble::TokenRefused(_) => (
                "报名系统返回的身份凭证未通过校验，已拒绝登录。".into(),
                "The identity the registration system sent did not pass the checks, so the sign-in was refused.".into(),
            ),
            SignInTrouble::NoIdNumber => (
                "报名系统未提供证件号码，无法登录。请联系考试机构。".into(),
                "The registration system gave no ID number, so you cannot be signed in. Contact the exam authority.".into(),
            ),
            SignInTrouble::MissingClaim(claim) => (
                format!("报名系统未提供{}，无法登录。请联系考试机构。", if *claim == "name" { "姓名" } else { claim }),
                format!("The registration system gave no {claim}, so you cannot be signed in. Contact the exam authority."),
            ),
            // The number is the registration system's, and Zige cannot change it: the person is
            // told where it is kept and who corrects it.
            SignInTrouble::BadIdNumber(error) => (
                format!(
                    "报名系统提供的证件号码无效：{}。证件号码以报名系统登记的为准，本系统不能修改：请在报名系统核对您登记的证件号码，如有错误请联系报名系统或本次考试的考试机构更正，更正后再登录。",
                    error.message_zh()
                ),
                format!(
                    "The ID number the registration system gave is not valid: {}. The number is the one registered there and cannot be changed here: check it at the registration system, and if it is wrong ask the registration system or this exam's authority to correct it, then log in again.",
                    error.message_en()
                ),
            ),
            SignInTrouble::NotAskedAgain => (
                "报名系统未重新验证您的账号和密码，身份未确认。请重试。".into(),
                "The registration system did not ask for your account and password again, so nothing was confirmed. Try again.".into(),
            ),
        }
    }

    /// For the log: what failed, without anything that signs in or names the person.
    pub fn log_reason(&self) -> String {
        match self {
            SignInTrouble::Unreachable(why) => format!("provider unreachable: {why}"),
            SignInTrouble::NothingBegun => "no sign-in begun in this session".into(),
            SignInTrouble::StateMismatch => "state mismatch".into(),
            SignInTrouble::ProviderSaidNo(code) => format!("provider error {code}"),
            SignInTrouble::CodeRefused(why) => format!("code refused: {why}"),
            SignInTrouble::TokenRefused(why) => format!("ID token refused: {why}"),
            SignInTrouble::NoIdNumber => "no ID number claim".into(),
            SignInTrouble::MissingClaim(claim) => format!("no {claim} claim"),
            SignInTrouble::BadIdNumber(_) => "invalid ID number claim".into(),
            SignInTrouble::NotAskedAgain => "no fresh auth_time for a confirmation".into(),
        }
    }

    /// 503 where waiting may help, 400 otherwise.
    pub fn status(&self) -> axum::http::StatusCode {
        match self {
            SignInTrouble::Unreachable(_) => axum::http::StatusCode::SERVICE_UNAVAILABLE,
            _ => axum::http::StatusCode::BAD_REQUEST,
        }
    }
}
