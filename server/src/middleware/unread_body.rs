//! A request refused before its body was read (past capacity, over a rate limit) still has its
//! body on the wire. A server that answers and drops it closes the connection with bytes unread,
//! and a load balancer keeping that connection alive for the next request sees the server fail
//! (nginx's "upstream prematurely closed connection"), counts it against the server and, at the
//! default `max_fails=1`, stops sending to it for 10 s: one refusal became a 502 for everyone.
//! So the rest of the body is read and thrown away, within bounds, before the answer goes.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use futures_util::StreamExt;

/// Behind a load balancer the body is already whole (nginx buffers it): reading it takes
/// microseconds. A client that sends slowly is not waited for.
const WAIT: Duration = Duration::from_secs(2);

/// Reads and drops at most `limit` bytes of `body`; whether the body ended within the bounds.
async fn read_to_end(body: Body, limit: u64) -> bool {
    let drained = async {
        let mut seen = 0u64;
        let mut chunks = body.into_data_stream();
        while let Some(chunk) = chunks.next().await {
            seen += chunk.map_err(|_| ())?.len() as u64;
            if seen > limit {
                return Err(());
            }
        }
        Ok(())
    };
    matches!(tokio::time::timeout(WAIT, drained).await, Ok(Ok(())))
}

/// `answer` to a request whose `body` was not read: the body is read and dropped first, or,
/// when that cannot be done within bounds, the answer says the connection closes.
pub async fn answer_unread(body: Body, limit: u64, mut answer: Response) -> Response {
    if !read_to_end(body, limit).await {
        answer.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    answer
}
