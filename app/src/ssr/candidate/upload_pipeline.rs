//! An upload from the first byte to the stored row: the candidate's gate, the place it goes to,
//! the server's own full check under a memory budget, metadata stripped, the blob written
//! durably, then the row (or the replacement). A refusal at any step leaves neither a blob nor a
//! row behind; a COMMIT whose answer was lost keeps its file (`uncommitted_row`).

use crate::domain::picture_alone::picture_end;
use crate::domain::record_ids::ExamCode;
use crate::domain::ApplicationState;
use crate::domain::{judge_file, FileVerdict};
use crate::error::AppError;
use crate::models::candidate::MaterialView;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::candidate_access;
use crate::ssr::access::gate::Candidate;
use crate::ssr::application::material_queries;
use crate::ssr::candidate::location_strip::strip_location;
use crate::ssr::candidate::material_commands;
use crate::ssr::candidate::stored_file::StoredFile;
use crate::ssr::candidate::upload_check::{decode_if_accepted, decode_memory};
use crate::ssr::infra::failure::store_not_answering;
use crate::ssr::infra::server_state::ServerState;

/// The largest sequence number a candidate may type.
pub const MAX_SEQ_NO: u32 = 999;

pub struct NewUpload {
    pub exam_code: ExamCode,
    pub category: String,
    pub seq_no: u32,
    pub original_name: String,
    pub bytes: Vec<u8>,
    /// The picture this one replaces (same category and place), e.g. after a return for revision.
    pub replaces: Option<String>,
}

/// Checks the upload again from scratch (the picture alone), writes the cleaned bytes durably,
/// then records them.
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn store_upload(
    state: &ServerState,
    account: &Caller<Candidate>,
    mut upload: NewUpload,
) -> Result<MaterialView, AppError> {
    let owner_id = account.id;
    let exam = candidate_access::enter(state, account, &upload.exam_code).await?;
    let application = exam.writable_application()?;
    let category = exam.definition.category(&upload.category).ok_or(AppError::NotFound)?;
    let existing = material_queries::owned_in_category(state, owner_id, &upload.exam_code, &upload.category).await?;
    let returned = application.state == ApplicationState::Returned;
    let replacing = match &upload.replaces {
        // Replacing in place is for what a reviewer unlocked; a draft deletes and uploads anew,
        // so old files are never piled up as versions nobody will look at.
        Some(id) => {
            let old = existing.iter().find(|m| m.id.as_str() == id).ok_or(AppError::NotFound)?;
            if old.locked_at.is_some() || !returned {
                return Err(AppError::NotUnlocked);
            }
            Some(old.clone())
        }
        // A returned application only replaces what the reviewer opened.
        None if returned => return Err(AppError::NotUnlocked),
        None => {
            check_seq_no(category, upload.seq_no)?;
            if existing.iter().any(|m| m.seq_no as u32 == upload.seq_no) {
                return Err(AppError::SequenceTaken { seq_no: upload.seq_no });
            }
            None
        }
    };

    let rules = category.rules.clone();
    // A replacement takes the old picture's place, so it does not count against the maximum.
    let already = existing.len() as u32 - u32::from(replacing.is_some());
    // The judgement reads the header, which also tells how much memory the full decode needs;
    // that is reserved before the decode starts.
    let judged = judge_picture_alone(&mut upload.bytes, &rules, already);
    let needed = judged.facts.as_ref().map(decode_memory).unwrap_or(0);
    let reservation = state.decode_budget.reserve(needed).await?;
    let (verdict, bytes) =
        tokio::task::spawn_blocking(move || (decode_if_accepted(&upload.bytes, judged), upload.bytes))
            .await
            .map_err(|e| crate::ssr::internal("upload check task", e))?;
    drop(reservation);
    let facts = match verdict {
        FileVerdict { facts: Some(facts), violations, .. } if violations.is_empty() => facts,
        FileVerdict { violations, .. } => return Err(AppError::FileRefused { violations }),
    };
    let cleaned = strip_location(bytes, &facts).map_err(|e| crate::ssr::internal("metadata strip", e))?;

    let blob_key = format!("{}.{}", uuid::Uuid::new_v4(), facts.format.file_extension());
    state.blobs.put(&blob_key, &cleaned).await?;
    let stored = StoredFile {
        blob_key: blob_key.clone(),
        format: facts.format,
        width: facts.width(),
        height: facts.height(),
        bytes: cleaned.len() as u64,
        original_name: clean_file_name(&upload.original_name),
    };
    let written = match replacing {
        Some(old) => {
            crate::ssr::candidate::replacements::replace(state, application, old, &stored, state.clock.now()).await
        }
        None => {
            material_commands::insert_new(
                state,
                material_commands::NewRow {
                    application_id: application.id,
                    owner_id,
                    exam_code: upload.exam_code,
                    category: upload.category,
                    seq_no: upload.seq_no,
                    max_count: category.rules.max_count,
                },
                &stored,
            )
            .await
        }
    };
    let written = match written {
        Ok(written) => written,
        Err(refusal) => {
            // Refused or broken before its COMMIT: nothing was written, so the file goes now.
            if let Err(e) = state.blobs.delete(&blob_key).await {
                tracing::error!(%e, blob_key, "could not remove blob after failed insert");
            }
            return Err(refusal);
        }
    };
    if let Err(failure) = written.txn.commit().await {
        if store_not_answering(&failure).is_some() {
            tracing::warn!(blob_key, "the row's COMMIT got no answer; its file is left to the sweep");
        } else if let Err(e) = state.blobs.delete(&blob_key).await {
            // The database answered: it refused the COMMIT, so nothing was written.
            tracing::error!(%e, blob_key, "could not remove blob after a refused commit");
        }
        return Err(AppError::from(failure));
    }
    if let Some(key) = written.unnamed_after_commit {
        if let Err(error) = state.blobs.delete(&key).await {
            tracing::warn!(%error, key, "replaced file not removed; the sweep will");
        }
    }
    // The reviewer's assistant looks at it after this answer, when no upload is decoding.
    state.assistant.wake();
    Ok(material_queries::view_of(&written.row))
}

