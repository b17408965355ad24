//! The site's address as a text names it: `ZIGE_PUBLIC_URL` where configured; else the address
//! the staff member's request came to (the demo, a test), which is where candidates reach it too.

use crate::ssr::infra::server_state::ServerState;

pub async fn site_address(state: &ServerState) -> String {
    if !state.public_address.is_empty() {
        return state.public_address.clone();
    }
    let headers = leptos_axum::extract::<axum::http::HeaderMap>().await.unwrap_or_default();
    let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    format!("http://{host}")
}
