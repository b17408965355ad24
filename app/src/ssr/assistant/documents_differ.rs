//! Distinguishing two documents the perceptual hash joins (issue 34). The hash keeps only a page's
//! coarsest shapes: two certificates printed on one template share them, and so, by chance, do
//! some unrelated pages. A pair of one file (the same SHA-256) stays at once: nothing in it can
//! distinguish them. Otherwise, cheapest first:
//! - what each says it is in its QR code (a 学信网 report's 验证码): two texts, two documents;
//! - its layout (`picture_checks::page_layout`): the two papers' marks, small, laid on each other;
//!   unrelated pages (about 300 chance meetings in an exam of 1000 candidates) part here;
//! - the number it is known by (a 证书编号, an ID card's number) read by tesseract: two numbers,
//!   two documents. Where only one number reads (the other picture is blurred), the read
//!   picture's number line is laid on the blurred one's (`picture_checks::number_line_fit`), and a
//!   digit that does not fit where the line's other digits do, or a cell another of the read
//!   digits fits better than its own, is another number; where neither reads, the two blurred
//!   pictures' lines are laid on each other (whichever way round fits better), and only a digit
//!   far unlike the line's others counts. A number tesseract did not finish reading (it failed,
//!   or had no time for even one crop) tells nothing, and the pair stays.
//!
//! Everything else stays "相似" for the reviewer to read. The number is read only for pictures the
//! hash joined with another person's, once per picture (kept in `picture_findings`): about 0.6 s
//! of a core each; laying one line on another, about 0.3 s a pair with one blurred side, twice
//! that with two; the layouts, a decode and a paper's straightening once per picture, kept
//! (`kept_page_marks`) (`./scripts/bench-picture-hashes.sh`, `./scripts/bench-chance-pairs.sh`).

use std::sync::Arc;

use image::GrayImage;
use picture_checks::number_line_fit::{best_fit_either_way, best_fit_of_number, Fit, CELLS_OF_AN_UNREAD_NUMBER};
use picture_checks::number_reading::Reading;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::error::AppError;
use crate::ssr::assistant::kept_page_marks::marks_of;
use crate::ssr::assistant::picture_analysis::{document_number, number_lines};
use crate::ssr::assistant::quiet_picture_work::when_quiet_on_stored;
use crate::ssr::assistant::reading_retry::retry_at;
use crate::ssr::entities::picture_finding;
use crate::ssr::infra::server_state::ServerState;

/// Of the pictures `alike` (other people's, with their hashes' distance) those `blob_key`'s
/// picture is not distinguished from.
pub async fn still_alike(
    state: &ServerState,
    blob_key: &str,
    alike: Vec<(String, u32)>,
) -> Result<Vec<(String, u32)>, AppError> {
    if alike.is_empty() {
        return Ok(alike);
    }
    let keys = alike.iter().map(|(key, _)| key.clone()).chain([blob_key.to_string()]);
    let findings = picture_finding::by_blob_key(&state.db, keys).await?;
    let Some(mine) = findings.get(blob_key) else { return Ok(alike) };
    let codes_differ =
        |other: &picture_finding::Model| matches!((&mine.qr_text, &other.qr_text), (Some(a), Some(b)) if a != b);
    let alike: Vec<(String, u32)> =
        alike.into_iter().filter(|(key, _)| !findings.get(key).is_some_and(codes_differ)).collect();
    // One file handed in by two people: nothing in it can tell them apart, and no picture of it
    // need be decoded to say so (the review screen says they are the very same file).
    let (mut kept, alike): (Vec<_>, Vec<_>) = alike.into_iter().partition(|(key, _)| {
        mine.sha256.is_some() && findings.get(key).is_some_and(|theirs| theirs.sha256 == mine.sha256)
    });
    let alike = same_layout(state, blob_key, alike).await?;
    if alike.is_empty() || crate::ssr::assistant::assistant_state::tesseract_of(state).is_none() {
        kept.extend(alike);
        return Ok(kept);
    }
    let my_number = number_of(state, mine).await?;
    // This picture's lines, found once for every pair that needs them.
    let mut my_lines: Option<Arc<Vec<GrayImage>>> = None;
    for (key, distance) in alike {
        let Some(theirs) = findings.get(&key) else {
            kept.push((key, distance));
            continue;
        };
        let their_number = number_of(state, theirs).await?;
        let laying = match (&my_number, &their_number) {
            (Reading::Read(one), Reading::Read(other)) => {
                if one == other {
                    kept.push((key, distance));
                }
                continue;
            }
            // Tesseract did not finish: nothing is known of that number, and the pair stays.
            (Reading::Unfinished, _) | (_, Reading::Unfinished) => {
                kept.push((key, distance));
                continue;
            }
            (Reading::Read(read), Reading::Unreadable) => {
                Laying::ReadOnBlurred { read: Side::Mine, number: read.clone() }
            }
            (Reading::Unreadable, Reading::Read(read)) => {
                Laying::ReadOnBlurred { read: Side::Theirs, number: read.clone() }
            }
            (Reading::Unreadable, Reading::Unreadable) => Laying::EitherWay,
        };
        let mine_lines = match &my_lines {
            Some(lines) => Arc::clone(lines),
            None => Arc::clone(my_lines.insert(Arc::new(lines_of(state, &mine.blob_key).await?.unwrap_or_default()))),
        };
        if !another_number_shown(state, &theirs.blob_key, mine_lines, laying).await? {
            kept.push((key, distance));
        }
    }
    Ok(kept)
}

