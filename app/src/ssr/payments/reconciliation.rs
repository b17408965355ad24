//! The daily reconciliation (对账): every order of an exam that was made, paid, closed or refunded
//! on a day (in the exam's own offset), beside every notification its gateway sent for it, so the
//! finance office can match Zige against the gateway's statement line by line.

use chrono::{NaiveDate, TimeZone};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::china_time::china_time;
use crate::domain::exam_fee::format_yuan;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::entities::{payment_notice, payment_order};
use crate::ssr::exams::exam_store;
use crate::ssr::infra::server_state::ServerState;

use super::notice_outcomes::FOR_STAFF;

pub const HEADER: [&str; 10] = [
    "订单号 Order",
    "渠道 Gateway",
    "金额 Amount",
    "状态 State",
    "交易号 Transaction",
    "下单（北京时间）Created (Beijing time)",
    "支付（北京时间）Paid (Beijing time)",
    "通知数 Notices",
    "通知结果 Outcomes",
    "待处理 For staff",
];

#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %exam_code))]
pub async fn rows(
    state: &ServerState,
    admin: &Caller<Admin>,
    exam_code: &ExamCode,
    day: NaiveDate,
) -> Result<Vec<[String; 10]>, AppError> {
    let definition = exam_store::load(&state.db, exam_code).await?.ok_or(AppError::NotFound)?;
    let offset = definition.windows.offset();
    let start = offset
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .single()
        .ok_or(AppError::NotFound)?
        .with_timezone(&chrono::Utc);
    let end = start + chrono::Duration::days(1);
    let in_day = |column: payment_order::Column| Condition::all().add(column.gte(start)).add(column.lt(end));
    let orders = payment_order::Entity::find()
        .filter(payment_order::Column::ExamCode.eq(exam_code))
        .filter(
            Condition::any()
                .add(in_day(payment_order::Column::CreatedAt))
                .add(in_day(payment_order::Column::PaidAt))
                .add(in_day(payment_order::Column::ClosedAt))
                .add(in_day(payment_order::Column::RefundedAt)),
        )
        .order_by_asc(payment_order::Column::Id)
        .all(&state.db)
        .await?;
    let numbers: Vec<&str> = orders.iter().map(|o| o.order_no.as_str()).collect();
    let notices = payment_notice::Entity::find()
        .filter(payment_notice::Column::OrderNo.is_in(numbers))
        .order_by_asc(payment_notice::Column::Id)
        .all(&state.db)
        .await?;
    Ok(orders
        .iter()
        .map(|order| {
            let own: Vec<_> = notices.iter().filter(|n| n.order_no == order.order_no).collect();
            let outcomes = own.iter().map(|n| n.outcome.as_str()).collect::<Vec<_>>().join(" ");
            let waiting =
                own.iter().filter(|n| FOR_STAFF.contains(&n.outcome.as_str()) && n.settled_at.is_none()).count();
            [
                order.order_no.clone(),
                order.gateway.clone(),
                format_yuan(order.amount()),
                order.state.as_str().to_string(),
                order.paid_txn.clone().unwrap_or_default(),
                china_time(order.created_at).wall_clock().to_string(),
                order.paid_at.map(|at| china_time(at).wall_clock().to_string()).unwrap_or_default(),
                own.len().to_string(),
                outcomes,
                waiting.to_string(),
            ]
        })
        .collect())
}
