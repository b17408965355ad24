//! Where the site's files are and what the page's code is called. cargo-leptos passes them in
//! `LEPTOS_*` variables; a server built or copied without it (a packager's plain
//! `cargo build --release -p server`) gets this workspace's own. leptos reads an unset name as an
//! empty one, and pages then load `/pkg/.js` and never come alive (issue 50).

use leptos::prelude::LeptosOptions;

/// The workspace's `[[workspace.metadata.leptos]] name`: the page's code is `/pkg/zige.js`.
const OUTPUT_NAME: &str = "zige";

pub fn site_options(passed: Option<LeptosOptions>) -> LeptosOptions {
    match passed {
        Some(options) if !options.output_name.trim().is_empty() => options,
        Some(mut options) => {
            options.output_name = OUTPUT_NAME.into();
            options
        }
        None => LeptosOptions::builder().output_name(OUTPUT_NAME).site_root("target/site").build(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_left_empty_is_the_workspace_s_own_and_one_given_is_kept() {
        let empty = LeptosOptions::builder().output_name("").site_root("target/site").build();
        assert_eq!(&*site_options(Some(empty)).output_name, "zige");
        let given = LeptosOptions::builder().output_name("other").site_root("target/site").build();
        assert_eq!(&*site_options(Some(given)).output_name, "other");
        assert_eq!(&*site_options(None).output_name, "zige");
    }
}
