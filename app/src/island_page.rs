//! What a page can rely on when it comes to life as an island (issue 11).
//!
//! The candidate's pages (every path but the staff's, which the server marks `WholeAppRender`) hydrate in
//! leptos's islands mode: the server renders the whole page, and the browser brings to life only
//! the parts marked `#[island]` (each page's content, the header, the offline banner). The router,
//! the shell and the staff's screens are not in the candidate's download; a link to another page
//! is an ordinary page load. The staff's paths hydrate the whole app, router included, from a code
//! chunk only they fetch (`frontend`).
//!
//! An island starts in the browser with nothing from the app around it: no router and none of the
//! app's contexts. The helpers here give the same answer in both modes and on the server.

use leptos::prelude::*;

use crate::i18n::{provide_lang, remember_lang, set_lang, Lang};

#[cfg(feature = "hydrate")]
thread_local! {
    static ISLANDS_MODE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Said by the browser's entry before the islands hydrate.
#[cfg(feature = "hydrate")]
pub fn enter_islands_mode() {
    ISLANDS_MODE.with(|mode| mode.set(true));
}

/// Whether this page lives as islands (in the browser) rather than as the whole app.
pub fn in_islands_mode() -> bool {
    #[cfg(feature = "hydrate")]
    {
        ISLANDS_MODE.with(|mode| mode.get())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// Put in a page's context by the server's renderer when the page is a staff page, which it renders
/// as the whole app; every other page it renders for islands mode (the browser's entry decides the
/// same from the same path).
#[derive(Clone, Copy, Debug)]
pub struct WholeAppRender;

/// Whether the server renders this request's page as the whole app (a staff page).
pub fn renders_whole_app() -> bool {
    use_context::<WholeAppRender>().is_some()
}

/// Whether the server renders this request's page for islands mode.
pub fn renders_islands() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_some() && use_context::<WholeAppRender>().is_none()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// A part live on every page (the header, the offline banner): `island` where the server renders
/// the page as islands, `part` inside the whole app on the staff's pages. leptos 0.8 could not
/// hydrate an island inside the whole app when that hydrated asynchronously (it found a marker
/// missing and stopped; it hydrates synchronously now, not tried again), and in the browser the
/// whole app only runs on the staff's pages.
pub fn island_or_part<I: IntoView + 'static, P: IntoView + 'static>(
    island: impl FnOnce() -> I,
    part: impl FnOnce() -> P,
) -> AnyView {
    if renders_islands() {
        island().into_any()
    } else {
        part().into_any()
    }
}

/// Called first in every island: the context the app provides to the page around it (the
/// language), provided again where the island starts alone in the browser.
pub fn provide_island_contexts() {
    if use_context::<RwSignal<Lang>>().is_none() {
        provide_lang();
    }
}

/// The language switch: a page living as islands is loaded again in the new language (most of its
/// text is the server's, and each island holds a language of its own); the whole app switches in
/// place.
pub fn switch_language(lang: Lang) {
    if in_islands_mode() {
        remember_lang(lang);
        load_page_again();
    } else {
        set_lang(lang);
    }
}

fn load_page_again() {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().reload();
    }
}

/// Opens `path` as a new page load: what follows a sign-in or sign-out, in both modes, so the
/// next page is rendered for the person now signed in.
pub fn load_page(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = path;
    }
}

/// The path in the browser's address bar (empty outside the browser): what an island, with no
/// router to ask, knows of its page's address.
pub fn address_path() -> String {
    #[cfg(feature = "hydrate")]
    {
        window().location().pathname().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Whether the page's address carries `?name=…`: from the request while the server renders, from
/// the address bar in the browser (an island has no router to ask).
pub fn address_has_query(name: &str) -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.query().map(|query| query_names(query, name)))
            .unwrap_or(false)
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            let search = window().location().search().unwrap_or_default();
            query_names(search.trim_start_matches('?'), name)
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = name;
            false
        }
    }
}

fn query_names(query: &str, name: &str) -> bool {
    query.split('&').any(|pair| pair.split('=').next() == Some(name))
}

#[cfg(test)]
mod tests {
    use super::query_names;

    #[test]
    fn a_query_names_a_parameter_only_by_its_whole_name() {
        assert!(query_names("order=42&x=1", "order"));
        assert!(query_names("x=1&order", "order"));
        assert!(!query_names("orders=42", "order"));
        assert!(!query_names("", "order"));
    }
}
