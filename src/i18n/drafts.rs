//! The texts of the drafts kept on this device, in both languages: loaded with the pages that show
//! them.

pub struct DraftsTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub empty: &'static str,
    pub resume: &'static str,
    pub delete: &'static str,
    pub saved_at: fn(&str) -> String,
}

pub const VI: DraftsTexts = DraftsTexts {
    title: "Hồ sơ đang soạn",
    lead: "Các hồ sơ bạn đang khai trên thiết bị này. Thông tin chỉ lưu trên thiết bị, chưa gửi đi.",
    empty: "Chưa có hồ sơ nào đang soạn trên thiết bị này.",
    resume: "Tiếp tục khai",
    delete: "Xoá bản nháp",
    saved_at: |at| format!("Lưu lúc {at}"),
};

pub const EN: DraftsTexts = DraftsTexts {
    title: "Drafts",
    lead: "Applications you are filling in on this device. They are kept on this device only and have not been sent.",
    empty: "No drafts on this device.",
    resume: "Continue",
    delete: "Delete draft",
    saved_at: |at| format!("Saved {at}"),
};
