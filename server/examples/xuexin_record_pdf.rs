//! A 教育部学历证书电子注册备案表 as 学信网 hands it out, for `./scripts/bench-before-sending.sh` (a
//! PDF drawn into the pictures an exam asks for, issue 68): one A4 page of vector text in an
//! embedded CJK font, the holder's photo, the 在线验证码 with its QR code and a faint watermark, laid
//! out by Typst as Zige's own documents are.
//! Usage: `cargo run -p server --example xuexin_record_pdf -- OUT.pdf`

use std::path::Path;
use std::sync::Arc;

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use server::documents::fonts::{DocumentFonts, DEBIAN_NOTO_CJK};
use server::documents::typst_world::DocumentWorld;
use typst::foundations::Dict;

const RECORD: &str = r#"
#set page(paper: "a4", margin: (x: 20mm, top: 18mm, bottom: 16mm),
  background: rotate(-30deg, text(size: 64pt, fill: luma(238), weight: "bold")[学信网 CHSI]))
#set text(font: "Noto Sans CJK SC", size: 10.5pt, lang: "zh")
#align(center, text(size: 18pt, weight: "bold")[教育部学历证书电子注册备案表])
#v(1mm)
#align(right, text(size: 9pt)[更新日期：2026年11月20日])
#v(2mm)
#grid(columns: (1fr, 33mm), column-gutter: 4mm,
  table(columns: (27mm, 1fr, 22mm, 1fr), stroke: 0.5pt, inset: 2.6mm,
    [姓名], [张晓明], [性别], [男],
    [证件号码], table.cell(colspan: 3)[11010519491231002X],
    [民族], [汉族], [出生日期], [1996年05月12日],
  ),
  image("photo.jpg", width: 33mm),
)
#v(3mm)
#table(columns: (27mm, 1fr, 27mm, 1fr), stroke: 0.5pt, inset: 2.6mm,
  [入学日期], [2014年09月01日], [毕（结）业日期], [2018年07月01日],
  [学校名称], table.cell(colspan: 3)[北京大学],
  [专业], table.cell(colspan: 3)[计算机科学与技术],
  [学制], [4 年], [层次], [本科],
  [学历类别], [普通高等教育], [学习形式], [普通全日制],
  [毕（结）业], [毕业], [校（院）长姓名], [郝平],
  [证书编号], table.cell(colspan: 3)[100011201805001234],
)
#v(8mm)
#grid(columns: (1fr, 32mm), column-gutter: 6mm,
  [
    #text(weight: "bold")[在线验证码：A7KQ 9X2M PL4W 83ZD]
    #v(2mm)
    #text(size: 9pt)[
      说明：本《备案表》是教育部学历证书电子注册的结果，可登录学信网（www.chsi.com.cn）输入在线验证码
      进行查询。本《备案表》在线验证有效期截止至 2027年05月20日，有效期内可随时延长。延长有效期或
      查询更多信息请登录学信网。本表仅证明学历证书已经电子注册，不作为学历证书使用。
    ]
    #v(2mm)
    #text(size: 9pt)[全国高等学校学生信息咨询与就业指导中心 · 学信网]
  ],
  image("qr.svg", width: 32mm),
)
"#;

fn main() -> Result<(), String> {
    let out = std::env::args().nth(1).ok_or("usage: xuexin_record_pdf OUT.pdf")?;
    let fonts = Arc::new(DocumentFonts::load(Path::new(DEBIAN_NOTO_CJK))?);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let photo = std::fs::read(root.join("exams/examples/id-photo-white.jpg")).map_err(|e| e.to_string())?;
    let qr =
        QrCode::with_error_correction_level(b"https://www.chsi.com.cn/xlcx/bg.do?vcode=A7KQ9X2MPL4W83ZD", EcLevel::M)
            .map_err(|e| e.to_string())?
            .render::<svg::Color>()
            .min_dimensions(400, 400)
            .build();
    let files = vec![("photo.jpg", photo), ("qr.svg", qr.into_bytes())];
    let world = DocumentWorld::new(RECORD, Dict::new(), fonts, files).ok_or("the template's files")?;
    let (pdf, pages) = world.pdf()?;
    std::fs::write(&out, &pdf).map_err(|e| e.to_string())?;
    println!("{out}: {pages} page, {} bytes", pdf.len());
    Ok(())
}
