//! Hashes every picture of a folder (scripts/bench/similar_documents.py's: `t1_cert03_scan.jpg`,
//! `t1_cert03_photo_tilt.jpg`, …, the part before `_scan`/`_photo` naming the paper and the part
//! before `_cert` its template) with each candidate configuration and prints, per configuration:
//! the largest distance between two pictures of the same paper (must match), the smallest between
//! two certificates on the same template and on different templates (must not), the margin, the
//! threshold it suggests and what that threshold gets wrong, and the time per picture. Then the
//! same for the library's `perceptual_hash` at `SAME_DOCUMENT_MAX_DISTANCE`. Then the second
//! stage as the server runs it: each picture's certificate number read
//! (`picture_checks::document_number`, with Debian's tesseract), and what the pairs the first stage
//! flags become when two pictures whose numbers were both read and differ are not the same
//! document. Then the third look, where only one of the two numbers was read
//! (`picture_checks::number_line_fit`).
//!
//! Last, every look in the server's order, the layouts' first (`all_looks`).
//!
//! `--second-stage-only` skips the sweep of hash configurations; `--chance FOLDER` measures instead
//! how often unrelated people's pictures meet, and what the look at their layouts leaves of them
//! (`chance_pairs`).
//!
//! Times are this thread's time on a core (Linux's schedstat), one core, the machine being shared.
//!
//! Usage: picture-hashes FOLDER [DEBUG_FOLDER] (the second writes each picture's found paper).

use image::{DynamicImage, ImageDecoder, ImageReader};
use image_hasher::{HashAlg, Hasher, HasherConfig};
use picture_checks::document_number::read_document_number;
use picture_checks::number_line_fit::{
    self, Fit, ALREADY_BLURRED, BOTH_BLURRED_ALIGNED, CELLS_OF_AN_UNREAD_NUMBER, CELL_CONTRAST, DIGIT_FIT,
    FIRST_OF_TWO_CONTRAST, ALIGNED, ALIGNED_ALONG, SECOND_OF_TWO_CONTRAST,
};
use picture_checks::number_reading::Reading;
use picture_hashes::SAME_DOCUMENT_MAX_DISTANCE;
use picture_hashes::{document_distance, kth_largest, perceptual_hash, prepare, tile_distances, tile_hashes, Prep};

mod all_looks;
mod chance_pairs;

struct Picture {
    name: String,
    paper: String,
    template: String,
    image: DynamicImage,
}

/// A hash configuration: a preparation, a grid of tiles (1 × 1: the whole), a hasher per tile,
/// and which of the tiles' distances counts (1: the most changed tile, 3: the third).
struct Config {
    prep: Prep,
    grid: (u32, u32),
    alg: HashAlg,
    dct: bool,
    size: u32,
    kth: usize,
}

impl Config {
    fn hasher(&self) -> Hasher {
        let config = HasherConfig::new().hash_alg(self.alg).hash_size(self.size, self.size);
        if self.dct { config.preproc_dct() } else { config }.to_hasher()
    }
    fn label(&self) -> String {
        let dct = if self.dct { "+dct" } else { "" };
        let tiles = match self.grid {
            (1, 1) => String::new(),
            (c, r) => format!(" tiles {c}x{r} k{}", self.kth),
        };
        format!("{:?} {:?}{dct} {s}x{s}{tiles}", self.prep, self.alg, s = self.size)
    }
}

/// What a distance gets right and wrong over the set's pairs.
#[derive(Default)]
struct Pairs {
    same: Vec<(u32, usize, usize)>,
    same_template: Vec<(u32, usize, usize)>,
    other_template: Vec<(u32, usize, usize)>,
}

