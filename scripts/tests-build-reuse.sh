# The tests' build (the workspace's own crates, compiled through clippy for the server tests, the
# browser tests' server and the browser code's lints) taken as it is in the shared target folder
# when it was made from the very same sources (issue 69). Sourced by scripts/test.sh after
# scripts/setup.sh and scripts/release-site-cache.sh.
#
# Cargo judges the workspace's crates by their files' times: a file newer than what was built from
# it is built again. Every file of a clean clone is new, so CI's clone of a tree the test command
# had just run here compiled the app, the server and what is built on the vendored tachys again,
# through clippy-driver, which sccache does not answer for: about 5 of its 40 minutes
# (2026-12-03). A green run of a clean tree notes under what key it built (git's hash of each
# source file, the toolchain, the variables of cargo and leptos) and how the target folder stood
# when it ended (the newest of cargo's fingerprints), with each source file's time then. A run of
# the same key that finds the folder as it was noted (nothing built there since, by anyone) gives
# its files those times, so cargo sees what it saw when it last built them (it keeps, for the
# vendored tachys' build script, the newest time in the package itself, and compares it as it is),
# and gives the files their own times back when it ends.
# Anything else (a tree with changes, another key, a folder built in since, no git) builds as
# before. The release site's own build (target folder `front`) is never judged this way: it is
# taken only when the release site itself is kept (scripts/release-site-cache.sh), as it must be
# for this to apply.

# The record of the last green run's build, kept in the target folder it describes: its key and
# the folder's state on the first line, then each source file's time and path.
tests_build_record() { echo "$CARGO_TARGET_DIR/zige-tests-build"; }
# What each source file was dated before the run took the build; given back when it ends.
TESTS_BUILD_SAVED_TIMES=""

# Source files as the key counts them: everything cargo may read (the docs, the browser tests and
# the scripts are never compiled; a file left out keeps its time and is judged by it as before).
tests_build_sources=(-- . ':!docs' ':!end2end' ':!scripts' ':!README.md')

# The key of the build these sources make; nothing when the tree has changes or no git.
tests_build_key() {
  git -C "$ZIGE_ROOT" rev-parse --git-dir >/dev/null 2>&1 || return 0
  [ -z "$(git -C "$ZIGE_ROOT" status --porcelain --untracked-files=all "${tests_build_sources[@]}")" ] || return 0
  {
    git -C "$ZIGE_ROOT" ls-files --stage "${tests_build_sources[@]}"
    rustc -vV
    cargo leptos --version
    env | grep -E '^(RUSTFLAGS|CARGO_ENCODED_RUSTFLAGS|CARGO_PROFILE_|CARGO_BUILD_|CARGO_INCREMENTAL|LEPTOS_)' | sort
  } | sha256sum | cut -c1-32
}

# How the target folder stands: the newest of cargo's fingerprints of the tests' build and of the
# browser code's lints (cargo writes one for every crate it builds, and none for a crate it finds
# built).
tests_build_state() {
  find "$CARGO_TARGET_DIR/debug/.fingerprint" "$CARGO_TARGET_DIR/front-lint" -path '*/.fingerprint/*' \
    -type f -printf '%T@\n' 2>/dev/null | sort -n | tail -n 1
}

# Each source file's time and path (from the checkout's root), one per line.
source_file_times() {
  git -C "$ZIGE_ROOT" ls-files -z "${tests_build_sources[@]}" |
    (cd "$ZIGE_ROOT" && python3 -c '
import os, sys
for name in sys.stdin.buffer.read().split(b"\0"):
    if name:
        print(os.stat(name).st_mtime_ns, name.decode())
')
}

# Gives the files the times `times` lists (paths from the checkout's root); missing files are
# left alone.
date_source_files() {
  (cd "$ZIGE_ROOT" && python3 -c '
import os, sys
for line in open(sys.argv[1]):
    nanoseconds, path = line.rstrip("\n").split(" ", 1)
    if os.path.isfile(path):
        os.utime(path, ns=(int(nanoseconds), int(nanoseconds)))
' "$1")
}

# After a green run whose tree did not change while it ran: notes its key, the folder's state and
# the files' times.
note_tests_build() {
  local key="$1" record
  [ -n "$key" ] && [ "$key" = "$(tests_build_key)" ] || return 0
  record="$(tests_build_record)"
  { printf '%s %s\n' "$key" "$(tests_build_state)"; source_file_times; } >"$record.partial"
  mv "$record.partial" "$record"
}

# Before any build: when the folder holds the noted build of `key`, untouched since, gives the
# source files the times they had then (saving their own), so cargo takes it. Says which it did.
take_tests_build() {
  local key="$1" record noted_key noted_state
  record="$(tests_build_record)"
  [ -n "$key" ] && [ -f "$record" ] || return 0
  read -r noted_key noted_state <"$record"
  if [ "$noted_key" != "$key" ] || [ "$noted_state" != "$(tests_build_state)" ]; then
    echo "the tests' build: compiled (the target folder holds another build)"
    return 0
  fi
  TESTS_BUILD_SAVED_TIMES="$(mktemp)"
  source_file_times >"$TESTS_BUILD_SAVED_TIMES"
  date_source_files <(tail -n +2 "$record")
  echo "the tests' build: taken as built from these sources (noted $(date -d "@${noted_state%.*}" '+%F %T %Z'))"
}

# Gives the source files the times they had before take_tests_build, so builds after this run
# (of the site, of another profile) judge them as before.
give_back_source_times() {
  [ -n "$TESTS_BUILD_SAVED_TIMES" ] && [ -f "$TESTS_BUILD_SAVED_TIMES" ] || return 0
  date_source_files "$TESTS_BUILD_SAVED_TIMES"
  rm -f "$TESTS_BUILD_SAVED_TIMES"
  TESTS_BUILD_SAVED_TIMES=""
}
