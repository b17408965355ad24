//! Where the head sits in an ID photo, from the box a face detector found (`face_finder`), and
//! what that says against the exam's frame (`face_frame`): no face or several, the head too small
//! or too large, the eyes too high or too low, the face off centre. And the crop that puts the head
//! where the frame wants it, which the photo tool's 自动调整 starts from. Pure: the same code advises
//! in the candidate's browser and tells the reviewer's assistant on the server.
//!
//! The detector boxes the face from the brows to the mouth, not the head: the hair above and the
//! chin below are estimated from the box by the proportions below, measured on frontal portraits
//! (`docs/photo-quality.md`, "The face in an ID photo"). The turn and tilt of the head are not
//! measured: the detector finds frontal faces only, so a head turned far away is "no face".

use serde::{Deserialize, Serialize};

use super::face_frame::FaceFrame;
use super::photo_fit::CropBox;
use super::violation::{Violation, ViolationCode as Code};

/// The eyes' line, down from the box's top, as a share of its height.
const EYES_IN_BOX: f64 = 0.35;
/// The hair's top, above the box's top, as a share of its height.
const HAIR_ABOVE_BOX: f64 = 0.45;
/// The chin, below the box's bottom, as a share of its height.
const CHIN_BELOW_BOX: f64 = 0.08;

/// A face the detector found, in the pixels of the picture it looked at.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FaceBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The head estimated from a face's box, in the same pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Head {
    pub top: f64,
    pub chin: f64,
    pub eye_line: f64,
    pub centre_x: f64,
}

impl Head {
    pub fn of(face: &FaceBox) -> Head {
        Head {
            top: face.y - HAIR_ABOVE_BOX * face.height,
            chin: face.y + (1.0 + CHIN_BELOW_BOX) * face.height,
            eye_line: face.y + EYES_IN_BOX * face.height,
            centre_x: face.x + face.width / 2.0,
        }
    }

    pub fn height(&self) -> f64 {
        self.chin - self.top
    }
}

/// Where the one head sits, in shares of the photo (0–1): what the advice and the reviewer see.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeadPlace {
    /// The head's height over the photo's.
    pub head_share: f64,
    /// The eyes' line, down from the top, over the photo's height.
    pub eye_line: f64,
    /// The face's middle from the photo's middle, over its width (negative: to the left).
    pub off_centre: f64,
}

