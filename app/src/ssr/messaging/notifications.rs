//! In-app notifications and the emails, text messages and 公众号 messages that go with them. Everything here is
//! written inside the caller's transaction, so a decision and the news of it are stored together
//! or not at all; the outbox worker sends the emails and texts afterwards.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::models::feedback::NotificationView;
use crate::ssr::messaging::official_account_binding;
use crate::ssr::messaging::text_template::{TextMessage, TextTemplate};
use crate::ssr::{entities::notification, entities::outbox_message, entities::user};

pub struct News<'a> {
    pub recipient: &'a user::Model,
    pub message_zh: String,
    pub message_en: String,
    pub link: String,
    pub at: DateTime<Utc>,
    /// Nothing is shown or sent before this (a result waits for the results time).
    pub visible_from: DateTime<Utc>,
    /// A result: the exam whose results time holds it, so moving that time moves the news.
    pub held_for_results_of: Option<&'a str>,
    /// The text message, as the gateway's template that says it; None where no template says
    /// it (the person is told on the page and by email alone).
    pub text: Option<TextMessage>,
}

/// One email or text message for the outbox.
pub(crate) struct Outgoing<'a> {
    pub channel: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub at: DateTime<Utc>,
    pub not_before: DateTime<Utc>,
    pub held_for_results_of: Option<&'a str>,
    /// A text's template and values (gateways send nothing else); None for an email.
    pub text: Option<&'a TextMessage>,
    /// The site's path a 公众号 message leads to (its own field there); None otherwise.
    pub link: Option<&'a str>,
}

/// The outbox's channel of the authority's 公众号 (seeds 001/003).
pub const OFFICIAL_ACCOUNT_CHANNEL: &str = "official_account";
/// The news a 公众号 carries, to a candidate who bound it: an application returned, a result out
/// (codes go to the mobile they prove; a listed candidate has no account to have bound one).
pub const OFFICIAL_ACCOUNT_CARRIES: [TextTemplate; 2] = [TextTemplate::ReviewReturned, TextTemplate::ResultPublished];

/// An in-app notification, an email (when the person gave an address), a text message, and a
/// 公众号 message where the person bound one.
pub async fn tell(db: &impl ConnectionTrait, news: News<'_>) -> Result<(), AppError> {
    notification::ActiveModel {
        user_id: Set(news.recipient.id),
        created_at: Set(news.at),
        visible_from: Set(news.visible_from),
        message_zh: Set(news.message_zh.clone()),
        message_en: Set(news.message_en.clone()),
        link: Set(news.link.clone()),
        read_at: Set(None),
        held_for_results_of: Set(news.held_for_results_of.map(str::to_string)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let subject = format!("【资格】{}", first_line(&news.message_zh));
    let body = format!("{}\n\n{}\n\n{}", news.message_zh, news.message_en, news.link);
    if let Some(email) = news.recipient.email.as_deref().filter(|e| !e.is_empty()) {
        let message = Outgoing {
            channel: "email",
            recipient: email,
            subject: &subject,
            body: &body,
            at: news.at,
            not_before: news.visible_from,
            held_for_results_of: news.held_for_results_of,
            text: None,
            link: None,
        };
        enqueue(db, message).await?;
    }
    if let (false, Some(text)) = (news.recipient.mobile.is_empty(), &news.text) {
        let message = Outgoing {
            channel: "sms",
            recipient: &news.recipient.mobile,
            subject: &subject,
            body: &news.message_zh,
            at: news.at,
            not_before: news.visible_from,
            held_for_results_of: news.held_for_results_of,
            text: Some(text),
            link: None,
        };
        enqueue(db, message).await?;
    }
    if let Some(text) = news.text.as_ref().filter(|text| OFFICIAL_ACCOUNT_CARRIES.contains(&text.template)) {
        if let Some(binding) = official_account_binding::binding_of(db, news.recipient.id).await? {
            let message = Outgoing {
                channel: OFFICIAL_ACCOUNT_CHANNEL,
                recipient: &binding.openid,
                subject: &subject,
                body: &news.message_zh,
                at: news.at,
                not_before: news.visible_from,
                held_for_results_of: news.held_for_results_of,
                text: Some(text),
                link: Some(&news.link),
            };
            enqueue(db, message).await?;
        }
    }
    Ok(())
}

/// Queues the message; its outbox row's id.
pub(crate) async fn enqueue(db: &impl ConnectionTrait, message: Outgoing<'_>) -> Result<i32, AppError> {
    let row = outbox_message::ActiveModel {
        channel: Set(message.channel.to_string()),
        recipient: Set(message.recipient.to_string()),
        subject: Set(message.subject.to_string()),
        body: Set(message.body.to_string()),
        created_at: Set(message.at),
        not_before: Set(message.not_before),
        attempts: Set(0),
        next_attempt_at: Set(message.not_before),
        claimed_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        held_for_results_of: Set(message.held_for_results_of.map(str::to_string)),
        text_template: Set(message.text.map(|text| text.template.as_str().to_string())),
        text_params: Set(message.text.map(TextMessage::params_json)),
        given_up_at: Set(None),
        link: Set(message.link.map(str::to_string)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").chars().take(60).collect()
}

/// The person's notifications visible now, newest first.
pub async fn visible(
    db: &DatabaseConnection,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<NotificationView>, AppError> {
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::VisibleFrom.lte(now))
        .order_by_desc(notification::Column::VisibleFrom)
        .order_by_desc(notification::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| NotificationView {
            id: r.id,
            at: crate::domain::china_time::china_time(r.visible_from),
            message_zh: r.message_zh,
            message_en: r.message_en,
            link: r.link,
            read: r.read_at.is_some(),
        })
        .collect())
}

/// How many of the person's visible notifications are unread, for the header.
pub async fn unread_count(db: &DatabaseConnection, user_id: UserId, now: DateTime<Utc>) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::VisibleFrom.lte(now))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks all of the person's visible notifications read.
pub async fn mark_all_read(db: &DatabaseConnection, user_id: UserId, now: DateTime<Utc>) -> Result<(), AppError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(now))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::VisibleFrom.lte(now))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
