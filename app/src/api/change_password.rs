use leptos::prelude::*;

use crate::error::AppError;

/// 修改密码: the current password and a new one. Every other session of the account ends; this
/// one goes on under the new password.
#[server(endpoint = "change_password", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn change_password(old_password: String, new_password: String) -> Result<(), AppError> {
    use crate::ssr::access::sign_in::{self, SignInRequest};
    sign_in::change_password(&SignInRequest::current().await?, &old_password, &new_password).await
}
