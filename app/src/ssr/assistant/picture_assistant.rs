//! The reviewer's assistant at work (issue 34): every stored picture is looked at once, in the
//! background, after its upload was answered, and what it shows is kept for the review screen
//! (`picture_findings`): the looks advice, the QR code's text, the perceptual hash, the numbers it
//! prints where its category says so (the holder's ID number, a diploma's 证书编号); then its
//! comparison with other people's pictures (`picture_comparison`) keeps where another candidate
//! handed in the same document (`similar_pictures`). It yields to candidates: a picture is looked
//! at only once no upload has been decoded for half a second (`quiet_picture_work`), so on
//! deadline night it waits and catches up after. Woken by each upload; every minute it also looks
//! for pictures, and comparisons, a crash or another server left unfinished.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::domain::qr_code::{CodeTarget, QrRequirement};
use crate::domain::{ApplicationState, ExamDefinition};
use crate::error::AppError;
use crate::ssr::assistant::card_number_check::id_number_check;
use crate::ssr::assistant::diploma_number_check::{
    compare_with_rows_now, diploma_number_check, diploma_number_kept, typed_numbers_now,
};
use crate::ssr::assistant::diploma_number_retry::read_diploma_numbers_again;
use crate::ssr::assistant::document_number_retry::read_numbers_again;
use crate::ssr::assistant::id_number_retry::{id_number_kept, read_unfinished_again};
use crate::ssr::assistant::pass_plan::PassPlan;
use crate::ssr::assistant::picture_analysis::{analyse, LookFor, PictureAnalysis, QrReading};
use crate::ssr::assistant::picture_comparison::{compare, compare_left_unfinished};
use crate::ssr::assistant::quiet_picture_work::when_quiet;
use crate::ssr::entities::picture_finding::QrState;
use crate::ssr::entities::{application, material, picture_finding, similar_picture};
use crate::ssr::infra::server_state::ServerState;

/// Pictures taken from the database at once.
const BATCH: u64 = 16;
/// How often it looks for pictures no wake-up announced.
const CATCH_UP: Duration = Duration::from_secs(60);

/// Runs for the server's life.
pub async fn keep_looking(state: ServerState) {
    let Some(assistant) = crate::ssr::assistant::assistant_state::of(&state) else { return };
    let mut plan = PassPlan::default();
    loop {
        let began = state.clock.now();
        let stored_since = plan.next(std::time::Instant::now(), began);
        match look_at_waiting_stored_since(&state, stored_since).await {
            Ok(looked) if looked > 0 => continue,
            Ok(_) => plan.found_nothing(stored_since, began, std::time::Instant::now()),
            Err(error) => tracing::warn!(error = error.message_en(), "pictures not looked at"),
        }
        let _ = tokio::time::timeout(CATCH_UP, assistant.woken()).await;
    }
}

/// Looks at up to a batch of pictures nobody has looked at yet, and takes up comparisons left
/// unfinished; how many it did.
pub async fn look_at_waiting(state: &ServerState) -> Result<usize, AppError> {
    look_at_waiting_stored_since(state, None).await
}

/// As [`look_at_waiting`], among the pictures stored since `stored_since` when given.
async fn look_at_waiting_stored_since(
    state: &ServerState,
    stored_since: Option<DateTime<Utc>>,
) -> Result<usize, AppError> {
    Ok(look_at_new(state, stored_since).await?
        + compare_left_unfinished(state).await?
        + read_unfinished_again(state).await?
        + read_diploma_numbers_again(state).await?
        + read_numbers_again(state).await?)
}

