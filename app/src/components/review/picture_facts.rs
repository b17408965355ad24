//! Beside the picture on the review screen: what the reviewer's assistant prepared about it — the ID
//! card's number against the account's, a record's 证书编号 against the 高等教育学历 rows, where its
//! QR code leads and until when a 学信网 record verifies, the looks advice the candidate was given,
//! and other candidates' pictures of the same document (with what their numbers read as). Facts
//! only; the reviewer decides. A code that is not a 学信网 report's is shown as text, never as a link.

use leptos::prelude::*;

use crate::domain::face_geometry::{place_advice, place_in_words};
use crate::domain::qr_code::CodeTarget;
use crate::domain::ViolationCode;
use crate::i18n::{tr, use_lang};
use crate::models::picture_findings::{
    AlikePicture, FaceFact, NumberFinding, NumbersRead, PictureFindings, QrFinding, VerificationEnd,
};

#[component]
pub fn PictureFacts(findings: Option<PictureFindings>) -> impl IntoView {
    let Some(findings) = findings else {
        return view! {
            <p class="muted picture-facts" data-testid="picture-facts">
                {tr("机器检查尚未完成（上传后在后台进行）", "The machine's checks are not ready yet (they run after the upload)")}
            </p>
        }
        .into_any();
    };
    view! {
        <ul class="picture-facts" data-testid="picture-facts" aria-label=tr("机器检查", "Machine checks")>
            {findings.id_number.map(|id_number| view! { <IdNumberFact id_number/> })}
            {findings.diploma_number.map(|diploma_number| view! { <DiplomaNumberFact diploma_number/> })}
            {findings.qr.map(|qr| view! { <QrFact qr/> })}
            {findings.verification_end.map(|end| view! { <VerificationEndFact end/> })}
            {looks_fact(findings.looks, findings.looks_shown_to_candidate)}
            {findings.face.map(|face| view! { <FaceFactLine face/> })}
            {findings.alike.into_iter().map(|alike| view! { <AlikeFact alike/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn IdNumberFact(id_number: NumberFinding) -> impl IntoView {
    match id_number {
        NumberFinding::Matches => view! {
            <li class="fact-fine" data-testid="id-number-fact">{tr("证件号码识别：与账号一致", "ID number read: the account's")}</li>
        }
        .into_any(),
        NumberFinding::Differs { read } => {
            let lang = use_lang();
            let (zh, en) = (format!("证件号码识别：不一致（识别为 {read}）"), format!("ID number read: another one ({read})"));
            view! { <li class="fact-warning" data-testid="id-number-fact">{move || lang.get().pick(zh.clone(), en.clone())}</li> }
                .into_any()
        }
        NumberFinding::Unreadable => view! {
            <li class="fact-warning" data-testid="id-number-fact">{tr("证件号码识别：未能识别", "ID number read: could not be read")}</li>
        }
        .into_any(),
        NumberFinding::Unfinished => view! {
            <li data-testid="id-number-fact">
                {tr("证件号码识别：尚未完成，稍后自动重试", "ID number read: not finished yet; it is tried again shortly")}
            </li>
        }
        .into_any(),
    }
}

/// A record's 证书编号 against the numbers in the candidate's 高等教育学历 rows.
#[component]
fn DiplomaNumberFact(diploma_number: NumberFinding) -> impl IntoView {
    match diploma_number {
        NumberFinding::Matches => view! {
            <li class="fact-fine" data-testid="diploma-number-fact">
                {tr("证书编号识别：与所填高等教育学历一致", "Diploma number read: one of the rows typed")}
            </li>
        }
        .into_any(),
        NumberFinding::Differs { read } => {
            let lang = use_lang();
            let (zh, en) = (
                format!("证书编号识别：{read}，所填高等教育学历中没有这个编号"),
                format!("Diploma number read: {read}, which none of the rows typed has"),
            );
            view! { <li class="fact-warning" data-testid="diploma-number-fact">{move || lang.get().pick(zh.clone(), en.clone())}</li> }
                .into_any()
        }
        NumberFinding::Unreadable => view! {
            <li class="fact-warning" data-testid="diploma-number-fact">
                {tr("证书编号识别：未能识别", "Diploma number read: could not be read")}
            </li>
        }
        .into_any(),
        NumberFinding::Unfinished => view! {
            <li data-testid="diploma-number-fact">
                {tr("证书编号识别：尚未完成，稍后自动重试", "Diploma number read: not finished yet; it is tried again shortly")}
            </li>
        }
        .into_any(),
    }
}

/// The last day of a 学信网 record's online verification as printed, against the review's close.
#[component]
fn VerificationEndFact(end: VerificationEnd) -> impl IntoView {
    let lang = use_lang();
    let (ends_zh, ends_en) = end.ends.words();
    let (closes_zh, closes_en) = end.review_closes.words();
    let (zh, en, class) = if end.ends_first {
        (
            format!("在线验证有效期至 {ends_zh}，早于审核截止（{closes_zh}）：审核时可能已无法在线验证，可退回请考生重新申请有效期180天的验证"),
            format!(
                "Online verification valid until {ends_en}, before the review closes ({closes_en}): it may no longer \
                 verify while reviewed; return it for a new one valid 180 days"
            ),
            "fact-warning",
        )
    } else {
        (
            format!("在线验证有效期至 {ends_zh}，审核截止（{closes_zh}）前有效"),
            format!("Online verification valid until {ends_en}, past the review's close ({closes_en})"),
            "fact-fine",
        )
    };
    view! { <li class=class data-testid="verification-end-fact">{move || lang.get().pick(zh.clone(), en.clone())}</li> }
}

#[component]
fn QrFact(qr: QrFinding) -> impl IntoView {
    match qr {
        QrFinding::Unreadable => view! {
            <li class="fact-warning" data-testid="qr-fact">
                {tr("二维码：未能识别（考生选择照片时会收到同样的提示）", "QR code: could not be read (the candidate is told so on choosing the picture)")}
            </li>
        }
        .into_any(),
        QrFinding::Read { target: CodeTarget::XuexinReport { vcode }, .. } => {
            let link = CodeTarget::report_link(&vcode);
            view! {
                <li class="fact-fine" data-testid="qr-fact">
                    {tr("二维码：学信网在线验证报告，验证码 ", "QR code: a 学信网 online verification report, code ")}
                    <code data-testid="qr-vcode">{vcode}</code>" "
                    <a href=link target="_blank" rel="noopener noreferrer" data-testid="qr-link">
                        {tr("打开学信网核验", "Open at 学信网")}
                    </a>
                    <br/><small class="muted">{tr("在线验证已过期的报告无法核验：请退回，请考生重新申请（有效期180天）", "A report whose online verification has expired cannot be verified: return it for a new one (valid 180 days)")}</small>
                </li>
            }
            .into_any()
        }
        QrFinding::Read { text, target: CodeTarget::Other } => view! {
            <li class="fact-warning" data-testid="qr-fact">
                {tr("二维码：不是学信网地址（未打开，仅显示文字）：", "QR code: not a 学信网 address (not opened; text only): ")}
                <code class="qr-text" data-testid="qr-text">{text}</code>
            </li>
        }
        .into_any(),
    }
}

/// `shown`: the candidate's browser reported showing this advice about this very file.
fn looks_fact(looks: Option<Vec<ViolationCode>>, shown: bool) -> impl IntoView {
    let lang = use_lang();
    match looks {
        Some(codes) if !codes.is_empty() => {
            let names = move || {
                let l = lang.get();
                codes.iter().map(|c| l.pick(looks_name(*c).0, looks_name(*c).1)).collect::<Vec<_>>().join(l.pick("、", ", "))
            };
            let overridden = if shown {
                tr("（考生看到了同样的提示，仍选择上传）", " (the candidate was shown the same advice and sent it anyway)")
            } else {
                tr("（没有考生看到此提示的记录，例如离线选择时）", " (no record that the candidate saw this advice, e.g. chosen offline)")
            };
            view! {
                <li class="fact-warning" data-testid="looks-fact">
                    {tr("照片：", "Picture: ")}{names}{overridden}
                </li>
            }
            .into_any()
        }
        Some(_) => view! {
            <li class="fact-fine" data-testid="looks-fact">{tr("照片：清晰度、亮度未见问题", "Picture: sharpness and brightness look fine")}</li>
        }
        .into_any(),
        None => ().into_any(),
    }
}

/// Where the head in an ID photo sits, in numbers beside the exam's frame: the same measure the
/// candidate's advice gave.
#[component]
fn FaceFactLine(face: FaceFact) -> impl IntoView {
    let lang = use_lang();
    let (zh, en) = place_in_words(&face.place, &face.frame);
    let class = if place_advice(&face.place, &face.frame).is_empty() { "fact-fine" } else { "fact-warning" };
    view! {
        <li class=class data-testid="face-fact">
            {tr("人脸位置：", "The face's place: ")}{move || lang.get().pick(zh.clone(), en.clone())}
        </li>
    }
}

/// The looks advice in a word or two (Chinese, English).
fn looks_name(code: ViolationCode) -> (&'static str, &'static str) {
    match code {
        ViolationCode::PictureBlurred => ("可能模糊", "may be blurred"),
        ViolationCode::PictureTooDark => ("偏暗", "too dark"),
        ViolationCode::PictureWashedOut => ("过亮发白", "washed out"),
        ViolationCode::BackgroundNotPlain => ("背景不是白色或蓝色", "background neither white nor blue"),
        ViolationCode::PageNearlyBlank => ("几乎空白", "nearly blank"),
        ViolationCode::FaceNotFound => ("未找到正面人脸", "no frontal face found"),
        ViolationCode::SeveralFaces => ("不止一张人脸", "more than one face"),
        ViolationCode::HeadTooSmall => ("头部过小", "head too small"),
        ViolationCode::HeadTooLarge => ("头部过大", "head too large"),
        ViolationCode::EyesTooHigh => ("双眼偏高", "eyes too high"),
        ViolationCode::EyesTooLow => ("双眼偏低", "eyes too low"),
        ViolationCode::FaceOffCentre => ("人脸不居中", "face off centre"),
        _ => ("需留意", "worth a look"),
    }
}

#[component]
fn AlikeFact(alike: AlikePicture) -> impl IntoView {
    match alike.other {
        Some(other) => {
            let lang = use_lang();
            let href = format!("/review/applications/{}", other.application_id);
            let name = other.name_start.clone();
            view! {
                <li class="fact-warning alike" data-testid="alike-fact">
                    {move || lang.get().pick(format!("与考生 {name} 的材料相似（同一份材料或同一模板，请核对姓名和编号）"), format!("Looks like a picture of candidate {name} (the same paper or the same template: compare names and numbers)"))}
                    " "<a href=href data-testid="alike-link">{tr("打开该申请", "Open that application")}</a>
                    {same_file_said(alike.same_file)}
                    {numbers_said(alike.numbers)}
                    <img class="alike-picture" src=other.file_url alt=tr("相似的图片", "The similar picture") loading="lazy"/>
                </li>
            }
            .into_any()
        }
        None => view! {
            <li class="fact-warning alike" data-testid="alike-fact">
                {tr("与另一位考生的材料相似（该申请不在您的审核范围内）", "Looks like another candidate's picture (an application you do not review)")}
                {same_file_said(alike.same_file)}
                {numbers_said(alike.numbers)}
            </li>
        }
        .into_any(),
    }
}

/// Where the two files are one, byte for byte: no likeness to weigh, the very file twice.
fn same_file_said(same_file: bool) -> Option<impl IntoView> {
    same_file.then(|| {
        view! {
            <span class="alike-numbers" data-testid="alike-same-file">
                {tr("两份文件逐字节相同：是同一个文件", "The two files are identical, byte for byte: the very same file")}
            </span>
        }
    })
}

/// What the two pictures' numbers read as, under the pair: where the reviewer's eye must go.
fn numbers_said(numbers: Option<NumbersRead>) -> Option<impl IntoView> {
    let lang = use_lang();
    let (zh, en) = match numbers? {
        NumbersRead::Same(number) => (
            format!("两图的编号均识别为 {number}：很可能是同一份材料"),
            format!("Both pictures' numbers read {number}: most likely the same paper"),
        ),
        NumbersRead::OnlyThis(number) => (
            format!("本图编号识别为 {number}，对方图片未识别出编号：请目视核对"),
            format!("This picture's number reads {number}; none was read on the other: compare by eye"),
        ),
        NumbersRead::OnlyOther(Some(number)) => (
            format!("对方图片编号识别为 {number}，本图未识别出编号：请目视核对"),
            format!("The other picture's number reads {number}; none was read on this one: compare by eye"),
        ),
        NumbersRead::OnlyOther(None) => {
            ("本图未识别出编号：请目视核对".into(), "No number was read on this picture: compare by eye".into())
        }
        NumbersRead::Neither => (
            "两图均未识别出编号：请目视核对姓名和编号".into(),
            "No number was read on either picture: compare names and numbers by eye".into(),
        ),
    };
    Some(
        view! { <span class="alike-numbers" data-testid="alike-numbers">{move || lang.get().pick(zh.clone(), en.clone())}</span> },
    )
}
