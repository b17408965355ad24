//! The data folder holds the database (authenticator keys, ticket seeds, everyone's personal
//! data) and every stored picture: readable by the server's own user alone, whatever the
//! machine's umask (issue 50). Files and folders the server makes are created so (umask 077);
//! the data folder and the database files an older version left wider are narrowed at start.

use std::path::Path;

/// Everything the process creates from now on is its user's alone (files 0600, folders 0700).
pub fn create_private() {
    // SAFETY: umask only swaps the process's file-creation mask; it touches no memory.
    unsafe {
        libc::umask(0o077);
    }
}

/// Narrows the data folder to 0700 and the SQLite files in it to 0600, where they are wider.
pub fn narrow_data_folder(data_dir: &Path) {
    crate::config::secret_file::narrow_to(data_dir, 0o700);
    for name in ["zige.db", "zige.db-wal", "zige.db-shm"] {
        crate::config::secret_file::narrow(&data_dir.join(name));
    }
}
