//! 个人信息's 证件有效期 (seed 002): the document's last valid day as the account keeps it, and a
//! plain form to give the new one once the document is renewed (请关注本人身份证有效期 then goes).
//! Rendered by the server after the page's island, posted as the page's other plain form is
//! (`/account/delete`), so it costs the candidate's download nothing; the server judges it with
//! `IdValidity::parse`, as at sign-up.

use leptos::prelude::*;

use crate::api::own_id_validity::own_id_validity;
use crate::api::server_resource::server_resource;
use crate::domain::id_validity::{IdValidity, LONG_TERM};
use crate::i18n::{tr, use_lang};

#[component]
pub fn IdValidityCard() -> impl IntoView {
    let lang = use_lang();
    let kept = server_resource(|| (), |_| own_id_validity());
    let just_saved =
        leptos_router::hooks::use_query_map().with_untracked(|query| query.get_str("id_validity") == Some("saved"));
    view! {
        <section class="card" id="id-validity" aria-labelledby="id-validity-title" data-testid="id-validity-card">
            <h2 id="id-validity-title">{tr("证件有效期", "Document validity")}</h2>
            {just_saved.then(|| view! { <p class="notice" role="status">{tr("已保存。", "Saved.")}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let kept = kept.await.ok().flatten().and_then(|text| IdValidity::from_stored(&text));
                    let (zh, en) = match kept {
                        Some(IdValidity::Until(day)) => (format!("证件有效期至 {day}"), format!("Valid until {day}")),
                        Some(IdValidity::LongTerm) => ("长期有效".to_string(), "Long-term".to_string()),
                        None => ("尚未填写".to_string(), "Not given yet".to_string()),
                    };
                    view! { <p>{move || lang.get().pick(zh.clone(), en.clone())}</p> }
                })}
            </Suspense>
            <form class="form" method="post" action="/account/id-validity" enctype="multipart/form-data">
                <label>
                    {tr("新的有效期截止日期（换领证件后填写）", "New last valid day (after renewing the document)")}
                    <input name="id_valid_until" type="date"/>
                </label>
                <label class="inline-choice">
                    <input name="id_valid_until" type="checkbox" value=LONG_TERM/>
                    {tr("长期有效", "Long-term (never expires)")}
                </label>
                <button type="submit" class="button secondary">{tr("保存", "Save")}</button>
            </form>
        </section>
    }
}
