//! A PDF made into the pictures a category asks for (issue 68). 学信网's 备案表 and 学位认证报告 are
//! downloaded as PDFs and every seed asks for JPEGs, so candidates printed and scanned them or
//! photographed a screen. Each page is drawn here on white at the category's DPI (its `min_dpi`, or
//! 200 as seed 004 asks of scans) by hayro, a PDF renderer in pure Rust; the browser then encodes
//! the pages as JPEGs into the category's byte window and judges each as any chosen picture
//! (`components::pdf_pages_on_demand`). The server never takes a PDF: only the JPEGs are sent.
//!
//! This runs in a chunk of its own, fetched when a PDF is chosen: the renderer and its standard
//! fonts weigh far more than a candidate's first load may.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use hayro::hayro_interpret::font::FontQuery;
use hayro::hayro_interpret::{FontResolverFn, InterpreterSettings};
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::{render, RenderCache, RenderSettings};

/// The DPI a page is drawn at where the category names none (seed 004: "A4 纸 200 DPI").
pub const DEFAULT_DPI: u32 = 200;
/// A PDF's unit: a point, 1/72 inch.
const POINTS_PER_INCH: f32 = 72.0;
/// The most pixels one page is drawn with, whatever its size: an A4 page at 300 DPI is 8.7 MP; a
/// poster at 200 DPI would not fit a phone's memory, and is drawn smaller.
const MAX_PAGE_PIXELS: f32 = 12_000_000.0;

/// A PDF that opened.
pub struct PdfDocument {
    pdf: Pdf,
}

/// One page drawn: RGBA pixels, row by row, opaque.
pub struct DrawnPage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Why a PDF does not become pictures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfRefusal {
    /// Protected by a password.
    Encrypted,
    /// Not a PDF that can be read (damaged, cut off: no page can be found).
    Unreadable,
    /// More pages than the category has room for.
    TooManyPages { pages: usize, room: usize },
    /// Its text asks for a Chinese font it does not carry: drawn here, the text would be missing.
    FontNotEmbedded,
    /// The browser could not encode a drawn page as a JPEG.
    NotEncoded,
}

impl PdfRefusal {
    /// The refusal in Chinese and English, with the numbers.
    pub fn messages(&self) -> (String, String) {
        match self {
            PdfRefusal::Encrypted => (
                "该 PDF 设有密码保护，无法转换为图片；请下载未加密的版本，或打印后扫描".into(),
                "This PDF is password-protected and cannot be turned into pictures; download an unprotected copy, or print and scan it".into(),
            ),
            PdfRefusal::Unreadable => (
                "该 PDF 已损坏或不完整，无法读取；请重新下载".into(),
                "This PDF is damaged or incomplete and cannot be read; download it again".into(),
            ),
            PdfRefusal::TooManyPages { pages, room } => (
                format!("该 PDF 共 {pages} 页，本类还能上传 {room} 张；请删除多余页面或分开上传"),
                format!("This PDF has {pages} pages and this category has room for {room} more; remove pages or upload them separately"),
            ),
            PdfRefusal::FontNotEmbedded => (
                "该 PDF 未嵌入所用的中文字体，转换后文字会缺失；请打印后扫描上传".into(),
                "This PDF does not carry the Chinese font it uses, so its text would be missing; print and scan it instead".into(),
            ),
            PdfRefusal::NotEncoded => (
                "浏览器无法把该 PDF 的页面转为 JPEG；请打印后扫描上传".into(),
                "The browser could not turn this PDF's pages into JPEGs; print and scan it instead".into(),
            ),
        }
    }
}

/// Opens `bytes` as a PDF with at least one page (a file cut off may open with none).
pub fn open(bytes: Vec<u8>) -> Result<PdfDocument, PdfRefusal> {
    let pdf = Pdf::new(bytes).map_err(|error| match error {
        LoadPdfError::Decryption(_) => PdfRefusal::Encrypted,
        LoadPdfError::Invalid => PdfRefusal::Unreadable,
    })?;
    if pdf.pages().is_empty() {
        return Err(PdfRefusal::Unreadable);
    }
    Ok(PdfDocument { pdf })
}

