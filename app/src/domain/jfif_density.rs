//! Writes a resolution into a JPEG's JFIF header (APP0): the photo tool records the DPI its
//! pixels give on the category's paper (`photo_fit::FitPlan::dpi`), never a larger one. A JPEG
//! without a JFIF header gets one right after its start marker.

/// `jpeg` with its JFIF density set to `dpi` dots per inch on both axes; None when the bytes do
/// not start like a JPEG.
pub fn with_jfif_density(jpeg: &[u8], dpi: u16) -> Option<Vec<u8>> {
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let [high, low] = dpi.to_be_bytes();
    let has_jfif = jpeg.len() >= 18 && jpeg[2..4] == [0xFF, 0xE0] && &jpeg[6..11] == b"JFIF\0";
    let mut out = jpeg.to_vec();
    if has_jfif {
        // SOI, APP0 marker, length, "JFIF\0", version: then units, X density, Y density.
        out[13] = 1;
        out[14..18].copy_from_slice(&[high, low, high, low]);
    } else {
        let app0 =
            [0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x01, high, low, high, low, 0x00, 0x00];
        out.splice(2..2, app0);
    }
    Some(out)
}