async fn look_at_new(state: &ServerState, stored_since: Option<DateTime<Utc>>) -> Result<usize, AppError> {
    let waiting = waiting_pictures(&state.db, stored_since).await?;
    let definitions =
        crate::ssr::exams::exam_store::load_each(&state.db, waiting.iter().map(|p| p.exam_code.clone()).collect())
            .await?;
    for picture in &waiting {
        let definition = definitions[&picture.exam_code].as_ref();
        let mut look_for = look_for(definition, &picture.category);
        if prints_holder_id_number(definition, picture) {
            look_for.id_number = id_number_check(state, picture.user_id).await?;
        }
        if look_for.qr {
            look_for.verification_end = crate::ssr::assistant::assistant_state::tesseract_of(state);
        }
        // The rows are read as they are when the picture is looked at; saving the form compares
        // the number read with them again (`diploma_number_check::compare_with_rows`).
        let mut typed = Vec::new();
        let diploma_record = definition.filter(|d| d.category(&picture.category).is_some_and(|c| c.diploma_number));
        if let Some(definition) = diploma_record {
            look_for.diploma_number = diploma_number_check(state, picture.user_id).await?;
            typed = typed_numbers_now(&state.db, definition, picture.user_id, &picture.exam_code).await?;
        }
        look_at(state, picture, look_for, &typed).await?;
        if let Some(definition) = diploma_record {
            compare_with_rows_now(&state.db, definition, picture.user_id, &picture.exam_code).await?;
        }
    }
    Ok(waiting.len())
}

/// Up to a batch of the pictures nobody has looked at yet, oldest first; only among those stored
/// since `stored_since` when given, which the index on `created_at` finds without reading the rest.
/// Those of applications waiting for a reviewer come before the drafts': they are what reviewers
/// open next, while a draft's pictures may still be replaced (in a full run of the browser tests,
/// the drafts' pictures before them had kept the review screen waiting a minute and more).
pub async fn waiting_pictures(
    db: &DatabaseConnection,
    stored_since: Option<DateTime<Utc>>,
) -> Result<Vec<material::Model>, AppError> {
    let awaiting_review = Query::select()
        .expr(Expr::val(1))
        .from(application::Entity)
        .and_where(
            Expr::col((application::Entity, application::Column::UserId))
                .equals((material::Entity, material::Column::UserId)),
        )
        .and_where(
            Expr::col((application::Entity, application::Column::ExamCode))
                .equals((material::Entity, material::Column::ExamCode)),
        )
        .and_where(Expr::col((application::Entity, application::Column::State)).is_in(
            ApplicationState::ALL.into_iter().filter(|state| state.awaits_review()).map(ApplicationState::as_str),
        ))
        .to_owned();
    let reviewed_next = not_looked_at(stored_since).filter(Expr::exists(awaiting_review)).limit(BATCH).all(db).await?;
    if !reviewed_next.is_empty() {
        return Ok(reviewed_next);
    }
    Ok(not_looked_at(stored_since).limit(BATCH).all(db).await?)
}

/// The pictures nobody has looked at yet (among those stored since `stored_since`), oldest first.
fn not_looked_at(stored_since: Option<DateTime<Utc>>) -> sea_orm::Select<material::Entity> {
    // NOT EXISTS, not NOT IN: PostgreSQL then probes each candidate's finding by its key instead of
    // reading every finding's key first.
    let its_finding = Query::select()
        .expr(Expr::val(1))
        .from(picture_finding::Entity)
        .and_where(
            Expr::col((picture_finding::Entity, picture_finding::Column::BlobKey))
                .equals((material::Entity, material::Column::BlobKey)),
        )
        .to_owned();
    let mut waiting = material::Entity::find().filter(Expr::exists(its_finding).not());
    if let Some(since) = stored_since {
        waiting = waiting.filter(material::Column::CreatedAt.gte(since));
    }
    waiting.order_by_asc(material::Column::CreatedAt)
}

/// What the picture's category asks to look for (an exam or category since removed: only what
/// every picture gets).
fn look_for(definition: Option<&ExamDefinition>, category: &str) -> LookFor {
    let category = definition.and_then(|d| d.category(category));
    LookFor {
        look: category.map(|c| c.look()).unwrap_or_default(),
        qr: category.is_some_and(|c| c.qr == QrRequirement::Required),
        id_number: None,
        diploma_number: None,
        verification_end: None,
    }
}

/// Whether the picture prints its holder's ID number: the first picture of the category the exam
/// names as the ID card's front, the picture in a slot that shows the card (`id_card = true`: the
/// front alone, or held by the candidate), and every picture of a category whose records print it.
fn prints_holder_id_number(definition: Option<&ExamDefinition>, picture: &material::Model) -> bool {
    let Some(definition) = definition else { return false };
    let card_front = definition.id_card_front.as_deref() == Some(picture.category.as_str()) && picture.seq_no == 1;
    let category = definition.category(&picture.category);
    let slot = usize::try_from(picture.seq_no).ok().and_then(|n| category?.slots.get(n.checked_sub(1)?));
    card_front || slot.is_some_and(|slot| slot.id_card) || category.is_some_and(|category| category.holder_id_number)
}

