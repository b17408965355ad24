//! The ids a decision names, as types: a function that takes an application and the version a
//! screen saw cannot be handed the two the wrong way round. On the wire and in JSON each is the
//! plain number it wraps.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An application (the `applications` table's key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationId(pub i32);

/// The version of an application a screen was drawn from: every change moves it on, and a
/// decision naming an older one is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationVersion(pub i32);

impl fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_wire_each_is_the_number_it_wraps() {
        assert_eq!(serde_json::to_string(&(ApplicationId(41), ApplicationVersion(3))).unwrap(), "[41,3]");
        assert_eq!(serde_json::from_str::<ApplicationId>("41").unwrap(), ApplicationId(41));
        assert_eq!(ApplicationId(41).to_string(), "41");
    }
}
