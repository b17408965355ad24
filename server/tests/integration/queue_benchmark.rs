//! A benchmark, not a test (ignored by `cargo test`): the review queue with a million
//! applications, first page against a page deep in the queue. Run with
//! `cargo test -p server --test integration queue_benchmark -- --ignored --nocapture`; the figures go in
//! docs/benchmarks.md.
use crate::support;

use std::time::Instant;

use app::domain::record_ids::{ApplicationId, UserId};
use app::domain::ApplicationState;
use app::models::review::{QueueFilter, QueueQuery};
use app::ssr::{entities::application, entities::user};
use chrono::{Duration, FixedOffset, Utc};
use sea_orm::{EntityTrait, Set};
use support::*;

const APPLICATIONS: i64 = 1_000_000;
const BATCH: i64 = 2_000;

#[tokio::test]
#[ignore]
async fn queue_pages_cost_the_same_at_the_start_and_deep_in_a_million_applications() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let start = Utc::now() - Duration::days(30);
    let filling = Instant::now();
    for batch in 0..APPLICATIONS / BATCH {
        let txn = app::ssr::infra::write_transaction::begin_write(db).await.unwrap();
        let first = batch * BATCH;
        let people = (first..first + BATCH).map(|i| user::ActiveModel {
            id: Set(UserId(100_000 + i as i32)),
            id_number: Set(format!("BENCH{i:012}")),
            id_type: Set("passport".into()),
            name: Set(format!("考生{i}")),
            mobile: Set("13800138000".into()),
            password_hash: Set(String::new()),
            role: Set(app::domain::Role::Candidate),
            email: Set(None),
            created_at: Set(start),
            session_generation: Set(0),
            mobile_verified_at: Set(None),
            id_valid_until: Set(None),
        });
        user::Entity::insert_many(people).exec(&txn).await.unwrap();
        let applications = (first..first + BATCH).map(|i| application::ActiveModel {
            user_id: Set(UserId(100_000 + i as i32)),
            exam_code: Set("000".into()),
            state: Set(if i % 3 == 0 { ApplicationState::Resubmitted } else { ApplicationState::Submitted }),
            pledge_accepted_at: Set(Some(start)),
            form: Set("{}".into()),
            position_code: Set(None),
            submitted_at: Set(Some(start)),
            updated_at: Set(start),
            review_version: Set(1),
            reviewer_id: Set(None),
            taken_at: Set(None),
            last_submitted_at: Set(Some(start + Duration::seconds(i))),
            round: Set(1),
            form_unlocked: Set(false),
            decided_at: Set(None),
            decision_reason: Set(None),
            ..Default::default()
        });
        application::Entity::insert_many(applications).exec(&txn).await.unwrap();
        txn.commit().await.unwrap();
    }
    println!("filled {APPLICATIONS} applications in {:.1?}", filling.elapsed());
    if app.database_url.is_some() {
        // What PostgreSQL's autovacuum does after a bulk load: the planner needs the new statistics.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("ANALYZE").await.unwrap();
    }

    let offset = FixedOffset::east_opt(8 * 3600).unwrap();
    let mut query = QueueQuery {
        exam_code: "000".into(),
        filter: QueueFilter::Awaiting,
        from: None,
        to: None,
        findings: Default::default(),
        after: None,
    };
    for (label, at) in [("first page", None), ("page after 900 000 rows", Some(900_000i64))] {
        query.after = at.map(|i| app::models::review::QueueCursor {
            submitted_at: (start + Duration::seconds(i)).to_rfc3339(),
            id: ApplicationId(0),
        });
        let mut times = Vec::new();
        for _ in 0..20 {
            let began = Instant::now();
            let (rows, _) = app::ssr::review::review_queue::page(db, &query, offset).await.unwrap();
            times.push(began.elapsed());
            assert_eq!(rows.len(), 50);
        }
        times.sort();
        println!("{label}: median {:.2?}, worst {:.2?} (20 runs)", times[10], times[19]);
    }
    let resubmitted =
        QueueQuery { filter: QueueFilter::State(ApplicationState::Resubmitted), after: None, ..query.clone() };
    let began = Instant::now();
    app::ssr::review::review_queue::page(db, &resubmitted, offset).await.unwrap();
    println!("first page of the resubmitted: {:.2?}", began.elapsed());
    let began = Instant::now();
    app::ssr::application::application_queries::count_by_state(db, &"000".into()).await.unwrap();
    println!("counts per state: {:.2?}", began.elapsed());
}
