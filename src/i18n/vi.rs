//! The shell's, the search's and the shared texts in Vietnamese; each area's texts (filing,
//! paying, tracking…) are in a file of their own beside this one, both languages together.

use super::Texts;

pub const TEXTS: Texts = Texts {
    lang: super::Lang::Vi,
    lang_switch_to: "English",
    skip_link: "Bỏ qua, đến nội dung chính",
    app_name: "Dịch vụ công",
    nav_label: "Điều hướng chính",
    nav_search: "Tìm thủ tục",
    nav_stats: "Thống kê",
    footer: "Thông tin thủ tục theo Cơ sở dữ liệu quốc gia về thủ tục hành chính. Dữ liệu minh họa.",

    home_title: "Tìm thủ tục hành chính",
    home_lead: "Biết ngay cần giấy tờ gì, mất bao lâu, lệ phí bao nhiêu và nộp ở đâu.",
    search_label: "Bạn cần làm thủ tục gì?",
    search_hint: "Gõ có dấu hoặc không dấu, ví dụ: làm giấy khai sinh, sổ đỏ, đổi bằng lái",
    search_button: "Tìm kiếm",
    popular_title: "Dịch vụ được dùng nhiều",
    popular: &[
        ("1.001193", "Làm giấy khai sinh cho con"),
        ("1.000894", "Đăng ký kết hôn"),
        ("1.004222", "Đăng ký thường trú (nhập hộ khẩu)"),
        ("3.000333", "Xin phiếu lý lịch tư pháp"),
        ("1.013978", "Làm sổ đỏ lần đầu"),
        ("1.001612", "Đăng ký hộ kinh doanh"),
        ("3.000347", "Đổi bằng lái xe"),
        ("1.013225", "Xin giấy phép xây dựng"),
    ],
    fields_title: "Tìm theo lĩnh vực",
    see_all_results: |n| format!("Xem tất cả {n} kết quả"),
    procedures_in_field: |n| format!("{n} thủ tục"),

    results_title: "Kết quả tìm kiếm",
    results_count: |n, q| {
        if q.is_empty() {
            format!("{n} thủ tục")
        } else {
            format!("Tìm thấy {n} thủ tục cho “{q}”")
        }
    },
    no_results: |q| format!("Không có thủ tục nào khớp với “{q}”."),
    no_results_tips: "Thử gõ ít từ hơn, dùng từ thông dụng (ví dụ “khai sinh”, “sổ đỏ”), hoặc bỏ bớt bộ lọc.",
    no_results_where: "Gợi ý lĩnh vực và nơi hỏi khi chưa tìm thấy",
    no_results_fields: "Có thể bạn tìm thủ tục trong các lĩnh vực:",
    no_results_ask: "Chưa rõ cần làm thủ tục nào? Hãy hỏi Bộ phận Một cửa của Ủy ban nhân dân xã, phường nơi bạn ở hoặc Trung tâm Phục vụ hành chính công của tỉnh: cán bộ sẽ hướng dẫn.",
    no_results_hotline: "Hoặc gọi đường dây nóng:",
    filters_title: "Lọc kết quả",
    filter_field: "Lĩnh vực",
    filter_level: "Cấp thực hiện",
    filter_mode: "Mức độ trực tuyến",
    filter_fee: "Lệ phí",
    filter_any: "Tất cả",
    filter_clear: "Bỏ tất cả bộ lọc",
    page_previous: "Trang trước",
    page_next: "Trang sau",
    page_of: |p, n| format!("Trang {p} / {n}"),
    pagination_label: "Phân trang",

    fee_amount: |a| format!("Lệ phí: {a}"),
    fee_none: "Không mất phí",
    days: |d| format!("{d} ngày làm việc"),
    same_day: "Trả kết quả trong ngày",
    variants: |n| format!("Thực hiện tại {n} nơi"),
    known_as: |k| format!("Thường gọi là “{k}”"),

    loading_catalog: "Đang tải danh mục thủ tục…",
    catalog_error: "Chưa tải được danh mục thủ tục. Hãy kiểm tra kết nối mạng rồi thử lại.",
    retry: "Thử lại",
    loading: "Đang tải…",
    load_error: "Chưa tải được thông tin. Hãy kiểm tra kết nối mạng rồi thử lại.",
    channel_in_person: "Trực tiếp",
    channel_online: "Trực tuyến",
    channel_postal: "Dịch vụ bưu chính",
    applicant_citizen: "Công dân",
    applicant_organisation: "Tổ chức",
    yes: "Có",
    no: "Không",
    apply_steps: &["Người nộp", "Thông tin hồ sơ", "Giấy tờ", "Kiểm tra", "Nộp"],
    apply_step_of: |n, of| format!("Bước {n} trên {of}"),
    apply_progress_label: "Các bước nộp hồ sơ",
    error_summary_title: "Có lỗi cần sửa",
    error_title_prefix: "Lỗi: ",
    nav_drafts: "Hồ sơ đang soạn",
    doc_uploading: |p| format!("Đang tải lên {p}%"),
    doc_uploaded: "Đã tải lên",
    doc_failed_network: "Chưa tải lên được vì mất kết nối.",
    pay_copy: "Sao chép",
    pay_copied: "Đã sao chép",
    pay_no_fee: "Hồ sơ này không phải nộp lệ phí.",
    pay_not_now: "Hồ sơ ở trạng thái hiện tại không nộp phí, lệ phí được.",
    footer_nav_label: "Liên kết khác",
    kiosk_shared: "Máy dùng chung: khi xong việc, hãy bấm “Kết thúc” để xoá thông tin của bạn.",
    kiosk_end: "Kết thúc",
    kiosk_idle_title: "Bạn vẫn đang dùng máy?",
    kiosk_idle_text: |n| format!("Để bảo vệ thông tin của bạn, phiên làm việc sẽ kết thúc sau {n} giây."),
    kiosk_continue: "Tiếp tục",
    offline_notice: "Bạn đang ngoại tuyến. Vẫn tìm thủ tục và soạn hồ sơ được; hồ sơ sẽ được gửi khi có mạng.",
    update_ready: "Đã có phiên bản mới của ứng dụng.",
    update_reload: "Tải lại",
    nav_track: "Tra cứu hồ sơ",
    nav_mine: "Hồ sơ của tôi",
    sign_in: "Đăng nhập bằng VNeID",
    sign_out: "Đăng xuất",
    account_label: |name, level| format!("Tài khoản: {name}, đăng nhập bằng VNeID mức {level}"),
    track_changed: |code, status| format!("Hồ sơ {code} đã chuyển sang “{status}”."),

    not_found_title: "Không tìm thấy trang",
    not_found_body: "Địa chỉ bạn mở không có trên ứng dụng. Hãy kiểm tra lại địa chỉ hoặc tìm thủ tục từ trang chủ.",
    back_home: "Về trang chủ",
};

/// Why the API refused a file, by its error code.
pub fn upload_refused(code: &str) -> &'static str {
    match code {
        "file_too_large" | "payload_too_large" => "Chưa tải lên: tệp lớn hơn mức cho phép.",
        "unsupported_file_type" => "Chưa tải lên: chỉ nhận tệp PDF, JPEG, PNG hoặc HEIC.",
        "file_empty" => "Chưa tải lên: tệp rỗng.",
        "too_many_requests" => "Chưa tải lên: thiết bị này đã gửi quá nhiều tệp. Hãy thử lại sau.",
        _ => "Chưa tải lên: tệp không được nhận. Hãy thử lại hoặc chọn tệp khác.",
    }
}
