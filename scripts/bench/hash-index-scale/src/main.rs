//! The reviewer's assistant's hash index at a national exam's scale (issue 55). Fills a PostgreSQL
//! database, migrated as the server migrates it, with CANDIDATES × 7 stored pictures and their
//! findings (each with a 144-bit hash stored as the server stores one), then measures what a
//! server does with them (`app::ssr::assistant::picture_hashes`, the server's own code):
//! - a restart: the index read from nothing, its time and the memory it then holds;
//! - a new picture, one after another: the assistant's two passes over the database (the one that
//!   finds the picture and the one that finds nothing left), the findings since read (`catch_up`)
//!   and every held hash compared with it (`alike`);
//! - SERVERS servers, each with its own index: all restarted at once, then all adding pictures at
//!   once.
//!
//! The hashes are pseudo-random (two MD5s of the picture's number): the scan's cost is the same
//! for any hash; the pairs it finds are the other looks' work, measured by the picture benches.
//! Usage: hash-index-scale DATABASE_URL [CANDIDATES=100000] [SERVERS=4] [NEW=300]
//! (WITHOUT_SCALE_INDEXES=1: as before migrations 34 and 35)

use std::time::{Duration, Instant};

use app::ssr::assistant::document_number_retry::document_numbers_due;
use app::ssr::assistant::id_number_retry::id_numbers_due;
use app::ssr::assistant::pass_plan::PassPlan;
use app::ssr::assistant::picture_assistant::waiting_pictures;
use app::ssr::assistant::picture_comparison::left_unfinished;
use app::ssr::assistant::picture_hashes::PictureHashes;
use app::ssr::entities::picture_finding;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

const PICTURES_PER_CANDIDATE: i64 = 7;
/// The indexes migrations 34 and 35 add for the assistant's passes and lookups.
const SCALE_INDEXES: [&str; 5] = [
    "idx_materials_blob_key",
    "idx_materials_created_at",
    "idx_picture_findings_compared_at",
    "idx_picture_findings_id_number_retry_at",
    "idx_picture_findings_document_number_retry_at",
];

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("usage: hash-index-scale DATABASE_URL [CANDIDATES] [SERVERS] [NEW]");
    let number = |arg: Option<String>, default: i64| arg.map_or(default, |a| a.parse().expect("a number"));
    let candidates = number(args.next(), 100_000);
    let servers = number(args.next(), 4) as usize;
    let new = number(args.next(), 300) as usize;
    let db = Database::connect(&url).await.expect("PostgreSQL answers");
    Migrator::up(&db, None).await.expect("the server's migrations");
    if std::env::var_os("WITHOUT_SCALE_INDEXES").is_some() {
        // As before migrations 34 and 35, to measure what they bring.
        for index in SCALE_INDEXES {
            db.execute_unprepared(&format!("DROP INDEX {index}")).await.expect("an index dropped");
        }
        println!("without the indexes of migrations 34 and 35");
    }
    let pictures = candidates * PICTURES_PER_CANDIDATE;

    let started = Instant::now();
    fill(&db, candidates).await;
    println!("filled: {candidates} candidates × {PICTURES_PER_CANDIDATE} = {pictures} pictures with findings, {:.0} s", started.elapsed().as_secs_f64());

    let before = resident_mb();
    let started = Instant::now();
    let mut index = PictureHashes::default();
    index.catch_up(&db).await.expect("catch-up");
    let took = started.elapsed();
    let held = resident_mb() - before;
    println!(
        "restart, one server: every finding read in {:.2} s; the index holds {held:.0} MB ({:.0} bytes a picture); \
         the process's peak so far {:.0} MB",
        took.as_secs_f64(),
        held * 1e6 / pictures as f64,
        peak_mb()
    );

    let mut whole = Vec::new();
    for _ in 0..5 {
        whole.push(assistant_pass(&db, None).await);
    }
    println!(
        "the hourly whole pass (every picture looked among), 5 times: {}",
        whole.iter().map(|d| format!("{:.0} ms", ms(*d))).collect::<Vec<_>>().join(", ")
    );

    let mut next_picture = pictures;
    let times = add_pictures(&db, &mut index, &mut next_picture, new).await;
    report("new picture, one server", &times);

    let before = resident_mb();
    let started = Instant::now();
    let mut restarts = Vec::new();
    for _ in 0..servers {
        let db = db.clone();
        restarts.push(tokio::spawn(async move {
            let mut index = PictureHashes::default();
            index.catch_up(&db).await.expect("catch-up");
            index
        }));
    }
    let mut indexes = Vec::new();
    for restart in restarts {
        indexes.push(restart.await.unwrap());
    }
    println!(
        "restart, {servers} servers at once: all caught up in {:.2} s; {:.0} MB held in all",
        started.elapsed().as_secs_f64(),
        resident_mb() - before
    );
    let mut adding = Vec::new();
    for (server, mut index) in indexes.into_iter().enumerate() {
        let db = db.clone();
        let mut first = next_picture + (server * new) as i64;
        adding.push(tokio::spawn(async move { add_pictures(&db, &mut index, &mut first, new / servers).await }));
    }
    let mut times = Vec::new();
    for server in adding {
        times.extend(server.await.unwrap());
    }
    report(&format!("new picture, {servers} servers adding at once"), &times);
}

