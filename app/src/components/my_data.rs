//! 我的资料, below the password on the account page (个人信息保护法): download everything held
//! about oneself as one archive, or delete the account. Plain HTML — a link and a form that posts
//! itself — rendered by the server alone, so it costs the candidate's download nothing. Where the
//! registration system signs candidates in, an account it made (no password) confirms there.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn MyData() -> impl IntoView {
    let through_provider = crate::components::registration_system_sign_in::offered();
    view! {
        <section class="card" aria-labelledby="my-data-title">
            <h2 id="my-data-title">{tr("我的资料", "My data")}</h2>
            <p>
                <a class="button secondary" href="/api/my-data.zip" download="zige-my-data.zip">
                    {tr("下载我的全部资料（ZIP）", "Download all my data (ZIP)")}
                </a>
            </p>
            <form class="form" method="post" action="/account/delete" enctype="multipart/form-data">
                <p class="muted">{tr(
                    "注销账户将删除您上传的图片和填写的信息；报考的考试仍须保留资料时不能注销。",
                    "Deleting the account deletes your pictures and forms; it is refused while an exam you applied to still keeps them."
                )}</p>
                <label>
                    {tr("密码", "Password")}
                    <input name="password" type="password" autocomplete="current-password" required=!through_provider/>
                </label>
                {through_provider.then(|| view! {
                    <p class="muted">{tr(
                        "用报名系统账号登录、在本系统没有密码的，密码留空：随后在报名系统重新登录以确认身份。",
                        "Signed in with the registration system and no password here? Leave it empty: you then log in at the registration system again to confirm it is you."
                    )}</p>
                })}
                <button type="submit" class="button">{tr("注销账户", "Delete my account")}</button>
            </form>
        </section>
    }
}
