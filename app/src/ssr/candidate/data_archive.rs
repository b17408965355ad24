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

use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::entities::{
    application, application_event, material, material_version, notification, payment_order, picture_finding,
};
use crate::ssr::infra::server_state::ServerState;

const README: &str = "\
这是本系统保存的您的全部资料：account.json（账号），exams/<考试>/application.json（报名信息、个人信息表和进度），\
exams/<考试>/pictures/（您上传的图片）和 earlier/（被替换前的版本），exams/<考试>/machine_checks.json（系统对图片的自动检查结果），\
payments.json（缴费），notifications.json（通知）。\n\
Everything this installation holds about you: account.json, exams/<exam>/application.json (the application, \
its form and timeline), exams/<exam>/pictures/ (your pictures) and earlier/ (versions you replaced), \
exams/<exam>/machine_checks.json (what the system's automatic checks found in your pictures), \
payments.json and notifications.json.\n";

pub async fn archive(state: &ServerState, account: &Caller<Candidate>) -> Result<Vec<u8>, AppError> {
    let me = account.account();
    let now = state.clock.now();
    let fail = |e| crate::ssr::internal("data archive", e);
    let mut zip = Archive::new();
    zip.text("README.txt", README)?;
    let about_me = json!({
        "id_type": me.id_type, "id_number": me.id_number, "name": me.name, "mobile": me.mobile,
        "email": me.email, "created_at": me.created_at,
    });
    zip.json("account.json", &about_me)?;
    let applications =
        application::Entity::find().filter(application::Column::UserId.eq(me.id)).all(&state.db).await.map_err(fail)?;
    for application in &applications {
        let timeline = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(application.id))
            .filter(application_event::Column::VisibleFrom.lte(now))
            .order_by_asc(application_event::Column::Id)
            .all(&state.db)
            .await
            .map_err(fail)?;
        let form: Value = serde_json::from_str(&application.form).unwrap_or(Value::Null);
        let entry = json!({
            "exam_code": application.exam_code, "form": form, "position_code": application.position_code,
            "pledge_accepted_at": application.pledge_accepted_at, "submitted_at": application.submitted_at,
            "round": application.round,
            "timeline": timeline.iter().map(|e| json!({ "at": e.at, "zh": e.message_zh, "en": e.message_en })).collect::<Vec<_>>(),
        });
        zip.json(&format!("exams/{}/application.json", application.exam_code), &entry)?;
    }
    let pictures = material::Entity::find()
        .filter(material::Column::UserId.eq(me.id))
        .order_by_asc(material::Column::ExamCode)
        .all(&state.db)
        .await
        .map_err(fail)?;
    zip_machine_checks(state, &mut zip, &pictures).await?;
    for picture in &pictures {
        let name = format!(
            "exams/{}/pictures/{}-{:02}.{}",
            picture.exam_code,
            picture.category,
            picture.seq_no,
            extension(&picture.format)
        );
        zip.file(&name, &stored(state, &picture.blob_key).await?)?;
        let earlier = material_version::Entity::find()
            .filter(material_version::Column::MaterialId.eq(picture.id.as_str()))
            .order_by_asc(material_version::Column::UploadedAt)
            .all(&state.db)
            .await
            .map_err(fail)?;
        for (n, version) in earlier.iter().enumerate() {
            let name = format!(
                "exams/{}/earlier/{}-{:02}-{}.{}",
                picture.exam_code,
                picture.category,
                picture.seq_no,
                n + 1,
                extension(&version.format)
            );
            zip.file(&name, &stored(state, &version.blob_key).await?)?;
        }
    }
    let payments = payment_order::Entity::find()
        .filter(payment_order::Column::UserId.eq(me.id))
        .all(&state.db)
        .await
        .map_err(fail)?;
    let payments = serde_json::to_value(&payments).map_err(|e| crate::ssr::internal("data archive", e))?;
    zip.json("payments.json", &payments)?;
    let notices = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::VisibleFrom.lte(now))
        .all(&state.db)
        .await
        .map_err(fail)?;
    let notices: Vec<Value> =
        notices.iter().map(|n| json!({ "at": n.created_at, "zh": n.message_zh, "en": n.message_en })).collect();
    zip.json("notifications.json", &Value::from(notices))?;
    zip.finish()
}

/// What the reviewer's assistant found in each current picture, per exam: the looks advice, the QR
/// code's text, the ID card's number against the account's, the document number read. Comparisons
/// with other people's pictures are theirs too, and are left out.
async fn zip_machine_checks(
    state: &ServerState,
    zip: &mut Archive,
    pictures: &[material::Model],
) -> Result<(), AppError> {
    let findings = picture_finding::by_blob_key(&state.db, pictures.iter().map(|p| p.blob_key.clone()))
        .await
        .map_err(|e| crate::ssr::internal("data archive", e))?;
    let mut by_exam: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
    for picture in pictures {
        let Some(found) = findings.get(&picture.blob_key) else { continue };
        by_exam.entry(&picture.exam_code).or_default().push(json!({
            "category": picture.category, "seq_no": picture.seq_no, "looked_at": found.looked_at,
            "looks_advice": found.looks_advice, "qr": found.qr, "qr_text": found.qr_text,
            "id_number": found.id_number, "id_number_read": found.id_number_read,
            "document_number": found.document_number,
        }));
    }
    for (exam, checks) in by_exam {
        zip.json(&format!("exams/{exam}/machine_checks.json"), &Value::from(checks))?;
    }
    Ok(())
}

fn extension(format: &str) -> &'static str {
    if format == "png" {
        "png"
    } else {
        "jpg"
    }
}

async fn stored(state: &ServerState, key: &str) -> Result<Vec<u8>, AppError> {
    state
        .blobs
        .get(key)
        .await
        .map_err(|e| crate::ssr::internal("data archive file", e))?
        .ok_or_else(|| crate::ssr::internal("data archive file", format!("{key} missing")))
}

/// A ZIP written in memory: texts compressed, pictures (already compressed) stored as they are.
struct Archive(ZipWriter<std::io::Cursor<Vec<u8>>>);

impl Archive {
    fn new() -> Archive {
        Archive(ZipWriter::new(std::io::Cursor::new(Vec::new())))
    }

    fn add(&mut self, name: &str, bytes: &[u8], method: CompressionMethod) -> Result<(), AppError> {
        let options = SimpleFileOptions::default().compression_method(method);
        self.0.start_file(name, options).map_err(|e| crate::ssr::internal("data archive", e))?;
        self.0.write_all(bytes).map_err(|e| crate::ssr::internal("data archive", e))
    }

    fn text(&mut self, name: &str, text: &str) -> Result<(), AppError> {
        self.add(name, text.as_bytes(), CompressionMethod::Deflated)
    }

    fn json(&mut self, name: &str, value: &Value) -> Result<(), AppError> {
        let text = serde_json::to_string_pretty(value).map_err(|e| crate::ssr::internal("data archive", e))?;
        self.text(name, &text)
    }

    fn file(&mut self, name: &str, bytes: &[u8]) -> Result<(), AppError> {
        self.add(name, bytes, CompressionMethod::Stored)
    }

    fn finish(self) -> Result<Vec<u8>, AppError> {
        Ok(self.0.finish().map_err(|e| crate::ssr::internal("data archive", e))?.into_inner())
    }
}
