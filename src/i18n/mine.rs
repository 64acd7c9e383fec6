//! The texts of the dossiers of this device, in both languages: loaded with the pages that show
//! them.

pub struct MineTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub empty: &'static str,
    pub open: &'static str,
    pub forget: &'static str,
    pub notify: &'static str,
}

pub const VI: MineTexts = MineTexts {
    title: "Hồ sơ của tôi",
    lead: "Các hồ sơ đã nộp hoặc đã tra cứu trên thiết bị này, với tình trạng mới nhất.",
    empty: "Chưa có hồ sơ nào trên thiết bị này.",
    open: "Xem hồ sơ",
    forget: "Quên trên thiết bị này",
    notify: "Báo cho tôi khi hồ sơ chuyển bước",
};

pub const EN: MineTexts = MineTexts {
    title: "My applications",
    lead: "Applications filed or looked up on this device, with their latest status.",
    empty: "No applications on this device yet.",
    open: "Open",
    forget: "Forget on this device",
    notify: "Notify me when an application moves on",
};
