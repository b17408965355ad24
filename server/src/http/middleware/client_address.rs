//! Whose request this is, for the per-address limits: the connecting peer, or — behind the
//! operator's own reverse proxy (`ZIGE_BEHIND_PROXY=true`) — the address that proxy appended
//! last to `X-Forwarded-For`. Without a proxy the header is ignored: anyone can write it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::Request;

pub fn client_address<B>(request: &Request<B>, behind_proxy: bool) -> IpAddr {
    if behind_proxy {
        let forwarded = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok());
        if let Some(address) = forwarded {
            return address;
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}
