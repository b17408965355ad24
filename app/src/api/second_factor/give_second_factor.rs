use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SecondFactorDone;

/// The second step of a staff member's sign-in (`ssr::accounts::second_step`): the
/// authenticator's code, or a recovery code. Signed in once it is taken.
#[server(endpoint = "give_second_factor", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn give_second_factor(code: String) -> Result<SecondFactorDone, AppError> {
    use crate::ssr::access::sign_in::{self, SignInRequest};
    sign_in::give_second_factor(&SignInRequest::current().await?, &code).await
}
