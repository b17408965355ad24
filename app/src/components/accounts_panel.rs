//! 账号管理 on the administration page: find an account by ID number, set a temporary password
//! (shown once, to hand over in person), reset a staff member's two-step sign-in (a lost phone),
//! release an ID number someone else registered, and create further administrators. Every step
//! lands in the audit log.

use leptos::prelude::*;

use crate::api::admin::{
    admin_create_admin, admin_find_account, admin_release_id_number, admin_reset_password, admin_reset_second_factor,
};
use crate::components::account_fields::AccountFields;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::UserId;
use crate::domain::sign_up_form::SignUpFields;
use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::tr;
use crate::models::account::AccountView;

#[component]
pub fn AccountsPanel() -> impl IntoView {
    let wanted = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Option<AccountView>>);
    let temporary = RwSignal::new(None::<String>);
    let released = RwSignal::new(false);
    let second_factor_reset = RwSignal::new(false);
    let failure = RwSignal::new(None::<AppError>);
    let settle = move |outcome: Result<(), AppError>| failure.set(outcome.err());
    let find = Action::new(move |id: &String| {
        let id = id.clone();
        async move {
            temporary.set(None);
            released.set(false);
            second_factor_reset.set(false);
            settle(admin_find_account(id).await.map(|account| found.set(Some(account))));
        }
    });
    let reset = Action::new(move |user_id: &UserId| {
        let user_id = *user_id;
        async move { settle(admin_reset_password(user_id).await.map(|t| temporary.set(Some(t.password)))) }
    });
    let reset_second_factor = Action::new(move |user_id: &UserId| {
        let user_id = *user_id;
        async move { settle(admin_reset_second_factor(user_id).await.map(|()| second_factor_reset.set(true))) }
    });
    let release = Action::new(move |user_id: &UserId| {
        let user_id = *user_id;
        async move { settle(admin_release_id_number(user_id).await.map(|()| released.set(true))) }
    });
    let fields = RwSignal::new(SignUpFields { id_type: "resident_id".into(), ..Default::default() });
    let created = RwSignal::new(None::<String>);
    let create = Action::new(move |_: &()| async move {
        settle(admin_create_admin(fields.get_untracked()).await.map(|account| {
            created.set(Some(account.name));
            fields.set(SignUpFields { id_type: "resident_id".into(), ..Default::default() });
        }))
    });

    view! {
        <section class="card" aria-labelledby="accounts-title">
            <h2 id="accounts-title">{tr("账号管理", "Accounts")}</h2>
            <form class="inline-form" method="post" on:submit=move |ev| { ev.prevent_default(); find.dispatch(wanted.get_untracked()); }>
                <label>{tr("按证件号码查找账号", "Find an account by ID number")}<input name="find-id-number" on:input=move |ev| wanted.set(event_target_value(&ev))/></label>
                <button type="submit" class="button">{tr("查找", "Find")}</button>
            </form>
            {move || found.get().map(|account| match account {
                None => view! { <p role="status">{tr("该证件号码没有注册账号。", "No account is registered under this ID number.")}</p> }.into_any(),
                Some(account) => view! { <FoundAccount account reset reset_second_factor release temporary released second_factor_reset/> }.into_any(),
            })}
            <form class="new-reviewer" method="post" on:submit=move |ev| { ev.prevent_default(); create.dispatch(()); }>
                <h3>{tr("新建管理员账号", "New administrator account")}</h3>
                <AccountFields fields prefix="admin"/>
                <button type="submit" class="button" disabled=move || create.pending().get()>{tr("创建管理员账号", "Create administrator account")}</button>
                {move || created.get().map(|name| view! { <p role="status">{tr("已创建管理员：", "Administrator created: ")}{name}</p> })}
            </form>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </section>
    }
}

#[component]
fn FoundAccount(
    account: AccountView,
    reset: Action<UserId, ()>,
    reset_second_factor: Action<UserId, ()>,
    release: Action<UserId, ()>,
    temporary: RwSignal<Option<String>>,
    released: RwSignal<bool>,
    second_factor_reset: RwSignal<bool>,
) -> impl IntoView {
    let user_id = account.id;
    let staff = account.role != Role::Candidate;
    let second_factor = if account.second_factor { tr("已设置", "Set up") } else { tr("未设置", "Not set up") };
    let confirming_release = RwSignal::new(false);
    view! {
        <dl class="account-found" data-testid="account-found">
            <dt>{tr("姓名", "Name")}</dt><dd>{account.name.clone()}</dd>
            <dt>{tr("证件号码", "ID number")}</dt><dd>{account.id_number_masked.clone()}</dd>
            <dt>{tr("角色", "Role")}</dt><dd>{account.role.as_str()}</dd>
            <dt>{tr("手机", "Mobile")}</dt><dd>{account.mobile_masked.clone()}</dd>
            <dt>{tr("注册时间", "Registered")}</dt><dd><ChinaTimeText at=account.created_at.clone()/></dd>
            {staff.then(|| view! { <dt>{tr("两步验证", "Two-step sign-in")}</dt><dd data-testid="second-factor-state">{second_factor}</dd> })}
        </dl>
        <div class="actions">
            <button type="button" class="button" on:click=move |_| { reset.dispatch(user_id); }>{tr("重置密码", "Reset password")}</button>
            {staff.then(|| view! {
                <button type="button" class="button" on:click=move |_| { reset_second_factor.dispatch(user_id); }>{tr("重置两步验证", "Reset two-step sign-in")}</button>
            })}
            <button type="button" class="button danger" on:click=move |_| confirming_release.set(true)>{tr("释放证件号码", "Release the ID number")}</button>
        </div>
        <Show when=move || confirming_release.get() && !released.get()>
            <p role="alert">
                {tr("仅在核实本人身份证件、确认该账号并非本人注册后释放。释放后该账号无法再登录，证件号码可由本人重新注册。",
                    "Release only after checking the person's identity document and confirming they did not register this account. The account can no longer log in; the number can be registered again by its owner.")}
                <button type="button" class="button danger" on:click=move |_| { release.dispatch(user_id); }>{tr("确认释放", "Confirm release")}</button>
            </p>
        </Show>
        {move || temporary.get().map(|password| view! {
            <p role="status" data-testid="temporary-password">
                {tr("临时密码（只显示这一次，请当面交给本人，并请其登录后修改）：", "Temporary password (shown this once; hand it over in person and ask them to change it): ")}
                <code>{password}</code>
            </p>
        })}
        {move || second_factor_reset.get().then(|| view! {
            <p role="status">{tr("两步验证已重置，该账号的所有登录已退出；本人下次登录时重新设置验证器。", "Two-step sign-in is reset and every session of the account ended; they set up an authenticator at their next sign-in.")}</p>
        })}
        {move || released.get().then(|| view! { <p role="status">{tr("证件号码已释放，本人现在可以重新注册。", "The ID number is released; its owner can sign up now.")}</p> })}
    }
}
