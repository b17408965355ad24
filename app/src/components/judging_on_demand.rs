//! The judging of chosen files — a PDF made its pages (`pdf_pages_on_demand`), each picture alone or
//! a HEIC photo made JPEG, and every rule of the category (`chosen_picture::judge_choice`) — as a
//! chunk of its own (`judging`). Nothing of it is needed to draw the page, so it comes after: it is
//! fetched as soon as the page is live (not later, as the photo tools are: a candidate whose network
//! drops right after the page opened still has every file judged) and kept by the offline copy. A
//! page that never had the chunk and is offline says so rather than send unjudged. What the form
//! then shows of the judged choice (`chosen_view`) is drawn by the same chunk: a choice is shown
//! only once it was judged, so the chunk is here by then, and no page's first load carries it.

#[cfg(feature = "hydrate")]
use leptos::prelude::Effect;

use leptos::prelude::{AnyView, Callback, Signal};

use crate::client::ChosenFile;
use crate::components::chosen_view::ChoiceContext;
use crate::components::judged_file::Judged;
use crate::components::photo_fix::FittedPicture;
use crate::domain::CategoryDefinition;

/// The files of one choice judged, or why they cannot be (Chinese, English).
pub async fn judge_files(
    files: Vec<ChosenFile>,
    category: &CategoryDefinition,
    already_uploaded: u32,
) -> Result<Vec<Judged>, (String, String)> {
    #[cfg(feature = "hydrate")]
    {
        match chunk::judge(files, category.clone(), already_uploaded).await {
            Ok(judging) => judging.await,
            Err(_) => Err((
                "检查图片的程序尚未下载到本机，请联网后重新选择".to_string(),
                "The code that checks pictures is not on this device yet; choose the file again when online"
                    .to_string(),
            )),
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (files, category, already_uploaded);
        Ok(Vec::new())
    }
}

/// What the upload form shows of a judged choice: one file with its verdict and tools, or several
/// with the places they will take (`places`); `on_fitted` takes the photo tool's result for one.
pub fn chosen_view(
    files: Vec<Judged>,
    context: ChoiceContext,
    places: Signal<Vec<u32>>,
    on_fitted: Callback<FittedPicture>,
) -> AnyView {
    #[cfg(feature = "hydrate")]
    {
        use crate::components::on_demand::{on_demand, Texts};
        const CHOSEN: Texts = Texts {
            loading: ("正在显示所选文件…", "Showing the chosen file…"),
            missing: (
                "显示所选文件的程序尚未下载到本机，请联网后重试。",
                "The code that shows the chosen file is not on this device yet; try again when online.",
            ),
        };
        on_demand(CHOSEN, Box::new(move || Box::pin(chunk::chosen(files.clone(), context.clone(), places, on_fitted))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        crate::components::chosen_view::chosen(files, context, places, on_fitted)
    }
}

/// Fetches the chunk once the page is live, for the page to judge offline later too. Called by
/// every upload form; the loader fetches once per page.
pub fn fetch_judging_when_live() {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        leptos::task::spawn_local(async {
            let _ = chunk::preload().await;
        })
    });
}

#[cfg(feature = "hydrate")]
mod chunk {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::wasm_split::SplitLoaderError;

    use leptos::prelude::{AnyView, Callback, Signal};

    use crate::client::ChosenFile;
    use crate::components::chosen_picture::judge_choice;
    use crate::components::chosen_view::ChoiceContext;
    use crate::components::judged_file::Judged;
    use crate::components::pdf_pages_on_demand::pdfs_as_pages;
    use crate::components::photo_fix::FittedPicture;
    use crate::domain::CategoryDefinition;

    type Judging = Result<Vec<Judged>, (String, String)>;

    #[leptos::wasm_split::wasm_split(judging, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
    pub fn judge(
        files: Vec<ChosenFile>,
        category: CategoryDefinition,
        already_uploaded: u32,
    ) -> Result<Pin<Box<dyn Future<Output = Judging>>>, SplitLoaderError> {
        Ok(Box::pin(async move {
            let room = category.rules.max_count.map(|max| max.saturating_sub(already_uploaded));
            let files = pdfs_as_pages(files, &category, room).await?;
            Ok(judge_choice(files, &category, already_uploaded).await)
        }))
    }

    #[leptos::wasm_split::wasm_split(judging, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn chosen(
        files: Vec<Judged>,
        context: ChoiceContext,
        places: Signal<Vec<u32>>,
        on_fitted: Callback<FittedPicture>,
    ) -> Result<AnyView, SplitLoaderError> {
        Ok(crate::components::chosen_view::chosen(files, context, places, on_fitted))
    }
}
