//! The exam page's workspace, once the pledge is accepted: the result and the documents after
//! approval, the timeline, the uploads per category, the personal form, the position, and 暂存 /
//! 提交审核. Drawn anew with the page's data; what must outlive that (the typing, the pending queue, the
//! chosen files) belongs to the page.

use leptos::prelude::*;

use crate::components::application_actions::ApplicationActions;
use crate::components::category_card::CategoryCard;
use crate::components::draft_keeper::DraftKeeper;
use crate::components::fee_card::FEE_ANCHOR;
use crate::components::field_rules_on_demand::FieldRulesHere;
use crate::components::page_parts_on_demand::keep_page_parts_for_offline;
use crate::components::personal_form_view::PersonalFormView;
use crate::components::position_picker::PositionPicker;
use crate::components::required_now::RequiredNow;
use crate::components::requirements_list::RequirementsList;
use crate::components::timeline_list::TimelineList;
use crate::components::uploaded_summary::UploadedSummary;
use crate::domain::china_time::ChinaTime;
use crate::domain::personal_form::FormValues;
use crate::domain::ApplicationState;
use crate::domain::ExamPhase;
use crate::i18n::{tr, use_lang};
use crate::models::{candidate::CategoryWithMaterials, candidate::ExamWithMaterials};
use crate::offline::draft_whereabouts::Whereabouts;

/// What the candidate is typing, kept outside the reloading page data so an upload (which
/// reloads the page) does not throw away unsaved typing, nor close a submission's confirmation
/// opened while the upload was still on its way.
#[derive(Clone, Copy)]
pub struct Typing {
    pub form: RwSignal<FormValues>,
    pub position: RwSignal<Option<String>>,
    pub strict: RwSignal<bool>,
    pub confirming: RwSignal<bool>,
    pub loaded: StoredValue<bool>,
    /// Where the typing is (on this device, on the server) and how many changes it has seen.
    pub whereabouts: RwSignal<Whereabouts>,
    pub edits: RwSignal<u64>,
    pub saved_by_hand: RwSignal<u32>,
}