/// CANDIDATES candidates' seven pictures and a finding for each, in two statements (the foreign
/// keys to accounts and exams are not checked for this load: no account or exam is read here).
/// The pictures were stored one a second until now (700 000: over the last eight days).
async fn fill(db: &DatabaseConnection, candidates: i64) {
    let pictures = candidates * PICTURES_PER_CANDIDATE;
    let sql = format!(
        "SET session_replication_role = replica;
         INSERT INTO materials (id, user_id, exam_code, category, seq_no, blob_key, format, width, height, bytes,
                                original_name, created_at)
           SELECT 'm' || g, 1 + g / {PICTURES_PER_CANDIDATE}, '004', 'category' || g % {PICTURES_PER_CANDIDATE}, 1,
                  'bench/' || g, 'jpeg', 1654, 2339, 500000, 'scan.jpg', now() - make_interval(secs => {pictures} - g)
           FROM generate_series(0, {pictures} - 1) AS g;
         INSERT INTO picture_findings (blob_key, perceptual_hash, looked_at, compared_at)
           SELECT 'bench/' || g, {hash}, now(), now() FROM generate_series(0, {pictures} - 1) AS g;
         SET session_replication_role = DEFAULT;
         ANALYZE materials; ANALYZE picture_findings;",
        hash = hash_of("g")
    );
    db.execute_unprepared(&sql).await.expect("the load");
}

/// A picture's 18-byte hash as the server stores it (base64), made from its number `g` in SQL.
fn hash_of(g: &str) -> String {
    format!("encode(substring(decode(md5({g}::text) || md5(({g} + 7)::text), 'hex') from 1 for 18), 'base64')")
}

/// What one new picture costs a server, in the order the server spends it: the picture is stored;
/// the assistant's pass finds it, looking where its plan says (`PassPlan`, as the server's) (`look_at_waiting`'s four queries: pictures not looked at,
/// comparisons left unfinished, card and document numbers due to be read again); its finding is
/// recorded; the findings since are read (`catch_up`) and every held hash compared with its hash
/// (`alike`); a second pass finds nothing left. The analysis itself (decoding, tesseract) is the
/// picture benches' and is left out. Each picture's times.
struct PictureTimes {
    passes: Duration,
    catch_up: Duration,
    compare: Duration,
}

