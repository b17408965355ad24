//! Where the candidate's typing is: what the page says beside the form (已保存在本机, 已同步 hh:mm…).

use crate::error::AppError;

/// Where the typing is now. Owned by the page, so an upload (which reloads the page's data and
/// this component with it) does not forget it.
#[derive(Clone, Debug, PartialEq)]
pub enum Whereabouts {
    /// Nothing typed since the page opened.
    AsLoaded,
    /// Kept on this device at the time given, not yet on the server.
    OnDevice(String),
    Sending,
    /// On the server since the time given.
    Synced(String),
    /// The device refused to keep it (private browsing, storage full): only the server can.
    DeviceRefused,
    /// The server refused it (after the deadline, locked): kept on the device.
    ServerRefused(AppError),
}