/// Looks at the picture; `typed`: the numbers in the candidate's 高等教育学历 rows, where the
/// picture's 证书编号 is read.
async fn look_at(
    state: &ServerState,
    picture: &material::Model,
    look_for: LookFor,
    typed: &[String],
) -> Result<(), AppError> {
    let nothing_seen = PictureAnalysis::nothing_seen(&look_for);
    // Its file is gone (deleted since it was listed, or lost): recorded as nothing seen, so it is
    // not picked first again and again.
    let analysis = when_quiet(state, picture, move |bytes| analyse(bytes, look_for)).await?.unwrap_or(nothing_seen);
    record(state, picture, &analysis, typed).await
}

async fn record(
    state: &ServerState,
    picture: &material::Model,
    analysis: &PictureAnalysis,
    typed: &[String],
) -> Result<(), AppError> {
    let (qr, qr_text) = match &analysis.qr {
        None => (None, None),
        // Where it leads is kept too, for the queue's filters to ask the database.
        Some(QrReading::Read(text)) => match CodeTarget::of(text) {
            CodeTarget::XuexinReport { .. } => (Some(QrState::Xuexin), Some(text.clone())),
            CodeTarget::Other => (Some(QrState::Other), Some(text.clone())),
        },
        Some(QrReading::Unreadable) => (Some(QrState::Unreadable), None),
    };
    let now = state.clock.now();
    let diploma = diploma_number_kept(analysis.diploma_number.as_ref(), typed, now, now);
    let row = picture_finding::ActiveModel {
        diploma_number: diploma.diploma_number,
        diploma_number_read: diploma.diploma_number_read,
        diploma_number_retry_at: diploma.diploma_number_retry_at,
        blob_key: Set(picture.blob_key.clone()),
        perceptual_hash: Set(analysis.perceptual_hash.as_deref().map(picture_finding::stored_hash)),
        looks_advice: Set(analysis
            .looks_advice
            .as_ref()
            .map(|codes| codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(","))),
        face_place: Set(analysis.face_place.as_ref().map(picture_finding::stored_face_place)),
        qr: Set(qr.map(|state| state.as_str().to_string())),
        qr_text: Set(qr_text),
        looked_at: Set(now),
        // Without a hash there is nothing to compare: finished now.
        compared_at: Set(analysis.perceptual_hash.is_none().then_some(now)),
        sha256: Set(analysis.sha256.clone()),
        verification_ends_on: Set(analysis.verification_ends_on),
        ..id_number_kept(analysis.id_number.as_ref(), now, now)
    };
    // Another server may have looked at the same picture meanwhile: the first record stays.
    picture_finding::Entity::insert(row)
        .on_conflict(OnConflict::column(picture_finding::Column::BlobKey).do_nothing().to_owned())
        .exec_without_returning(&state.db)
        .await?;
    match &analysis.perceptual_hash {
        Some(hash) => compare(state, picture, hash).await,
        None => Ok(()),
    }
}

/// Forgets what was found in these files (deleted: past their retention day, or their account),
/// and the candidates' receipts of advice about them.
pub async fn forget(db: &impl sea_orm::ConnectionTrait, blob_keys: &[String]) -> Result<(), AppError> {
    if blob_keys.is_empty() {
        return Ok(());
    }
    let sha256s: Vec<String> = picture_finding::Entity::find()
        .filter(picture_finding::Column::BlobKey.is_in(blob_keys.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|finding| finding.sha256)
        .collect();
    crate::ssr::assistant::advice_receipts::forget(db, sha256s).await?;
    picture_finding::Entity::delete_many()
        .filter(picture_finding::Column::BlobKey.is_in(blob_keys.iter().cloned()))
        .exec(db)
        .await?;
    similar_picture::Entity::delete_many()
        .filter(
            similar_picture::Column::BlobKey
                .is_in(blob_keys.iter().cloned())
                .or(similar_picture::Column::OtherBlobKey.is_in(blob_keys.iter().cloned())),
        )
        .exec(db)
        .await?;
    Ok(())
}