impl Pairs {
    fn measure(pictures: &[Picture], distance: impl Fn(usize, usize) -> u32) -> Pairs {
        let mut pairs = Pairs::default();
        for i in 0..pictures.len() {
            for j in i + 1..pictures.len() {
                let entry = (distance(i, j), i, j);
                if pictures[i].paper == pictures[j].paper {
                    pairs.same.push(entry);
                } else if pictures[i].template == pictures[j].template {
                    pairs.same_template.push(entry);
                } else {
                    pairs.other_template.push(entry);
                }
            }
        }
        pairs
    }
    fn max_same(&self) -> (u32, usize, usize) {
        *self.same.iter().max().unwrap()
    }
    fn min_same_template(&self) -> (u32, usize, usize) {
        *self.same_template.iter().min().unwrap()
    }
    fn min_other_template(&self) -> u32 {
        self.other_template.iter().min().map_or(u32::MAX, |p| p.0)
    }
    /// (same pairs that would not match, different pairs that would) at a threshold.
    fn errors(&self, threshold: u32) -> (usize, usize) {
        let missed = self.same.iter().filter(|p| p.0 > threshold).count();
        let wrong = self.same_template.iter().chain(&self.other_template).filter(|p| p.0 <= threshold).count();
        (missed, wrong)
    }
    /// Midway between the two sides when they are apart; else the threshold with the fewest
    /// errors, each side's errors counted as a share of its pairs.
    fn threshold(&self, max_bits: u32) -> u32 {
        let (same, different) = (self.max_same().0, self.min_same_template().0.min(self.min_other_template()));
        if same < different {
            return (same + different - 1) / 2;
        }
        let different = (self.same_template.len() + self.other_template.len()) as f64;
        let balanced = |t: u32| {
            let (missed, wrong) = self.errors(t);
            missed as f64 / self.same.len() as f64 + wrong as f64 / different
        };
        (0..=max_bits).min_by(|&a, &b| balanced(a).total_cmp(&balanced(b))).unwrap()
    }
}

/// Milliseconds this thread has spent on a core (the machine is shared, so not wall time).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    stat.split_whitespace().next().unwrap().parse::<f64>().unwrap() / 1e6
}

fn open_upright(path: &std::path::Path) -> DynamicImage {
    let mut decoder = ImageReader::open(path).unwrap().with_guessed_format().unwrap().into_decoder().unwrap();
    let orientation = decoder.orientation().unwrap();
    let mut image = DynamicImage::from_decoder(decoder).unwrap();
    image.apply_orientation(orientation);
    image
}

fn main() {
    let args = std::env::args().skip(1);
    let mut rest: Vec<String> = args.collect();
    if rest.first().is_some_and(|a| a == "--chance") {
        return chance_pairs::run(rest.get(1).expect("usage: picture-hashes --chance FOLDER"));
    }
    let second_only = rest.iter().any(|a| a == "--second-stage-only");
    rest.retain(|a| a != "--second-stage-only");
    let mut args = rest.into_iter();
    let folder = args.next().expect("usage: picture-hashes [--second-stage-only] FOLDER [DEBUG_FOLDER]");
    let debug = args.next();
    let mut paths: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "jpg"));
    paths.sort();
    let started = cpu_ms();
    let pictures: Vec<Picture> = paths
        .iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let paper = name.split("_scan").next().unwrap().split("_photo").next().unwrap().to_owned();
            let template = paper.split("_cert").next().unwrap().to_owned();
            Picture { name, paper, template, image: open_upright(path) }
        })
        .collect();
    let n = pictures.len();
    let decode_ms = (cpu_ms() - started) / n as f64;
    println!("{n} pictures, decoding and turning upright {decode_ms:.0} ms per picture (not counted below)");

    if !second_only {
        sweep(&pictures, debug.as_deref());
    }
    first_and_second_stage(&pictures);
}

