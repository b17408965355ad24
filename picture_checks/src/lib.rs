//! What the reviewer's assistant sees in a stored picture beyond the shared domain's checks: the
//! ID number on an ID card's front (`id_card`), the hash that finds the same document handed in by
//! two people (`document_hash`), and the number that tells two certificates on one template apart
//! (`document_number`); both numbers are read by `number_reading`, and a number too blurred to
//! read is compared with one that was (`number_line_fit`); and the day a 学信网 record's online
//! verification ends, where the page prints it (`verification_end`).

pub mod document_hash;
pub mod document_number;
pub mod grey;
pub mod id_card;
pub mod id_number_line;
pub mod number_line_fit;
pub mod number_reading;
pub mod page_layout;
pub mod paper;
pub mod tesseract_line;
pub mod verification_end;
