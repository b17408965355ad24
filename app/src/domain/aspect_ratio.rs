//! An aspect ratio written as people write it: "3:4" (width:height).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AspectRatio {
    width: u32,
    height: u32,
}

impl AspectRatio {
    pub fn parse(text: &str) -> Result<Self, String> {
        let invalid = || format!("aspect \"{text}\" must be two positive whole numbers like \"3:4\"");
        let (w, h) = text.split_once(':').ok_or_else(invalid)?;
        let width: u32 = w.trim().parse().map_err(|_| invalid())?;
        let height: u32 = h.trim().parse().map_err(|_| invalid())?;
        if width == 0 || height == 0 {
            return Err(invalid());
        }
        Ok(Self { width, height })
    }

    pub fn value(self) -> f64 {
        self.width as f64 / self.height as f64
    }

    /// How far an actual width:height is from this ratio, as a fraction of the ratio.
    pub fn relative_deviation(self, width: u32, height: u32) -> f64 {
        let actual = width as f64 / height as f64;
        (actual - self.value()).abs() / self.value()
    }
}

impl std::fmt::Display for AspectRatio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.width, self.height)
    }
}

impl TryFrom<String> for AspectRatio {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<AspectRatio> for String {
    fn from(ratio: AspectRatio) -> String {
        ratio.to_string()
    }
}
