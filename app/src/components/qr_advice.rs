//! Where a category wants a readable QR code (a 学信网 report's): the chosen picture's code is
//! read in the browser before sending, with the reader the server uses again after storing
//! (`domain::qr_code`). No code read: advice that names the problem and how to retake; the
//! candidate may still send it. A code read: what it is, so the candidate sees the right report.

use std::sync::Arc;

use leptos::prelude::*;

use crate::client::picture_pixels;
use crate::components::violation_list::ViolationList;
use crate::domain::qr_code::{qr_unreadable_advice, read_qr_code, CodeTarget, QR_READING_SIDE};
use crate::i18n::{tr, use_lang};

/// What the picture's code says; Some(None) when no code could be read, None when the picture
/// itself could not be drawn (the server then reads it alone).
async fn code_in(bytes: &[u8]) -> Option<Option<String>> {
    let (rgba, width, height) = picture_pixels(bytes, QR_READING_SIDE).await.ok()?;
    Some(read_qr_code(&rgba, width, height))
}

#[component]
pub fn QrAdvice(bytes: Arc<Vec<u8>>) -> impl IntoView {
    let found = RwSignal::new(None::<Option<String>>);
    leptos::task::spawn_local(async move {
        let read = code_in(&bytes).await;
        // The candidate may have chosen another file meanwhile; this one's view is gone then.
        let _ = found.try_set(read);
    });
    let lang = use_lang();
    move || match found.get() {
        None => ().into_any(),
        Some(None) => view! {
            <div class="warnings qr-advice" data-testid="qr-advice">
                <span>{tr("二维码提示（仍可上传）：", "About the QR code (you may still upload):")}</span>
                <ViolationList violations=vec![qr_unreadable_advice()]/>
            </div>
        }
        .into_any(),
        Some(Some(text)) => {
            let (class, said) = match CodeTarget::of(&text) {
                CodeTarget::XuexinReport { vcode } => (
                    "looks-fine qr-advice",
                    (
                        // Seed 004: "在线验证有效期请设置为180天" — a report that expires during the review
                        // cannot be verified any more, and the application comes back.
                        format!("已识别二维码：学信网在线验证报告（验证码 {vcode}）。请确认申请报告时在线验证有效期设为180天，审核期间须能核验"),
                        format!("QR code read: a 学信网 online verification report (code {vcode}). Make sure its online verification was set to 180 days when you requested it: it must verify throughout the review"),
                    ),
                ),
                CodeTarget::Other => (
                    "warnings qr-advice",
                    (
                        "已识别二维码，但不是学信网在线验证地址；请确认上传的是要求的报告".to_string(),
                        "QR code read, but it is not a 学信网 verification address; check this is the report asked for"
                            .to_string(),
                    ),
                ),
            };
            view! { <p class=class data-testid="qr-advice">{move || lang.get().pick(said.0.clone(), said.1.clone())}</p> }
                .into_any()
        }
    }
}
