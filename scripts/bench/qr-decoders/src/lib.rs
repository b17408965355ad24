//! rxing reading QR codes, as the browser would run it: the luma plane in, the text's length out
//! (0: no code read). `ZIGE_QR_READER=qr` (native only) uses the QR reader alone instead of the
//! multi-format reader limited to QR codes, which reads more (it retries what the QR reader alone
//! gives up on).

use std::collections::HashSet;

use rxing::{common::HybridBinarizer, qrcode::QRCodeReader, BarcodeFormat, BinaryBitmap, Luma8LuminanceSource};
use rxing::{MultiFormatReader, Reader};

/// The text of the one QR code in a `width`×`height` luma plane, trying hard (as ZXing's
/// TRY_HARDER: more rows scanned, more finder candidates).
pub fn read_with_rxing(luma: Vec<u8>, width: u32, height: u32) -> Option<String> {
    let mut hints = rxing::DecodeHints::default().with(rxing::DecodeHintValue::TryHarder(true));
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(Luma8LuminanceSource::new(luma, width, height)));
    let read = if std::env::var("ZIGE_QR_READER").as_deref() == Ok("qr") {
        QRCodeReader::default().decode_with_hints(&mut bitmap, &hints)
    } else {
        hints.PossibleFormats = Some(HashSet::from([BarcodeFormat::QR_CODE]));
        MultiFormatReader::default().decode_with_hints(&mut bitmap, &hints)
    };
    read.ok().map(|read| read.getText().to_string())
}

/// The WASM module's one export.
///
/// # Safety
/// `luma` points at `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn read_qr(luma: *const u8, len: usize, width: u32, height: u32) -> usize {
    let plane = unsafe { std::slice::from_raw_parts(luma, len) }.to_vec();
    read_with_rxing(plane, width, height).map_or(0, |text| text.len())
}
