//! Documents Zige prints (issue 13): PDFs laid out by Typst from a template and the data of one
//! candidate, with a CJK font embedded as a subset: the 上传回执 (upload receipt), the 报名登记表
//! (registration form) and the 准考证 (admission ticket). Each exam may have its own templates
//! (`app::ssr::exams::document_templates`); a template is tried on a sample candidate before it is
//! kept.
pub mod admission_ticket;
pub mod font_cell;
pub mod fonts;
pub mod id_photo;
pub mod introduction_letter;
pub mod layout_check;
pub mod material_handover;
pub mod payment_receipt;
pub mod registration_form;
pub mod render;
pub mod render_job;
pub mod render_pool;
pub mod render_worker;
pub mod samples;
pub mod typst_world;
pub mod unprintable;
pub mod upload_receipt;
