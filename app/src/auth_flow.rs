//! What happens once someone has signed in or up: everything that depends on who is signed in
//! fetches again, the offline copy of the previous person's pages is forgotten, and they land on
//! their start page: 我的考试, or the review queue for reviewers.

use leptos::prelude::*;

use crate::AuthVersion;

/// Returns the step to run after a successful sign-in or sign-up.
pub fn use_after_sign_in() -> impl Fn(crate::domain::Role) + Clone + 'static {
    let auth = expect_context::<AuthVersion>().0;
    let navigate = leptos_router::hooks::use_navigate();
    move |role| {
        crate::client::forget_offline_pages();
        auth.update(|v| *v += 1);
        let start = if role == crate::domain::Role::Reviewer { "/review" } else { "/" };
        navigate(start, Default::default());
    }
}