#[component]
pub fn Workspace(page: ExamWithMaterials, typing: Typing, on_changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let show_requirements = RwSignal::new(false);
    let show_uploaded = RwSignal::new(false);
    let code = page.exam.code.clone();
    let definition = page.definition.clone();
    let editable = page.editable;
    let revising = page.revising;
    let form_editable = page.form_editable;
    let closed = matches!(page.phase, ExamPhase::Closed | ExamPhase::ResultsPublished);
    let (closes_at, submitted_at) = (page.closes_at.clone(), page.submitted_at.clone());
    let categories_for_summary = page.category_views();
    let groups = group_categories(page.category_views());

    let awaiting = page.state.awaits_review();
    let has_application = page.pledge_accepted_at.is_some();
    let result = page.result.clone();
    let approved = result.as_ref().is_some_and(|r| r.state == ApplicationState::Approved);
    let fee_due = definition.charges_fee && approved;
    keep_page_parts_for_offline();
    // 必传 marks and what is missing, judged again as the position and the form change.
    FieldRulesHere::provide();
    let required_now = RequiredNow::provide(&page, typing.form, typing.position);
    let form_ready = definition.prints_registration_form && approved;
    let letter_ready = definition.prints_introduction_letter && approved;
    let ticket_opens = definition.ticket_opens.clone().filter(|_| approved);
    view! {
        {result.map(|result| {
            let reason = result.reason.clone().unwrap_or_default();
            let approved = result.state == ApplicationState::Approved;
            view! {
                <p class="notice result" class:ok=approved role="status" data-testid="result">
                    {move || lang.get().pick(format!("审核结果：{}", result.state.label_zh()), format!("Result: {}", result.state.label_en()))}
                    {(!reason.is_empty()).then(|| { let r = reason.clone(); move || lang.get().pick(format!("（{r}）"), format!(" ({r})")) })}
                </p>
            }
        })}
        // 报名登记表 (seed 004): printed on one A4 page, stamped by the employer, handed in.
        {form_ready.then(|| view! {
            <p class="toolbar registration-form">
                <a class="button" href=format!("/api/exams/{code}/registration-form.pdf") rel="external" target="_blank">{tr("打印报名登记表（PDF）", "Print the registration form (PDF)")}</a>
                <span class="muted">{tr("请用 A4 纸单页打印，交所在单位组织人事部门盖章后按要求提交。", "Print it on one A4 page, have it stamped by your employer's personnel department, then hand it in as instructed.")}</span>
            </p>
        })}
        // 介绍信和党员关系证明信 (seed 004): the same, stamped by the unit and its Party organisation.
        {letter_ready.then(|| view! {
            <p class="toolbar introduction-letter">
                <a class="button" href=format!("/api/exams/{code}/introduction-letter.pdf") rel="external" target="_blank">{tr("打印介绍信和党员关系证明信（PDF）", "Print the letter of introduction (PDF)")}</a>
                <span class="muted">{tr("请用 A4 纸单页打印，由所在单位及其党组织核对盖章后，现场报名时交分院留存。", "Print it on one A4 page, have your unit and its Party organisation check and stamp it, then hand it to the branch at the on-site check.")}</span>
            </p>
        })}
        // The fee card is the server's, below the island (`fee_card`): this leads there.
        {fee_due.then(|| view! {
            <p class="toolbar"><a class="button" href=format!("#{FEE_ANCHOR}")>{tr("缴费（见下方）", "The fee (below)")}</a></p>
        })}
        // 准考证 (seed 002): from the ticket window, once paid (where a fee is due) and seated; the
        // server says which of these is still missing.
        {ticket_opens.map(|opens| view! {
            <p class="toolbar admission-ticket">
                <a class="button" href=format!("/api/exams/{code}/ticket.pdf") rel="external" target="_blank">{tr("打印准考证（PDF）", "Print the admission ticket (PDF)")}</a>
                <span class="muted">{move || lang.get().pick(
                    format!("开放打印：{}；需缴费的考试缴费后、考场座位安排后可打印。", opens.zh()),
                    format!("Printable from {}, once the fee (if any) is paid and your seat is assigned.", opens.en()),
                )}</span>
            </p>
        })}
        {awaiting.then(|| {
            let (at_zh, at_en) = submitted_at.as_ref().map(ChinaTime::words).unwrap_or_default();
            view! { <p class="notice ok" role="status" data-testid="locked-note">{move || lang.get().pick(format!("上报完成，内容已锁定（{at_zh}），等待审核。"), format!("Submitted; your application is locked ({at_en}) and waits for review."))}</p> }
        })}
        {page.revise_until.clone().filter(|_| revising).map(|until| view! {
            <p class="notice warn" role="status" data-testid="returned-note">{move || lang.get().pick(
                format!("您的申请被退回修改：请按下方审核记录更换标出的材料，并于 {} 前重新提交。其他材料仍已锁定。", until.zh()),
                format!("Your application was returned for revision: replace the marked items as the review messages below say and resubmit before {}. Everything else stays locked.", until.en()),
            )}</p>
        })}
        <TimelineList entries=page.timeline.clone()/>
        {(closed && page.state == ApplicationState::Draft).then(|| {
            let at = closes_at.clone();
            view! { <p class="notice" role="status" data-testid="closed-note">{move || lang.get().pick(format!("上传已于 {} 截止，材料只能查看，不能再修改。", at.zh()), format!("Uploading closed at {}; you can view your materials but no longer change them.", at.en()))}</p> }
        })}
        <p class="toolbar">
            <button type="button" class="button secondary" aria-expanded=move || show_requirements.get().to_string() on:click=move |_| show_requirements.update(|v| *v = !*v)>
                {tr("查看上传材料要求清单", "View material requirements")}
            </button>
            <button type="button" class="button secondary" aria-expanded=move || show_uploaded.get().to_string() on:click=move |_| show_uploaded.update(|v| *v = !*v)>
                {tr("查看已上传材料清单", "View uploaded materials")}
            </button>
            // 上传回执: every file with its SHA-256 and the server's time, printed by the server.
            {has_application.then(|| view! {
                <a class="button secondary" href=format!("/api/exams/{code}/receipt.pdf") rel="external" target="_blank">{tr("下载上传回执（PDF）", "Download the upload receipt (PDF)")}</a>
            })}
        </p>
        {let (code, categories) = (code.clone(), definition.categories.clone()); move || show_requirements.get().then(|| view! { <RequirementsList exam_code=code.clone() categories=categories.clone()/> })}
        {move || show_uploaded.get().then(|| view! { <UploadedSummary categories=categories_for_summary.clone()/> })}
        <h2>{tr("上传材料", "Upload materials")}</h2>
        <p class="muted">{tr(
            "所有材料须为清晰的图片，每张图片只含一页纸的内容。同一类材料按顺序号排列，上传后请点击“查看”核对方向和内容。",
            "Every document must be a clear picture with one page per file. Pictures in a category are ordered by sequence number; after uploading, use View to check orientation and content.",
        )}</p>
        {groups.into_iter().map(|(heading, categories)| {
            let exam_code = code.clone();
            view! {
                <div class="category-group">
                    {heading.map(|(zh, en)| view! { <h3 class="group-heading">{move || lang.get().pick(zh.clone(), en.clone())}</h3> })}
                    {categories.into_iter().map(|category| view! {
                        <CategoryCard exam_code=exam_code.clone() category editable revising/>
                    }).collect_view()}
                </div>
            }
        }).collect_view()}
        {page.form_flag.clone().map(|f| view! {
            <p class="flag-note" data-testid="form-needs-correction">{move || lang.get().pick(format!("个人信息需修改：{}", f.text_zh()), format!("Personal information to correct: {}", f.text_en()))}</p>
        })}
        {(form_editable && (!definition.form.is_empty() || !definition.positions.is_empty())).then(|| view! {
            <DraftKeeper draft_key=page.draft_key.clone() exam_code=code.clone() fields=definition.form.clone()
                form=typing.form position=typing.position server_form=page.form.clone() server_position=page.position.clone()
                saved_by_hand=typing.saved_by_hand whereabouts=typing.whereabouts edits=typing.edits/>
        }.into_any())}
        {(!definition.form.is_empty()).then(|| view! { <PersonalFormView fields=definition.form.clone() values=typing.form strict=typing.strict editable=form_editable/> })}
        {(!definition.positions.is_empty()).then(|| view! { <PositionPicker tree=definition.positions.clone() chosen=typing.position editable=form_editable exam_code=code.clone()/> })}
        {(editable || revising).then(|| view! {
            <ApplicationActions exam_code=code.clone() form=typing.form position=typing.position strict=typing.strict confirming=typing.confirming missing_now=required_now resubmit=revising on_submitted=on_changed saved_by_hand=typing.saved_by_hand helpline=page.definition.helpline.clone()/>
        })}
    }
    .into_any()
}

type Heading = Option<(String, String)>;

/// Consecutive categories with the same group heading (工作经历材料) sit under one heading.
fn group_categories(categories: Vec<CategoryWithMaterials>) -> Vec<(Heading, Vec<CategoryWithMaterials>)> {
    let mut groups: Vec<(Heading, Vec<CategoryWithMaterials>)> = Vec::new();
    for category in categories {
        let d = &category.definition;
        let heading = d.group_zh.clone().map(|zh| (zh, d.group_en.clone().unwrap_or_default()));
        match groups.last_mut() {
            Some((last, members)) if heading.is_some() && *last == heading => members.push(category),
            _ => groups.push((heading, vec![category])),
        }
    }
    groups
}
