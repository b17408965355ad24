//! What happens once someone has signed in or up: the offline copy of the previous person's pages
//! is forgotten, and they land on their start page, loaded anew for them: 我的考试, or the review
//! queue for reviewers.

/// The step after a successful sign-in or sign-up.
pub fn after_sign_in(role: crate::domain::Role) {
    crate::client::forget_offline_pages();
    let start = if role == crate::domain::Role::Reviewer { "/review" } else { "/" };
    crate::island_page::load_page(start);
}

/// Where staff give their second factor after the right password.
pub const SECOND_FACTOR_PATH: &str = "/second-factor";

/// The step after a staff member's right password: the page that asks for the authenticator's
/// code (or sets one up).
pub fn to_second_factor() {
    crate::island_page::load_page(SECOND_FACTOR_PATH);
}