/// Of the pictures `alike`, those laid out as `blob_key`'s is (a picture whose marks cannot be
/// taken is kept: nothing tells it apart).
async fn same_layout(
    state: &ServerState,
    blob_key: &str,
    alike: Vec<(String, u32)>,
) -> Result<Vec<(String, u32)>, AppError> {
    if alike.is_empty() {
        return Ok(alike);
    }
    let keys: Vec<&str> = alike.iter().map(|(key, _)| key.as_str()).chain([blob_key]).collect();
    let marks = marks_of(state, &keys).await?;
    let Some(mine) = marks.get(blob_key) else { return Ok(alike) };
    Ok(alike
        .into_iter()
        .filter(|(key, _)| !marks.get(key).is_some_and(|theirs| mine.other_layout_than(theirs)))
        .collect())
}

/// One of a pair's two pictures.
#[derive(Clone, Copy)]
enum Side {
    Mine,
    Theirs,
}

/// How a pair's two pictures' lines are laid on each other.
enum Laying {
    /// The side whose number `number` was read, on the blurred one.
    ReadOnBlurred { read: Side, number: String },
    /// Neither number read: whichever way round fits better.
    EitherWay,
}

/// Whether, of this picture (its lines `mine_lines`) and the other one stored under `their_key`,
/// one shows another number than the other.
async fn another_number_shown(
    state: &ServerState,
    their_key: &str,
    mine_lines: Arc<Vec<GrayImage>>,
    laying: Laying,
) -> Result<bool, AppError> {
    let shown = when_quiet_on_stored(state, their_key, move |bytes| {
        let their_lines = number_lines(bytes)?;
        match laying {
            Laying::ReadOnBlurred { read, number } => {
                let (sharp, blurred) = match read {
                    Side::Mine => (&mine_lines[..], &their_lines[..]),
                    Side::Theirs => (&their_lines[..], &mine_lines[..]),
                };
                best_fit_of_number(sharp, &number, blurred).map(Fit::shows_another_number)
            }
            Laying::EitherWay => best_fit_either_way(&mine_lines, &their_lines, CELLS_OF_AN_UNREAD_NUMBER)
                .map(Fit::shows_another_blurred_number),
        }
    })
    .await?
    .flatten();
    Ok(shown == Some(true))
}

/// The likeliest lines of digits on the picture stored under `blob_key`; None when it is gone.
async fn lines_of(state: &ServerState, blob_key: &str) -> Result<Option<Vec<GrayImage>>, AppError> {
    Ok(when_quiet_on_stored(state, blob_key, number_lines).await?.flatten())
}

/// The picture's document number: as read before, or read now and kept. A reading tesseract did
/// not finish is not kept: it is tried again when the picture is next compared, or at its retry
/// time (`document_number_retry`), whichever comes first.
pub async fn number_of(state: &ServerState, finding: &picture_finding::Model) -> Result<Reading, AppError> {
    if let Some(number) = finding.document_number_looked_for() {
        return Ok(number.map_or(Reading::Unreadable, Reading::Read));
    }
    let Some(tesseract) = crate::ssr::assistant::assistant_state::tesseract_of(state) else {
        return Ok(Reading::Unfinished);
    };
    let reading = when_quiet_on_stored(state, &finding.blob_key, move |bytes| document_number(bytes, &tesseract))
        .await?
        .unwrap_or(Reading::Unreadable);
    let now = state.clock.now();
    let kept = match &reading {
        Reading::Unfinished => picture_finding::ActiveModel {
            document_number_retry_at: Set(Some(retry_at(finding.looked_at, now))),
            ..Default::default()
        },
        finished => picture_finding::ActiveModel {
            document_number_read_at: Set(Some(now)),
            document_number: Set(match finished {
                Reading::Read(number) => Some(number.clone()),
                _ => None,
            }),
            document_number_retry_at: Set(None),
            ..Default::default()
        },
    };
    picture_finding::Entity::update_many()
        .filter(picture_finding::Column::Id.eq(finding.id))
        .set(kept)
        .exec(&state.db)
        .await?;
    Ok(reading)
}
