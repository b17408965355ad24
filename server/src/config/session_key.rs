//! The installation's session-signing key, and the seeds Zige derives from it for other purposes
//! (the admission tickets' first key of old installations, the sandbox gateway's key).

use sha2::{Digest, Sha256};
use tower_sessions::cookie::Key;

use crate::config::Config;

/// Why there is no key, said in the server's log. (The same type as `startup::StartupError`,
/// named here so this module does not import the one that uses it.)
pub type KeyError = Box<dyn std::error::Error + Send + Sync>;

/// The session-signing key: from configuration, or generated once and kept in the data folder
/// so sessions survive a restart.
pub async fn session_key(config: &Config) -> Result<Key, KeyError> {
    if let Some(secret) = &config.session_secret {
        return Key::try_from(secret.as_bytes()).map_err(|_| "ZIGE_SESSION_SECRET must be at least 64 bytes".into());
    }
    if config.servers > 1 {
        // A key generated here would be this server's alone: a session signed by one server
        // would be refused by the next behind the load balancer.
        return Err(format!(
            "ZIGE_SERVERS={} needs ZIGE_SESSION_SECRET (at least 64 bytes, the same on every server)",
            config.servers
        )
        .into());
    }
    let path = config.data_dir.join("session_secret");
    // A new installation's data folder is made here, the first thing written to it.
    tokio::fs::create_dir_all(&config.data_dir).await?;
    match tokio::fs::read(&path).await {
        Ok(bytes) if bytes.len() >= 64 => {
            // Written by an older version with the default umask: readable by its owner alone now.
            crate::config::secret_file::narrow(&path);
            return Ok(Key::from(&bytes));
        }
        _ => {}
    }
    let key = Key::generate();
    crate::config::secret_file::write(&path, key.master()).await?;
    Ok(key)
}

/// The seed admission tickets were signed with before their keys had a table of their own
/// (derived from the session key): an installation that gave seats then keeps it as its first
/// ticket key, so the tickets it printed stay valid (`ticket_keys::load_or_create`).
pub fn legacy_ticket_seed(session_key: &Key) -> [u8; 32] {
    derived_seed(b"zige admission ticket", session_key)
}

/// A 32-byte seed for one purpose (`label`), from the session key: each key Zige derives differs,
/// and none tells anything of the session key.
pub(crate) fn derived_seed(label: &[u8], session_key: &Key) -> [u8; 32] {
    Sha256::digest([label, session_key.master()].concat()).into()
}