async fn add_pictures(db: &DatabaseConnection, index: &mut PictureHashes, next: &mut i64, count: usize) -> Vec<PictureTimes> {
    // The whole pass a server makes at its start found nothing left.
    let mut plan = PassPlan::default();
    plan.found_nothing(None, chrono::Utc::now(), Instant::now());
    let mut times = Vec::with_capacity(count);
    for _ in 0..count {
        let g = *next;
        *next += 1;
        let owner = 10_000_000 + g;
        db.execute_unprepared(&format!(
            "SET session_replication_role = replica;
             INSERT INTO materials (id, user_id, exam_code, category, seq_no, blob_key, format, width, height, bytes,
                                    original_name, created_at)
               VALUES ('m{g}', {owner}, '004', 'diploma', 1, 'bench/{g}', 'jpeg', 1654, 2339, 500000, 'scan.jpg', now());
             SET session_replication_role = DEFAULT;"
        ))
        .await
        .expect("a new picture");
        let mut passes = assistant_pass(db, plan.next(Instant::now(), chrono::Utc::now())).await;
        let finding = format!(
            "INSERT INTO picture_findings (blob_key, perceptual_hash, looked_at)
               SELECT 'bench/{g}', {hash}, now() FROM (SELECT {g}::bigint AS g) AS one
             RETURNING perceptual_hash",
            hash = hash_of("g")
        );
        let row = db.query_one(Statement::from_string(db.get_database_backend(), finding)).await.expect("its finding");
        let stored: String = row.expect("its row").try_get("", "perceptual_hash").expect("its hash");
        let hash = picture_finding::hash_from_stored(&stored).expect("base64");
        let started = Instant::now();
        index.catch_up(db).await.expect("catch-up");
        let catch_up = started.elapsed();
        let started = Instant::now();
        std::hint::black_box(index.alike(&hash, owner as i32, &format!("bench/{g}")));
        let compare = started.elapsed();
        db.execute_unprepared(&format!("UPDATE picture_findings SET compared_at = now() WHERE blob_key = 'bench/{g}'"))
            .await
            .expect("compared");
        let (began, stored_since) = (chrono::Utc::now(), plan.next(Instant::now(), chrono::Utc::now()));
        passes += assistant_pass(db, stored_since).await;
        plan.found_nothing(stored_since, began, Instant::now());
        times.push(PictureTimes { passes, catch_up, compare });
    }
    times
}

/// The four queries of one of the assistant's passes (`picture_assistant::keep_looking`), among
/// the pictures stored since `stored_since` (None: a whole pass).
async fn assistant_pass(db: &DatabaseConnection, stored_since: Option<chrono::DateTime<chrono::Utc>>) -> Duration {
    let now = chrono::Utc::now();
    let started = Instant::now();
    std::hint::black_box(waiting_pictures(db, stored_since).await.expect("pictures not looked at"));
    std::hint::black_box(left_unfinished(db, now).await.expect("comparisons left unfinished"));
    std::hint::black_box(id_numbers_due(db, now).await.expect("card numbers due"));
    std::hint::black_box(document_numbers_due(db, now).await.expect("document numbers due"));
    started.elapsed()
}

fn report(what: &str, times: &[PictureTimes]) {
    let quantiles = |mut ms: Vec<f64>| {
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
        (ms.iter().sum::<f64>() / ms.len() as f64, at(0.5), at(0.95), at(1.0))
    };
    let parts = [
        ("the assistant's two passes' queries", quantiles(times.iter().map(|t| ms(t.passes)).collect())),
        ("reading the findings since", quantiles(times.iter().map(|t| ms(t.catch_up)).collect())),
        ("comparing with every held hash", quantiles(times.iter().map(|t| ms(t.compare)).collect())),
        ("all", quantiles(times.iter().map(|t| ms(t.passes + t.catch_up + t.compare)).collect())),
    ];
    println!("{what} ({} pictures), ms mean / median / 95th / worst:", times.len());
    for (part, (mean, median, p95, worst)) in parts {
        println!("  {part:38} {mean:8.1} {median:8.1} {p95:8.1} {worst:8.1}");
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// The process's resident memory now (VmRSS), in MB.
fn resident_mb() -> f64 {
    status_kb("VmRSS:") / 1e3
}

/// The most the process has held resident (VmHWM), in MB.
fn peak_mb() -> f64 {
    status_kb("VmHWM:") / 1e3
}

fn status_kb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0)
}
