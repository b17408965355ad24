//! 被搁置的账号, for administrators: each self-made account set aside because the registration
//! system vouched for the holder of the ID number it held (`accounts::number_claim`), with both
//! sides' facts — the name and mobile typed at sign-up and since when, its applications (held),
//! and the vouched person's name and mobile as the registration system signed them — so staff can
//! see who squatted and settle what the held applications need.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::domain::china_time::china_time;
use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::models::admin::SetAsideAccount;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::entities::{application, set_aside_account, user};
use crate::ssr::infra::audit::masked_id_number;
use crate::ssr::messaging::masked_recipient::masked_recipient;

/// The newest cases first (at most 200: the list is for settling, the audit keeps every one).
#[tracing::instrument(skip_all, fields(user = %admin.id))]
pub async fn list(db: &DatabaseConnection, admin: &Caller<Admin>) -> Result<Vec<SetAsideAccount>, AppError> {
    let cases = set_aside_account::Entity::find()
        .order_by_desc(set_aside_account::Column::SetAsideAt)
        .order_by_desc(set_aside_account::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let ids: Vec<UserId> = cases.iter().flat_map(|c| [c.set_aside_user_id, c.vouched_user_id]).collect();
    let people: HashMap<UserId, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let held_ids: Vec<UserId> = cases.iter().map(|c| c.set_aside_user_id).collect();
    let mut held: HashMap<UserId, Vec<application::Model>> = HashMap::new();
    for row in application::Entity::find().filter(application::Column::UserId.is_in(held_ids)).all(db).await? {
        held.entry(row.user_id).or_default().push(row);
    }
    Ok(cases
        .into_iter()
        .filter_map(|case| {
            let holder = people.get(&case.set_aside_user_id)?;
            let vouched = people.get(&case.vouched_user_id)?;
            let applications = held.remove(&holder.id).unwrap_or_default();
            Some(SetAsideAccount {
                at: china_time(case.set_aside_at),
                id_number_masked: masked_id_number(&vouched.id_number),
                held_by_name: holder.name.clone(),
                held_by_mobile_masked: masked_recipient(&holder.mobile),
                held_by_mobile_verified: holder.mobile_verified_at.is_some(),
                held_since: china_time(holder.created_at),
                held_applications_zh: applications
                    .iter()
                    .map(|a| format!("{} · {}", a.exam_code, a.state.label_zh()))
                    .collect(),
                held_applications_en: applications
                    .iter()
                    .map(|a| format!("{} · {}", a.exam_code, a.state.label_en()))
                    .collect(),
                vouched_name: vouched.name.clone(),
                vouched_mobile_masked: masked_recipient(&vouched.mobile),
                vouched_by: case.issuer,
            })
        })
        .collect())
}
