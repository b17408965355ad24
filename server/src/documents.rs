//! Documents Zige prints (issue 13): PDFs laid out by Typst from a template and the data of one
//! candidate, with a CJK font embedded as a subset. First the 上传回执 (upload receipt).
pub mod fonts;
pub mod typst_world;
pub mod upload_receipt;