/// The judgement of the picture alone: what follows its end marker (a motion photo's video, a
/// polyglot's ZIP) is cut off first, as the browser does before sending. The header is read once
/// when nothing follows, as nearly always.
fn judge_picture_alone(bytes: &mut Vec<u8>, rules: &crate::domain::CategoryRules, already: u32) -> FileVerdict {
    let whole = judge_file(bytes, rules, already);
    match whole.facts.as_ref().and_then(|facts| picture_end(facts, bytes.len())) {
        Some(end) => {
            bytes.truncate(end);
            judge_file(bytes, rules, already)
        }
        None => whole,
    }
}

/// A category with slots has exactly that many places; others accept 1–999.
fn check_seq_no(category: &crate::domain::CategoryDefinition, seq_no: u32) -> Result<(), AppError> {
    let slots = category.slots.len() as u32;
    if slots > 0 && !(1..=slots).contains(&seq_no) {
        let names_zh = category.slots.iter().map(|s| s.name_zh.as_str()).collect::<Vec<_>>().join("、");
        let names_en = category.slots.iter().map(|s| s.name_en.as_str()).collect::<Vec<_>>().join(", ");
        return Err(AppError::invalid_field(
            "seq_no",
            format!("本类只有 {slots} 个位置（{names_zh}），没有第 {seq_no} 个"),
            format!("This category has {slots} places ({names_en}); there is no place {seq_no}"),
        ));
    }
    if !(1..=MAX_SEQ_NO).contains(&seq_no) {
        return Err(AppError::invalid_field(
            "seq_no",
            format!("顺序号应为 1–{MAX_SEQ_NO} 的整数"),
            format!("The sequence number must be a whole number from 1 to {MAX_SEQ_NO}"),
        ));
    }
    Ok(())
}

/// The file name as shown back to its owner: no path, no control characters, bounded length.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.is_empty() {
        "picture".to_string()
    } else {
        cleaned
    }
}
