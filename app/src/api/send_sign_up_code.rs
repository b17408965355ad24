use leptos::prelude::*;

use crate::error::AppError;

/// 注册's 获取验证码: texts a one-time code to the mobile typed, where the installation asks for
/// one (`accounts::sign_up_codes`).
#[server(endpoint = "send_sign_up_code", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn send_sign_up_code(mobile: String) -> Result<(), AppError> {
    use crate::domain::mobile_number::normalized_mobile;
    use crate::ssr::accounts::sign_up_codes;
    use crate::ssr::infra::server_state::server_state;

    let mobile = normalized_mobile(&mobile).ok_or_else(|| {
        AppError::invalid_field(
            "mobile",
            "手机号码应为 11 位数字，以 1 开头",
            "The mobile number must be 11 digits starting with 1",
        )
    })?;
    let state = server_state()?;
    if !state.sign_up_code {
        return Err(AppError::NotFound);
    }
    let asking = crate::ssr::infra::client_address::request_address().await?;
    sign_up_codes::send_code(&state.db, &mobile, asking, state.clock.now()).await
}
