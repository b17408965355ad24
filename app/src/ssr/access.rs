//! Who may do what: the signed-in caller of a server function, the candidate's gate into an exam,
//! the reviewer's reach, and the one rule for reading a stored picture. Deny by default: every
//! other room asks here first.

pub mod caller;
pub mod candidate_access;
pub mod gate;
pub mod material_access;
pub mod pending_sign_in;
pub mod provider_session;
pub mod reviewer_access;
pub mod session_user;
pub mod sign_in;
