//! 《岗位及其资格条件一览表》 (seed 002): every position of an exam with what it requires, read by
//! anyone before signing up, narrowed by words and unit in the address, and downloaded as .xlsx.
use crate::support;

use calamine::{Data, Reader};
use support::*;

#[tokio::test]
async fn anyone_reads_the_positions_narrows_them_and_downloads_them_as_a_spreadsheet() {
    let app = spawn_app().await;
    let visitor = app.browser();

    let page = visitor.get("/exams/002/positions").await.text().await.unwrap();
    assert!(page.contains("岗位及其资格条件一览表") && page.contains("共 7 个职位，显示 7 个"), "{page}");
    assert!(page.contains(r#"data-position="tax-01""#) && page.contains("会计学、财务管理、审计学专业"), "{page}");
    assert!(page.contains("市税务局"), "each position under its unit");

    // Every word, anywhere in the row; the unit as chosen; the form shows what was asked.
    let narrowed = visitor.get("/exams/002/positions?q=%E6%B3%95%E5%AD%A6").await.text().await.unwrap();
    assert!(
        narrowed.contains(r#"data-position="tax-03""#) && !narrowed.contains(r#"data-position="tax-01""#),
        "{narrowed}"
    );
    assert!(narrowed.contains(r#"value="法学""#), "the words stay in the box");
    let unit = visitor.get("/exams/002/positions?unit=stats").await.text().await.unwrap();
    assert!(!unit.contains(r#"data-position="tax-"#) && unit.contains(r#"data-position="stats-"#), "{unit}");

    let xlsx = visitor.get("/api/exams/002/positions.xlsx").await;
    assert_eq!(xlsx.status(), 200);
    assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert!(xlsx.headers()["content-disposition"].to_str().unwrap().contains("002-positions.xlsx"));
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes().await.unwrap().to_vec())).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|row| row.to_vec()).collect();
    assert_eq!(rows.len(), 8, "the header and seven positions");
    assert_eq!(rows[0][3], Data::String("资格条件".into()));
    assert_eq!(rows[1][0], Data::String("市税务局".into()));
    assert_eq!(rows[1][1], Data::String("tax-01".into()));

    // An exam that recruits for no positions has no table.
    assert_eq!(visitor.get("/api/exams/000/positions.xlsx").await.status(), 404);
    let none = visitor.get("/exams/000/positions").await.text().await.unwrap();
    assert!(none.contains("找不到该内容"), "{none}");
}
