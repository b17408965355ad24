//! The photo tool (自动调整 and its crop box), the looks advice and the QR code check, loaded on
//! demand (`on_demand`): their code (canvas, crop, fit search, picture quality; the QR reader in a
//! chunk of its own) is fetched the first time a chosen picture needs it. So that offline it
//! arrives, every page with an upload form fetches the chunk in the background once the offline
//! copy keeps what the page fetches. They act on a file chosen in the browser.

use std::sync::Arc;

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::client::keep_for_offline;
#[cfg(feature = "hydrate")]
use crate::components::on_demand::{on_demand, Texts};
use crate::components::photo_fix::FittedPicture;
use crate::domain::picture_quality::PictureLook;
use crate::domain::{CategoryDefinition, FileFacts};

/// [`PhotoFix`](crate::components::photo_fix::PhotoFix), once its code is here.
#[component]
pub fn PhotoFixOnDemand(
    bytes: Arc<Vec<u8>>,
    facts: FileFacts,
    category: CategoryDefinition,
    already_uploaded: u32,
    on_fitted: Callback<FittedPicture>,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        on_demand(
            PHOTO_TOOL,
            Box::new(move || {
                Box::pin(chunk::photo_fix(bytes.clone(), facts.clone(), category.clone(), already_uploaded, on_fitted))
            }),
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (bytes, facts, category, already_uploaded, on_fitted);
    }
}

/// [`LooksAdvice`](crate::components::looks_advice::LooksAdvice), once its code is here.
#[component]
pub fn LooksAdviceOnDemand(bytes: Arc<Vec<u8>>, look: PictureLook) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        on_demand(LOOKS_CHECK, Box::new(move || Box::pin(chunk::looks_advice(bytes.clone(), look))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (bytes, look);
    }
}

/// [`QrAdvice`](crate::components::qr_advice::QrAdvice), once the QR reader's code is here: a
/// chunk of its own (rxing, about 300 KB), fetched only where a category wants a QR code.
#[component]
pub fn QrAdviceOnDemand(bytes: Arc<Vec<u8>>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        on_demand(QR_CHECK, Box::new(move || Box::pin(chunk::qr_advice(bytes.clone()))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = bytes;
    }
}

/// Fetches the tools' chunk in the background, for the page to have them offline later. Called
/// by every upload form; the loader fetches once per page.
pub fn keep_photo_tools_for_offline() {
    #[cfg(feature = "hydrate")]
    keep_for_offline(|| {
        Box::pin(async {
            let _ = chunk::preload().await;
        })
    });
}

/// Fetches the face detector's model in the background (1.2 MB, once: the offline copy keeps it),
/// for an ID photo chosen offline to be checked too: called where a category takes ID photos.
pub fn keep_face_model_for_offline() {
    #[cfg(feature = "hydrate")]
    keep_for_offline(|| {
        Box::pin(async {
            let _ = crate::client::fetch_site_file(crate::domain::face_finder::FACE_MODEL_PATH).await;
        })
    });
}

/// Fetches the QR reader's chunk in the background as [`keep_photo_tools_for_offline`] does the
/// tools': called by an upload form whose category wants a QR code.
pub fn keep_qr_reader_for_offline() {
    #[cfg(feature = "hydrate")]
    keep_for_offline(|| {
        Box::pin(async {
            let _ = chunk::preload_qr_reader().await;
        })
    });
}

#[cfg(feature = "hydrate")]
const PHOTO_TOOL: Texts = Texts {
    loading: ("正在载入照片工具…", "Loading the photo tool…"),
    missing: (
        "照片工具尚未下载到本机，联网后自动载入。",
        "The photo tool is not on this phone yet; it loads when the network returns.",
    ),
};

#[cfg(feature = "hydrate")]
const LOOKS_CHECK: Texts = Texts {
    loading: ("正在载入照片检查…", "Loading the picture check…"),
    missing: (
        "照片清晰度检查尚未下载到本机，联网后自动载入（不影响上传）。",
        "The picture check is not on this phone yet; it loads when the network returns (uploading is not affected).",
    ),
};

#[cfg(feature = "hydrate")]
const QR_CHECK: Texts = Texts {
    loading: ("正在载入二维码识别…", "Loading the QR code check…"),
    missing: (
        "二维码识别尚未下载到本机，联网后自动载入（不影响上传）。",
        "The QR code check is not on this phone yet; it loads when the network returns (uploading is not affected).",
    ),
};

/// The tools' code: each function is an entry into the `photo_tools` chunk.
#[cfg(feature = "hydrate")]
mod chunk {
    use std::sync::Arc;

    use leptos::prelude::*;
    use leptos::wasm_split::SplitLoaderError;

    use crate::components::looks_advice::LooksAdvice;
    use crate::components::photo_fix::{FittedPicture, PhotoFix};
    use crate::components::qr_advice::QrAdvice;
    use crate::domain::picture_quality::PictureLook;
    use crate::domain::{CategoryDefinition, FileFacts};

    #[leptos::wasm_split::wasm_split(photo_tools, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
    pub fn photo_fix(
        bytes: Arc<Vec<u8>>,
        facts: FileFacts,
        category: CategoryDefinition,
        already_uploaded: u32,
        on_fitted: Callback<FittedPicture>,
    ) -> Result<AnyView, SplitLoaderError> {
        Ok(view! { <PhotoFix bytes facts category already_uploaded on_fitted/> }.into_any())
    }

    /// The QR reader is a chunk of its own: only categories that want a code need it.
    #[leptos::wasm_split::wasm_split(qr_reader, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_qr_reader))]
    pub fn qr_advice(bytes: Arc<Vec<u8>>) -> Result<AnyView, SplitLoaderError> {
        Ok(view! { <QrAdvice bytes/> }.into_any())
    }

    #[leptos::wasm_split::wasm_split(photo_tools, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn looks_advice(bytes: Arc<Vec<u8>>, look: PictureLook) -> Result<AnyView, SplitLoaderError> {
        Ok(view! { <LooksAdvice bytes look/> }.into_any())
    }
}
