//! The reviewer's assistant as the server state holds it (issue 54). The state lives in this room,
//! at the bottom of the map, and the assistant's room (`ssr::assistant`) above it, so the state
//! holds a port, as it does the payment gateways': the upload pipeline wakes the assistant through
//! it, and only the assistant's own room knows what stands behind it.

use std::any::Any;

pub trait AssistantPort: Send + Sync {
    /// A picture was stored: look at it soon.
    fn wake(&self);
    /// The assistant itself, which its own room reads its state from
    /// (`assistant::assistant_state::of`).
    fn itself(&self) -> &(dyn Any + Send + Sync);
}
