//! 准考证 (admission ticket, seed 002 (七)): for an approved candidate — who paid, where the exam
//! charges a fee — once the ticket window opens and a seat is given: photo, name, masked ID
//! number, exam, ticket number, room and seat, the sessions, the rules for the day, and a QR code
//! whose signed text any verifier checks offline (`domain::ticket_code`). Laid out by the exam's
//! template (shipped: `exams/templates/admission-ticket.typ`).

use chrono::{DateTime, FixedOffset, Utc};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde_json::{json, Value};

use app::domain::admission_ticket::TicketSpec;
use app::domain::china_time::{china_time, ChinaTime};
use app::domain::document_kind::DocumentKind;
use app::domain::exam_definition::ExamDefinition;
use app::domain::fee_status::FeeStatus;
use app::domain::record_ids::ExamCode;
use app::domain::ticket_code::{sign_ticket, TicketClaims};
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::candidate_access;
use app::ssr::access::gate::Candidate;
use app::ssr::application::fee_status;
use app::ssr::entities::application;
use app::ssr::tickets::seats_given::seat_of;
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::id_photo::id_photo;
use super::render::{render_for_exam, DocumentFiles};

/// The signed-in candidate's admission ticket for `exam_code`, as PDF.
pub async fn ticket_pdf(
    state: &ServerState,
    cell: &FontCell,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
) -> Result<Vec<u8>, AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    let definition = &exam.definition;
    let spec = definition.ticket.as_ref().ok_or(AppError::NotFound)?;
    let application = exam.approved_application().ok_or_else(|| {
        not_yet(
            "审核通过并公布结果后才能打印准考证",
            "The ticket can be printed once the application is approved and results are published",
        )
    })?;
    if exam.now < spec.opens {
        let opens = ChinaTime::of(&spec.opens).zh();
        return Err(not_yet(format!("准考证将于 {opens} 开放打印"), format!("Tickets can be printed from {opens}")));
    }
    if !fee_settled(state, definition, application).await? {
        return Err(not_yet("缴费成功后才能打印准考证", "The ticket can be printed once the fee is paid"));
    }
    let seat = seat_of(state, application.id).await?.ok_or_else(|| {
        not_yet(
            "考场座位尚在安排，请稍后再来打印准考证",
            "Your room and seat are not assigned yet; come back to print the ticket later",
        )
    })?;
    let claims = TicketClaims {
        ticket_no: seat.ticket_no.clone(),
        name: account.name.clone(),
        id_masked: account.masked_id_number(),
        valid_until: spec.valid_until.timestamp(),
    };
    let code = sign_ticket(&claims, state.ticket_keys.signing());
    let photo = id_photo(state, definition, account.id, exam_code).await?;
    let seat = Seat { ticket_no: &seat.ticket_no, room_code: &seat.room_code, seat_no: seat.seat_no };
    let (mut data, mut files) = inputs(definition, &claims, &seat, &code, &exam.now).ok_or(AppError::NotFound)?;
    data["has_photo"] = json!(photo.is_some());
    files.extend(photo.map(|bytes| ("photo.jpg", bytes)));
    Ok(render_for_exam(state, cell, exam_code, DocumentKind::AdmissionTicket, data, files).await?.0)
}

/// Where a candidate sits.
pub struct Seat<'a> {
    pub ticket_no: &'a str,
    pub room_code: &'a str,
    pub seat_no: i32,
}

/// What the template reads (`sys.inputs`) and the QR code beside it (`qr.svg`), for a real
/// candidate or the sample one; none when the exam prints no tickets. `has_photo` starts false.
pub fn inputs(
    definition: &ExamDefinition,
    claims: &TicketClaims,
    seat: &Seat,
    code: &str,
    now: &DateTime<Utc>,
) -> Option<(Value, DocumentFiles)> {
    let spec = definition.ticket.as_ref()?;
    let qr = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M)
        .ok()?
        .render::<svg::Color>()
        .min_dimensions(400, 400)
        .build();
    let data = json!({
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "organiser_zh": definition.organiser_zh,
        "name": claims.name,
        "id_number": claims.id_masked,
        "ticket_no": seat.ticket_no,
        "room": room_names(spec, seat.room_code),
        "seat": seat.seat_no,
        "sessions": spec.sessions.iter().map(|s| json!({
            "name_zh": s.name_zh,
            "name_en": s.name_en,
            "when": sitting_when(&s.starts, &s.ends),
        })).collect::<Vec<_>>(),
        "rules_zh": spec.rules_zh,
        "rules_en": spec.rules_en,
        "valid_until": ChinaTime::of(&spec.valid_until).zh(),
        "code": code,
        "has_photo": false,
        "issued_at": china_time(*now).zh(),
    });
    Some((data, vec![("qr.svg", qr.into_bytes())]))
}

/// A sitting as the ticket prints it: "2027-09-05 09:00–11:00 北京时间".
fn sitting_when(starts: &DateTime<FixedOffset>, ends: &DateTime<FixedOffset>) -> String {
    let (starts, ends) = (ChinaTime::of(starts), ChinaTime::of(ends));
    // A sitting ends on the day it starts: the end is its clock time alone ("11:00").
    let end_time = ends.wall_clock().split_once(' ').map_or("", |(_, time)| time);
    format!("{}–{end_time} 北京时间", starts.wall_clock())
}

fn not_yet(zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::invalid_field("ticket", zh, en)
}

/// Paid, or nothing to pay (`FeeStatus`, the answer the on-site check and the seating read too).
async fn fee_settled(
    state: &ServerState,
    definition: &ExamDefinition,
    application: &application::Model,
) -> Result<bool, AppError> {
    let status = fee_status::fee_status(&state.db, definition, application.id).await?.status;
    Ok(matches!(status, FeeStatus::Paid | FeeStatus::NotRequired))
}

/// "第一教学楼 101 室 / Teaching building 1, room 101"; the code alone if the room left the file.
fn room_names(spec: &TicketSpec, code: &str) -> Value {
    match spec.rooms.iter().find(|room| room.code == code) {
        Some(room) => json!({ "zh": room.name_zh, "en": room.name_en }),
        None => json!({ "zh": code, "en": code }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitting_written_in_another_offset_is_printed_on_china_s_clock() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        let (starts, ends) = (at("2027-09-05T02:00:00+01:00"), at("2027-09-05T04:00:00+01:00"));
        assert_eq!(sitting_when(&starts, &ends), "2027-09-05 09:00–11:00 北京时间");
    }
}
