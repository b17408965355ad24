//! A made-up candidate, 张三, for each document: what an administrator's template is laid out with
//! before it is saved, and what its preview shows. Every form field is filled and a position
//! chosen, so a template that prints any of them is tried on it; the data takes exactly the shape
//! a real candidate's takes, because it goes through the same `inputs` functions.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use app::domain::china_time::china_time;
use app::domain::document_kind::DocumentKind;
use app::domain::personal_form::{FieldKind, FormValues};
use app::domain::position_tree::PositionNode;
use app::domain::record_ids::ApplicationId;
use app::domain::registration_code::{sign_registration, RegistrationClaims};
use app::domain::ticket_code::{sign_ticket, TicketClaims};
use app::domain::{ApplicationState, ExamDefinition};

use super::render::DocumentFiles;
use super::{
    admission_ticket, introduction_letter, material_handover, payment_receipt, registration_form, upload_receipt,
};

const NAME: &str = "张三（示例）";
const ID_NUMBER: &str = "110101199003077777";
const ID_MASKED: &str = "1101**********7777";
const MOBILE: &str = "13800000000";

/// The sample's data and files for `kind` of `exam`; none when the exam does not print it.
pub fn sample(kind: DocumentKind, exam: &ExamDefinition, now: &DateTime<Utc>) -> Option<(Value, DocumentFiles)> {
    match kind {
        DocumentKind::UploadReceipt => Some((receipt(exam, now), Vec::new())),
        DocumentKind::PaymentReceipt => {
            let order = payment_receipt::PaidOrder {
                order_no: "ZG0000000000000000SAMPLE",
                amount_fen: u64::from(exam.fee.as_ref()?.amount_fen),
                gateway_zh: "微信支付",
                gateway_en: "WeChat Pay",
                transaction: "4200000000202601010000000000",
                paid_at: *now,
            };
            let holder = upload_receipt::Holder { name: NAME, id_masked: ID_MASKED };
            Some((payment_receipt::inputs(exam, &holder, &order, &china_time(*now).zh()), Vec::new()))
        }
        DocumentKind::RegistrationForm => {
            let person = registration_form::Person { name: NAME, id_number: ID_NUMBER, mobile: MOBILE };
            let values = form_values(exam);
            let position = first_leaf(&exam.positions).map(|leaf| leaf.code.as_str());
            let mut data = registration_form::inputs(exam, &person, &values, position, &china_time(*now).zh(), now)?;
            with_photo(&mut data);
            let mut files = registration_form::with_code(&mut data, &registration_code(exam)).ok()?;
            files.extend(photo());
            Some((data, files))
        }
        DocumentKind::IntroductionLetter => {
            let person = registration_form::Person { name: NAME, id_number: ID_NUMBER, mobile: MOBILE };
            let position = first_leaf(&exam.positions).map(|leaf| leaf.code.as_str());
            let mut data = introduction_letter::inputs(exam, &person, &form_values(exam), position, now)?;
            let files = registration_form::with_code(&mut data, &registration_code(exam)).ok()?;
            Some((data, files))
        }
        DocumentKind::MaterialHandover => {
            // Every original seen and every kept one received, but what others stand in for.
            let items = &exam.on_site.as_ref()?.items;
            let stood_in_for: Vec<&str> = items.iter().filter_map(|item| item.stands_in_for.as_deref()).collect();
            let seen: Vec<String> = items
                .iter()
                .map(|item| item.code.clone())
                .filter(|code| !stood_in_for.contains(&code.as_str()))
                .collect();
            let at = china_time(*now).zh();
            let handover = material_handover::Handover {
                name: NAME,
                id_masked: ID_MASKED,
                seen: &seen,
                received: &seen,
                decided_by: "王审核（示例）",
                decided_at: &at,
            };
            Some((material_handover::inputs(exam, &handover, now)?, Vec::new()))
        }
        DocumentKind::AdmissionTicket => {
            let spec = exam.ticket.as_ref()?;
            let room = spec.rooms.first().map_or("101", |room| room.code.as_str());
            let ticket_no = format!("{}-{room}-01", exam.code);
            let claims = TicketClaims {
                ticket_no: ticket_no.clone(),
                name: NAME.to_string(),
                id_masked: ID_MASKED.to_string(),
                valid_until: spec.valid_until.timestamp(),
            };
            // Signed with a key of its own: a sample's code never verifies as a real ticket.
            let code = sign_ticket(&claims, &ed25519_dalek::SigningKey::from_bytes(&[7; 32]));
            let seat = admission_ticket::Seat { ticket_no: &ticket_no, room_code: room, seat_no: 1 };
            let (mut data, mut files) = admission_ticket::inputs(exam, &claims, &seat, &code, now)?;
            with_photo(&mut data);
            files.extend(photo());
            Some((data, files))
        }
    }
}

/// Signed with a key of its own: a sample's code finds no one at the on-site check.
fn registration_code(exam: &ExamDefinition) -> String {
    let claims = RegistrationClaims { exam_code: exam.code.clone(), application_id: ApplicationId(0) };
    sign_registration(&claims, &ed25519_dalek::SigningKey::from_bytes(&[7; 32]))
}

fn receipt(exam: &ExamDefinition, now: &DateTime<Utc>) -> Value {
    let files: Vec<upload_receipt::ReceiptFile> = exam
        .categories
        .iter()
        .map(|category| upload_receipt::ReceiptFile {
            category: &category.code,
            seq_no: 1,
            name: "scan.jpg",
            bytes: 245_760,
            pixels: (1240, 1754),
            sha256: "0".repeat(64),
            uploaded_at: *now,
        })
        .collect();
    let holder = upload_receipt::Holder { name: NAME, id_masked: ID_MASKED };
    upload_receipt::inputs(exam, &holder, ApplicationState::Submitted, &china_time(*now).zh(), &files, now)
}

/// Every field filled as a careful candidate would: the first choice, a date, text up to its
/// limit, a résumé of two periods from 参加工作时间, one diploma.
fn form_values(exam: &ExamDefinition) -> FormValues {
    exam.form
        .iter()
        .map(|field| {
            let value = match field.kind {
                FieldKind::Choice => field.options.first().cloned().unwrap_or_default(),
                FieldKind::YearMonth => "2015-07".to_string(),
                FieldKind::Resume => {
                    "2015.7-2019.6，示例市示例局，科员\n2019.7至今，示例市示例局，副主任科员".to_string()
                }
                FieldKind::Diplomas => {
                    ["大学本科", "示例大学", "法学", "2005-09", "2009-07", "104221200905001234"].join("\t")
                }
                FieldKind::Text => {
                    let limit = field.max_chars().unwrap_or(20) as usize;
                    format!("示例{}", field.label_zh).chars().take(limit).collect()
                }
            };
            (field.key.clone(), value)
        })
        .collect()
}

fn first_leaf(tree: &[PositionNode]) -> Option<&PositionNode> {
    let node = tree.first()?;
    if node.children.is_empty() {
        Some(node)
    } else {
        first_leaf(&node.children)
    }
}

fn with_photo(data: &mut Value) {
    data["has_photo"] = json!(true);
}

/// The white-background ID photo shipped with the presets' examples.
fn photo() -> DocumentFiles {
    app::ssr::exams::presets::example("examples/id-photo-white.jpg")
        .map(|bytes| ("photo.jpg", bytes))
        .into_iter()
        .collect()
}
