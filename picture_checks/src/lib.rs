//! What the reviewer's assistant sees in a stored picture beyond the shared domain's checks: the
//! ID number on an ID card's front (`id_card`), and the hash that finds the same document handed
//! in by two people (`document_hash`).

pub mod document_hash;
pub mod grey;
pub mod id_card;
pub mod id_number_line;
pub mod paper;
pub mod tesseract_line;
