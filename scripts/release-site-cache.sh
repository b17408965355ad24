# The browser's release site as built before from the very same sources, kept on this machine
# (issue 69). Sourced by scripts/test.sh after scripts/setup.sh.
#
# The release build's wasm-bindgen and wasm-opt over the split's ~300 chunks take 7 minutes of a
# core alone and 21 beside the Rust tests (2026-12-03), and the browser tests waited for them: CI's
# clean clone of a tree the test command had just run here built it all again. Like the compiled
# dependencies in the shared target folder and sccache, the finished site is kept under a key of
# everything that goes into it: every tracked file but those the browser's build never reads (git's
# hash of each, so a clone anywhere finds it), the toolchain's and the tools' versions, the build's
# command, and the variables of cargo and leptos that change what it makes (not, say, its
# colours). Never read by the build: the docs, the browser tests, the server's Rust (the browser's
# code is the app and frontend crates, on the workspace's manifests and lock file, which are
# counted) and the scripts (the build's command is counted here). A tree with changes not committed
# is always built (its files have no such hash), and so is a checkout without git.

release_site_cache_folder() { echo "${XDG_CACHE_HOME:-$HOME/.cache}/zige/release-site"; }
# Sites kept, the newest first; each is about 50 MB (the site, and the two WASM files
# scripts/checks/candidate_module.py reads).
RELEASE_SITES_KEPT=3
# What builds the site, as the key counts it.
RELEASE_SITE_BUILD=(cargo leptos build --release --split --precompress --frontend-only)

# The key of the site these sources build; nothing when the tree has changes or no git.
release_site_key() {
  local sources=(-- . ':!docs' ':!end2end' ':!*.md' ':!server/*.rs' ':!scripts')
  git -C "$ZIGE_ROOT" rev-parse --git-dir >/dev/null 2>&1 || return 0
  [ -z "$(git -C "$ZIGE_ROOT" status --porcelain --untracked-files=all "${sources[@]}")" ] || return 0
  {
    git -C "$ZIGE_ROOT" ls-files --stage "${sources[@]}"
    rustc -vV
    cargo leptos --version
    wasm-bindgen --version
    wasm-opt --version
    echo "${RELEASE_SITE_BUILD[*]}"
    env | grep -E '^(RUSTFLAGS|CARGO_ENCODED_RUSTFLAGS|CARGO_PROFILE_|CARGO_BUILD_|CARGO_TARGET_WASM32|LEPTOS_)' | sort
  } | sha256sum | cut -c1-32
}

# The folder of the site kept under `key`, whether or not it is there.
release_site_entry() { echo "$(release_site_cache_folder)/$1"; }

# Puts the site kept under `key` in the checkout (target/site); fails when none is kept.
restore_release_site() {
  local entry
  entry="$(release_site_entry "$1")"
  [ -n "$1" ] && [ -d "$entry/site" ] || return 1
  rm -rf "$ZIGE_ROOT/target/site"
  mkdir -p "$ZIGE_ROOT/target"
  cp -a "$entry/site" "$ZIGE_ROOT/target/site"
  touch "$entry"
}

# Keeps the site just built (target/site, and cargo's two WASM files in `intermediates`) under
# `key`, then forgets all but the newest RELEASE_SITES_KEPT. Copied beside the entry first and
# renamed into place, so a copy cut short is never taken for a site.
keep_release_site() {
  local key="$1" intermediates="$2" folder entry partial
  [ -n "$key" ] || return 0
  folder="$(release_site_cache_folder)"
  entry="$(release_site_entry "$key")"
  partial="$folder/.partial-$key-$$"
  mkdir -p "$partial/wasm-release"
  cp -a "$ZIGE_ROOT/target/site" "$partial/site"
  cp -a "$intermediates/frontend.wasm" "$intermediates/frontend_split.wasm" "$partial/wasm-release/"
  rm -rf "$entry"
  mv "$partial" "$entry"
  # Copies a stopped run left behind.
  find "$folder" -maxdepth 1 -name '.partial-*' -mmin +120 -exec rm -rf {} + 2>/dev/null || true
  # shellcheck disable=SC2012 # the entries' names are hex digits
  ls -1t "$folder" | tail -n +"$((RELEASE_SITES_KEPT + 1))" | while read -r old; do rm -rf "${folder:?}/$old"; done
}
