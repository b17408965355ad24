//! Sign-up: the form is judged in the browser by the same `SignUpForm::parse` (and, for the
//! document's validity, `IdValidity::parse`) the server runs; once they pass, seed 002's check
//! step asks the type, the number and the name again (`sign_up_check_step`), and only then is the
//! account made. The checks and the step come in a chunk of their own (`sign_up_checks`), fetched
//! when the form is sent: no page's first load carries them, and the pages every candidate opens
//! have no bytes to spare (`docs/benchmarks.md`).
//! Where the installation texts codes, the mobile typed is proved by the code sent to it
//! (获取验证码; `accounts::sign_up_codes`).

use leptos::prelude::*;

use crate::api::{send_sign_up_code, sign_up};
use crate::auth_flow::after_sign_in;
use crate::components::error_note::ErrorNote;
#[cfg(feature = "hydrate")]
use crate::domain::china_day::china_day_of;
use crate::domain::id_validity::LONG_TERM;
use crate::domain::mobile_number::normalized_mobile;
use crate::domain::sign_up_form::{FieldError, SignUpFields};
use crate::domain::IdType;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::island_in_chunk::island_in_chunk;
use crate::island_page::provide_island_contexts;
use crate::models::account::SessionUser;

/// Whether the installation asks for the texted code. The server knows; the browser reads it off
/// the page the server rendered (the code's field carries `data-sign-up-code`), as an island's
/// props would bring a JSON decoder into the candidate's download.
fn asks_for_code() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::infra::server_state::server_state().is_ok_and(|state| state.sign_up_code)
    }
    #[cfg(not(feature = "ssr"))]
    {
        document().query_selector("[data-sign-up-code]").ok().flatten().is_some()
    }
}

island_in_chunk! {
    /// An island: the page's code, live without the app around it (`island_page`), in a chunk of
    /// its own (`island_in_chunk`).
    pub fn SignUpPage => content, chunk sign_up_page
}

