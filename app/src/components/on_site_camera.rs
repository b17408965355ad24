//! The on-site check's camera (现场报名台): for an on-site check without a USB scanner, 用摄像头扫码 shows the camera
//! and reads the registration form's code from it (`client::read_code_from_camera`); the code goes
//! where a scanner's would, and the camera is released. Only the on-site check's page has it, so its reader
//! loads with the on-site check's chunk.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn OnSiteCamera(on_read: Callback<String>) -> impl IntoView {
    let open = RwSignal::new(false);
    let trouble = RwSignal::new(None::<String>);
    let video = NodeRef::<leptos::html::Video>::new();
    let start = move || {
        trouble.set(None);
        open.set(true);
        leptos::task::spawn_local(async move {
            // The video element is drawn once `open` is true.
            let Some(element) = video.get_untracked() else { return };
            let read = crate::client::read_code_from_camera(element, move || !open.get_untracked()).await;
            let _ = open.try_set(false);
            match read {
                Ok(Some(code)) => on_read.run(code),
                Ok(None) => {}
                Err(why) => {
                    let _ = trouble.try_set(Some(why));
                }
            }
        });
    };
    on_cleanup(move || {
        let _ = open.try_set(false);
    });
    view! {
        <div class="on-site-camera">
            <button type="button" class="button secondary" aria-pressed=move || open.get().to_string()
                on:click=move |_| if open.get_untracked() { open.set(false) } else { start() }>
                {move || if open.get() { tr("关闭摄像头", "Close the camera").into_any() } else { tr("用摄像头扫码", "Scan with the camera").into_any() }}
            </button>
            <video node_ref=video class="on-site-camera-view" class:hidden=move || !open.get() muted=true autoplay=true playsinline=true
                aria-label=move || if open.get() { "摄像头画面：请将报名登记表右上角的二维码对准摄像头" } else { "" }></video>
            {move || open.get().then(|| view! { <p class="muted" role="status">{tr("请将报名登记表右上角的二维码对准摄像头…", "Hold the QR code at the top right of the registration form to the camera…")}</p> })}
            {move || trouble.get().map(|why| view! {
                <p class="notice error" role="alert">{tr("无法使用摄像头：", "The camera cannot be used: ")}{why}</p>
            })}
        </div>
    }
}
