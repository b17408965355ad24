//! What every server does in the background from its start: forgetting idle rate-limit buckets
//! and the hourly sweep of unnamed files and old action keys.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;

use app::ssr::infra::blob_store::BlobStore;
use app::ssr::infra::rate_limits::RateLimits;

/// Buckets that filled up again are dropped every minute, so the limit tables stay small.
pub(crate) fn spawn_forgetting_idle_buckets(limits: Arc<RateLimits>) {
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            limits.forget_idle();
        }
    });
}

/// Files no row names (a crash between file and row) are removed every hour, and so are the keys
/// of queued actions older than a week.
pub(crate) fn spawn_hourly_sweep(db: DatabaseConnection, blobs: Arc<dyn BlobStore>) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            // Queued actions' keys are kept a week: no phone's queue waits longer.
            let week_ago = chrono::Utc::now() - chrono::Duration::days(7);
            if let Err(error) = app::ssr::infra::idempotency::forget_before(&db, week_ago).await {
                tracing::warn!(error = error.message_en(), "forgetting old action keys failed");
            }
            match app::ssr::infra::blob_sweep::sweep(&db, blobs.as_ref(), app::ssr::infra::blob_sweep::DEFAULT_GRACE)
                .await
            {
                Ok(report) if report.unnamed_files_removed + report.unfinished_writes_removed > 0 => {
                    tracing::info!(?report, "blob sweep")
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(error = error.message_en(), "blob sweep failed"),
            }
        }
    });
}
