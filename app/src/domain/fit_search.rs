//! Which size and JPEG quality the photo tool encodes next, given what earlier encodes weighed
//! (issue 12). Walking the plan's sizes down from the largest costs a phone a dozen encodes of a
//! 12 MP picture; instead one cheap probe at the smallest size says how heavy this picture is, a
//! model of JPEG predicts the largest size that keeps a good quality inside the byte window, and
//! the search jumps there and steers the quality by what each encode weighed. Pure: the browser
//! encodes (`client::fit_photo`), tests drive it with a model (`fit_with`).

use super::photo_fit::FitPlan;

/// JPEG qualities the search moves between; below the floor a document's text smears.
pub const QUALITY_FLOOR: f32 = 0.40;
pub const QUALITY_CEILING: f32 = 0.95;
/// The quality a size is chosen for: the largest size is the one that fits at this quality, so a
/// picture is neither a big blocky one nor a small pristine one.
pub const GOOD_QUALITY: f32 = 0.70;
/// Encodes tried at most, over all sizes.
const MAX_TRIES: usize = 10;
/// How fast a JPEG grows with quality: ln(bytes) rises about this much per unit of quality in the
/// middle of the range (browsers' encoders, measured in `docs/benchmarks.md`); used until two
/// encodes at one size give the real slope.
const DEFAULT_SLOPE: f64 = 3.0;
/// The slopes believed from two encodes: flatter than this (pure noise) or steeper (a blank page
/// near the ceiling) is a measuring accident, not the encoder.
const MIN_SLOPE: f64 = 0.5;
const MAX_SLOPE: f64 = 12.0;
/// The share of the window's upper part a fit must reach to end the search: a fit that light
/// would look better at a higher quality, worth one more encode.
const ACCEPT_FROM: f64 = 0.6;
/// A size is chosen when its predicted bytes at `GOOD_QUALITY` are under this share of the
/// maximum: the model is rough, and a smaller picture only needs a higher quality.
const SIZE_MARGIN: f64 = 0.9;

/// An encode the search asks for: the size to draw, the quality to encode at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Encode {
    pub size: (u32, u32),
    pub quality: f32,
}

/// One encode done: the size drawn, the quality asked, the bytes it made.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitTry {
    pub size: (u32, u32),
    pub quality: f32,
    pub bytes: u64,
}

/// The search over sizes and qualities for one plan. Ask `next()`, encode, tell `record()`.
#[derive(Clone, Debug)]
pub struct FitSearch {
    /// Largest first, as the plan lists them.
    sizes: Vec<(u32, u32)>,
    min_bytes: u64,
    max_bytes: u64,
    tries: Vec<FitTry>,
    /// The size being searched (an index into `sizes`); None before the probe.
    chosen: Option<usize>,
    /// The best fit so far: the most pixels, then the highest quality, inside the window.
    best: Option<FitTry>,
    /// No size can fit: too heavy at the floor at the smallest, or too light at the ceiling at
    /// the largest.
    hopeless: bool,
}

impl FitSearch {
    pub fn new(plan: &FitPlan) -> FitSearch {
        FitSearch {
            sizes: plan.sizes.clone(),
            min_bytes: plan.min_bytes,
            max_bytes: plan.max_bytes,
            tries: Vec::new(),
            chosen: None,
            best: None,
            hopeless: plan.sizes.is_empty(),
        }
    }

    /// The next encode, or None when the search is over (see `best`).
    pub fn next(&self) -> Option<Encode> {
        if self.hopeless || self.tries.len() >= MAX_TRIES {
            return None;
        }
        let Some(chosen) = self.chosen else {
            // The probe: the smallest size is the cheapest to draw and encode.
            let size = *self.sizes.last()?;
            return Some(Encode { size, quality: GOOD_QUALITY });
        };
        let size = self.sizes[chosen];
        if let Some(best) = self.best.filter(|best| best.size == size) {
            if best.bytes as f64 >= self.accept_from() || best.quality >= QUALITY_CEILING {
                return None;
            }
        }
        let quality = self.quality_to_try(size)?;
        Some(Encode { size, quality })
    }

    /// What an encode at `size` and `quality` weighed; true when it is now the best fit (the
    /// bytes to keep).
    pub fn record(&mut self, size: (u32, u32), quality: f32, bytes: u64) -> bool {
        let done = FitTry { size, quality, bytes };
        self.tries.push(done);
        let fits = (self.min_bytes..=self.max_bytes).contains(&bytes);
        let became_best = fits && self.best.is_none_or(|best| rank(done) > rank(best));
        if became_best {
            self.best = Some(done);
        }
        let index = self.sizes.iter().position(|&s| s == size);
        match (self.chosen, index) {
            (None, _) => self.chosen = Some(self.predicted_size()),
            (Some(chosen), Some(index)) if index == chosen => self.move_if_out_of_reach(chosen, done),
            _ => {}
        }
        became_best
    }

    /// The fit to keep, once `next()` is None; None when nothing landed in the window.
    pub fn best(&self) -> Option<FitTry> {
        self.best
    }

    fn accept_from(&self) -> f64 {
        self.min_bytes as f64 + ACCEPT_FROM * (self.max_bytes.saturating_sub(self.min_bytes)) as f64
    }

    /// The bytes aimed at: the middle of the accepted part of the window.
    fn target(&self) -> f64 {
        (self.accept_from() + self.max_bytes as f64) / 2.0
    }

