//! A file that passed every check and is already durably in the blob store, waiting for its row.

use crate::domain::FileFormat;

/// A checked, cleaned file already written to the blob store.
pub struct StoredFile {
    pub blob_key: String,
    pub format: FileFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub original_name: String,
}
