//! Typst as a library: one template, its data (`sys.inputs`) and the files it names (a photo),
//! compiled to PDF. Nothing is fetched: a template that imports a package is refused.

use std::collections::HashMap;
use std::sync::Arc;

use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Dict, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_pdf::PdfOptions;

use super::fonts::DocumentFonts;

/// A file of the document's own folder. File ids are interned for the life of the process, so
/// only fixed names are used ("main.typ", "photo.jpg").
fn project_file(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

pub struct DocumentWorld {
    library: LazyHash<Library>,
    fonts: Arc<DocumentFonts>,
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl DocumentWorld {
    pub fn new(template: &str, inputs: Dict, fonts: Arc<DocumentFonts>, files: Vec<(&str, Vec<u8>)>) -> Option<Self> {
        Some(DocumentWorld {
            library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
            fonts,
            main: Source::new(project_file("main.typ")?, template.to_string()),
            files: files
                .into_iter()
                .filter_map(|(name, bytes)| Some((project_file(name)?, Bytes::new(bytes))))
                .collect(),
        })
    }

    /// Compiles to PDF, with its number of pages; a broken template's errors name their line
    /// ("line 12: unknown variable").
    pub fn pdf(&self) -> Result<(Vec<u8>, usize), String> {
        let Warned { output, warnings: _ } = typst::compile(self);
        let document = output.map_err(|errors| self.describe(&errors))?;
        let pdf = typst_pdf::pdf(&document, &PdfOptions::default()).map_err(|errors| self.describe(&errors));
        typst::comemo::evict(10);
        Ok((pdf?, document.pages().len()))
    }

    fn describe(&self, errors: &[SourceDiagnostic]) -> String {
        errors
            .iter()
            .map(|error| {
                let line = error
                    .span
                    .id()
                    .filter(|id| *id == self.main.id())
                    .and_then(|_| self.range(error.span))
                    .and_then(|range| self.main.lines().byte_to_line_column(range.start))
                    .map(|(line, _)| format!("line {}: ", line + 1))
                    .unwrap_or_default();
                format!("{line}{}", error.message)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        Err(FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Documents print the server's time from their data, never the template's own clock.
        None
    }
}
