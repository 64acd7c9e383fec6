//! The texts of the dossiers of this device, in both languages: loaded with the pages that show
//! them.

pub struct MineTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub empty: &'static str,
    pub open: &'static str,
    pub forget: &'static str,
    pub notify: &'static str,
    /// The signed-in citizen's dossiers, from the server.
    pub account_title: &'static str,
    pub account_empty: &'static str,
    pub account_failed: &'static str,
    pub device_title: &'static str,
    /// Signed out where signing in is on.
    pub sign_in_hint: &'static str,
    pub sign_in: &'static str,
    /// Signing out, and clearing the device while at it.
    pub clear_device: &'static str,
    pub sign_out: &'static str,
}

pub const VI: MineTexts = MineTexts {
    title: "Hồ sơ của tôi",
    lead: "Các hồ sơ đã nộp hoặc đã tra cứu trên thiết bị này, với tình trạng mới nhất.",
    empty: "Chưa có hồ sơ nào trên thiết bị này.",
    open: "Xem hồ sơ",
    forget: "Quên trên thiết bị này",
    notify: "Báo cho tôi khi hồ sơ chuyển bước",
    account_title: "Hồ sơ theo tài khoản định danh điện tử",
    account_empty: "Chưa có hồ sơ nào nộp bằng số định danh của bạn.",
    account_failed: "Chưa tải được danh sách hồ sơ của tài khoản. Hãy thử lại sau ít phút.",
    device_title: "Trên thiết bị này",
    sign_in_hint: "Đăng nhập bằng VNeID để xem mọi hồ sơ đã nộp bằng số định danh của bạn, trên mọi thiết bị, không cần nhập lại số căn cước hay số điện thoại.",
    sign_in: "Đăng nhập bằng VNeID",
    clear_device: "Xoá hồ sơ đang soạn và hồ sơ đã lưu trên thiết bị này (nên chọn khi dùng máy chung)",
    sign_out: "Đăng xuất",
};

pub const EN: MineTexts = MineTexts {
    title: "My applications",
    lead: "Applications filed or looked up on this device, with their latest status.",
    empty: "No applications on this device yet.",
    open: "Open",
    forget: "Forget on this device",
    notify: "Notify me when an application moves on",
    account_title: "Applications of your e-ID account",
    account_empty: "No application was filed with your ID number yet.",
    account_failed: "Your account's applications could not be loaded. Try again in a few minutes.",
    device_title: "On this device",
    sign_in_hint: "Sign in with VNeID to see every application filed with your ID number, on any device, without typing your ID card or phone number again.",
    sign_in: "Sign in with VNeID",
    clear_device: "Remove drafts and applications kept on this device (recommended on a shared device)",
    sign_out: "Sign out",
};
