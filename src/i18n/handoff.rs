//! The texts of continuing on the phone, in both languages: loaded with the pages that show them.

pub struct HandoffTexts {
    pub title: &'static str,
    pub opening: &'static str,
    pub gone: &'static str,
}

pub const VI: HandoffTexts = HandoffTexts {
    title: "Tiếp tục hồ sơ",
    opening: "Đang mở hồ sơ…",
    gone: "Liên kết này đã được dùng hoặc đã hết hạn. Hãy tạo mã mới trên máy tại quầy.",
};

pub const EN: HandoffTexts = HandoffTexts {
    title: "Continue your application",
    opening: "Opening your application…",
    gone: "This link has been used or has expired. Make a new code at the kiosk.",
};
