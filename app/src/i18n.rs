//! Chinese by default, English on request. The choice lives in a `lang` cookie so the server
//! renders the same language the browser hydrates with.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn html_lang(self) -> &'static str {
        self.pick("zh-CN", "en")
    }

    fn from_cookie_header(header: &str) -> Lang {
        let english = header.split(';').any(|pair| pair.trim() == "lang=en");
        if english {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// The current language, from the request cookie on the server and `document.cookie` in the
/// browser.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        let header = use_context::<http::request::Parts>()
            .and_then(|parts| parts.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok()).map(str::to_owned));
        Lang::from_cookie_header(header.as_deref().unwrap_or(""))
    }
    #[cfg(not(feature = "ssr"))]
    {
        let cookie = document_cookie();
        Lang::from_cookie_header(&cookie)
    }
}

#[cfg(not(feature = "ssr"))]
fn document_cookie() -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        leptos::prelude::document()
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| d.cookie().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

pub fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(initial_lang());
    provide_context(lang);
    lang
}

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// Switches language in place and remembers it for a year.
pub fn set_lang(lang: Lang) {
    use_lang().set(lang);
    remember_lang(lang);
}

/// Remembers the language for a year (the cookie the server renders by).
pub fn remember_lang(lang: Lang) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Ok(doc) = leptos::prelude::document().dyn_into::<web_sys::HtmlDocument>() {
            let value = lang.pick("zh", "en");
            let _ = doc.set_cookie(&format!("lang={value}; path=/; max-age=31536000; samesite=lax"));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = lang;
    }
}

/// A reactive text in the current language.
pub fn tr(zh: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().pick(zh, en)
}
