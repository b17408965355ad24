//! 文档模板 on an exam's administration page: the Typst template each of the exam's documents is
//! laid out with, edited in place. Saving lays the template out for a made-up candidate first, so
//! a broken one is refused with its line and candidates keep getting their documents; the saved
//! one can be previewed as PDF, or set back to the template shipped with Zige.

use leptos::prelude::*;

use crate::api::admin::{admin_document_template, admin_reset_document_template, admin_save_document_template};
use crate::components::error_note::ErrorNote;
use crate::domain::document_kind::DocumentKind;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::document_template::TemplateView;

#[component]
pub fn TemplatePanel(code: ExamCode, documents: Vec<DocumentKind>) -> impl IntoView {
    let lang = use_lang();
    let Some(first) = documents.first().copied() else { return ().into_any() };
    let kind = RwSignal::new(first);
    let source = RwSignal::new(String::new());
    // What the last save or reset answered, shown until another document is chosen.
    let outcome = RwSignal::new(None::<Result<&'static str, AppError>>);
    let shown = RwSignal::new(None::<TemplateView>);
    // Why the chosen document's template could not be loaded.
    let load_failure = RwSignal::new(None::<AppError>);
    // A template as the server has it (loaded, saved or reset): in the editor and described.
    let show = move |view: TemplateView| {
        source.set(view.source.clone());
        shown.set(Some(view));
    };
    // Loaded by an effect, so in the browser only, never while the server renders. A
    // `LocalResource` read there made the page's `Transition` race its placeholder against its
    // content (leptos's `select!` picks at random when both are ready): the page sent differed
    // from load to load, and in one CI run the browser failed to bring it to life. An answer for a
    // document no longer chosen is dropped.
    Effect::new({
        let code = code.clone();
        move || {
            let (code, chosen) = (code.clone(), kind.get());
            leptos::task::spawn_local(async move {
                let answer = admin_document_template(code, chosen).await;
                if kind.get_untracked() != chosen {
                    return;
                }
                match answer {
                    Ok(view) => {
                        show(view);
                        load_failure.set(None);
                    }
                    Err(error) => load_failure.set(Some(error)),
                }
            });
        }
    });
    let answer = move |done: Result<TemplateView, AppError>, said: &'static str| match done {
        Ok(view) => {
            show(view);
            outcome.set(Some(Ok(said)));
        }
        Err(error) => outcome.set(Some(Err(error))),
    };
    let save = Action::new({
        let code = code.clone();
        move |_: &()| {
            let (code, kind, text) = (code.clone(), kind.get_untracked(), source.get_untracked());
            async move { answer(admin_save_document_template(code, kind, text).await, "saved") }
        }
    });
    let reset = Action::new({
        let code = code.clone();
        move |_: &()| {
            let (code, kind) = (code.clone(), kind.get_untracked());
            async move { answer(admin_reset_document_template(code, kind).await, "reset") }
        }
    });
    let busy = move || save.pending().get() || reset.pending().get();
    let preview = move || format!("/api/admin/exams/{code}/templates/{}/preview.pdf", kind.get().key());
    view! {
        <section class="card template-panel" aria-labelledby="templates-title">
            <h2 id="templates-title">{tr("文档模板", "Document templates")}</h2>
            <p class="muted">{tr(
                "考生打印的文档按这里的 Typst 模板排版，数据在 sys.inputs 中。保存前会用示例考生的数据排版一次，有错的模板不会保存，并指出错误所在的行。",
                "The documents candidates print are laid out by these Typst templates; the data is in sys.inputs. Before saving, the template is laid out once with a sample candidate's data: a broken template is not saved, and its mistakes are named by line.",
            )}</p>
            <label>
                {tr("文档", "Document")}
                <select name="document" on:change=move |ev| {
                    if let Some(chosen) = DocumentKind::parse(&event_target_value(&ev)) {
                        outcome.set(None);
                        kind.set(chosen);
                    }
                }>
                    {documents.iter().map(|d| {
                        let d = *d;
                        view! { <option value=d.key() selected=move || kind.get() == d>{move || lang.get().pick(d.name_zh(), d.name_en())}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || load_failure.get().map(|error| view! { <ErrorNote error/> })}
            <p class="muted" data-testid="template-origin">{move || shown.get().map(|view| match view.saved {
                Some((at, who)) => lang.get().pick(format!("本考试自定义的模板，{who} 保存于 {}", at.zh()), format!("This exam's own template, saved by {who} at {}", at.en())),
                None => lang.get().pick("系统自带的模板".to_string(), "The template shipped with Zige".to_string()),
            })}</p>
            <label class="stacked">
                {tr("模板（Typst）", "Template (Typst)")}
                <textarea class="code" rows="24" name="template" spellcheck="false" prop:value=source on:input=move |ev| source.set(event_target_value(&ev))></textarea>
            </label>
            <p class="actions">
                <button type="button" class="button" disabled=busy on:click=move |_| { save.dispatch(()); }>{tr("检查并保存模板", "Check and save template")}</button>
                <button type="button" class="button secondary" disabled=move || busy() || shown.get().is_none_or(|v| v.saved.is_none()) on:click=move |_| { reset.dispatch(()); }>{tr("恢复系统模板", "Back to the shipped template")}</button>
                <a href=preview target="_blank" rel="noopener">{tr("预览已保存的模板（示例数据，PDF）", "Preview the saved template (sample data, PDF)")}</a>
            </p>
            {move || outcome.get().map(|done| match done {
                Ok("saved") => view! { <p class="ok" role="status">{tr("模板已保存，之后打印的文档按新模板排版", "Template saved: documents printed from now on use it")}</p> }.into_any(),
                Ok(_) => view! { <p class="ok" role="status">{tr("已恢复系统模板", "Back to the shipped template")}</p> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
            <details>
                <summary>{tr("模板可用的数据（示例考生）", "The data a template can use (sample candidate)")}</summary>
                <pre class="code" data-testid="sample-inputs">{move || shown.get().map(|v| v.sample_inputs)}</pre>
            </details>
        </section>
    }
    .into_any()
}
