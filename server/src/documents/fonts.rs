//! The fonts documents are set in: Noto Sans CJK (Debian's `fonts-noto-cjk`, which the set-up
//! installs), every face of its collections, loaded once. Typst embeds only the glyphs a document
//! uses.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Where Debian puts Noto CJK; `ZIGE_FONT_DIR` may name another folder.
pub const DEBIAN_NOTO_CJK: &str = "/usr/share/fonts/opentype/noto";

pub struct DocumentFonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

impl DocumentFonts {
    /// Every font (every face of every collection) in `dir`; an error names the folder and the
    /// package that fills it when it holds none.
    pub fn load(dir: &Path) -> Result<DocumentFonts, String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| no_fonts(dir, &e.to_string()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "ttc" | "otf" | "ttf" | "otc"))
            })
            .collect();
        files.sort();
        let mut fonts = Vec::new();
        for file in files {
            let bytes = std::fs::read(&file).map_err(|e| no_fonts(dir, &e.to_string()))?;
            fonts.extend(Font::iter(Bytes::new(bytes)));
        }
        if fonts.is_empty() {
            return Err(no_fonts(dir, "no font files"));
        }
        Ok(DocumentFonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts })
    }

    /// Characters of `text` that no loaded font can print (they would come out as empty boxes).
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        text.chars()
            .filter(|c| !c.is_whitespace() && !self.fonts.iter().any(|font| font.info().coverage.contains(*c as u32)))
            .collect()
    }
}

fn no_fonts(dir: &Path, why: &str) -> String {
    format!("no fonts for documents in {} ({why}); install Debian's fonts-noto-cjk or set ZIGE_FONT_DIR", dir.display())
}
