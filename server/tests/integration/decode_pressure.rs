//! Full decodes share a memory budget: an upload that cannot get its share in time is told to
//! come back (503, Retry-After) and nothing is stored; once memory frees up it goes through.
use crate::support;

use support::*;

#[tokio::test]
async fn an_upload_waits_for_decode_memory_and_is_turned_away_with_retry_after_when_none_frees_up() {
    let app = spawn_app_with(|config| {
        config.decode_budget_mb = 64;
        config.decode_wait_ms = 200;
    })
    .await;
    let alice = app.candidate(ALICE).await;
    // Everything the budget has is taken by decodes in flight (here: held by the test).
    let busy = all_decode_memory(&app).await;
    let refused = alice.upload("id_card", 1, "scan.jpg", samples::jpeg(120, 90)).await;
    assert_eq!(refused.status(), 503);
    assert!(refused.headers().contains_key("retry-after"));
    let (_, kind, body) = error_kind(refused).await;
    assert_eq!(kind, "Busy", "{body}");
    assert!(app.blob_files().await.is_empty(), "nothing was stored");

    drop(busy);
    alice.upload_ok("id_card", 1, samples::jpeg(120, 90)).await;
}