/// Every candidate hash configuration, sorted by what it gets wrong.
fn sweep(pictures: &[Picture], debug: Option<&str>) {
    let n = pictures.len();
    let mut prepared = Vec::new();
    for prep in [Prep::Whole, Prep::Paper, Prep::PaperFlat] {
        let started = cpu_ms();
        let images: Vec<_> = pictures.iter().map(|p| prepare(&p.image, prep)).collect();
        let ms = (cpu_ms() - started) / n as f64;
        println!("preparing {prep:?}: {ms:.1} ms per picture");
        if let (Some(dir), Prep::Paper) = (debug, prep) {
            std::fs::create_dir_all(dir).unwrap();
            for (p, img) in pictures.iter().zip(&images) {
                img.save(format!("{dir}/{}.png", p.name)).unwrap();
            }
        }
        prepared.push((prep, images, ms));
    }

    let mut configs = Vec::new();
    for prep in [Prep::Whole, Prep::Paper] {
        for alg in
            [HashAlg::Mean, HashAlg::Gradient, HashAlg::VertGradient, HashAlg::DoubleGradient, HashAlg::Blockhash]
        {
            for dct in [false, true] {
                for size in [8, 16, 32] {
                    if !(dct && alg == HashAlg::Blockhash) {
                        configs.push(Config { prep, grid: (1, 1), alg, dct, size, kth: 1 });
                    }
                }
            }
        }
    }
    for prep in [Prep::Paper, Prep::PaperFlat] {
        for grid in [(4, 3), (6, 4), (8, 6)] {
            for (alg, dct) in [
                (HashAlg::Gradient, false),
                (HashAlg::DoubleGradient, false),
                (HashAlg::Mean, false),
                (HashAlg::Mean, true),
            ] {
                for kth in [1, 2, 3] {
                    configs.push(Config { prep, grid, alg, dct, size: 8, kth });
                }
            }
        }
    }

    println!(
        "\n{:46} {:>5} {:>9} {:>9} {:>9} {:>7} {:>6} {:>12} {:>9} {:>7}",
        "configuration",
        "bits",
        "max same",
        "min t.",
        "min o.t.",
        "margin",
        "thresh",
        "missed/wrong",
        "o.t. miss",
        "ms/pic"
    );
    let mut rows = Vec::new();
    for config in &configs {
        let (_, images, prep_ms) = prepared.iter().find(|(p, _, _)| *p == config.prep).unwrap();
        let hasher = config.hasher();
        let started = cpu_ms();
        let hashes: Vec<_> = images.iter().map(|img| tile_hashes(img, config.grid.0, config.grid.1, &hasher)).collect();
        let ms = prep_ms + (cpu_ms() - started) / n as f64;
        let pairs = Pairs::measure(&pictures, |i, j| kth_largest(&tile_distances(&hashes[i], &hashes[j]), config.kth));
        let bits = hashes[0][0].as_bytes().len() as u32 * 8;
        let threshold = pairs.threshold(bits);
        let (missed, wrong) = pairs.errors(threshold);
        let margin = pairs.min_same_template().0 as i64 - pairs.max_same().0 as i64;
        let different = (pairs.same_template.len() + pairs.other_template.len()) as f64;
        let error_rate = missed as f64 / pairs.same.len() as f64 + wrong as f64 / different;
        rows.push((error_rate, -margin as f64 / bits as f64, config.label(), bits, pairs, margin, threshold, ms));
    }
    rows.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
    for (_, _, label, bits, pairs, margin, threshold, ms) in &rows {
        let (missed, wrong) = pairs.errors(*threshold);
        println!(
            "{label:46} {bits:>5} {:>9} {:>9} {:>9} {margin:>7} {threshold:>6} {:>12} {:>9} {ms:>7.1}",
            pairs.max_same().0,
            pairs.min_same_template().0,
            pairs.min_other_template(),
            format!("{missed}/{wrong}"),
            pairs.errors(pairs.min_other_template().saturating_sub(1)).0,
        );
    }
    println!(
        "\n(bits: per tile where tiled; missed: of {} same-paper pairs; wrong: of {} + {} pairs of different papers; \
              o.t. miss: same-paper pairs missed at the largest threshold no two templates fall under)",
        rows[0].4.same.len(),
        rows[0].4.same_template.len(),
        rows[0].4.other_template.len()
    );
    for (_, _, label, _, pairs, _, threshold, _) in rows.iter().take(6) {
        let mut by_kind = std::collections::BTreeMap::<&str, u32>::new();
        for &(d, i, j) in &pairs.same {
            if pictures[i].name.ends_with("_scan") || pictures[j].name.ends_with("_scan") {
                let photo = if pictures[i].name.ends_with("_scan") { &pictures[j] } else { &pictures[i] };
                let kind = photo.name.split("_photo_").nth(1).unwrap_or("?");
                let worst = by_kind.entry(kind).or_default();
                *worst = (*worst).max(d);
            }
        }
        let kinds: Vec<_> =
            by_kind.iter().map(|(k, d)| format!("{k} {d}{}", if d > threshold { "!" } else { "" })).collect();
        println!("{label}: farthest from its scan: {}", kinds.join(", "));
        let (d, i, j) = pairs.max_same();
        let (e, k, l) = pairs.min_same_template();
        println!(
            "{label}: farthest same paper {} ~ {} ({d}); nearest other paper {} ~ {} ({e})",
            pictures[i].name, pictures[j].name, pictures[k].name, pictures[l].name
        );
    }
}

