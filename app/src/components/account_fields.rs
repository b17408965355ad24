//! The five fields an administrator fills in for a new staff account (reviewer or administrator),
//! checked on the server by the sign-up's own rules. Inputs are named `{prefix}-name`,
//! `{prefix}-id`, `{prefix}-mobile`, `{prefix}-email` and `{prefix}-password`.

use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::i18n::tr;

#[component]
pub fn AccountFields(fields: RwSignal<SignUpFields>, prefix: &'static str) -> impl IntoView {
    let bind = move |set: fn(&mut SignUpFields, String)| {
        move |ev: leptos::ev::Event| fields.update(|f| set(f, event_target_value(&ev)))
    };
    let shown = move |get: fn(&SignUpFields) -> String| move || fields.with(get);
    view! {
        <label>{tr("姓名", "Name")}<input name=format!("{prefix}-name") prop:value=shown(|f| f.name.clone()) on:input=bind(|f, v| f.name = v)/></label>
        <label>{tr("身份证号码", "Resident ID number")}<input name=format!("{prefix}-id") prop:value=shown(|f| f.id_number.clone()) on:input=bind(|f, v| f.id_number = v)/></label>
        <label>{tr("手机号码", "Mobile")}<input name=format!("{prefix}-mobile") prop:value=shown(|f| f.mobile.clone()) on:input=bind(|f, v| f.mobile = v)/></label>
        <label>{tr("电子邮箱（选填）", "Email (optional)")}<input name=format!("{prefix}-email") type="email" prop:value=shown(|f| f.email.clone()) on:input=bind(|f, v| f.email = v)/></label>
        <label>{tr("初始密码", "Initial password")}<input name=format!("{prefix}-password") type="password" autocomplete="new-password" prop:value=shown(|f| f.password.clone()) on:input=bind(|f, v| f.password = v)/></label>
    }
}
