//! Where the server keeps things: the database and the blob store chosen by configuration, each store guarded by a deadline and a circuit breaker, and the private data folder.

pub mod guarded_blob_store;
pub mod object_blob_store;
pub mod private_files;
pub mod session_store;
pub mod storage;
pub mod store_breaker;
pub mod timed_blob_store;