impl HeadPlace {
    pub fn of(face: &FaceBox, width: f64, height: f64) -> HeadPlace {
        let head = Head::of(face);
        HeadPlace {
            head_share: head.height() / height,
            eye_line: head.eye_line / height,
            off_centre: (head.centre_x - width / 2.0) / width,
        }
    }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The advice on the faces found in a `width` × `height` photo (empty: one face, where the frame
/// wants it).
pub fn face_advice(faces: &[FaceBox], width: u32, height: u32, frame: &FaceFrame) -> Vec<Violation> {
    match faces {
        [] => vec![Violation::new(
            Code::FaceNotFound,
            "照片中没有找到正面人脸；请正对镜头、露出面部，在光线均匀处重新拍摄",
            "No face looking at the camera was found in the photo; face the camera, uncovered, in even light, and take it again",
        )],
        [face] => place_advice(&HeadPlace::of(face, f64::from(width), f64::from(height)), frame),
        several => vec![Violation::new(
            Code::SeveralFaces,
            format!("照片中有 {} 张人脸；证件照只能有本人一人", several.len()),
            format!("There are {} faces in the photo; an ID photo shows you alone", several.len()),
        )],
    }
}

/// The advice on one head's place against the frame.
pub fn place_advice(place: &HeadPlace, frame: &FaceFrame) -> Vec<Violation> {
    let mut advice = Vec::new();
    let [least, most] = frame.head_share.map(|p| f64::from(p) / 100.0);
    if place.head_share < least {
        advice.push(Violation::new(
            Code::HeadTooSmall,
            format!(
                "头部约占照片高度的 {}，应不少于 {}；请靠近镜头重新拍摄，或点“自动调整”按人脸裁剪",
                percent(place.head_share),
                percent(least)
            ),
            format!(
                "The head is about {} of the photo's height, at least {} is required; come closer and take it again, or let “Fix it for me” crop around the face",
                percent(place.head_share),
                percent(least)
            ),
        ));
    } else if place.head_share > most {
        advice.push(Violation::new(
            Code::HeadTooLarge,
            format!(
                "头部约占照片高度的 {}，应不超过 {}，头发或下巴可能被裁掉；请离镜头远一些重新拍摄",
                percent(place.head_share),
                percent(most)
            ),
            format!(
                "The head is about {} of the photo's height, at most {} is allowed, so hair or chin may be cut off; step back and take it again",
                percent(place.head_share),
                percent(most)
            ),
        ));
    }
    let [highest, lowest] = frame.eye_line.map(|p| f64::from(p) / 100.0);
    if place.eye_line < highest || place.eye_line > lowest {
        let (where_zh, where_en) =
            if place.eye_line < highest { ("偏高", "too high") } else { ("偏低", "too low") };
        advice.push(Violation::new(
            if place.eye_line < highest { Code::EyesTooHigh } else { Code::EyesTooLow },
            format!(
                "双眼位置{where_zh}：在照片高度的 {} 处（从上往下），应在 {}–{} 之间",
                percent(place.eye_line),
                percent(highest),
                percent(lowest)
            ),
            format!(
                "The eyes are {where_en}: {} down the photo, where {}–{} is required",
                percent(place.eye_line),
                percent(highest),
                percent(lowest)
            ),
        ));
    }
    let allowed = f64::from(frame.off_centre) / 100.0;
    if place.off_centre.abs() > allowed {
        let (side_zh, side_en) = if place.off_centre < 0.0 { ("左", "left") } else { ("右", "right") };
        advice.push(Violation::new(
            Code::FaceOffCentre,
            format!(
                "人脸偏{side_zh}（偏离中线 {} 的照片宽度，最多 {}）；请居中重新拍摄，或点“自动调整”按人脸裁剪",
                percent(place.off_centre.abs()),
                percent(allowed)
            ),
            format!(
                "The face is off to the {side_en} ({} of the photo's width from its middle, at most {}); centre it and take it again, or let “Fix it for me” crop around the face",
                percent(place.off_centre.abs()),
                percent(allowed)
            ),
        ));
    }
    advice
}

/// The head's place in numbers beside the frame's (Chinese, English), for the reviewer: what the
/// candidate's advice measured, without the advice's instructions.
pub fn place_in_words(place: &HeadPlace, frame: &FaceFrame) -> (String, String) {
    let [least, most] = frame.head_share.map(|p| f64::from(p) / 100.0);
    let [high, low] = frame.eye_line.map(|p| f64::from(p) / 100.0);
    let off = f64::from(frame.off_centre) / 100.0;
    let (head, eyes, centre) = (percent(place.head_share), percent(place.eye_line), percent(place.off_centre.abs()));
    let (side_zh, side_en) = if place.off_centre < 0.0 { ("偏左", "left") } else { ("偏右", "right") };
    (
        format!(
            "头部约占照片高度的 {head}（要求 {}–{}），双眼在自上而下 {eyes} 处（要求 {}–{}），人脸{side_zh} {centre}（要求不超过 {}）",
            percent(least),
            percent(most),
            percent(high),
            percent(low),
            percent(off)
        ),
        format!(
            "the head about {head} of the height ({}–{} required), the eyes {eyes} down ({}–{}), the face {centre} {side_en} of the middle (at most {})",
            percent(least),
            percent(most),
            percent(high),
            percent(low),
            percent(off)
        ),
    )
}

/// The crop of a `width` × `height` picture with the aspect `aspect` (width over height) that puts
/// the head where the frame wants it: its height at the aimed share, the eyes on the aimed line
/// (lowered if the hair would be cut), the face in the middle. Kept inside the picture: where the
/// picture is too small around the head, the crop is as large as it can be and the head ends up
/// larger or off its line, which the advice on the result then says. None without a sound aspect.
pub fn crop_around_head(face: &FaceBox, width: u32, height: u32, aspect: f64, frame: &FaceFrame) -> Option<CropBox> {
    if !(aspect.is_finite() && aspect > 0.0) || width == 0 || height == 0 {
        return None;
    }
    let (pw, ph) = (f64::from(width), f64::from(height));
    let head = Head::of(face);
    let mut crop_h = head.height() / frame.head_share_aimed();
    // As large as the picture allows at this aspect.
    crop_h = crop_h.min(ph).min(pw / aspect);
    let crop_w = crop_h * aspect;
    let hair_room = 0.02 * crop_h;
    let top = (head.eye_line - frame.eye_line_aimed() * crop_h).min(head.top - hair_room);
    let left = head.centre_x - crop_w / 2.0;
    let top = top.clamp(0.0, ph - crop_h);
    let left = left.clamp(0.0, pw - crop_w);
    let (w, h) = (crop_w.floor().max(1.0), crop_h.floor().max(1.0));
    Some(CropBox { x: left.round() as u32, y: top.round() as u32, width: w as u32, height: h as u32 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A face as the detector boxes it on a frontal portrait: the box a third of the photo's
    /// height, centred.
    fn well_framed(width: f64, height: f64) -> FaceBox {
        let side = height * 0.47;
        FaceBox { x: (width - side) / 2.0, y: height * 0.25, width: side, height: side }
    }

    fn codes(advice: &[Violation]) -> Vec<Code> {
        advice.iter().map(|v| v.code).collect()
    }

    #[test]
    fn a_head_where_the_rule_wants_it_gets_no_advice() {
        let face = well_framed(358.0, 441.0);
        let place = HeadPlace::of(&face, 358.0, 441.0);
        assert!((0.67..=0.90).contains(&place.head_share), "{place:?}");
        assert!((0.30..=0.50).contains(&place.eye_line), "{place:?}");
        assert!(face_advice(&[face], 358, 441, &FaceFrame::default()).is_empty());
    }

    #[test]
    fn no_face_and_two_faces_say_so() {
        assert_eq!(codes(&face_advice(&[], 358, 441, &FaceFrame::default())), vec![Code::FaceNotFound]);
        let face = well_framed(358.0, 441.0);
        let two = face_advice(&[face, FaceBox { x: 10.0, ..face }], 358, 441, &FaceFrame::default());
        assert_eq!(codes(&two), vec![Code::SeveralFaces]);
        assert!(two[0].message_zh.contains("2 张人脸"), "{}", two[0].message_zh);
    }

    #[test]
    fn a_selfie_with_a_small_head_off_to_the_side_is_told_both_with_the_numbers() {
        // A phone selfie, 3000 × 4000: the face's box 600 px, left of the middle, eyes high.
        let face = FaceBox { x: 600.0, y: 700.0, width: 600.0, height: 600.0 };
        let advice = face_advice(&[face], 3000, 4000, &FaceFrame::default());
        assert_eq!(codes(&advice), vec![Code::HeadTooSmall, Code::EyesTooHigh, Code::FaceOffCentre]);
        // 600 × 1.53 / 4000 ≈ 23 % of the height, against 67 %.
        assert!(
            advice[0].message_zh.contains("23%") && advice[0].message_zh.contains("67%"),
            "{}",
            advice[0].message_zh
        );
        assert!(advice[2].message_en.contains("left"), "{}", advice[2].message_en);
    }

    #[test]
    fn the_reviewer_reads_the_heads_place_beside_the_frame() {
        let face = FaceBox { x: 600.0, y: 700.0, width: 600.0, height: 600.0 };
        let (zh, en) = place_in_words(&HeadPlace::of(&face, 3000.0, 4000.0), &FaceFrame::default());
        assert!(zh.starts_with("头部约占照片高度的 23%（要求 67%–90%）"), "{zh}");
        assert!(zh.contains("人脸偏左 "), "{zh}");
        assert!(en.contains("the head about 23% of the height (67%–90% required)"), "{en}");
        assert!(en.contains("left of the middle (at most 10%)"), "{en}");
    }

    #[test]
    fn a_head_filling_the_photo_is_too_large_and_its_eyes_too_low() {
        let face = FaceBox { x: 40.0, y: 200.0, width: 280.0, height: 280.0 };
        assert_eq!(
            codes(&face_advice(&[face], 358, 441, &FaceFrame::default())),
            vec![Code::HeadTooLarge, Code::EyesTooLow]
        );
    }

    #[test]
    fn the_crop_around_a_small_head_puts_it_where_the_rule_wants_it() {
        let face = FaceBox { x: 600.0, y: 700.0, width: 600.0, height: 600.0 };
        let frame = FaceFrame::default();
        let aspect = 358.0 / 441.0;
        let crop = crop_around_head(&face, 3000, 4000, aspect, &frame).unwrap();
        assert!((f64::from(crop.width) / f64::from(crop.height) - aspect).abs() < 0.01, "{crop:?}");
        assert!(crop.x + crop.width <= 3000 && crop.y + crop.height <= 4000);
        // The face moved into the crop's coordinates: no advice left.
        let moved = FaceBox { x: face.x - f64::from(crop.x), y: face.y - f64::from(crop.y), ..face };
        assert!(face_advice(&[moved], crop.width, crop.height, &frame).is_empty(), "{crop:?}");
        let head = Head::of(&moved);
        assert!(head.top >= 0.0, "the hair is inside the crop: {head:?}");
    }

    #[test]
    fn the_crop_stays_inside_a_picture_too_small_around_the_head() {
        // The head near the picture's top-left corner: the crop starts at the corner.
        let face = FaceBox { x: 0.0, y: 0.0, width: 200.0, height: 200.0 };
        let crop = crop_around_head(&face, 400, 400, 0.8, &FaceFrame::default()).unwrap();
        assert_eq!((crop.x, crop.y), (0, 0));
        assert!(crop.width <= 400 && crop.height <= 400);
        assert_eq!(crop_around_head(&face, 400, 400, f64::NAN, &FaceFrame::default()), None);
    }
}
