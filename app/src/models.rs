//! What crosses the wire between server and browser. No secrets, no storage keys, no hashes.

use serde::{Deserialize, Serialize};

use crate::domain::{CategoryDefinition, ImageFormat};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Candidate,
    Reviewer,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Candidate => "candidate",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        [Role::Candidate, Role::Reviewer, Role::Admin].into_iter().find(|r| r.as_str() == text)
    }
}

/// The signed-in person as pages show them: the ID number masked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub name: String,
    pub id_number_masked: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamSummary {
    pub code: String,
    pub title_zh: String,
    pub title_en: String,
    pub organiser_zh: String,
    pub organiser_en: String,
}

/// One stored image, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaterialView {
    pub id: String,
    pub category: String,
    pub seq_no: u32,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub original_name: String,
    pub uploaded_at: String,
}

impl MaterialView {
    pub fn file_url(&self) -> String {
        format!("/api/materials/{}/file", self.id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryWithMaterials {
    pub definition: CategoryDefinition,
    /// In sequence-number order.
    pub materials: Vec<MaterialView>,
}

impl CategoryWithMaterials {
    /// The smallest sequence number not yet used, offered as the default for the next upload.
    pub fn next_free_seq_no(&self) -> u32 {
        (1..).find(|n| !self.materials.iter().any(|m| m.seq_no == *n)).unwrap_or(1)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamWithMaterials {
    pub exam: ExamSummary,
    pub categories: Vec<CategoryWithMaterials>,
}
