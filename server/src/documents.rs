//! Documents Zige prints (issue 13): PDFs laid out by Typst from a template and the data of one
//! candidate, with a CJK font embedded as a subset: the 上传回执 (upload receipt), the 报名登记表
//! (registration form) and the 准考证 (admission ticket).
pub mod admission_ticket;
pub mod fonts;
pub mod id_photo;
pub mod registration_form;
pub mod render;
pub mod typst_world;
pub mod upload_receipt;
