//! A candidate's published scores, an exam to a card: each subject's score, its pass mark and
//! whether it was reached. Server-rendered (the scores page, and below the exam page's island).

use leptos::prelude::*;

use crate::components::china_time_text::ChinaTimeText;
use crate::i18n::{tr, use_lang};
use crate::models::scores::ExamScoreCard;

#[component]
pub fn ScoreCards(cards: Vec<ExamScoreCard>) -> impl IntoView {
    cards.into_iter().map(|card| view! { <ScoreCard card/> }).collect_view()
}

#[component]
fn ScoreCard(card: ExamScoreCard) -> impl IntoView {
    let lang = use_lang();
    let (title_zh, title_en) = (card.title_zh, card.title_en);
    let exam_page = format!("/exams/{}", card.exam_code);
    view! {
        <section class="card score-card" data-exam=card.exam_code.to_string() aria-label=tr("考试成绩", "Scores")>
            <h2><a href=exam_page>{move || lang.get().pick(title_zh.clone(), title_en.clone())}</a></h2>
            <p class="muted">{tr("公布时间：", "Published: ")}<ChinaTimeText at=card.published_at/></p>
            <table class="scores">
                <thead><tr>
                    <th scope="col">{tr("科目", "Subject")}</th>
                    <th scope="col">{tr("成绩", "Score")}</th>
                    <th scope="col">{tr("合格线", "Pass mark")}</th>
                    <th scope="col">{tr("结果", "Result")}</th>
                </tr></thead>
                <tbody>
                    {card.subjects.into_iter().map(|subject| {
                        let (score_zh, score_en) = (subject.score_zh, subject.score_en);
                        let (verdict_zh, verdict_en) = match subject.passed {
                            Some(true) => ("合格", "Passed"),
                            Some(false) => ("不合格", "Not passed"),
                            None => ("—", "—"),
                        };
                        view! {
                            <tr data-subject=subject.subject.clone()>
                                <td>{subject.subject.clone()}</td>
                                <td>{move || lang.get().pick(score_zh.clone(), score_en.clone())}</td>
                                <td>{subject.pass_mark.unwrap_or_else(|| "—".to_string())}</td>
                                <td>{tr(verdict_zh, verdict_en)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
