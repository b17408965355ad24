//! The ids of records, as types: a function that takes an application and the account it belongs
//! to, or an application and the version a screen saw, cannot be handed them the wrong way round.
//! In the database (through SeaORM's `DeriveValueType`), on the wire and in JSON each is the plain
//! number it wraps.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A record's id: a number that only ever names a record of one table.
macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[serde(transparent)]
        pub struct $name(pub i32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// The database gives a new row's key as a number.
        #[cfg(feature = "ssr")]
        impl sea_orm::TryFromU64 for $name {
            fn try_from_u64(n: u64) -> Result<Self, sea_orm::DbErr> {
                <i32 as sea_orm::TryFromU64>::try_from_u64(n).map(Self)
            }
        }
    };
}

record_id!(
    /// An account (the `users` table's key): a candidate's or a staff member's.
    UserId
);
record_id!(
    /// An application (the `applications` table's key).
    ApplicationId
);
record_id!(
    /// A fee order (the `payment_orders` table's key; people know an order by its number).
    OrderId
);

/// A record's key that is text (a random id made when the row is), naming a record of one table.
macro_rules! record_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<String> for $name {
            fn from(key: String) -> Self {
                Self(key)
            }
        }

        impl From<&str> for $name {
            fn from(key: &str) -> Self {
                Self(key.to_string())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self == *other
            }
        }

        /// Maps keyed by it can be asked with the plain text (the derived hash is the text's).
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        /// A query's filter can name the key it was handed (`Column::ExamCode.eq(exam_code)`).
        #[cfg(feature = "ssr")]
        impl From<&$name> for sea_orm::Value {
            fn from(key: &$name) -> Self {
                key.0.as_str().into()
            }
        }

        /// Never a number: the database does not make these keys.
        #[cfg(feature = "ssr")]
        impl sea_orm::TryFromU64 for $name {
            fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($name)))
            }
        }
    };
}

record_key!(
    /// A material (the `materials` table's key): one upload as the system keeps it.
    MaterialId
);
record_key!(
    /// An exam (the `exams` table's key): the short code its file gives it ("004"), in every
    /// address of the exam and every row that belongs to it.
    ExamCode
);

/// The version of an application a screen was drawn from: every change moves it on, and a
/// decision naming an older one is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationVersion(pub i32);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_wire_each_is_the_number_it_wraps() {
        assert_eq!(serde_json::to_string(&(ApplicationId(41), ApplicationVersion(3), UserId(7))).unwrap(), "[41,3,7]");
        assert_eq!(serde_json::from_str::<ApplicationId>("41").unwrap(), ApplicationId(41));
        assert_eq!(serde_json::from_str::<UserId>("7").unwrap(), UserId(7));
        assert_eq!(ApplicationId(41).to_string(), "41");
        assert_eq!(serde_json::to_string(&MaterialId("m1".into())).unwrap(), "\"m1\"");
        assert_eq!(serde_json::from_str::<ExamCode>("\"004\"").unwrap(), ExamCode::from("004"));
    }
}
