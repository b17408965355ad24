//! What the best fit of a read number's line on a blurred picture's line says (`number_line_fit`
//! finds the fit): whether the blurred picture shows another number. Only a line aligned may
//! distinguish two papers — most of its digits fit well ([`ALIGNED`]: numbers on one template
//! share most digits, a year, a school's code), and fit as digits along the line too
//! ([`ALIGNED_ALONG`]): a fit whose median digit is poor (another line found, a photo cutting
//! the number), or that fits only the band of ink every blurred line of print has, says nothing,
//! and the pair stays "相似".
//!
//! A digit that differs stands out in three ways: its cell fits badly ([`DIGIT_FIT`]), or it fits
//! much worse than the line's other digits do ([`CELL_CONTRAST`]; or two digits each somewhat
//! less, [`FIRST_OF_TWO_CONTRAST`] and [`SECOND_OF_TWO_CONTRAST`]): on a heavily blurred photo
//! every cell fits well, a differing digit's a little less, and how well the same digits fit
//! says how much less is noise. Or, where the read number's digits are known
//! ([`best_fit_of_number`](super::best_fit_of_number)), another of them, moved onto the cell,
//! fits it better than the digit read there ([`OTHER_DIGIT_LEAD`]): the read line is the very
//! print's font, blurred alike.
//!
//! Thresholds chosen on `./scripts/bench-picture-hashes.sh`'s two shoots (figures in
//! docs/benchmarks.md): pairs of one paper aligned had no digit's cell below 0.885, and no worst
//! cell more than 3.12 times as far from a perfect fit as the median cell, and no median digit
//! along the line below 0.839, and no second least alike digit more than 2.52 times (four shoots);
//! [`DIGIT_FIT`], [`CELL_CONTRAST`], [`SECOND_OF_TWO_CONTRAST`] and [`ALIGNED_ALONG`] leave those
//! margins. Two blurred copies of one paper, neither read, laid the better way round: no
//! median digit below 0.957, no contrast above 3.81 (four shoots); [`BOTH_BLURRED_ALIGNED`] and the
//! same [`CELL_CONTRAST`].

/// The median digit's fit from which the line counts as aligned, and a digit's misfit counts.
/// (Not the whole line's fit: where five digits of eighteen differ, as on a classmate's
/// certificate, the whole line fits poorly although it is laid exactly.)
pub const ALIGNED: f32 = 0.90;
/// And the median digit's fit along the line (each row's mean taken out) from which the digits
/// laid on are digits too: a number laid on a blurred line of other print (a picture whose number
/// line was not found) fits its band of ink at 0.9 and its shapes along the line at about 0.5.
pub const ALIGNED_ALONG: f32 = 0.70;
/// A digit's cell fitting less than this, in a line aligned: another number.
pub const DIGIT_FIT: f32 = 0.80;
/// The least alike digit's misfit (1 − its correlation) more than this many times the median
/// digit's, in a line aligned: another number.
pub const CELL_CONTRAST: f32 = 5.0;
/// Of two blurred lines, neither read: the median digit's fit from which the line counts as laid
/// on the number's (lower than [`ALIGNED`]: two blurred copies of one paper fit at 0.87–0.89).
pub const BOTH_BLURRED_ALIGNED: f32 = 0.85;
/// Two digits that differ, each fitting worse than the line's others: the least alike digit's
/// misfit more than this many times the median digit's, where one alone needs [`CELL_CONTRAST`]…
pub const FIRST_OF_TWO_CONTRAST: f32 = 4.0;
/// …and the second least alike's more than this many times. (Numbers on one template mostly
/// differ in more than one digit; a pair of one paper has one digit at most that stands out.)
pub const SECOND_OF_TWO_CONTRAST: f32 = 3.0;
/// Another of the read line's digits fitting some cell better than the cell's own digit, by more
/// than this (in correlation), in a line aligned: another number. The read line carries the
/// very print's glyphs of most digits, blurred as the other picture is, so a differing digit that
/// fits its cell fairly well still fits the glyph of the digit truly there better. On the bench's
/// four shoots another digit fitted a cell of one paper better by 0.024 at most (once, a line
/// fitting poorly as a whole); 0.05 parts as many classmates' pairs as 0.03 on three of them.
pub const OTHER_DIGIT_LEAD: f32 = 0.05;
/// The median digit's misfit counted as at least this: on a line that fits almost perfectly, a
/// slight unevenness is not a contrast.
const MEDIAN_MISFIT_FLOOR: f32 = 0.02;

/// The best fit of a read picture's line on a blurred picture's line.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// Normalised correlation of the whole line (what the line is laid by; not part of the rule).
    pub whole: f32,
    /// Of the least alike digit's cell.
    pub worst_cell: f32,
    /// Of the second least alike digit's cell.
    pub next_worst_cell: f32,
    /// Of the median digit's cell.
    pub median_cell: f32,
    /// Of the median digit's cell with each row's mean taken out: what varies along the line,
    /// which a line of digits shares only with digits (a line of other print, blurred, shares the
    /// band of ink across its middle that `median_cell` sees).
    pub median_along_cell: f32,
    /// Where the read number's digits are known: of every cell, how much better its own digit fits
    /// than the best of the read line's other digits moved onto it, the least such lead (below
    /// zero: another digit fits some cell better). None where no number was read.
    pub least_own_digit_lead: Option<f32>,
}

