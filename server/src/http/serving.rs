//! Serving: the site on its address until Ctrl-C or SIGTERM, and `/metrics` alone on an address
//! of its own when configured.

use std::net::SocketAddr;

use axum::Router;

/// Whatever stopped the serving, said in the server's log (the same type as
/// `startup::StartupError`, named here so this module does not import the one that uses it).
pub type ServingError = Box<dyn std::error::Error + Send + Sync>;

/// `/metrics` alone on its own address (`ZIGE_METRICS_LISTEN`), bound before the server says it
/// is up, served until the process ends.
pub(crate) async fn serve_metrics_alone(address: SocketAddr) -> Result<(), ServingError> {
    let listener =
        tokio::net::TcpListener::bind(address).await.map_err(|e| format!("ZIGE_METRICS_LISTEN ({address}): {e}"))?;
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, crate::http::router::metrics_only_router()).await {
            tracing::error!(%error, "the metrics address stopped serving");
        }
    });
    Ok(())
}

/// Binds and serves until Ctrl-C or SIGTERM; requests under way are allowed to finish, so an
/// upload being written is not cut off by a restart.
pub async fn serve(router: Router, addr: SocketAddr) -> Result<(), ServingError> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    // Said once the port is this server's: a test (or an operator) reading the log knows that the
    // address answers, and that it is this process answering.
    tracing::info!(%addr, "listening");
    // The peer address feeds the per-address limits.
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
