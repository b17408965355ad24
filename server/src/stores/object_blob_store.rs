//! The scale path's blob store: an S3-compatible bucket (AWS S3, MinIO, Ceph, OSS, COS…) through
//! `object_store`. A put returns only once the store answered 200, which S3 gives only after the
//! object is stored durably; an object appears whole or not at all, so there are no unfinished
//! writes to sweep.

use std::time::Duration;

use app::ssr::infra::blob_store::{checked_key, BlobStore, StoredBlob};
use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{ClientConfigKey, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};

pub struct ObjectBlobStore {
    store: Box<dyn ObjectStore>,
}

impl ObjectBlobStore {
    /// The bucket named by `url` (`s3://bucket` or `s3://bucket/prefix`); endpoint, region and
    /// credentials come from the standard `AWS_*` variables (`AWS_ENDPOINT`, `AWS_REGION`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`).
    ///
    /// The client's own retries end within `deadline` (the guard's, `GuardedBlobStore`): a bucket
    /// that refuses is not retried for minutes behind a request someone waits on.
    pub fn open(url: &str, endpoint: Option<&str>, deadline: Duration) -> Result<Self, object_store::Error> {
        let mut builder = AmazonS3Builder::from_env()
            .with_url(url)
            .with_retry(RetryConfig { max_retries: 3, retry_timeout: deadline, ..RetryConfig::default() })
            .with_config(AmazonS3ConfigKey::Client(ClientConfigKey::Timeout), format!("{}ms", deadline.as_millis()))
            .with_config(AmazonS3ConfigKey::Client(ClientConfigKey::ConnectTimeout), "2s");
        if let Some(endpoint) = endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        let bucket = builder.build()?;
        let prefix = url.split_once("://").and_then(|(_, rest)| rest.split_once('/')).map(|(_, path)| path);
        let store: Box<dyn ObjectStore> = match prefix.map(|p| p.trim_matches('/')).filter(|p| !p.is_empty()) {
            Some(prefix) => Box::new(PrefixStore::new(bucket, prefix)),
            None => Box::new(bucket),
        };
        Ok(Self { store })
    }
}

fn location(key: &str) -> std::io::Result<Path> {
    Ok(Path::from(checked_key(key)?))
}

#[async_trait::async_trait]
impl BlobStore for ObjectBlobStore {
    async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.store.put(&location(key)?, PutPayload::from(bytes.to_vec())).await?;
        Ok(())
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        match self.store.get(&location(key)?).await {
            Ok(found) => Ok(Some(found.bytes().await?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        match self.store.delete(&location(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    async fn list(&self) -> std::io::Result<Vec<StoredBlob>> {
        let now = chrono::Utc::now();
        let objects: Vec<_> = self.store.list(None).try_collect().await?;
        Ok(objects
            .into_iter()
            .map(|meta| StoredBlob {
                key: meta.location.to_string(),
                age: (now - meta.last_modified).to_std().unwrap_or(Duration::ZERO),
            })
            .collect())
    }

    /// Single puts are atomic in S3: nothing is left half-written.
    async fn remove_abandoned_writes(&self, _older_than: Duration) -> std::io::Result<usize> {
        Ok(0)
    }
}
