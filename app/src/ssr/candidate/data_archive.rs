//! 下载我的资料 (个人信息保护法, the right to a copy): everything the installation holds about the
//! signed-in candidate, as one ZIP — the account, each application with its form and the timeline
//! as the candidate may see it (a result stays hidden until the exam's results time, as on the
//! page), every picture and its earlier versions as stored, the payments and the notifications.
//! Never another person's, never a password's hash.

use std::io::Write;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::domain::byte_size::format_limit;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::assistant::own_findings;
use crate::ssr::entities::{application, application_event, material, material_version, notification, payment_order};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::messaging::official_account_binding;

const README: &str = "\
这是本系统保存的您的全部资料：account.json（账号），exams/<考试>/application.json（报名信息、个人信息表和进度），\
exams/<考试>/pictures/（您上传的图片）和 earlier/（被替换前的版本），exams/<考试>/machine_checks.json（系统对图片的自动检查结果），\
payments.json（缴费），notifications.json（通知）。\n\
Everything this installation holds about you: account.json, exams/<exam>/application.json (the application, \
its form and timeline), exams/<exam>/pictures/ (your pictures) and earlier/ (versions you replaced), \
exams/<exam>/machine_checks.json (what the system's automatic checks found in your pictures), \
payments.json and notifications.json.\n";

/// How much one archive may hold: past either, the candidate is refused before anything is
/// fetched, with both numbers said (an exam file may allow many pictures, and replaced versions
/// stay; without a cap one account could make the server write gigabytes on every request).
#[derive(Clone, Copy, Debug)]
pub struct ArchiveLimits {
    pub max_files: usize,
    pub max_bytes: u64,
}

/// Writes the candidate's archive into `file` (a temporary file of the caller's) and gives it
/// back, written and flushed. The pictures are fetched one at a time and handed to a blocking
/// thread that writes the ZIP, at most two waiting between them: memory stays at a few pictures
/// whatever the archive's size.
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn archive_into(
    state: &ServerState,
    account: &Caller<Candidate>,
    limits: ArchiveLimits,
    file: std::fs::File,
) -> Result<std::fs::File, AppError> {
    let entries = contents(state, account).await?;
    within(&entries, limits)?;
    let (sender, mut received) = tokio::sync::mpsc::channel::<(String, Vec<u8>, CompressionMethod)>(2);
    let writer = tokio::task::spawn_blocking(move || {
        let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
        while let Some((name, bytes, method)) = received.blocking_recv() {
            zip.start_file(name, SimpleFileOptions::default().compression_method(method))?;
            zip.write_all(&bytes)?;
        }
        let file = zip.finish()?.into_inner().map_err(|e| e.into_error())?;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(file)
    });
    let sent = async {
        for entry in entries {
            let (name, bytes, method) = match entry {
                Entry::Text { name, text } => (name, text.into_bytes(), CompressionMethod::Deflated),
                // Pictures are compressed already: stored as they are.
                Entry::Picture { name, key, .. } => (name, stored(state, &key).await?, CompressionMethod::Stored),
            };
            // The writer stopped: its error is the one to tell.
            if sender.send((name, bytes, method)).await.is_err() {
                break;
            }
        }
        Ok::<_, AppError>(())
    };
    let sent = sent.await;
    // The writer finishes the ZIP once nothing more can come.
    drop(sender);
    let written = writer.await.map_err(|e| crate::ssr::internal("data archive", e))?;
    sent?;
    written.map_err(|e| crate::ssr::internal("data archive", e))
}

/// One file of the archive: a text made from the database, or a stored picture by its key.
enum Entry {
    Text { name: String, text: String },
    Picture { name: String, key: String, bytes: u64 },
}

fn text(name: impl Into<String>, text: impl Into<String>) -> Entry {
    Entry::Text { name: name.into(), text: text.into() }
}

fn json(name: impl Into<String>, value: &Value) -> Result<Entry, AppError> {
    let written = serde_json::to_string_pretty(value).map_err(|e| crate::ssr::internal("data archive", e))?;
    Ok(text(name, written))
}

/// Refuses an archive past the limits, naming its size and the limit.
fn within(entries: &[Entry], limits: ArchiveLimits) -> Result<(), AppError> {
    let files = entries.len();
    let bytes: u64 = entries.iter().map(|e| if let Entry::Picture { bytes, .. } = e { *bytes } else { 0 }).sum();
    if files <= limits.max_files && bytes <= limits.max_bytes {
        return Ok(());
    }
    let (size, cap) = (format_limit(bytes), format_limit(limits.max_bytes));
    Err(AppError::invalid_field(
        "archive",
        format!(
            "您的资料共 {files} 个文件、{size}，超过一次下载的上限（{} 个文件、{cap}）；请联系考试机构索取副本",
            limits.max_files
        ),
        format!(
            "Your data is {files} files, {size}: more than one download may hold ({} files, {cap}). Ask the exam authority for a copy.",
            limits.max_files
        ),
    ))
}

