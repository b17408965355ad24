//! The application's pictures in the order the reviewer works through them, each with the words
//! that place it, and which files to fetch before the reviewer asks for them.

use crate::models::review::{NextApplication, ReviewSheet, ReviewedMaterial};

/// One picture with the words that place it: "毕业证书 第 2 张".
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedMaterial {
    pub reviewed: ReviewedMaterial,
    pub caption_zh: String,
    pub caption_en: String,
}

/// Every picture of the sheet, category by category in the exam's order, each in sequence order.
pub fn placed_materials(sheet: &ReviewSheet) -> Vec<PlacedMaterial> {
    sheet
        .category_views()
        .into_iter()
        .flat_map(|category| {
            let (name_zh, name_en) = (category.definition.name_zh, category.definition.name_en);
            category.materials.into_iter().map(move |reviewed| PlacedMaterial {
                caption_zh: format!("{name_zh} 第 {} 张", reviewed.material.seq_no),
                caption_en: format!("{name_en} no. {}", reviewed.material.seq_no),
                reviewed,
            })
        })
        .collect()
}

/// The files the reviewer will want next, most urgent first: the next picture of this application
/// (and the file it replaced, shown beside it), then the next application's first picture (the one
/// its screen opens on), the small copies its strip shows, and its other pictures.
pub fn files_to_prefetch(materials: &[PlacedMaterial], shown: usize, next: Option<&NextApplication>) -> Vec<String> {
    let following = materials.get(shown + 1).map(|p| &p.reviewed);
    let this_application = following.into_iter().flat_map(|reviewed| {
        std::iter::once(reviewed.material.file_url()).chain(reviewed.previous.iter().map(|p| p.url.clone()))
    });
    let next_application = next
        .into_iter()
        .flat_map(|n| n.file_urls.first().into_iter().chain(&n.thumb_urls).chain(n.file_urls.iter().skip(1)).cloned());
    this_application.chain(next_application).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record_ids::ApplicationId;
    use crate::domain::FileFormat;
    use crate::models::candidate::MaterialView;
    use crate::models::review::PreviousFile;

    fn china(rfc3339: &str) -> crate::domain::china_time::ChinaTime {
        crate::domain::china_time::ChinaTime::of(&chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap())
    }

    fn placed(id: &str, replaced: bool) -> PlacedMaterial {
        let material = MaterialView {
            id: id.into(),
            category: "id_card".into(),
            seq_no: 1,
            format: FileFormat::Jpeg,
            width: 400,
            height: 300,
            bytes: 1000,
            original_name: format!("{id}.jpg"),
            uploaded_at: china("2026-03-01T10:00:00+08:00"),
            locked: true,
            flag: None,
        };
        let previous = replaced.then(|| PreviousFile {
            url: format!("/api/previous/{id}/file"),
            uploaded_at: china("2026-02-01T10:00:00+08:00"),
            replaced_at: china("2026-03-01T10:00:00+08:00"),
        });
        PlacedMaterial {
            reviewed: ReviewedMaterial { material, previous, last_flag: None, findings: None },
            caption_zh: String::new(),
            caption_en: String::new(),
        }
    }

    fn next() -> NextApplication {
        NextApplication {
            application_id: ApplicationId(9),
            file_urls: vec!["/api/materials/n1/file".into(), "/api/materials/n2/file".into()],
            thumb_urls: vec!["/api/materials/n1/thumb".into(), "/api/materials/n2/thumb".into()],
        }
    }

    #[test]
    fn the_next_material_comes_before_the_next_application() {
        let materials = [placed("a", false), placed("b", false), placed("c", false)];
        assert_eq!(
            files_to_prefetch(&materials, 0, Some(&next())),
            [
                "/api/materials/b/file",
                "/api/materials/n1/file",
                "/api/materials/n1/thumb",
                "/api/materials/n2/thumb",
                "/api/materials/n2/file"
            ]
        );
    }

    #[test]
    fn a_replaced_next_material_brings_its_old_file_for_the_comparison() {
        let materials = [placed("a", false), placed("b", true)];
        assert_eq!(files_to_prefetch(&materials, 0, None), ["/api/materials/b/file", "/api/previous/b/file"]);
    }

    #[test]
    fn on_the_last_material_only_the_next_application_is_fetched_its_first_picture_first() {
        let materials = [placed("a", false), placed("b", false)];
        assert_eq!(
            files_to_prefetch(&materials, 1, Some(&next())),
            ["/api/materials/n1/file", "/api/materials/n1/thumb", "/api/materials/n2/thumb", "/api/materials/n2/file"]
        );
        assert!(files_to_prefetch(&materials, 1, None).is_empty());
    }
}
