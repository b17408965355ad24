//! The address a request came from, as the server's middleware found it (the peer, or behind the
//! operator's proxy the address it appended), handed to server functions whose limits are kept
//! per account and address.

use std::net::{IpAddr, Ipv4Addr};

use crate::error::AppError;

/// Put on every request by the rate-limit middleware.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// In a server function: the caller's address (unspecified when no middleware put one there).
pub async fn request_address() -> Result<IpAddr, AppError> {
    match leptos_axum::extract::<Option<axum::Extension<ClientAddress>>>().await {
        Ok(found) => {
            Ok(found.map(|axum::Extension(ClientAddress(address))| address).unwrap_or(Ipv4Addr::UNSPECIFIED.into()))
        }
        Err(e) => Err(crate::ssr::internal("client address", e)),
    }
}