/// The library's two stages, as the server would run them.
fn first_and_second_stage(pictures: &[Picture]) {
    let n = pictures.len();
    let started = cpu_ms();
    let hashes: Vec<_> = pictures.iter().map(|p| perceptual_hash(&p.image)).collect();
    let ms = (cpu_ms() - started) / n as f64;
    let pairs = Pairs::measure(&pictures, |i, j| document_distance(&hashes[i], &hashes[j]));
    let (missed, _) = pairs.errors(SAME_DOCUMENT_MAX_DISTANCE);
    let under = |list: &[(u32, usize, usize)]| list.iter().filter(|p| p.0 <= SAME_DOCUMENT_MAX_DISTANCE).count();
    let missed_kinds: Vec<_> = pairs
        .same
        .iter()
        .filter(|p| p.0 > SAME_DOCUMENT_MAX_DISTANCE)
        .map(|&(d, i, j)| format!("{}~{} {d}", pictures[i].name, pictures[j].name))
        .collect();
    println!(
        "\nperceptual_hash ({} bytes): same paper up to {}, other papers from {} (same template) and {} (other); \
         at SAME_DOCUMENT_MAX_DISTANCE = {SAME_DOCUMENT_MAX_DISTANCE}: {missed} of {} pairs of one paper missed, \
         {} of {} pairs on the same template and {} of {} on different templates matched; {ms:.1} ms per picture\nmissed: {}",
        hashes[0].as_bytes().len(),
        pairs.max_same().0,
        pairs.min_same_template().0,
        pairs.min_other_template(),
        pairs.same.len(),
        under(&pairs.same_template),
        pairs.same_template.len(),
        under(&pairs.other_template),
        pairs.other_template.len(),
        missed_kinds.join(", ")
    );

    second_stage(pictures, &pairs);
}

