//! A TCP proxy in front of a server the tests cannot break themselves (the S3-compatible one):
//! the test tells it to pass bytes, to refuse (every connection, new and open, reset at once), to
//! black-hole (connections accepted and held, nothing answered) or to slow each answer down —
//! an operator's bad night, on loopback. It can also let one query through and lose its answer
//! (the connection reset as the answer comes back): what a restart does to a query it cuts
//! between the database's commit and its reply.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    Refuse,
    BlackHole,
    /// Each piece of the answer held back this long.
    Slow(Duration),
}

pub struct FaultProxy {
    pub address: SocketAddr,
    fault: watch::Sender<Fault>,
    answer_to_lose: LostAnswer,
}

/// The one request whose answer is lost: the bytes that mark it, or that mark the request after
/// which the same connection's next request carrying `then` loses its answer. Taken by the
/// connection that sends the marker.
struct Trap {
    marker: Vec<u8>,
    then: Option<&'static [u8]>,
}

type LostAnswer = Arc<Mutex<Option<Trap>>>;

/// What a connection does with the trap it took.
enum Sprung {
    No,
    /// The answer to its next request that carries these bytes is lost.
    AtTheNext(&'static [u8]),
    /// The next answer is lost.
    LosingTheAnswer,
}

impl FaultProxy {
    /// A proxy on a free loopback port in front of `upstream` (`host:port`).
    pub async fn start(upstream: String) -> FaultProxy {
        FaultProxy::start_at("127.0.0.1:0".parse().unwrap(), upstream).await
    }

    /// A proxy listening at `address` in front of `upstream` (`host:port`).
    pub async fn start_at(address: SocketAddr, upstream: String) -> FaultProxy {
        let listener = TcpListener::bind(address).await.unwrap();
        let address = listener.local_addr().unwrap();
        let (fault, watching) = watch::channel(Fault::None);
        let answer_to_lose = LostAnswer::default();
        let trap = answer_to_lose.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (watching, upstream, trap) = (watching.clone(), upstream.clone(), trap.clone());
                tokio::spawn(async move { carry(client, upstream, watching, trap).await });
            }
        });
        FaultProxy { address, fault, answer_to_lose }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn set(&self, fault: Fault) {
        self.fault.send_replace(fault);
    }

    /// The next request that carries `marker` (a value it sends, such as a key) reaches the
    /// server whole, and its answer never comes back: the connection is reset instead. Once.
    pub fn lose_the_answer_to(&self, marker: &[u8]) {
        *self.answer_to_lose.lock().unwrap() = Some(Trap { marker: marker.to_vec(), then: None });
    }

    /// The connection that sends `marker` (a value a statement writes, such as a file's name)
    /// loses the answer to its next `COMMIT`: the transaction is committed, and the server is
    /// never told. Once.
    pub fn lose_the_commit_after(&self, marker: &[u8]) {
        *self.answer_to_lose.lock().unwrap() = Some(Trap { marker: marker.to_vec(), then: Some(b"COMMIT") });
    }
}

fn carries(bytes: &[u8], marker: &[u8]) -> bool {
    bytes.windows(marker.len()).any(|window| window == marker)
}

impl Sprung {
    /// Where the connection stands once it has sent `bytes`.
    fn after(self, trap: &LostAnswer, bytes: &[u8]) -> Sprung {
        let sprung = match self {
            Sprung::No => {
                let mut set = trap.lock().unwrap();
                match set.take_if(|trap| carries(bytes, &trap.marker)) {
                    Some(Trap { then: Some(then), .. }) => Sprung::AtTheNext(then),
                    Some(Trap { then: None, .. }) => return Sprung::LosingTheAnswer,
                    None => Sprung::No,
                }
            }
            other => other,
        };
        match sprung {
            Sprung::AtTheNext(then) if carries(bytes, then) => Sprung::LosingTheAnswer,
            other => other,
        }
    }
}

/// One connection, through whatever fault is set now and later.
async fn carry(client: TcpStream, upstream: String, mut fault: watch::Receiver<Fault>, trap: LostAnswer) {
    let now = *fault.borrow();
    if now == Fault::Refuse {
        return reset(client);
    }
    let Ok(server) = TcpStream::connect(&upstream).await else { return reset(client) };
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    let (mut up, mut down) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    let mut sprung = Sprung::No;
    loop {
        tokio::select! {
            // A change is seen before any bytes that came with it: otherwise a query waiting on
            // the connection could slip through a refusal just set.
            biased;
            changed = fault.changed() => {
                let now = *fault.borrow_and_update();
                if changed.is_err() || now == Fault::Refuse {
                    return reset(from_client.reunite(to_client).unwrap());
                }
            }
            read = from_client.read(&mut up) => {
                let Ok(n @ 1..) = read else { return };
                match *fault.borrow() {
                    Fault::Refuse => return reset(from_client.reunite(to_client).unwrap()),
                    // A black hole takes what it is sent and passes nothing on.
                    Fault::BlackHole => continue,
                    Fault::None | Fault::Slow(_) => {}
                }
                sprung = sprung.after(&trap, &up[..n]);
                if to_server.write_all(&up[..n]).await.is_err() {
                    return;
                }
            }
            read = from_server.read(&mut down) => {
                let Ok(n @ 1..) = read else { return };
                if matches!(sprung, Sprung::LosingTheAnswer) {
                    return reset(from_client.reunite(to_client).unwrap());
                }
                let now = *fault.borrow_and_update();
                match now {
                    Fault::Refuse => return reset(from_client.reunite(to_client).unwrap()),
                    Fault::BlackHole => continue,
                    Fault::Slow(by) => tokio::time::sleep(by).await,
                    Fault::None => {}
                }
                if to_client.write_all(&down[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Closes with a reset (no orderly goodbye), as a refusing server's kernel answers. (Deprecated
/// for lingering that blocks the thread on drop; a zero linger does not linger: it resets.)
#[allow(deprecated)]
fn reset(stream: TcpStream) {
    let _ = stream.set_linger(Some(Duration::ZERO));
    drop(stream);
}
