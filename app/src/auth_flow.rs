//! What happens once someone has signed in or up: everything that depends on who is signed in
//! fetches again, and they land on their start page: 我的考试, or the review queue for reviewers.

use leptos::prelude::*;

use crate::AuthVersion;

/// Returns the step to run after a successful sign-in or sign-up.
pub fn use_after_sign_in() -> impl Fn(crate::domain::Role) + Clone + 'static {
    let auth = expect_context::<AuthVersion>().0;
    let navigate = leptos_router::hooks::use_navigate();
    move |role| {
        auth.update(|v| *v += 1);
        let start = if role == crate::domain::Role::Reviewer { "/review" } else { "/" };
        navigate(start, Default::default());
    }
}
