//! A QR code as an inline SVG (no script, no outside file: the pages' Content-Security-Policy
//! allows it as it is): the second factor's `otpauth://` address, WeChat Pay's `code_url`.

use crate::error::AppError;

pub fn inline_qr_svg(text: &str) -> Result<String, AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| crate::ssr::internal("QR code", e))?;
    let drawn = code.render::<svg::Color>().min_dimensions(220, 220).build();
    // The XML declaration has no place inside an HTML page.
    Ok(drawn.split_once("?>").map(|(_, svg)| svg.to_string()).unwrap_or(drawn))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_an_svg_without_an_xml_declaration() {
        let svg = inline_qr_svg("otpauth://totp/Zige:x?secret=GEZDGNBVGY3TQOJQ&issuer=Zige").unwrap();
        assert!(svg.trim_start().starts_with("<svg"), "{}", &svg[..40]);
    }
}
