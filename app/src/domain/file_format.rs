//! The picture formats a category can accept, and the other kinds of file we can recognise so a
//! refusal can say what the file really is.

use serde::{Deserialize, Serialize};

/// A format a category may accept. Only formats every browser shows and every decoder reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Jpeg,
    Png,
}

impl FileFormat {
    /// Every format a category may accept.
    pub const ACCEPTABLE: [FileFormat; 2] = [FileFormat::Jpeg, FileFormat::Png];
    pub fn display_name(self) -> &'static str {
        match self {
            FileFormat::Jpeg => "JPEG",
            FileFormat::Png => "PNG",
        }
    }

    /// The media type the server sends the stored bytes with.
    pub fn mime_type(self) -> &'static str {
        match self {
            FileFormat::Jpeg => "image/jpeg",
            FileFormat::Png => "image/png",
        }
    }

    pub fn file_extension(self) -> &'static str {
        match self {
            FileFormat::Jpeg => "jpg",
            FileFormat::Png => "png",
        }
    }

    /// The inverse of `file_extension`, for formats stored as their extension. Only accepted
    /// formats are ever stored, so anything but "png" is JPEG.
    pub fn from_file_extension(extension: &str) -> FileFormat {
        if extension == FileFormat::Png.file_extension() {
            FileFormat::Png
        } else {
            FileFormat::Jpeg
        }
    }
}

/// A file we recognise but never accept. Named so the message can tell a candidate that their
/// "photo.jpg" is really an iPhone HEIC picture or a saved web page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ForeignKind {
    WebP,
    Gif,
    Heif,
    Bmp,
    Tiff,
    Pdf,
    Svg,
    Html,
    Zip,
    Unknown,
}

impl ForeignKind {
    /// How a phone makes the same picture as JPEG, where there is a setting for it (appended to
    /// the refusal); empty where there is none.
    pub fn how_to_get_jpeg(self) -> (&'static str, &'static str) {
        match self {
            ForeignKind::Heif => (
                "。iPhone：设置 → 相机 → 格式，选“兼容性最佳”后重新拍摄；或在“照片”中分享时选“选项 → 最兼容”；华为、小米等手机：相机设置中关闭“HEIF/高效格式”",
                ". On an iPhone: Settings → Camera → Formats → Most Compatible, then take it again (or share it from Photos with Options → Most Compatible); on Huawei, Xiaomi and other phones, turn off “HEIF / high efficiency” in the camera settings",
            ),
            ForeignKind::WebP => (
                "。请在相册或截图工具中另存为 JPEG",
                ". Save it again as JPEG from the gallery or the screenshot tool",
            ),
            _ => ("", ""),
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            ForeignKind::WebP => "WebP 图片",
            ForeignKind::Gif => "GIF 图片",
            ForeignKind::Heif => "HEIC/HEIF 图片（苹果手机默认格式）",
            ForeignKind::Bmp => "BMP 图片",
            ForeignKind::Tiff => "TIFF 图片",
            ForeignKind::Pdf => "PDF 文档",
            ForeignKind::Svg => "SVG 矢量图",
            ForeignKind::Html => "HTML 网页",
            ForeignKind::Zip => "ZIP 压缩包或 Office 文档",
            ForeignKind::Unknown => "无法识别的文件",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            ForeignKind::WebP => "a WebP picture",
            ForeignKind::Gif => "a GIF picture",
            ForeignKind::Heif => "a HEIC/HEIF picture (the iPhone default)",
            ForeignKind::Bmp => "a BMP picture",
            ForeignKind::Tiff => "a TIFF picture",
            ForeignKind::Pdf => "a PDF document",
            ForeignKind::Svg => "an SVG drawing",
            ForeignKind::Html => "an HTML page",
            ForeignKind::Zip => "a ZIP archive or Office document",
            ForeignKind::Unknown => "not a recognisable picture",
        }
    }
}
