//! A form sent before the page's code has arrived waits for it, instead of going out as the
//! browser's own GET, which would put what was typed (an ID number, a password, a code) into the
//! address, the browser's history and every proxy's log, and bring back an empty form (issue 50).
//!
//! The forms carry `method="post"` besides (a browser with no script at all posts to the page,
//! and the server answers with the page: `server::routes::page_posted`). With script, this holds
//! any submission until the page is live (`body[data-hydrated]`), keeping what the form held;
//! then it puts those values back (hydration may have reset a field to its signal), tells the
//! page's code of each (`input` and `change`), and sends the form as its code does. Forms with an
//! `action` of their own work without the code and go as they are.
//!
//! Plain script in the head, before any form is painted: none of it is in the WASM.

use leptos::nonce::use_nonce;
use leptos::prelude::*;

const SCRIPT: &str = "(()=>{\
const live=()=>document.body&&document.body.dataset.hydrated==='true';let held=null;\
addEventListener('submit',(e)=>{const form=e.target;if(live()||form.hasAttribute('action'))return;\
e.preventDefault();e.stopImmediatePropagation();\
held=[form,[...form.elements].map((f)=>[f,f.value,f.checked])];},true);\
new MutationObserver((_,watch)=>{if(!live())return;watch.disconnect();if(!held)return;\
const [form,fields]=held;\
for(const [f,value,checked] of fields){if(!('value' in f)||/^(file|submit|button|reset)$/.test(f.type))continue;\
if(f.type==='checkbox'||f.type==='radio')f.checked=checked;else f.value=value;\
f.dispatchEvent(new Event('input',{bubbles:true}));f.dispatchEvent(new Event('change',{bubbles:true}));}\
if(form.isConnected)form.requestSubmit();})\
.observe(document.documentElement,{subtree:true,attributeFilter:['data-hydrated']});})();";

#[component]
pub fn FormsWaitForCode() -> impl IntoView {
    page_has_forms().then(|| view! { <script nonce=use_nonce()>{SCRIPT}</script> })
}

/// Every page but the exam page, which holds no `<form>` (its fields are saved as typed, its
/// files sent by its code) and whose first load has no bytes to spare (the browser test
/// `forms-before-code.spec.ts` checks it still holds none).
fn page_has_forms() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_none_or(|parts| !parts.uri.path().starts_with("/exams/"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        true
    }
}
