//! The texts of "Đọc cho tôi nghe", in both languages: loaded with the pages that offer it.

pub struct ReadTexts {
    pub start: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub stop: &'static str,
    pub reading: &'static str,
    pub paused: &'static str,
    pub no_voice: &'static str,
}

pub const VI: ReadTexts = ReadTexts {
    start: "Đọc cho tôi nghe",
    pause: "Tạm dừng",
    resume: "Đọc tiếp",
    stop: "Dừng đọc",
    reading: "Đang đọc nội dung trang.",
    paused: "Đã tạm dừng đọc.",
    no_voice: "Đọc cho tôi nghe: thiết bị này chưa có giọng đọc tiếng Việt, nên chưa đọc được.",
};

pub const EN: ReadTexts = ReadTexts {
    start: "Read this page to me",
    pause: "Pause",
    resume: "Resume",
    stop: "Stop reading",
    reading: "Reading the page aloud.",
    paused: "Reading paused.",
    no_voice: "Read aloud: this device has no English voice, so it cannot read the page.",
};
