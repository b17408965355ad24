//! A PDF chosen where a category takes JPEGs becomes its pages, each a JPEG chosen as any picture
//! is (issue 68): 学信网's 备案表 comes as a PDF, and the seeds ask for JPEGs. The pages are drawn by
//! `domain::pdf_pages` in a chunk of its own (`pdf_pages`: the renderer, its standard fonts and the
//! CJK CMaps, 1.3 MB of brotli), fetched the first time a PDF is chosen (the offline copy keeps it
//! from then on; too large to fetch for every candidate in advance), and encoded by the browser's
//! canvas into the category's byte window (the steps: `domain::pdf_page_bytes`) with the DPI it was
//! drawn at written in. Then each page is judged, placed and sent as a chosen picture is; the server
//! never takes a PDF. All but the test for a PDF is in the chunk: the candidate's first load has no
//! room to spare.

use crate::client::ChosenFile;
use crate::domain::exam_definition::CategoryDefinition;
use crate::domain::file_format::ForeignKind;
use crate::domain::pdf_page_bytes::ByteWindow;
use crate::domain::sniff::{sniff, Sniffed};
use crate::domain::FileFormat;

/// The chosen files with each PDF made into its pages, in order, where the category takes JPEG
/// (elsewhere a PDF stays, for the verdict to refuse as today). `room`: how many pictures the
/// category still takes, when it has a maximum. The reason, in Chinese and English, where a PDF
/// cannot become pictures; nothing of the choice is kept then.
pub async fn pdfs_as_pages(
    files: Vec<ChosenFile>,
    category: &CategoryDefinition,
    room: Option<u32>,
) -> Result<Vec<ChosenFile>, (String, String)> {
    let takes_jpeg = category.rules.formats.contains(&FileFormat::Jpeg);
    if !takes_jpeg || !files.iter().any(|file| sniff(&file.bytes) == Sniffed::Foreign(ForeignKind::Pdf)) {
        return Ok(files);
    }
    let window = (category.rules.min_bytes, category.rules.max_bytes);
    pdfs_drawn(files, category.rules.min_dpi, window, room).await
}

/// Every PDF among `files` drawn into its pages at `dpi` (200 when None), each encoded inside the
/// byte window (minimum, maximum), by the `pdf_pages` chunk (fetched here the first time).
pub async fn pdfs_drawn(
    files: Vec<ChosenFile>,
    dpi: Option<u32>,
    window: ByteWindow,
    room: Option<u32>,
) -> Result<Vec<ChosenFile>, (String, String)> {
    #[cfg(feature = "hydrate")]
    {
        match chunk::pages(files, dpi, window, room).await {
            Ok(drawing) => drawing.await,
            Err(_) => Err((
                "PDF 转换功能需要联网载入，请联网后重新选择".to_string(),
                "Turning a PDF into pictures needs the network once; choose it again when online".to_string(),
            )),
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (dpi, window, room);
        Ok(files)
    }
}

/// The renderer's entry: the `pdf_pages` chunk.
#[cfg(feature = "hydrate")]
mod chunk {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::wasm_split::SplitLoaderError;

    use crate::client::{jpeg_of_pixels, ChosenFile};
    use crate::domain::file_format::ForeignKind;
    use crate::domain::jfif_density::with_jfif_density;
    use crate::domain::pdf_page_bytes::{next_step, ByteWindow, Landed, NextStep, DPI_QUARTERS};
    use crate::domain::pdf_pages::{open, page_name, PdfDocument, PdfRefusal, DEFAULT_DPI};
    use crate::domain::sniff::{sniff, Sniffed};

    type Chosen = Result<Vec<ChosenFile>, (String, String)>;

    #[leptos::wasm_split::wasm_split(pdf_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn pages(
        files: Vec<ChosenFile>,
        min_dpi: Option<u32>,
        window: ByteWindow,
        room: Option<u32>,
    ) -> Result<Pin<Box<dyn Future<Output = Chosen>>>, SplitLoaderError> {
        Ok(Box::pin(async move {
            let dpi = min_dpi.unwrap_or(DEFAULT_DPI);
            let mut room_left = room.map_or(usize::MAX, |room| room as usize);
            let mut chosen = Vec::with_capacity(files.len());
            for file in files {
                if sniff(&file.bytes) != Sniffed::Foreign(ForeignKind::Pdf) {
                    room_left = room_left.saturating_sub(1);
                    chosen.push(file);
                    continue;
                }
                let pages = pages_of(&file.name, file.bytes, dpi, window, room_left).await.map_err(|r| r.messages())?;
                room_left = room_left.saturating_sub(pages.len());
                chosen.extend(pages);
            }
            Ok(chosen)
        }))
    }

    /// One PDF's pages as JPEGs named after it, or why not.
    async fn pages_of(
        name: &str,
        bytes: Vec<u8>,
        dpi: u32,
        window: ByteWindow,
        room: usize,
    ) -> Result<Vec<ChosenFile>, PdfRefusal> {
        let document = open(bytes)?;
        document.fits(room)?;
        let mut pages = Vec::with_capacity(document.page_count());
        for index in 0..document.page_count() {
            let (jpeg, drawn_at) = page_within(&document, index, dpi, window).await?;
            let jpeg = with_jfif_density(&jpeg, u16::try_from(drawn_at).unwrap_or(u16::MAX)).unwrap_or(jpeg);
            pages.push(ChosenFile { name: page_name(name, index + 1), bytes: jpeg });
        }
        Ok(pages)
    }

    /// A page as a JPEG inside the window, drawn at `dpi` or, where it comes out too light, at a
    /// higher one; with the DPI it was drawn at. Where no try lands inside, the last (the verdict
    /// then says its size against the window).
    async fn page_within(
        document: &PdfDocument,
        index: usize,
        dpi: u32,
        window: ByteWindow,
    ) -> Result<(Vec<u8>, u32), PdfRefusal> {
        let mut last = None;
        for quarters in DPI_QUARTERS {
            let drawn_at = dpi * quarters / 4;
            let page = document.draw(index, drawn_at)?;
            let (jpeg, landed) = encoded_within(&page.rgba, page.width, page.height, window).await?;
            if landed != Landed::UnderFloor {
                return Ok((jpeg, drawn_at));
            }
            last = Some((jpeg, drawn_at));
        }
        last.ok_or(PdfRefusal::NotEncoded)
    }

    /// The page's pixels encoded by the steps of `domain::pdf_page_bytes`: the JPEG kept, and where
    /// it landed against the window.
    async fn encoded_within(
        rgba: &[u8],
        width: u32,
        height: u32,
        window: ByteWindow,
    ) -> Result<(Vec<u8>, Landed), PdfRefusal> {
        let mut tries = Vec::new();
        let mut jpegs = Vec::new();
        loop {
            match next_step(&tries, window) {
                NextStep::Encode(quality) => {
                    let jpeg =
                        jpeg_of_pixels(rgba, width, height, quality).await.map_err(|_| PdfRefusal::NotEncoded)?;
                    tries.push((quality, jpeg.len() as u64));
                    jpegs.push(jpeg);
                }
                NextStep::Keep { index, landed } => return Ok((jpegs.swap_remove(index), landed)),
            }
        }
    }
}
