//! The plain backgrounds an ID photo may have, as an exam file says for its photo category
//! (`backgrounds = ["white"]`): seed 004 asks for "背景色为均匀白色", seed 002 takes white or blue.

use serde::{Deserialize, Serialize};

/// One plain background colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackgroundColour {
    White,
    Blue,
}

/// The colours a category's ID photos may stand on: at least one. White or blue where the exam
/// file says nothing, as most ID photo rules allow. An exam file (TOML, JSON) writes the list;
/// the compact wire to the browser (postcard) carries the two flags, whose decoder is smaller than
/// a list's in the candidate's download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhotoBackgrounds {
    white: bool,
    blue: bool,
}

impl Serialize for PhotoBackgrounds {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            Vec::<BackgroundColour>::from(*self).serialize(serializer)
        } else {
            (self.white, self.blue).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for PhotoBackgrounds {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let colours = Vec::<BackgroundColour>::deserialize(deserializer)?;
            PhotoBackgrounds::try_from(colours).map_err(serde::de::Error::custom)
        } else {
            let (white, blue) = <(bool, bool)>::deserialize(deserializer)?;
            Ok(PhotoBackgrounds { white, blue })
        }
    }
}

impl Default for PhotoBackgrounds {
    fn default() -> Self {
        PhotoBackgrounds { white: true, blue: true }
    }
}

impl PhotoBackgrounds {
    pub fn allows(self, colour: BackgroundColour) -> bool {
        match colour {
            BackgroundColour::White => self.white,
            BackgroundColour::Blue => self.blue,
        }
    }

    /// "纯白或蓝色" / "plain white or blue", as the advice names what is asked for.
    pub fn words(self) -> (&'static str, &'static str) {
        match (self.white, self.blue) {
            (true, false) => ("纯白", "plain white"),
            (false, true) => ("纯蓝", "plain blue"),
            _ => ("纯白或蓝色", "plain white or blue"),
        }
    }

    /// In front of what to take the photo again.
    pub fn retake_before(self) -> (&'static str, &'static str) {
        match (self.white, self.blue) {
            (true, false) => ("白墙或白色背景布", "a white wall or a white backdrop"),
            (false, true) => ("蓝色背景布", "a blue backdrop"),
            _ => ("白墙或蓝色背景", "a white wall or a blue background"),
        }
    }
}

impl TryFrom<Vec<BackgroundColour>> for PhotoBackgrounds {
    type Error = String;

    fn try_from(colours: Vec<BackgroundColour>) -> Result<Self, String> {
        if colours.is_empty() {
            return Err("backgrounds: name at least one colour (\"white\", \"blue\")".to_string());
        }
        Ok(PhotoBackgrounds {
            white: colours.contains(&BackgroundColour::White),
            blue: colours.contains(&BackgroundColour::Blue),
        })
    }
}

impl From<PhotoBackgrounds> for Vec<BackgroundColour> {
    fn from(allowed: PhotoBackgrounds) -> Self {
        [BackgroundColour::White, BackgroundColour::Blue].into_iter().filter(|c| allowed.allows(*c)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exam_file_names_the_colours_and_says_nothing_for_white_or_blue() {
        let white: PhotoBackgrounds = serde_json::from_str(r#"["white"]"#).unwrap();
        assert!(white.allows(BackgroundColour::White) && !white.allows(BackgroundColour::Blue));
        assert_eq!(white.words(), ("纯白", "plain white"));
        assert_eq!(PhotoBackgrounds::default().words().0, "纯白或蓝色");
        assert!(serde_json::from_str::<PhotoBackgrounds>("[]").is_err(), "at least one colour");
        assert_eq!(serde_json::to_string(&white).unwrap(), r#"["white"]"#);
        let wire = postcard::to_allocvec(&white).unwrap();
        assert_eq!(postcard::from_bytes::<PhotoBackgrounds>(&wire).unwrap(), white, "the browser reads it back");
    }
}
