//! Receipts of the looks advice a candidate's browser showed (issue 34: the review screen says whether the
//! candidate overrode it). On showing advice about a chosen file, the browser sends the file's
//! SHA-256 and the advice's codes; the review screen matches them with the stored picture's SHA-256. A
//! receipt says only that this account was shown this advice about these bytes: the server never
//! trusts it for more, and a candidate offline when choosing leaves none (the review screen says so).

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::domain::record_ids::UserId;
use crate::domain::ViolationCode;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::entities::advice_receipt;
use crate::ssr::infra::server_state::ServerState;

/// Receipts kept per account at most: far more files than any application holds, few enough
/// that a script cannot fill the table.
const RECEIPTS_PER_ACCOUNT: u64 = 500;

/// The looks advice (and an ID photo's face advice) a browser may report showing.
const LOOKS_CODES: [ViolationCode; 12] = [
    ViolationCode::PictureBlurred,
    ViolationCode::PictureTooDark,
    ViolationCode::PictureWashedOut,
    ViolationCode::BackgroundNotPlain,
    ViolationCode::PageNearlyBlank,
    ViolationCode::FaceNotFound,
    ViolationCode::SeveralFaces,
    ViolationCode::HeadTooSmall,
    ViolationCode::HeadTooLarge,
    ViolationCode::EyesTooHigh,
    ViolationCode::EyesTooLow,
    ViolationCode::FaceOffCentre,
];

/// Keeps that `account` was shown `codes` about the file whose SHA-256 is `sha256`; the last
/// showing of one file counts.
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn record(
    state: &ServerState,
    account: &Caller<Candidate>,
    sha256: &str,
    codes: &[ViolationCode],
) -> Result<(), AppError> {
    let is_hex_sha256 = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !is_hex_sha256 {
        return Err(AppError::BadRequest("sha256: 64 lower-case hex digits".into()));
    }
    if codes.is_empty() || codes.len() > LOOKS_CODES.len() || !codes.iter().all(|c| LOOKS_CODES.contains(c)) {
        return Err(AppError::BadRequest("codes: one to five looks advice codes".into()));
    }
    let user_id = account.account().id;
    let kept =
        advice_receipt::Entity::find().filter(advice_receipt::Column::UserId.eq(user_id)).count(&state.db).await?;
    if kept >= RECEIPTS_PER_ACCOUNT {
        return Ok(()); // the review screen then says it has no receipt: nothing is lost but the note
    }
    let row = advice_receipt::ActiveModel {
        user_id: Set(user_id),
        sha256: Set(sha256.to_string()),
        codes: Set(codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")),
        shown_at: Set(state.clock.now()),
        ..Default::default()
    };
    advice_receipt::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([advice_receipt::Column::UserId, advice_receipt::Column::Sha256])
                .update_columns([advice_receipt::Column::Codes, advice_receipt::Column::ShownAt])
                .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
    Ok(())
}

/// Forgets the receipts about these files (their pictures erased), by their SHA-256.
pub async fn forget(db: &impl ConnectionTrait, sha256s: Vec<String>) -> Result<(), AppError> {
    if sha256s.is_empty() {
        return Ok(());
    }
    advice_receipt::Entity::delete_many().filter(advice_receipt::Column::Sha256.is_in(sha256s)).exec(db).await?;
    Ok(())
}

/// Forgets every receipt of one account (the account deleted by its owner).
pub async fn forget_account(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), AppError> {
    advice_receipt::Entity::delete_many().filter(advice_receipt::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}
