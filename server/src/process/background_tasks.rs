//! What every server does in the background from its start: forgetting idle rate-limit buckets,
//! the hourly sweep of unnamed files and old action keys, the payment gateways' checks, the
//! deletion of personal data past its exam's retention day, and the database watched while it is
//! down.

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

/// While the database is known not to answer (`store_health`), it is asked every second, so the
/// log says when it came back even when no request happens to find out.
pub(crate) fn spawn_watching_the_database(db: DatabaseConnection) {
    use app::ssr::infra::store_health;
    tokio::spawn(async move {
        let mut every_second = tokio::time::interval(Duration::from_secs(1));
        loop {
            every_second.tick().await;
            if store_health::is_down(store_health::DATABASE) && db.ping().await.is_ok() {
                store_health::answered(store_health::DATABASE);
            }
        }
    });
}

/// Files no row names (a crash between file and row) are removed every hour, and so are the keys
/// of queued actions older than a week.
pub(crate) fn spawn_hourly_sweep(db: DatabaseConnection, blobs: Arc<dyn BlobStore>, outbox_keep_days: u32) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            // Queued actions' keys are kept a week: no phone's queue waits longer.
            let week_ago = chrono::Utc::now() - chrono::Duration::days(7);
            if let Err(error) = app::ssr::infra::idempotency::forget_before(&db, week_ago).await {
                tracing::warn!(error = error.message_en(), "forgetting old action keys failed");
            }
            let kept_from = chrono::Utc::now() - chrono::Duration::days(outbox_keep_days.into());
            match app::ssr::messaging::outbox_purge::purge_done_before(&db, kept_from).await {
                Ok(0) => {}
                Ok(purged) => tracing::info!(purged, "sent messages past their keeping deleted"),
                Err(error) => tracing::warn!(error = error.message_en(), "outbox purge failed"),
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

/// Every five minutes, open orders are asked about at their gateway (and closed both ways once
/// past their payable time); every six hours, each gateway's bills of the last two days are
/// compared with the orders (a bill is ready by 10:00 China time the next day; a day checked
/// again flags nothing twice).
pub(crate) fn spawn_payment_checks(state: app::ssr::ServerState) {
    use app::ssr::payments::{bill_check, gateway_orders};
    if state.gateways.all().is_empty() {
        return;
    }
    tokio::spawn(async move {
        let mut every_five_minutes = tokio::time::interval(Duration::from_secs(300));
        let mut passes: u64 = 0;
        loop {
            every_five_minutes.tick().await;
            if let Err(error) = gateway_orders::close_stale(&state).await {
                tracing::warn!(?error, "open orders not checked with their gateways");
            }
            if passes.is_multiple_of(72) {
                let today = bill_check::china_today(state.clock.now());
                for gateway in state.gateways.all() {
                    for days_back in [1, 2] {
                        let day = today - chrono::Duration::days(days_back);
                        match bill_check::check_day(&state, gateway.code(), day).await {
                            Ok(Some(found)) => tracing::info!(gateway = gateway.code(), %day, found, "bill checked"),
                            Ok(None) => {}
                            Err(error) => tracing::warn!(gateway = gateway.code(), %day, ?error, "bill not checked"),
                        }
                    }
                }
            }
            passes += 1;
        }
    });
}

/// Every hour, the pictures and personal forms of exams past their retention day are deleted
/// (`personal_data_retention`, audited).
pub(crate) fn spawn_personal_data_deletion(state: app::ssr::ServerState) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match app::ssr::admin::personal_data_retention::delete_due(&state).await {
                Ok(0) => {}
                Ok(exams) => tracing::info!(exams, "personal data past its retention day deleted"),
                Err(error) => tracing::warn!(?error, "personal data past its retention day not deleted"),
            }
        }
    });
}