impl PdfDocument {
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Refused when the pages are more than the `room` the category has left.
    pub fn fits(&self, room: usize) -> Result<(), PdfRefusal> {
        match self.page_count() {
            pages if pages > room => Err(PdfRefusal::TooManyPages { pages, room }),
            _ => Ok(()),
        }
    }

    /// Page `index` (from 0) drawn on white at `dpi`, or fewer dots where the page is so large that
    /// it would pass [`MAX_PAGE_PIXELS`]. Refused when its text needs a Chinese font the file does
    /// not carry.
    pub fn draw(&self, index: usize, dpi: u32) -> Result<DrawnPage, PdfRefusal> {
        let page = self.pdf.pages().get(index).ok_or(PdfRefusal::Unreadable)?;
        let (width_pt, height_pt) = page.render_dimensions();
        let wanted = dpi as f32 / POINTS_PER_INCH;
        let largest = (MAX_PAGE_PIXELS / (width_pt * height_pt).max(1.0)).sqrt();
        let scale = wanted.min(largest);
        let missing_cjk_font = Arc::new(AtomicBool::new(false));
        let settings =
            InterpreterSettings { font_resolver: font_resolver(missing_cjk_font.clone()), ..Default::default() };
        let render_settings = RenderSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
            ..Default::default()
        };
        let pixmap = render(page, &RenderCache::new(), &settings, &render_settings);
        if missing_cjk_font.load(Ordering::Relaxed) {
            return Err(PdfRefusal::FontNotEmbedded);
        }
        let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        // Drawn over opaque white: the premultiplied pixels are the plain ones.
        Ok(DrawnPage { width, height, rgba: pixmap.data_as_u8_slice().to_vec() })
    }
}

/// The standard fonts a PDF may leave out come with the renderer (its `embed-fonts`); a Chinese
/// font left out (known by its character collection, read through the embedded CMaps) cannot be
/// stood in for, and is noted so the page is refused rather than drawn without its text.
fn font_resolver(missing_cjk_font: Arc<AtomicBool>) -> FontResolverFn {
    Arc::new(move |query| match query {
        FontQuery::Standard(standard) => Some(standard.get_font_data()),
        FontQuery::Fallback(fallback) => {
            if fallback.character_collection.is_some() {
                missing_cjk_font.store(true, Ordering::Relaxed);
                None
            } else {
                Some(fallback.pick_standard_font().get_font_data())
            }
        }
    })
}

