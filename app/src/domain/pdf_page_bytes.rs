//! How a PDF's page drawn in the browser is brought into a category's byte window (issue 68): the
//! qualities tried and when the page is drawn again at a higher DPI. The encoding is the browser's
//! canvas (`components::pdf_pages_on_demand`); the steps are here, pure, so they are tested.
//!
//! Downward from 0.92 until the page is under the maximum; where the first try is already under
//! the minimum (a clean page of vector text is light: 学信网's 备案表 at 200 dpi against seed 004's
//! 400 KB), upward through finer qualities; where even the finest is under it, more pixels: the
//! page drawn again at 1.25 and then 1.5 × the DPI asked for (never less than asked).

/// Qualities tried, best first, until a page lands under the category's byte limit.
pub const QUALITIES: [f32; 6] = [0.92, 0.85, 0.78, 0.7, 0.6, 0.5];
/// Qualities tried upward when the first is under the category's floor.
pub const FINER: [f32; 3] = [0.96, 0.98, 1.0];
/// The DPIs a page is drawn at, in quarters of the one asked for, while it comes out too light.
pub const DPI_QUARTERS: [u32; 3] = [4, 5, 6];

/// A category's byte window: (minimum, maximum), either unsaid.
pub type ByteWindow = (Option<u64>, Option<u64>);

/// Where an encoding landed against the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landed {
    Inside,
    OverCeiling,
    UnderFloor,
}

impl Landed {
    pub fn of(bytes: u64, (min, max): ByteWindow) -> Landed {
        if max.is_some_and(|max| bytes > max) {
            Landed::OverCeiling
        } else if min.is_some_and(|min| bytes < min) {
            Landed::UnderFloor
        } else {
            Landed::Inside
        }
    }
}

/// What to do after the encodings tried so far at one DPI.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NextStep {
    /// Encode again at this quality.
    Encode(f32),
    /// Keep the try at this index: it landed inside, or it is the best these pixels give
    /// (`UnderFloor`: more pixels may reach the minimum; `OverCeiling`: the lightest tried).
    Keep { index: usize, landed: Landed },
}

/// The next step after `tries` (each a quality and the bytes it gave, in the order tried).
pub fn next_step(tries: &[(f32, u64)], window: ByteWindow) -> NextStep {
    let Some(&(quality, bytes)) = tries.last() else { return NextStep::Encode(QUALITIES[0]) };
    let last = tries.len() - 1;
    let keep = |index, landed| NextStep::Keep { index, landed };
    let after = |ladder: &[f32]| ladder.iter().position(|q| *q == quality).and_then(|i| ladder.get(i + 1)).copied();
    let going_finer = FINER.contains(&quality);
    match Landed::of(bytes, window) {
        Landed::Inside => keep(last, Landed::Inside),
        // Finer went past the maximum in one step: the try before it, under the floor, is kept.
        Landed::OverCeiling if going_finer => keep(last - 1, Landed::UnderFloor),
        Landed::OverCeiling => after(&QUALITIES).map_or(keep(last, Landed::OverCeiling), NextStep::Encode),
        Landed::UnderFloor if last == 0 => NextStep::Encode(FINER[0]),
        Landed::UnderFloor if going_finer => after(&FINER).map_or(keep(last, Landed::UnderFloor), NextStep::Encode),
        // From over the maximum to under the minimum in one step down: the window is narrower than
        // a step at these pixels; more pixels may land inside.
        Landed::UnderFloor => keep(last, Landed::UnderFloor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KB: u64 = 1024;

    /// The steps taken with an encoder whose bytes at each quality are `bytes(quality)`: the
    /// qualities tried and the step that ends it.
    fn run(window: ByteWindow, bytes: impl Fn(f32) -> u64) -> (Vec<f32>, NextStep) {
        let mut tries = Vec::new();
        loop {
            match next_step(&tries, window) {
                NextStep::Encode(quality) => tries.push((quality, bytes(quality))),
                kept => return (tries.iter().map(|(q, _)| *q).collect(), kept),
            }
        }
    }

    /// A JPEG's bytes grow about exponentially with the quality.
    fn page(kb_at_092: f64) -> impl Fn(f32) -> u64 {
        move |quality| (kb_at_092 * (f64::from(quality - 0.92) * 6.0).exp() * KB as f64) as u64
    }

    #[test]
    fn a_page_inside_the_window_at_the_first_quality_is_kept() {
        let (tried, kept) = run((Some(400 * KB), Some(600 * KB)), page(500.0));
        assert_eq!(tried, [0.92]);
        assert_eq!(kept, NextStep::Keep { index: 0, landed: Landed::Inside });
    }

    #[test]
    fn a_heavy_scan_steps_down_until_it_is_under_the_maximum() {
        let (tried, kept) = run((Some(400 * KB), Some(600 * KB)), page(1000.0));
        assert_eq!(tried, [0.92, 0.85, 0.78]);
        assert_eq!(kept, NextStep::Keep { index: 2, landed: Landed::Inside });
    }

    #[test]
    fn a_light_page_of_text_is_raised_through_finer_qualities_to_the_minimum() {
        // A clean page of text at 200 dpi: 300 KB at 0.92 against 004's 400 KB.
        let (tried, kept) = run((Some(400 * KB), Some(600 * KB)), page(300.0));
        assert_eq!(tried, [0.92, 0.96, 0.98]);
        assert_eq!(kept, NextStep::Keep { index: 2, landed: Landed::Inside });
    }

    #[test]
    fn a_page_too_light_at_the_finest_quality_asks_for_more_pixels() {
        let (tried, kept) = run((Some(400 * KB), Some(600 * KB)), page(150.0));
        assert_eq!(tried, [0.92, 0.96, 0.98, 1.0]);
        assert_eq!(kept, NextStep::Keep { index: 3, landed: Landed::UnderFloor });
    }

    #[test]
    fn a_window_narrower_than_a_step_keeps_the_lighter_try_and_asks_for_more_pixels() {
        // 0.92 gives 650 KB, 0.85 gives about 427 KB: both outside 500–600 KB.
        let (tried, kept) = run((Some(500 * KB), Some(600 * KB)), page(650.0));
        assert_eq!(tried, [0.92, 0.85]);
        assert_eq!(kept, NextStep::Keep { index: 1, landed: Landed::UnderFloor });
        // Going finer past the maximum in one step keeps the finer try under it.
        let jumpy = |quality: f32| if quality < 0.95 { 390 * KB } else { 700 * KB };
        let (tried, kept) = run((Some(400 * KB), Some(600 * KB)), jumpy);
        assert_eq!(tried, [0.92, 0.96]);
        assert_eq!(kept, NextStep::Keep { index: 0, landed: Landed::UnderFloor });
    }

    #[test]
    fn a_page_over_the_maximum_at_every_quality_keeps_the_lightest_for_the_verdict_to_say() {
        let (tried, kept) = run((None, Some(100 * KB)), page(5000.0));
        assert_eq!(tried, QUALITIES);
        assert_eq!(kept, NextStep::Keep { index: QUALITIES.len() - 1, landed: Landed::OverCeiling });
    }

    #[test]
    fn without_a_window_the_first_quality_is_kept() {
        assert_eq!(run((None, None), page(5000.0)), (vec![0.92], NextStep::Keep { index: 0, landed: Landed::Inside }));
    }
}
