//! 现场报名 · 原件审核 (`/on-site/:code`), the branch's on-site check on the day (seed 004, 七 and 八), on a
//! desktop with a USB scanner: the scanner types the 报名登记表's code and Enter into the one
//! field, which keeps the focus (an ID number typed there works alike); the candidate appears with
//! the ID photo and each listed original beside the scans uploaded for it (`on_site_card`). Every
//! control works from the keyboard: Tab to a box, Space to tick it, V for the row's scans, Enter
//! on a button. A branch without a scanner reads the code with the device's camera instead. 通过 waits for the required originals; 不通过
//! needs a reason; the fee follows 通过; the 材料交接单 prints from here.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::on_site::on_site_find;
use crate::components::error_note::ErrorNote;
use crate::components::on_site_camera::OnSiteCamera;
use crate::components::on_site_card::OnSiteCard;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::on_site::OnSiteCandidate;

#[component]
pub fn OnSitePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| ExamCode::from(params.read().get("code").unwrap_or_default()));
    let scanned = RwSignal::new(String::new());
    let current = RwSignal::new(None::<OnSiteCandidate>);
    let shown = Memo::new(move |_| current.with(|c| c.as_ref().map(|c| c.application_id)));
    let failure = RwSignal::new(None::<AppError>);
    let field = NodeRef::<leptos::html::Input>::new();
    let back_to_field = Callback::new(move |()| {
        if let Some(input) = field.get_untracked() {
            let _ = input.focus();
        }
    });
    let find = Action::new(move |text: &String| {
        let (exam, text) = (code.get_untracked(), text.clone());
        async move { on_site_find(exam, text).await }
    });
    Effect::new(move |_| match find.value().get() {
        Some(Ok(found)) => {
            failure.set(None);
            current.set(Some(found));
            scanned.set(String::new());
            back_to_field.run(());
        }
        // A refused scan clears the card: nothing of the last candidate stays under the error, to
        // be ticked or printed for the person now at the on-site check.
        Some(Err(error)) => {
            failure.set(Some(error));
            current.set(None);
            scanned.set(String::new());
        }
        None => {}
    });
    let look_up = move || {
        let text = scanned.get_untracked();
        if !text.trim().is_empty() {
            find.dispatch(text);
        }
    };
    view! {
        <div class="on-site-top">
        <h1>{move || lang.get().pick(format!("现场报名 · 原件审核 · {}", code.get()), format!("On-site registration: originals · {}", code.get()))}</h1>
        <p class="muted">{tr(
            "扫码枪扫描报名登记表右上角的二维码（自动回车），或输入证件号码后回车；Tab 逐项移动，空格勾选，V 查看本行扫描件，Esc 返回。",
            "Scan the QR code at the top right of the registration form (the scanner presses Enter), or type the ID number and Enter; Tab moves on, Space ticks, V shows the row's scans, Esc goes back.",
        )}</p>
        </div>
        // Tab from the field goes straight to the candidate's boxes: the camera comes before it in
        // the page (shown after it), and 查找 is what Enter does.
        <div class="card form on-site-scan">
            <OnSiteCamera on_read=Callback::new(move |code: String| { find.dispatch(code); })/>
            <label>{tr("扫码或证件号码", "Scanned code or ID number")}
                <input node_ref=field type="text" name="scanned" autocomplete="off" autofocus prop:value=scanned
                    on:input=move |ev| scanned.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); look_up(); }/>
            </label>
            <button type="button" class="button" tabindex="-1" disabled=move || find.pending().get() on:click=move |_| look_up()>{tr("查找", "Find")}</button>
        </div>
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        // One card per candidate, made when another is found: the card follows `current` itself.
        {move || shown.get().and_then(|_| current.get_untracked()).map(|candidate| view! { <OnSiteCard candidate current done=back_to_field/> })}
    }
    .into_any()
}