impl Fit {
    /// The blurred picture shows another number than the read one.
    pub fn shows_another_number(self) -> bool {
        self.aligned()
            && (self.worst_cell < DIGIT_FIT
                || self.cell_contrast() > CELL_CONTRAST
                || self.two_digits_stand_out()
                || self.another_digit_fits_better())
    }

    /// Some cell is fitted better by another of the read number's digits than by its own.
    pub fn another_digit_fits_better(self) -> bool {
        self.least_own_digit_lead.is_some_and(|lead| lead < -OTHER_DIGIT_LEAD)
    }

    /// Two digits each fit far worse than the line's others.
    pub fn two_digits_stand_out(self) -> bool {
        self.cell_contrast() > FIRST_OF_TWO_CONTRAST && self.next_cell_contrast() > SECOND_OF_TWO_CONTRAST
    }

    /// Of two blurred pictures, neither number read: one shows another number than the other. No
    /// digit's fit counts alone (two blurred copies of one paper have a digit at 0.80 on the
    /// bench), only its contrast with the line's other digits.
    pub fn shows_another_blurred_number(self) -> bool {
        self.median_cell >= BOTH_BLURRED_ALIGNED
            && self.median_along_cell >= ALIGNED_ALONG
            && self.cell_contrast() > CELL_CONTRAST
    }

    /// The line is laid on the number's line: most digits fit, and fit along the line too.
    pub fn aligned(self) -> bool {
        self.median_cell >= ALIGNED && self.median_along_cell >= ALIGNED_ALONG
    }

    /// How many times the least alike digit's misfit is the median digit's.
    pub fn cell_contrast(self) -> f32 {
        (1.0 - self.worst_cell) / (1.0 - self.median_cell).max(MEDIAN_MISFIT_FLOOR)
    }

    /// How many times the second least alike digit's misfit is the median digit's.
    pub fn next_cell_contrast(self) -> f32 {
        (1.0 - self.next_worst_cell) / (1.0 - self.median_cell).max(MEDIAN_MISFIT_FLOOR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digit_fitting_far_worse_than_the_others_is_another_number_though_it_fits_fairly() {
        // Like a classmate's certificate on the bench, blurred: the same digits fit at 0.985, the
        // differing one at 0.88.
        let classmates = Fit {
            whole: 0.93,
            worst_cell: 0.88,
            next_worst_cell: 0.9,
            median_cell: 0.985,
            median_along_cell: 0.9,
            least_own_digit_lead: None,
        };
        assert!(classmates.shows_another_number(), "{}", classmates.cell_contrast());
        // The most uneven pair of one paper on the bench's shoots (3.12 times).
        let one_paper = Fit {
            whole: 0.90,
            worst_cell: 0.929,
            next_worst_cell: 0.95,
            median_cell: 0.977,
            median_along_cell: 0.9,
            least_own_digit_lead: None,
        };
        assert!(!one_paper.shows_another_number(), "{}", one_paper.cell_contrast());
        // Nearly perfect digits make no contrast of a slight unevenness.
        let sharp = Fit {
            whole: 0.97,
            worst_cell: 0.93,
            next_worst_cell: 0.95,
            median_cell: 0.998,
            median_along_cell: 0.9,
            least_own_digit_lead: None,
        };
        assert!(!sharp.shows_another_number(), "{}", sharp.cell_contrast());
        // A line whose median digit fits poorly is not aligned (another line, a cut number)
        // and says nothing, however uneven.
        let elsewhere = Fit {
            whole: 0.70,
            worst_cell: 0.30,
            next_worst_cell: 0.5,
            median_cell: 0.85,
            median_along_cell: 0.9,
            least_own_digit_lead: None,
        };
        assert!(!elsewhere.shows_another_number());
        // Aligned, with five digits of eighteen unlike: the whole line fits poorly (0.79, a
        // classmate's certificate on the bench), which says nothing against the digits.
        let five_digits_differ = Fit {
            whole: 0.79,
            worst_cell: 0.63,
            next_worst_cell: 0.7,
            median_cell: 0.969,
            median_along_cell: 0.9,
            least_own_digit_lead: None,
        };
        assert!(five_digits_differ.shows_another_number());
        // Two digits each far worse than the others (a classmate's certificate on the bench,
        // 1234 read and …1299 blurred: contrasts 4.6 and 3.4), neither alone past 5.
        let two_differ = Fit {
            whole: 0.93,
            worst_cell: 0.834,
            next_worst_cell: 0.878,
            median_cell: 0.964,
            median_along_cell: 0.9,
            least_own_digit_lead: None,
        };
        assert!(
            two_differ.shows_another_number(),
            "{} {}",
            two_differ.cell_contrast(),
            two_differ.next_cell_contrast()
        );
        // One digit standing out as much, the next as the most uneven pair of one paper's (2.52).
        let one_stands_out = Fit { next_worst_cell: 0.909, ..two_differ };
        assert!(!one_stands_out.shows_another_number(), "{}", one_stands_out.next_cell_contrast());
    }
}