/// Everything the archive holds, in order: the texts whole, the pictures by key and size.
async fn contents(state: &ServerState, account: &Caller<Candidate>) -> Result<Vec<Entry>, AppError> {
    let me = account.account();
    let now = state.clock.now();
    let mut entries = vec![text("README.txt", README)];
    // The 公众号's follower the news goes to, where the candidate bound one.
    let official_account = official_account_binding::binding_of(&state.db, me.id)
        .await?
        .map(|binding| json!({ "openid": binding.openid, "bound_at": binding.bound_at }));
    let about_me = json!({
        "id_type": me.id_type, "id_number": me.id_number, "id_valid_until": me.id_valid_until, "name": me.name,
        "mobile": me.mobile, "email": me.email, "created_at": me.created_at, "official_account": official_account,
    });
    entries.push(json("account.json", &about_me)?);
    let applications = application::Entity::find().filter(application::Column::UserId.eq(me.id)).all(&state.db).await?;
    for application in &applications {
        let timeline = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(application.id))
            .filter(application_event::Column::VisibleFrom.lte(now))
            .order_by_asc(application_event::Column::Id)
            .all(&state.db)
            .await?;
        let form: Value = serde_json::from_str(&application.form).unwrap_or(Value::Null);
        let entry = json!({
            "exam_code": application.exam_code, "form": form, "position_code": application.position_code,
            "pledge_accepted_at": application.pledge_accepted_at, "submitted_at": application.submitted_at,
            "round": application.round,
            "timeline": timeline.iter().map(|e| json!({ "at": e.at, "zh": e.message_zh, "en": e.message_en })).collect::<Vec<_>>(),
        });
        entries.push(json(format!("exams/{}/application.json", application.exam_code), &entry)?);
    }
    let pictures = material::Entity::find()
        .filter(material::Column::UserId.eq(me.id))
        .order_by_asc(material::Column::ExamCode)
        .all(&state.db)
        .await?;
    entries.extend(machine_checks(state, &pictures).await?);
    for picture in &pictures {
        let (exam, category, seq_no) = (&picture.exam_code, &picture.category, picture.seq_no);
        entries.push(Entry::Picture {
            name: format!("exams/{exam}/pictures/{category}-{seq_no:02}.{}", extension(&picture.format)),
            key: picture.blob_key.clone(),
            bytes: u64::try_from(picture.bytes).unwrap_or(0),
        });
        let earlier = material_version::Entity::find()
            .filter(material_version::Column::MaterialId.eq(picture.id.as_str()))
            .order_by_asc(material_version::Column::UploadedAt)
            .all(&state.db)
            .await?;
        for (n, version) in earlier.iter().enumerate() {
            entries.push(Entry::Picture {
                name: format!("exams/{exam}/earlier/{category}-{seq_no:02}-{}.{}", n + 1, extension(&version.format)),
                key: version.blob_key.clone(),
                bytes: u64::try_from(version.bytes).unwrap_or(0),
            });
        }
    }
    let payments = payment_order::Entity::find().filter(payment_order::Column::UserId.eq(me.id)).all(&state.db).await?;
    let payments = serde_json::to_value(&payments).map_err(|e| crate::ssr::internal("data archive", e))?;
    entries.push(json("payments.json", &payments)?);
    let notices = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::VisibleFrom.lte(now))
        .all(&state.db)
        .await?;
    let notices: Vec<Value> =
        notices.iter().map(|n| json!({ "at": n.created_at, "zh": n.message_zh, "en": n.message_en })).collect();
    entries.push(json("notifications.json", &Value::from(notices))?);
    Ok(entries)
}

/// What the reviewer's assistant found in each current picture, one file per exam.
async fn machine_checks(state: &ServerState, pictures: &[material::Model]) -> Result<Vec<Entry>, AppError> {
    own_findings::by_exam(&state.db, pictures)
        .await?
        .into_iter()
        .map(|(exam, checks)| json(format!("exams/{exam}/machine_checks.json"), &Value::from(checks)))
        .collect()
}

fn extension(format: &str) -> &'static str {
    if format == "png" {
        "png"
    } else {
        "jpg"
    }
}

async fn stored(state: &ServerState, key: &str) -> Result<Vec<u8>, AppError> {
    state.blobs.get(key).await?.ok_or_else(|| crate::ssr::internal("data archive file", format!("{key} missing")))
}