/// The second stage on the pairs the first flags: the certificates' numbers, read as the server
/// reads them (wall time: most of it is tesseract's own process).
fn second_stage(pictures: &[Picture], first: &Pairs) {
    let started = std::time::Instant::now();
    let numbers: Vec<Reading> = pictures
        .iter()
        .map(|p| read_document_number(&p.image, std::path::Path::new("tesseract"), std::time::Duration::from_secs(10)))
        .collect();
    let ms = started.elapsed().as_secs_f64() * 1000.0 / pictures.len() as f64;
    // The pictures whose number was read so.
    let named = |reading: Reading| -> Vec<&str> {
        pictures.iter().zip(&numbers).filter(|(_, r)| **r == reading).map(|(p, _)| p.name.as_str()).collect()
    };
    let unfinished = named(Reading::Unfinished);
    assert!(unfinished.is_empty(), "tesseract failed or ran out of time on {unfinished:?}: the figures would be wrong");
    let read = numbers.iter().filter(|r| matches!(r, Reading::Read(_))).count();
    // A number is wrong if it is not what the same paper's scan read (every scan reads; were a
    // scan misread, all its paper's photos would show here).
    let scan_number = |paper: &str| {
        pictures.iter().zip(&numbers).find(|(p, _)| p.paper == paper && p.name.ends_with("_scan")).and_then(|(_, r)| {
            match r {
                Reading::Read(number) => Some(number.as_str()),
                Reading::Unreadable | Reading::Unfinished => None,
            }
        })
    };
    let wrong: Vec<String> = pictures
        .iter()
        .zip(&numbers)
        .filter_map(|(p, r)| match r {
            Reading::Read(number) if scan_number(&p.paper) != Some(number.as_str()) => {
                Some(format!("{} read {number}, its scan {}", p.name, scan_number(&p.paper).unwrap_or("nothing")))
            }
            _ => None,
        })
        .collect();
    let papers_misread = wrong.len();
    let unreadable = named(Reading::Unreadable);
    println!(
        "\nsecond stage: the certificate's number, read on {read} of {} pictures ({ms:.0} ms a picture, wall); \
         read otherwise than the paper's scan: {papers_misread} {wrong:?}\nunreadable: {}",
        pictures.len(),
        unreadable.join(", ")
    );
    let different = |i: usize, j: usize| match (&numbers[i], &numbers[j]) {
        (Reading::Read(a), Reading::Read(b)) => a != b,
        _ => false,
    };
    let flagged = |list: &[(u32, usize, usize)]| -> Vec<(usize, usize)> {
        list.iter().filter(|p| p.0 <= SAME_DOCUMENT_MAX_DISTANCE).map(|p| (p.1, p.2)).collect()
    };
    for (label, list) in
        [("one paper", &first.same), ("one template", &first.same_template), ("two templates", &first.other_template)]
    {
        let pairs = flagged(list);
        let documents_differ = pairs.iter().filter(|&&(i, j)| different(i, j)).count();
        println!(
            "pairs of {label:13}: {} of {} flagged by the hash, {} of them distinguished by their numbers, {} left \"相似\"",
            pairs.len(),
            list.len(),
            documents_differ,
            pairs.len() - documents_differ
        );
    }
    let fits = third_look(pictures, &numbers, first);
    all_looks::run(pictures, &numbers, &fits, first);
}