/// The island's content.
fn content() -> impl IntoView {
    provide_island_contexts();
    let mobile_code = asks_for_code();
    let lang = use_lang();
    let fields = RwSignal::new(SignUpFields { id_type: IdType::ResidentId.as_str().to_string(), ..Default::default() });
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    // Seed 002's check step, shown once the form passed its checks (`sign_up_check_step`).
    let checking = RwSignal::new(false);
    let submit = Action::new(move |fields: &SignUpFields| {
        let fields = fields.clone();
        async move {
            let outcome = sign_up(fields).await;
            if let Ok(me) = &outcome {
                after_sign_in(me.role);
            }
            outcome
        }
    });
    let code_missing = move |current: &SignUpFields| {
        (mobile_code && current.mobile_code.trim().len() != 6).then(|| {
            FieldError::new(
                "mobile_code",
                "请填写发送到手机的 6 位短信验证码",
                "Type the 6-digit code texted to your mobile",
            )
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = fields.get_untracked();
        let code_problem = code_missing(&current);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let today = chrono::DateTime::from_timestamp_millis(crate::client::now_millis()).map(china_day_of);
            // A check that cannot arrive (the network gone) leaves the judging to the server.
            let mut errors = match today {
                Some(today) => checks::problems(current.clone(), today).await.unwrap_or_default(),
                None => Vec::new(),
            };
            errors.extend(code_problem);
            if errors.is_empty() {
                field_errors.set(Vec::new());
                checking.set(true);
            } else {
                field_errors.set(errors);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (current, code_problem);
    };
    let code_sent = Action::new(move |mobile: &String| send_sign_up_code(mobile.clone()));
    let ask_for_code = move |_| match normalized_mobile(&fields.with_untracked(|f| f.mobile.clone())) {
        Some(mobile) => {
            field_errors.update(|errors| errors.retain(|e| e.field != "mobile"));
            code_sent.dispatch(mobile);
        }
        None => field_errors.set(vec![FieldError::new(
            "mobile",
            "手机号码应为 11 位数字，以 1 开头",
            "The mobile number must be 11 digits starting with 1",
        )]),
    };
    let error_for = move |field: &'static str| {
        move || {
            field_errors.with(|errors| {
                errors.iter().find(|e| e.field == field).map(|e| {
                    let text = lang.get().pick(e.message_zh.clone(), e.message_en.clone());
                    view! { <span class="field-error" role="alert">{text}</span> }
                })
            })
        }
    };
    let bind = move |set: fn(&mut SignUpFields, String)| {
        move |ev: leptos::ev::Event| fields.update(|f| set(f, event_target_value(&ev)))
    };

    view! {
        <h1>{tr("注册", "Sign up")}</h1>
        <form class="card form" method="post" on:submit=on_submit novalidate>
            <label>
                {tr("证件类型", "Document type")}
                <select name="id_type" on:change=bind(|f, v| f.id_type = v)>
                    {IdType::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str() selected=move || fields.with(|f| f.id_type == t.as_str())>
                            {move || lang.get().pick(t.name_zh(), t.name_en())}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                {tr("证件号码", "Document number")}
                <input name="id_number" autocomplete="username" on:input=bind(|f, v| f.id_number = v)/>
                {error_for("id_number")}
            </label>
            <label>
                {tr("证件有效期至", "Document valid until")}
                <input name="id_valid_until" type="date" disabled=move || fields.with(|f| f.id_valid_until == LONG_TERM) on:input=bind(|f, v| f.id_valid_until = v)/>
                {error_for("id_valid_until")}
            </label>
            <label class="inline-choice">
                <input name="id_long_term" type="checkbox" on:change=move |ev| {
                    let long_term = event_target_checked(&ev);
                    // Unticked, a day typed is kept (the held form's replay unticks it after the day).
                    fields.update(|f| if long_term { f.id_valid_until = LONG_TERM.to_string() } else if f.id_valid_until == LONG_TERM { f.id_valid_until.clear() });
                }/>
                {tr("长期有效", "Long-term (never expires)")}
            </label>
            <label>
                {tr("姓名", "Full name")}
                <input name="name" autocomplete="name" on:input=bind(|f, v| f.name = v)/>
                {error_for("name")}
            </label>
            <label>
                {tr("手机号码", "Mobile number")}
                <input name="mobile" type="tel" autocomplete="tel" on:input=bind(|f, v| f.mobile = v)/>
                {error_for("mobile")}
            </label>
            {mobile_code.then(|| view! {
                <div class="sign-up-code" data-sign-up-code="">
                    <label>
                        {tr("短信验证码", "Code texted to the mobile")}
                        <input name="mobile_code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" on:input=bind(|f, v| f.mobile_code = v)/>
                        {error_for("mobile_code")}
                    </label>
                    <button type="button" class="button secondary" disabled=move || code_sent.pending().get() on:click=ask_for_code>{tr("获取验证码", "Text me a code")}</button>
                    {move || code_sent.value().get().map(|sent| match sent {
                        Ok(()) => view! { <p class="notice" role="status" data-testid="sign-up-code-sent">{tr("验证码已发送，15 分钟内有效。", "The code is on its way; it lasts 15 minutes.")}</p> }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    })}
                </div>
            })}
            <label>
                {tr("电子邮箱（选填，用于接收审核通知）", "Email (optional, for review notices)")}
                <input name="email" type="email" autocomplete="email" on:input=bind(|f, v| f.email = v)/>
                {error_for("email")}
            </label>
            <label>
                {tr("密码（8–64 位，含字母和数字）", "Password (8–64 characters, letters and digits)")}
                <input name="password" type="password" autocomplete="new-password" on:input=bind(|f, v| f.password = v)/>
                {error_for("password")}
            </label>
            <button type="submit" class="button" disabled=move || submit.pending().get()>{tr("注册", "Sign up")}</button>
            {move || submit.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorNote error/> })}
            <p>{tr("已有账号？", "Already registered? ")}<a href="/login">{tr("登录", "Log in")}</a></p>
        </form>
        {move || checking.get().then(|| check_step_on_demand(fields, checking, submit))}
    }
    .into_any()
}

/// The check step, once its code is here (the `sign_up_checks` chunk, fetched already by the
/// checks that opened it).
fn check_step_on_demand(
    fields: RwSignal<SignUpFields>,
    checking: RwSignal<bool>,
    submit: Action<SignUpFields, Result<SessionUser, AppError>>,
) -> AnyView {
    #[cfg(feature = "hydrate")]
    {
        use crate::components::on_demand::{on_demand, Texts};
        const CHECK_STEP: Texts = Texts {
            loading: ("正在打开核对步骤…", "Opening the check step…"),
            missing: (
                "核对步骤尚未下载到本机，联网后自动载入。",
                "The check step is not on this device yet; it loads when the network returns.",
            ),
        };
        on_demand(CHECK_STEP, Box::new(move || Box::pin(checks::check_step(fields, checking, submit))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (fields, checking, submit);
        ().into_any()
    }
}

/// The sign-up's checks and its check step: entries into the `sign_up_checks` chunk.
#[cfg(feature = "hydrate")]
mod checks {
    use chrono::NaiveDate;
    use leptos::prelude::*;
    use leptos::wasm_split::SplitLoaderError;

    use crate::components::sign_up_check_step::SignUpCheckStep;
    use crate::domain::id_validity::IdValidity;
    use crate::domain::sign_up_form::{FieldError, SignUpFields, SignUpForm};
    use crate::error::AppError;
    use crate::models::account::SessionUser;

    #[leptos::wasm_split::wasm_split(sign_up_checks, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn check_step(
        fields: RwSignal<SignUpFields>,
        checking: RwSignal<bool>,
        submit: Action<SignUpFields, Result<SessionUser, AppError>>,
    ) -> Result<AnyView, SplitLoaderError> {
        Ok(view! { <SignUpCheckStep fields checking submit/> }.into_any())
    }

    /// Every problem of the form, each at its field, as the server would name them.
    #[leptos::wasm_split::wasm_split(sign_up_checks, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn problems(fields: SignUpFields, today: NaiveDate) -> Result<Vec<FieldError>, SplitLoaderError> {
        let mut errors = SignUpForm::parse(&fields).err().unwrap_or_default();
        errors.extend(IdValidity::parse(&fields.id_valid_until, today).err());
        Ok(errors)
    }
}
