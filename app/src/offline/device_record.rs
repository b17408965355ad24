//! How this build keeps a record on the device (a draft, a waiting action): postcard behind a
//! format byte, stored as bytes. Postcard's decoders are a fraction of serde_json's, and reading
//! the device's records was the last JSON the candidate's pages decoded (`docs/benchmarks.md`).
//!
//! The builds before this one kept JSON *text*; the two never meet, because the browser hands
//! back bytes for bytes and a string for a string. Postcard reads fields in order and knows no
//! defaults: a change to the shape of a kept type needs a new [`FORMAT`], and a reader for the old
//! one, or a phone's waiting records would no longer read.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The first byte of every record this build writes.
pub const FORMAT: u8 = 1;

/// `value` as a record: the format byte, then its postcard.
pub fn record_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    // The writer the server functions' answers use, so no second one is compiled in.
    let value = postcard::to_allocvec(value).map_err(|e| e.to_string())?;
    Ok([&[FORMAT], value.as_slice()].concat())
}

/// The value a record holds; `None` for a record of another format or one that does not decode
/// into `T` (it is then left alone, not mistaken for something else).
pub fn read_record<T: DeserializeOwned>(record: &[u8]) -> Option<T> {
    match record.split_first() {
        Some((&FORMAT, value)) => postcard::from_bytes(value).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offline::device_draft::DeviceDraft;

    fn draft() -> DeviceDraft {
        DeviceDraft {
            form: [("school".to_string(), "示例财经大学".to_string())].into(),
            position: Some("01".into()),
            base: "0123456789abcdef".into(),
            changed_at: "22:41:07".into(),
        }
    }

    #[test]
    fn a_kept_draft_reads_back_whole() {
        let record = record_bytes(&draft()).unwrap();
        assert_eq!(record[0], FORMAT);
        assert_eq!(read_record::<DeviceDraft>(&record), Some(draft()));
    }

    #[test]
    fn a_record_of_another_format_or_an_older_builds_json_is_not_read() {
        let mut record = record_bytes(&draft()).unwrap();
        record[0] = FORMAT + 1;
        assert_eq!(read_record::<DeviceDraft>(&record), None);
        let json = serde_json::to_vec(&draft()).unwrap();
        assert_eq!(read_record::<DeviceDraft>(&json), None);
        assert_eq!(read_record::<DeviceDraft>(&[]), None);
    }

    #[test]
    fn a_cut_record_is_not_read() {
        let record = record_bytes(&draft()).unwrap();
        assert_eq!(read_record::<DeviceDraft>(&record[..record.len() - 3]), None);
    }
}
