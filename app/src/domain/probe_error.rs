//! Why the probe could not describe a file as a picture we accept.

use serde::{Deserialize, Serialize};

use super::file_format::{FileFormat, ForeignKind};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProbeError {
    Empty,
    /// A real file, but not JPEG or PNG.
    Foreign(ForeignKind),
    /// Starts like JPEG or PNG but its structure is broken before the size is known.
    Malformed {
        format: FileFormat,
        reason: MalformedReason,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MalformedReason {
    /// Cut off before the part that gives the picture's size.
    EndsBeforeHeader,
    /// The header gives a width or height of zero.
    ZeroDimension,
    /// The first PNG chunk is not IHDR.
    MissingHeader,
}

impl MalformedReason {
    pub fn text_zh(self) -> &'static str {
        match self {
            MalformedReason::EndsBeforeHeader => "文件在图片尺寸信息之前就结束了，可能未完整下载或已损坏",
            MalformedReason::ZeroDimension => "图片尺寸为 0",
            MalformedReason::MissingHeader => "缺少图片头信息",
        }
    }

    pub fn text_en(self) -> &'static str {
        match self {
            MalformedReason::EndsBeforeHeader => {
                "the file ends before the picture size is given; it may be an incomplete download or damaged"
            }
            MalformedReason::ZeroDimension => "the picture has a width or height of 0",
            MalformedReason::MissingHeader => "the picture header is missing",
        }
    }
}