/// Where the hash joined two pictures and only one's number was read: the read picture's lines,
/// blurred, laid on the other's, as the server does (`picture_checks::number_line_fit`). Prints
/// what its thresholds tell apart, and for others on the whole line's fit and on its least alike
/// digit, how many pairs of one paper would be distinguished (must be none) and how many of one
/// template. Where neither was read, the two pictures' lines laid on each other whichever way round
/// fits better, and the same for that rule (`Fit::shows_another_blurred_number`). Returns each such pair's fit, by its pictures (lower
/// index first).
fn third_look(
    pictures: &[Picture],
    numbers: &[Reading],
    first: &Pairs,
) -> std::collections::HashMap<(usize, usize), Option<Fit>> {
    let started = std::time::Instant::now();
    let crops: Vec<Vec<image::GrayImage>> = pictures.iter().map(|p| number_line_fit::line_crops(&p.image)).collect();
    // How soft each picture's lines are (`number_line_fit::softness`, the softer of its two): a
    // picture whose number did not read must be soft enough to have another laid on it.
    let softness: Vec<f32> =
        crops.iter().map(|lines| lines.iter().map(number_line_fit::softness).fold(f32::NAN, f32::max)).collect();
    let softest_first = |unread: bool| {
        let mut of: Vec<(f32, &str)> = (0..pictures.len())
            .filter(|&k| matches!(numbers[k], Reading::Unreadable) == unread && !softness[k].is_nan())
            .map(|k| (softness[k], pictures[k].name.as_str()))
            .collect();
        of.sort_by(|a, b| a.0.total_cmp(&b.0));
        of
    };
    let (unread, read) = (softest_first(true), softest_first(false));
    println!(
        "softness of the lines: unread pictures from {:?}; read pictures {:.3}–{:.3}, {} of {} at {ALREADY_BLURRED:.2} or more",
        unread.first(),
        read.first().map_or(f32::NAN, |r| r.0),
        read.last().map_or(f32::NAN, |r| r.0),
        read.iter().filter(|r| r.0 >= ALREADY_BLURRED).count(),
        read.len()
    );
    // (the side laid, the side laid on, how many cells; either way round where neither was read)
    let to_lay = |i: usize, j: usize| match (&numbers[i], &numbers[j]) {
        (Reading::Read(n), Reading::Unreadable) => Some((i, j, n.len())),
        (Reading::Unreadable, Reading::Read(n)) => Some((j, i, n.len())),
        (Reading::Unreadable, Reading::Unreadable) => Some((i.min(j), i.max(j), CELLS_OF_AN_UNREAD_NUMBER)),
        _ => None,
    };
    let kinds = [("one paper", &first.same), ("one template", &first.same_template)];
    let mut all_fits: Vec<(usize, bool, Option<Fit>)> = Vec::new();
    let mut by_pair = std::collections::HashMap::new();
    for (kind, list) in kinds.iter().enumerate() {
        let pairs: Vec<(usize, usize, usize)> =
            list.1.iter().filter(|p| p.0 <= SAME_DOCUMENT_MAX_DISTANCE).filter_map(|p| to_lay(p.1, p.2)).collect();
        let measured: Vec<Option<Fit>> =
            picture_hashes::on_two_cores(&pairs, |&(laid, laid_on, cells)| match numbers[laid] {
                Reading::Read(ref number) => number_line_fit::best_fit_of_number(&crops[laid], number, &crops[laid_on]),
                Reading::Unreadable | Reading::Unfinished => {
                    number_line_fit::best_fit_either_way(&crops[laid], &crops[laid_on], cells)
                }
            });
        for (&(laid, laid_on, _), fit) in pairs.iter().zip(&measured) {
            by_pair.insert((laid.min(laid_on), laid.max(laid_on)), *fit);
            if let Some(f) =
                fit.filter(|f| kind == 0 && f.aligned() && f.least_own_digit_lead.is_some_and(|l| l < 0.01))
            {
                println!(
                    "  one paper, another digit nearly as good: {} on {}: {f:?}",
                    pictures[laid].name, pictures[laid_on].name
                );
            }
            let both_blurred = matches!(numbers[laid], Reading::Unreadable);
            all_fits.push((kind, both_blurred, *fit));
        }
    }
    let (both, fits): (Vec<_>, Vec<_>) = all_fits.into_iter().partition(|f| f.1);
    let fits: Vec<(usize, Option<Fit>)> = fits.into_iter().map(|(kind, _, fit)| (kind, fit)).collect();
    println!(
        "\nthird look: {} pairs with one number read ({} of one paper), {:.0} s",
        fits.len(),
        fits.iter().filter(|f| f.0 == 0).count(),
        started.elapsed().as_secs_f64()
    );
    let same: Vec<_> = fits.iter().filter(|f| f.0 == 0).filter_map(|f| f.1).collect();
    let aligned: Vec<&Fit> = same.iter().filter(|f| f.median_cell >= ALIGNED).collect();
    println!(
        "pairs of one paper: {} aligned (median digit ≥ {ALIGNED:.2}; lowest median of all {:.3}), \
         whose lowest digit cell {:.3}, lowest whole-line fit {:.3}, highest cell contrast {:.2} (the least alike \
         digit's misfit over the median digit's); no line: {}",
        aligned.len(),
        same.iter().map(|f| f.median_cell).fold(1.0f32, f32::min),
        aligned.iter().map(|f| f.worst_cell).fold(1.0f32, f32::min),
        aligned.iter().map(|f| f.whole).fold(1.0f32, f32::min),
        aligned.iter().map(|f| f.cell_contrast()).fold(0.0f32, f32::max),
        fits.iter().filter(|f| f.0 == 0 && f.1.is_none()).count()
    );
    let templates = fits.iter().filter(|f| f.0 == 1).count();
    let documents_differ =
        |kind: usize, rule: &dyn Fn(Fit) -> bool| fits.iter().filter(|f| f.0 == kind && f.1.is_some_and(rule)).count();
    println!(
        "as the server distinguishes (median digit ≥ {ALIGNED:.2} and along the line ≥ {ALIGNED_ALONG:.2}, a digit < {DIGIT_FIT:.2}, a cell contrast > {CELL_CONTRAST:.1} or two > {FIRST_OF_TWO_CONTRAST:.1} and {SECOND_OF_TWO_CONTRAST:.1}): \
         pairs of one paper {}, of one template {} of {templates}",
        documents_differ(0, &Fit::shows_another_number),
        documents_differ(1, &Fit::shows_another_number),
    );
    println!(
        "  pairs of one paper aligned: lowest median digit along the line (rows' means taken out) {:.3}",
        aligned.iter().map(|f| f.median_along_cell).fold(1.0f32, f32::min)
    );
    // The server's rule with other thresholds: the median digit's fit, along the line, a digit's.
    let rule_with = |laid_from: f32, along_from: f32, cell_max: f32| {
        move |fit: Fit| {
            fit.median_cell >= laid_from
                && fit.median_along_cell >= along_from
                && (fit.worst_cell < cell_max || fit.cell_contrast() > CELL_CONTRAST || fit.two_digits_stand_out())
        }
    };
    for along_from in [0.5f32, 0.6, 0.7, 0.8, 0.85, 0.9] {
        let rule = rule_with(ALIGNED, along_from, DIGIT_FIT);
        println!(
            "  median digit ≥ {ALIGNED:.2} and along the line ≥ {along_from:.2}: one paper distinguished {}, one template {} of {templates}",
            documents_differ(0, &rule),
            documents_differ(1, &rule)
        );
    }
    for laid_from in [0.80f32, 0.85, 0.90, 0.95] {
        for cell_max in [0.75f32, 0.80, 0.85] {
            let rule = rule_with(laid_from, ALIGNED_ALONG, cell_max);
            println!(
                "  median digit ≥ {laid_from:.2}, a digit < {cell_max:.2} or the contrast: one paper distinguished {}, one template {} of {templates}",
                documents_differ(0, &rule),
                documents_differ(1, &rule)
            );
        }
    }
    // Without two digits standing out (the rule until 2026-11-27's second half), and with other
    // thresholds for them.
    for (first, second) in [(f32::INFINITY, f32::INFINITY), (4.0, 3.0), (4.0, 2.5), (3.5, 3.0), (3.5, 2.5)] {
        let rule = move |fit: Fit| {
            fit.aligned()
                && (fit.worst_cell < DIGIT_FIT
                    || fit.cell_contrast() > CELL_CONTRAST
                    || (fit.cell_contrast() > first && fit.next_cell_contrast() > second))
        };
        println!(
            "  two digits standing out past {first:.1} and {second:.1}: one paper distinguished {}, one template {} of {templates}",
            documents_differ(0, &rule),
            documents_differ(1, &rule)
        );
    }
    // Another of the read line's digits fitting some cell better than its own.
    let mut one_paper_leads: Vec<f32> = aligned.iter().filter_map(|f| f.least_own_digit_lead).collect();
    one_paper_leads.sort_by(f32::total_cmp);
    println!(
        "  pairs of one paper aligned: least own digit's leads {:?}",
        &one_paper_leads[..one_paper_leads.len().min(12)]
    );
    for lead_below in [0.0f32, -0.01, -0.02, -0.03, -0.04, -0.045, -0.05, -0.06] {
        let rule = move |fit: Fit| fit.aligned() && fit.least_own_digit_lead.is_some_and(|l| l < lead_below);
        let more = move |fit: Fit| rule(fit) && !Fit { least_own_digit_lead: None, ..fit }.shows_another_number();
        println!(
            "  another digit fitting better by more than {:.3}: one paper distinguished {}, one template {} of {templates} ({} not distinguished otherwise)",
            -lead_below,
            documents_differ(0, &rule),
            documents_differ(1, &rule),
            documents_differ(1, &more)
        );
    }
    println!(
        "  pairs of one paper aligned: highest second digit's contrast {:.2}",
        aligned.iter().map(|f| f.next_cell_contrast()).fold(0.0f32, f32::max)
    );
    // The rule before 2026-11-27's: aligned meant the whole line fitting at least 0.80.
    let whole_rule =
        |fit: Fit| fit.whole >= 0.80 && (fit.worst_cell < DIGIT_FIT || fit.cell_contrast() > CELL_CONTRAST);
    println!(
        "  whole line ≥ 0.80 instead: one paper distinguished {}, one template {} of {templates}",
        documents_differ(0, &whole_rule),
        documents_differ(1, &whole_rule)
    );
    both_blurred(&both.into_iter().map(|(kind, _, fit)| (kind, fit)).collect::<Vec<_>>());
    by_pair
}

