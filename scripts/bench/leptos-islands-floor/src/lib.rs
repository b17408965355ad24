//! The floor in islands mode, as Zige would mix the two: on the candidate's paths only the
//! interactive parts (`#[island]`) hydrate; on the others the whole app, router included, hydrates
//! from a chunk (`wasm_split`, fallible) that those paths alone fetch.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{components::{Route, Router, Routes, A}, path, hooks::use_params_map};

#[server]
pub async fn greet(name: String) -> Result<String, ServerFnError> { Ok(format!("hi {name}")) }

#[island]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    let answer = Resource::new(move || count.get(), |n| greet(n.to_string()));
    view! {
        <button on:click=move |_| count.update(|n| *n += 1)>"+1 " {count}</button>
        <Suspense fallback=|| "…"><p>{move || answer.get().map(|a| a.unwrap_or_default())}</p></Suspense>
    }
}

#[island]
fn Typing() -> impl IntoView {
    let text = RwSignal::new(String::new());
    view! { <input bind:value=text/><p>{text}</p> }
}

#[component]
fn Home() -> impl IntoView {
    view! { <h1>"Home"</h1><Counter/><A href="/exams/1">"exam"</A> }
}

#[component]
fn Exam() -> impl IntoView {
    let params = use_params_map();
    view! { <h1>"Exam " {move || params.read().get("code")}</h1><Typing/> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="floor"/>
        <Router>
            <main>
                <Routes fallback=|| "not found">
                    <Route path=path!("") view=Home/>
                    <Route path=path!("/exams/:code") view=Exam/>
                </Routes>
            </main>
        </Router>
    }
}

#[leptos::wasm_split::wasm_split(full_app, wasm_split_path = ::leptos::wasm_split, fallible)]
fn hydrate_all() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    leptos::mount::hydrate_body(App);
    Ok(())
}

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let path = leptos::prelude::window().location().pathname().unwrap_or_default();
    if path.starts_with("/staff") {
        leptos::task::spawn_local(async move {
            let _ = hydrate_all().await;
        });
    } else {
        leptos::mount::hydrate_islands();
    }
}
