//! 报名登记表 (registration form, seed 004): for an approved candidate once results are published —
//! the ID photo, the personal form, the diplomas and the résumé as tables, the position chosen and
//! the boxes to be stamped, on one A4 page ("不得跨页打印"). Laid out by the exam's template
//! (shipped: `exams/templates/registration-form.typ`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use app::domain::china_time::china_time;
use app::domain::diploma_rows::diploma_rows_of;
use app::domain::document_kind::DocumentKind;
use app::domain::exam_definition::ExamDefinition;
use app::domain::personal_form::{FieldKind, FormValues};
use app::domain::position_tree::position_path_zh;
use app::domain::record_ids::ExamCode;
use app::domain::registration_code::{sign_registration, RegistrationClaims};
use app::domain::work_resume::check_resume;
use app::domain::year_month::YearMonth;
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::candidate_access;
use app::ssr::access::gate::Candidate;
use app::ssr::application::application_queries;
use app::ssr::infra::inline_qr_svg::inline_qr_svg;
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::id_photo::id_photo;
use super::render::{render_for_exam, DocumentFiles};

/// Who the form is for, as it prints them.
pub struct Person<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub mobile: &'a str,
}

/// The signed-in candidate's registration form for `exam_code`, as a one-page PDF.
pub async fn registration_form_pdf(
    state: &ServerState,
    cell: &FontCell,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
) -> Result<Vec<u8>, AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    let definition = &exam.definition;
    let kind = DocumentKind::RegistrationForm;
    let application = exam.approved_to_print(kind)?;
    let photo = id_photo(state, definition, account.id, exam_code).await?;
    let values = application_queries::form_of(application);
    let person = Person { name: &account.name, id_number: &account.id_number, mobile: &account.mobile };
    let approved_at = application.decided_at.map(|at| china_time(at).zh()).unwrap_or_else(|| "—".to_string());
    let mut data = inputs(definition, &person, &values, application.position_code.as_deref(), &approved_at, &exam.now)
        .ok_or(AppError::NotFound)?;
    let lines = data["resume"].as_array().map_or(0, Vec::len);
    let diplomas = data["diplomas"].as_array().map_or(0, Vec::len);
    data["has_photo"] = Value::Bool(photo.is_some());
    let mut files: DocumentFiles = photo.into_iter().map(|bytes| ("photo.jpg", bytes)).collect();
    // The code the branch scans at the on-site check on the day (现场报名) to find this application.
    let claims = RegistrationClaims { exam_code: exam_code.clone(), application_id: application.id };
    files.extend(with_code(&mut data, &sign_registration(&claims, state.ticket_keys.signing()))?);
    // A long résumé is set smaller before it may spill onto a second page; past that, the
    // candidate is told, never handed two pages the college would refuse.
    let (pdf, pages) = render_for_exam(state, cell, exam_code, kind, data.clone(), files.clone()).await?;
    if pages == 1 {
        return Ok(pdf);
    }
    data["compact"] = Value::Bool(true);
    let (pdf, pages) = render_for_exam(state, cell, exam_code, kind, data, files).await?;
    if pages == 1 {
        return Ok(pdf);
    }
    Err(AppError::invalid_field(
        "resume",
        format!("报名登记表须打印在一页 A4 纸上，当前内容需要 {pages} 页（工作简历 {lines} 行，高等教育学历 {diplomas} 行）；请精简工作简历后再打印"),
        format!("The registration form must fit on one A4 page; it now needs {pages} (the résumé has {lines} lines, higher education {diplomas} rows). Shorten the résumé, then print again"),
    ))
}

/// Puts the form's signed `code` in the data (`has_code`, `code`) and returns its QR code as the
/// file `qr.svg` the template places.
pub fn with_code(data: &mut Value, code: &str) -> Result<DocumentFiles, AppError> {
    data["has_code"] = Value::Bool(true);
    data["code"] = Value::String(code.to_string());
    Ok(vec![("qr.svg", inline_qr_svg(code)?.into_bytes())])
}

/// What the template reads (`sys.inputs`), for a real candidate or the sample one; none when the
/// exam prints no registration form. `has_photo` starts false and `compact` false.
pub fn inputs(
    definition: &ExamDefinition,
    person: &Person,
    values: &FormValues,
    position_code: Option<&str>,
    approved_at: &str,
    now: &DateTime<Utc>,
) -> Option<Value> {
    let spec = definition.registration_form.as_ref()?;
    Some(json!({
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "organiser_zh": definition.organiser_zh,
        "name": person.name,
        "id_number": person.id_number,
        "mobile": person.mobile,
        "fields": fields(definition, values),
        "diplomas": diplomas(definition, values),
        "resume": resume(definition, values),
        "position": position_code.and_then(|code| position_path_zh(&definition.positions, code)),
        "stamps": spec.stamp_boxes.iter().map(|s| json!({ "title_zh": s.title_zh, "title_en": s.title_en })).collect::<Vec<_>>(),
        "has_photo": false,
        "approved_at": approved_at,
        "issued_at": china_time(*now).zh(),
        // 系统使用咨询 (seed 000) at the foot, where the exam gives one.
        "helpline": definition.helpline.as_ref().map(|helpline| helpline.words().0),
        "compact": false,
        "has_code": false,
    }))
}

/// The form's fields but the tables (résumé, diplomas), in the exam's order, as label and value.
fn fields(definition: &ExamDefinition, values: &FormValues) -> Vec<Value> {
    definition
        .form
        .iter()
        .filter(|field| !matches!(field.kind, FieldKind::Resume | FieldKind::Diplomas))
        .map(|field| {
            let value = values.get(&field.key).map(String::as_str).unwrap_or("");
            let shown = match field.kind {
                FieldKind::YearMonth => printed_month(value),
                _ => value.to_string(),
            };
            json!({ "label_zh": field.label_zh, "label_en": field.label_en, "value": shown })
        })
        .collect()
}

/// The diplomas as rows, their months as the form prints months.
fn diplomas(definition: &ExamDefinition, values: &FormValues) -> Vec<Value> {
    diploma_rows_of(&definition.form, values)
        .into_iter()
        .map(|row| {
            json!({
                "level": row.level,
                "school": row.school,
                "major": row.major,
                "entered": printed_month(&row.entered),
                "graduated": printed_month(&row.graduated),
                "number": row.number,
            })
        })
        .collect()
}

/// A month as the form prints it ("2012年7月"); text that is no month, as written.
fn printed_month(text: &str) -> String {
    YearMonth::parse(text).map_or(text.to_string(), YearMonth::text_zh)
}

/// The résumé as periods (from, to, what); lines that do not parse are printed as written.
fn resume(definition: &ExamDefinition, values: &FormValues) -> Vec<Value> {
    let Some(field) = definition.form.iter().find(|f| f.kind == FieldKind::Resume) else { return Vec::new() };
    let text = values.get(&field.key).map(String::as_str).unwrap_or("");
    let began = field.starts_at.as_ref().and_then(|key| values.get(key)).and_then(|v| YearMonth::parse(v));
    match check_resume(text, began) {
        Ok(periods) => periods
            .into_iter()
            .map(|p| {
                json!({
                    "from": p.from.text_zh(),
                    "to": p.to.map_or("至今".to_string(), YearMonth::text_zh),
                    "what": p.description,
                })
            })
            .collect(),
        Err(_) => {
            text.lines().filter(|l| !l.trim().is_empty()).map(|l| json!({ "from": "", "to": "", "what": l })).collect()
        }
    }
}
