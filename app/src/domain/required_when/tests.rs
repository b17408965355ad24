use super::*;

fn position(code: &str, children: Vec<PositionNode>) -> PositionNode {
    PositionNode {
        code: code.to_string(),
        name_zh: code.to_string(),
        name_en: code.to_string(),
        requirements_zh: children.is_empty().then(|| "2年以上基层工作经历".to_string()),
        requirements_en: None,
        children,
    }
}

fn tree() -> Vec<PositionNode> {
    vec![
        position("tax", vec![position("tax-01", vec![]), position("tax-02", vec![])]),
        position("stats", vec![position("stats-01", vec![])]),
    ]
}

fn hukou() -> FormField {
    FormField {
        key: "hukou".to_string(),
        label_zh: "户籍所在地".to_string(),
        label_en: "Household registration".to_string(),
        kind: FieldKind::Choice,
        required: true,
        max_chars: None,
        hint_zh: None,
        hint_en: None,
        options: vec!["本市".to_string(), "本市以外".to_string()],
        starts_at: None,
    }
}

fn when() -> RequiredWhen {
    RequiredWhen {
        positions: vec!["tax".to_string(), "stats-01".to_string()],
        registration_categories: vec!["社会人员".to_string()],
        answers: vec![AnswerIs { field: "hukou".to_string(), is: "本市以外".to_string() }],
    }
}

fn judged(position: Option<&str>, registration: Option<&str>, hukou_answer: Option<&str>) -> Requiredness {
    let (form_fields, positions) = (vec![hukou()], tree());
    let mut form = FormValues::new();
    if let Some(answer) = hukou_answer {
        form.insert("hukou".to_string(), answer.to_string());
    }
    let now = Circumstances { position, registration_category: registration, form: &form };
    requiredness(false, Some(&when()), ExamParts { form: &form_fields, positions: &positions }, &now)
}

#[test]
fn a_position_or_its_department_requires_it_and_another_does_not() {
    assert_eq!(judged(Some("tax-02"), None, None), Requiredness::Because(Reason::Position));
    assert_eq!(judged(Some("stats-01"), None, None), Requiredness::Because(Reason::Position));
    // Changed to a position nobody named, and back to none at all.
    assert_eq!(judged(Some("stats-02-unknown"), None, None), Requiredness::Optional);
    assert_eq!(judged(None, None, None), Requiredness::Optional);
}

#[test]
fn the_registration_category_requires_it_only_when_it_is_the_named_one() {
    let required = judged(None, Some("社会人员"), None);
    assert_eq!(required, Requiredness::Because(Reason::RegistrationCategory("社会人员".to_string())));
    assert_eq!(required.reason().unwrap().words().0, "因报考类别为“社会人员”");
    assert_eq!(judged(None, Some("应届毕业生"), None), Requiredness::Optional);
}

#[test]
fn an_answer_requires_it_and_a_changed_answer_takes_that_back() {
    let required = judged(None, None, Some("本市以外"));
    assert!(required.is_required());
    assert_eq!(
        required.reason().unwrap().words(),
        (
            "因“户籍所在地”填写为“本市以外”".to_string(),
            "required because Household registration is 本市以外".to_string()
        )
    );
    assert_eq!(judged(None, None, Some("本市")), Requiredness::Optional);
    assert_eq!(judged(None, None, Some("")), Requiredness::Optional);
    // Spaces typed around a choice do not change it.
    assert!(judged(None, None, Some(" 本市以外 ")).is_required());
}

#[test]
fn required_for_everyone_needs_no_reason_and_nothing_said_is_optional() {
    let (form, positions) = (vec![hukou()], tree());
    let exam = ExamParts { form: &form, positions: &positions };
    let now = Circumstances { position: None, registration_category: None, form: &FormValues::new() };
    assert_eq!(requiredness(true, None, exam, &now), Requiredness::Always);
    assert_eq!(requiredness(false, None, exam, &now), Requiredness::Optional);
    assert_eq!(Requiredness::Always.reason(), None);
}

#[test]
fn the_position_reason_is_said_first_when_several_hold() {
    assert_eq!(judged(Some("tax-01"), Some("社会人员"), Some("本市以外")), Requiredness::Because(Reason::Position));
    assert_eq!(Reason::Position.words().0, "因所选职位要求");
}

#[test]
fn mistakes_name_what_the_exam_does_not_have() {
    let (form, positions) = (vec![hukou()], tree());
    let exam = ExamParts { form: &form, positions: &positions };
    assert_eq!(when().mistakes(false, exam), Vec::<String>::new());
    let wrong = RequiredWhen {
        positions: vec!["customs".to_string()],
        registration_categories: vec![" ".to_string()],
        answers: vec![
            AnswerIs { field: "address".to_string(), is: "x".to_string() },
            AnswerIs { field: "hukou".to_string(), is: "外省".to_string() },
        ],
    };
    let mistakes = wrong.mistakes(true, exam);
    assert_eq!(mistakes.len(), 5, "{mistakes:?}");
    assert!(mistakes.iter().any(|m| m.contains("\"customs\"")));
    assert!(mistakes.iter().any(|m| m.contains("\"address\"")));
    assert!(mistakes.iter().any(|m| m.contains("\"外省\"")));
    assert!(mistakes.iter().any(|m| m.contains("required = true")));
    assert_eq!(RequiredWhen::default().mistakes(false, exam).len(), 1);
}