    /// The largest size whose bytes at `GOOD_QUALITY`, predicted from the probe, stay under the
    /// maximum with a margin; the smallest when none does.
    fn predicted_size(&self) -> usize {
        let limit = self.max_bytes as f64 * SIZE_MARGIN;
        (0..self.sizes.len())
            .find(|&index| self.predict(self.sizes[index], GOOD_QUALITY) <= limit)
            .unwrap_or(self.sizes.len() - 1)
    }

    /// Bytes at `size` and `quality`, from the encode nearest in pixels: JPEG grows with the
    /// pixel count and exponentially with quality.
    fn predict(&self, size: (u32, u32), quality: f32) -> f64 {
        self.nearest(size, quality).map_or(0.0, |from| {
            from.bytes as f64 * pixels(size) / pixels(from.size)
                * (DEFAULT_SLOPE * f64::from(quality - from.quality)).exp()
        })
    }

    /// A quality for `size` aimed at the target: between the heaviest too-light and the lightest
    /// too-heavy encode at this size (log-linear); on one side of them only, along the slope two
    /// encodes here measured (a noisy photo grows far less with quality than a clean page), or the
    /// model's from the nearest encode. None when no quality is left between them.
    fn quality_to_try(&self, size: (u32, u32)) -> Option<f32> {
        let mut here: Vec<FitTry> = self.tries.iter().copied().filter(|t| t.size == size).collect();
        here.sort_by(|a, b| a.quality.total_cmp(&b.quality));
        let light = here.iter().copied().rfind(|t| (t.bytes as f64) < self.accept_from());
        let heavy = here.iter().copied().find(|t| t.bytes > self.max_bytes);
        let lowest = light.map_or(QUALITY_FLOOR, |t| t.quality + 0.01);
        let highest = heavy.map_or(QUALITY_CEILING, |t| t.quality - 0.01);
        if highest < lowest - 0.001 {
            return None;
        }
        let target = self.target().ln();
        let guess = match (light, heavy) {
            (Some(a), Some(b)) => {
                let share = ((target - ln_bytes(a)) / (ln_bytes(b) - ln_bytes(a))).clamp(0.15, 0.85);
                a.quality + (b.quality - a.quality) * share as f32
            }
            (Some(from), None) | (None, Some(from)) => {
                // The two encodes here nearest the target's side measure the slope.
                let pair = if heavy.is_some() { here.get(..2) } else { here.get(here.len().saturating_sub(2)..) };
                let slope = match pair {
                    Some([p, q]) if q.quality > p.quality => {
                        ((ln_bytes(*q) - ln_bytes(*p)) / f64::from(q.quality - p.quality)).clamp(MIN_SLOPE, MAX_SLOPE)
                    }
                    _ => DEFAULT_SLOPE,
                };
                from.quality + ((target - ln_bytes(from)) / slope) as f32
            }
            (None, None) => {
                GOOD_QUALITY + ((target - self.predict(size, GOOD_QUALITY).max(1.0).ln()) / DEFAULT_SLOPE) as f32
            }
        };
        Some(((guess.clamp(lowest, highest.max(lowest))) * 100.0).round() / 100.0)
    }

    /// The encode nearest in pixels to `size`, at it first; among those, nearest to `quality`.
    fn nearest(&self, size: (u32, u32), quality: f32) -> Option<FitTry> {
        let distance = |t: &FitTry| ((pixels(t.size).ln() - pixels(size).ln()).abs(), (t.quality - quality).abs());
        self.tries.iter().copied().min_by(|a, b| {
            let ((pa, qa), (pb, qb)) = (distance(a), distance(b));
            pa.total_cmp(&pb).then(qa.total_cmp(&qb))
        })
    }

    /// After an encode at the chosen size: too heavy at the floor, a smaller size; too light at
    /// the ceiling, a larger one; neither left, hopeless.
    fn move_if_out_of_reach(&mut self, chosen: usize, done: FitTry) {
        let too_heavy_at_floor = done.bytes > self.max_bytes && done.quality <= QUALITY_FLOOR;
        let too_light_at_ceiling = done.bytes < self.min_bytes && done.quality >= QUALITY_CEILING;
        if too_heavy_at_floor {
            if chosen + 1 < self.sizes.len() {
                self.chosen = Some(chosen + 1);
            } else {
                self.hopeless = self.best.is_none();
            }
        } else if too_light_at_ceiling {
            let tried_larger = chosen > 0 && self.tries.iter().any(|t| t.size == self.sizes[chosen - 1]);
            if chosen > 0 && !tried_larger {
                self.chosen = Some(chosen - 1);
            } else {
                self.hopeless = self.best.is_none();
            }
        }
    }
}

/// Which fit is better: more pixels first, then a higher quality.
fn rank(done: FitTry) -> (u64, u32) {
    (u64::from(done.size.0) * u64::from(done.size.1), (done.quality * 1000.0).round() as u32)
}

fn ln_bytes(done: FitTry) -> f64 {
    (done.bytes.max(1) as f64).ln()
}

fn pixels(size: (u32, u32)) -> f64 {
    f64::from(size.0.max(1)) * f64::from(size.1.max(1))
}

/// The whole fit with a synchronous encoder (`encode(size, quality)` returns the bytes it made);
/// the browser runs the same steps with its asynchronous canvas. The fit, if any.
pub fn fit_with(plan: &FitPlan, mut encode: impl FnMut((u32, u32), f32) -> u64) -> Option<FitTry> {
    let mut search = FitSearch::new(plan);
    while let Some(next) = search.next() {
        search.record(next.size, next.quality, encode(next.size, next.quality));
    }
    search.best()
}
