//! The fee card's two forms on an approved candidate's exam page (`components/fee_card.rs`):
//! POST /exams/{code}/fee-order, 生成订单 through the gateway chosen, and
//! POST /exams/{code}/fee-order/close, 关闭订单. Each answers by opening the exam page at its fee
//! card (303), or with a plain page naming what was refused and the way back; nothing is changed
//! then.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::components::fee_card::FEE_ANCHOR;
use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::payments::orders;
use app::ssr::ServerState;

use super::plain_page::{refusal_page, WayBack};

pub async fn create_order_form(
    State(state): State<ServerState>,
    session: Session,
    Path(code): Path<ExamCode>,
    form: Multipart,
) -> Response {
    let created = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        let gateway = field(form, "gateway").await;
        orders::create(&state, &account, &code, &gateway).await
    };
    answer(&code, created.await.map(drop))
}

pub async fn close_order_form(
    State(state): State<ServerState>,
    session: Session,
    Path(code): Path<ExamCode>,
    form: Multipart,
) -> Response {
    let closed = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        let order_no = field(form, "order_no").await;
        orders::close(&state, &account, &order_no).await
    };
    answer(&code, closed.await)
}

/// The text of the form's field `name`; empty when it is missing, which the order's own checks
/// then refuse (no gateway of that name, no order of that number).
async fn field(mut form: Multipart, name: &str) -> String {
    while let Ok(Some(part)) = form.next_field().await {
        if part.name() == Some(name) {
            return part.text().await.unwrap_or_default();
        }
    }
    String::new()
}

fn answer(code: &ExamCode, done: Result<(), AppError>) -> Response {
    let exam_page = format!("/exams/{code}#{FEE_ANCHOR}");
    match done {
        Ok(()) => Redirect::to(&exam_page).into_response(),
        Err(error) => {
            refusal_page("缴费", &error, WayBack { href: &exam_page, words: "返回考试页面 · Back to the exam" })
        }
    }
}
