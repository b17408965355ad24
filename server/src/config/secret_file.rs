//! Secrets the server generates for itself (the session secret) are written readable by their
//! owner alone: with the default umask another local user could read the key that signs every
//! session cookie, and sign in as anyone.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to a new file at `path` with mode 0600 (on Unix), replacing any older one, and
/// makes it durable.
pub async fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (path, bytes) = (path.to_path_buf(), bytes.to_vec());
    tokio::task::spawn_blocking(move || {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        // A file left by an older version keeps its mode on reopening: narrow it too.
        narrow(&path);
        file.write_all(&bytes)?;
        file.sync_all()
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Makes an existing secret file readable and writable by its owner alone. A file the operator
/// provisioned otherwise (another owner, a read-only mount) is left as it is, with a warning:
/// it still serves, and the operator chose its mode.
pub fn narrow(path: &Path) {
    narrow_to(path, 0o600);
}

/// Sets `path` to `mode` (0600 for a file, 0700 for a folder) where its mode lets others in;
/// what cannot be narrowed is left, with a warning.
pub fn narrow_to(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(metadata) = std::fs::metadata(path) else { return };
        if metadata.permissions().mode() & 0o077 == 0 {
            return;
        }
        if let Err(error) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
            tracing::warn!(path = %path.display(), %error, "readable by others and could not be narrowed");
        }
    }
}