/// What laying two blurred lines on each other (neither number read) distinguishes: by the
/// server's rule, and with other thresholds.
fn both_blurred(fits: &[(usize, Option<Fit>)]) {
    let same: Vec<Fit> = fits.iter().filter(|f| f.0 == 0).filter_map(|f| f.1).collect();
    let templates = fits.iter().filter(|f| f.0 == 1).count();
    let laid: Vec<&Fit> = same.iter().filter(|f| f.median_cell >= BOTH_BLURRED_ALIGNED).collect();
    println!(
        "\nneither number read: {} pairs of one paper ({} with no line), {templates} of one template; \
         of one paper laid at a median ≥ {BOTH_BLURRED_ALIGNED:.2}: {}, median digit {:.3}–{:.3}, lowest digit {:.3}, \
         highest contrast {:.2}, lowest median along the line {:.3}",
        same.len() + fits.iter().filter(|f| f.0 == 0 && f.1.is_none()).count(),
        fits.iter().filter(|f| f.0 == 0 && f.1.is_none()).count(),
        laid.len(),
        laid.iter().map(|f| f.median_cell).fold(1.0f32, f32::min),
        laid.iter().map(|f| f.median_cell).fold(0.0f32, f32::max),
        laid.iter().map(|f| f.worst_cell).fold(1.0f32, f32::min),
        laid.iter().map(|f| f.cell_contrast()).fold(0.0f32, f32::max),
        laid.iter().map(|f| f.median_along_cell).fold(1.0f32, f32::min),
    );
    let documents_differ =
        |kind: usize, rule: &dyn Fn(Fit) -> bool| fits.iter().filter(|f| f.0 == kind && f.1.is_some_and(rule)).count();
    println!(
        "as the server distinguishes (median digit ≥ {BOTH_BLURRED_ALIGNED:.2}, along ≥ {ALIGNED_ALONG:.2}, contrast > {CELL_CONTRAST:.1}): \
         pairs of one paper {}, of one template {} of {templates}",
        documents_differ(0, &Fit::shows_another_blurred_number),
        documents_differ(1, &Fit::shows_another_blurred_number),
    );
    for laid_from in [0.80f32, 0.85, 0.90] {
        for along_from in [0.0f32, ALIGNED_ALONG] {
            for contrast in [4.0f32, 5.0, 6.0] {
                let rule = move |fit: Fit| {
                    fit.median_cell >= laid_from
                        && fit.median_along_cell >= along_from
                        && fit.cell_contrast() > contrast
                };
                println!(
                    "  median ≥ {laid_from:.2}, along ≥ {along_from:.2}, contrast > {contrast:.1}: one paper distinguished {}, one template {} of {templates}",
                    documents_differ(0, &rule),
                    documents_differ(1, &rule)
                );
            }
        }
    }
}
