//! Loads pictures, and the next application's sheet, before the reviewer asks for them, each time
//! after the screen is painted. Picture files are served `no-store` (they are private), so no HTTP
//! cache keeps them and a `<link rel="prefetch">` would be thrown away; what
//! the browser does reuse is a picture this same document has already loaded, for as long as
//! something holds it. "Next application" is a client-side navigation, so the document stays, and
//! the pictures are held here, the most recent few dozen.

use leptos::prelude::*;

use super::screen_materials::files_to_prefetch;
use super::screen_state::ReviewScreen;
use crate::api::review::foresee_application;
use crate::client::after_next_paint;
use crate::domain::record_ids::ApplicationId;
use crate::models::review::{NextApplication, ReviewSheet};

/// Fetches ahead each time the reviewer moves to another picture.
pub fn prefetch_ahead(screen: ReviewScreen, next: Option<NextApplication>) {
    Effect::new(move |_| {
        let shown = screen.shown.get();
        let files = screen.materials.with_value(|all| files_to_prefetch(all, shown, next.as_ref()));
        // After the picture on screen is painted: fetching ahead must not delay it.
        leptos::task::spawn_local(async move {
            after_next_paint().await;
            prefetch_files(&files);
        });
    });
}

/// Reads the next application's sheet ahead, as it will be once `leaving` (the application on the
/// screen) is decided, so that "next" draws it at once while opening takes it behind.
pub fn foresee_next(leaving: ApplicationId, next: Option<ApplicationId>, foreseen: RwSignal<Option<ReviewSheet>>) {
    Effect::new(move |_| {
        if let Some(next) = next {
            leptos::task::spawn_local(async move {
                after_next_paint().await;
                // The screen may be gone by the time the answer comes.
                if let Ok(sheet) = foresee_application(next, leaving).await {
                    let _ = foreseen.try_set(Some(sheet));
                }
            });
        }
    });
}

#[cfg(feature = "hydrate")]
mod held {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use leptos::web_sys::HtmlImageElement;

    /// Enough for the next application's pictures and a few of this one's, small enough to forget
    /// applications long gone.
    const KEPT: usize = 48;

    thread_local! {
        static HELD: RefCell<VecDeque<(String, HtmlImageElement)>> = const { RefCell::new(VecDeque::new()) };
    }

    pub fn prefetch_files(urls: &[String]) {
        HELD.with_borrow_mut(|held| {
            for url in urls {
                if held.iter().any(|(known, _)| known == url) {
                    continue;
                }
                let Ok(img) = HtmlImageElement::new() else { continue };
                img.set_decoding("async");
                img.set_src(url);
                held.push_back((url.clone(), img));
                while held.len() > KEPT {
                    held.pop_front();
                }
            }
        });
    }
}

#[cfg(feature = "hydrate")]
use held::prefetch_files;

/// Effects do not run on the server; this only keeps the server build whole.
#[cfg(not(feature = "hydrate"))]
fn prefetch_files(_urls: &[String]) {}