/// The name page `page` (from 1) of `pdf_name` is chosen under: "备案表.pdf" gives "备案表 第1页.jpg",
/// whose number places it in order among files chosen together (`domain::chosen_together`).
pub fn page_name(pdf_name: &str, page: usize) -> String {
    let stem = pdf_name.rsplit_once('.').map_or(pdf_name, |(stem, _)| stem);
    format!("{stem} 第{page}页.jpg")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::types::{CidFontType, SystemInfo};
    use pdf_writer::{Content, Name, Pdf as PdfWriter, Rect, Ref, Str};

    /// A PDF of `pages` A4 pages, each with a black bar as wide as 100 pt times its number and a line
    /// of text in Helvetica, which it does not carry (a standard font).
    fn pdf_of_pages(pages: usize) -> Vec<u8> {
        let mut pdf = PdfWriter::new();
        let (catalog, tree, font) = (Ref::new(1), Ref::new(2), Ref::new(3));
        let page_ids: Vec<Ref> = (0..pages).map(|n| Ref::new(10 + 2 * n as i32)).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids(page_ids.iter().copied()).count(pages as i32);
        for (n, page_id) in page_ids.iter().enumerate() {
            let content_id = Ref::new(11 + 2 * n as i32);
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(content_id);
            page.resources().fonts().pair(Name(b"F1"), font);
            drop(page);
            let mut content = Content::new();
            content.set_fill_rgb(0.0, 0.0, 0.0);
            content.rect(72.0, 700.0, 100.0 * (n as f32 + 1.0), 40.0);
            content.fill_nonzero();
            content.begin_text();
            content.set_font(Name(b"F1"), 14.0);
            content.next_line(72.0, 650.0);
            content.show(Str(format!("Page {}", n + 1).as_bytes()));
            content.end_text();
            pdf.stream(content_id, &content.finish());
        }
        pdf.type1_font(font).base_font(Name(b"Helvetica"));
        pdf.finish()
    }

    /// One page whose text is in a Chinese font the file names but does not carry.
    fn pdf_with_a_chinese_font_left_out() -> Vec<u8> {
        let mut pdf = PdfWriter::new();
        let (catalog, tree, page_id, content_id, font, cid_font) =
            (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5), Ref::new(6));
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids([page_id]).count(1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(content_id);
        page.resources().fonts().pair(Name(b"F1"), font);
        drop(page);
        let mut content = Content::new();
        content.begin_text();
        content.set_font(Name(b"F1"), 14.0);
        content.next_line(72.0, 650.0);
        content.show(Str(&[0x4e, 0x2d, 0x65, 0x87]));
        content.end_text();
        pdf.stream(content_id, &content.finish());
        pdf.type0_font(font)
            .base_font(Name(b"SimSun"))
            .encoding_predefined(Name(b"UniGB-UCS2-H"))
            .descendant_font(cid_font);
        pdf.cid_font(cid_font).subtype(CidFontType::Type0).base_font(Name(b"SimSun")).system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"GB1"),
            supplement: 5,
        });
        pdf.finish()
    }

    fn dark_at(page: &DrawnPage, x: u32, y: u32) -> bool {
        let at = ((y * page.width + x) * 4) as usize;
        page.rgba[at..at + 3].iter().all(|&channel| channel < 60)
    }

    #[test]
    fn each_page_is_drawn_on_white_at_the_dpi_asked_in_its_order() {
        let document = open(pdf_of_pages(2)).unwrap();
        assert_eq!(document.page_count(), 2);
        let first = document.draw(0, DEFAULT_DPI).unwrap();
        // 595 × 842 pt at 200 DPI.
        assert_eq!((first.width, first.height), (1652, 2338));
        assert_eq!(first.rgba.len(), 1652 * 2338 * 4);
        // The bar: from 72 pt (200 px) across 100 pt on page 1, 200 pt on page 2; 700–740 pt up.
        let bar_y = ((842.0 - 720.0) * 200.0 / 72.0) as u32;
        assert!(dark_at(&first, 300, bar_y) && !dark_at(&first, 600, bar_y), "page 1's bar is 100 pt long");
        assert!(!dark_at(&first, 100, 100), "the margin is white");
        let second = document.draw(1, DEFAULT_DPI).unwrap();
        assert!(dark_at(&second, 600, bar_y), "page 2's bar is 200 pt long");
        // Drawn at 300 DPI where the category asks it.
        assert_eq!(document.draw(0, 300).unwrap().width, 2479);
    }

    #[test]
    fn more_pages_than_the_category_has_room_for_are_refused_with_both_numbers() {
        let document = open(pdf_of_pages(3)).unwrap();
        assert_eq!(document.fits(3), Ok(()));
        let refused = document.fits(2).unwrap_err();
        assert_eq!(refused, PdfRefusal::TooManyPages { pages: 3, room: 2 });
        assert_eq!(refused.messages().0, "该 PDF 共 3 页，本类还能上传 2 张；请删除多余页面或分开上传");
    }

    #[test]
    fn a_damaged_file_and_a_chinese_font_left_out_are_refused_not_drawn_blank() {
        assert_eq!(open(b"%PDF-1.7\nnot really".to_vec()).err(), Some(PdfRefusal::Unreadable));
        let cut = pdf_of_pages(2)[..40].to_vec();
        assert_eq!(open(cut).err(), Some(PdfRefusal::Unreadable), "a PDF cut off, no page found");
        let document = open(pdf_with_a_chinese_font_left_out()).unwrap();
        assert_eq!(document.draw(0, DEFAULT_DPI).err(), Some(PdfRefusal::FontNotEmbedded));
    }

    #[test]
    fn a_page_is_named_after_its_pdf_and_numbered_for_the_order() {
        assert_eq!(page_name("备案表.pdf", 1), "备案表 第1页.jpg");
        assert_eq!(page_name("scan", 10), "scan 第10页.jpg");
    }
}
