//! The shell's, the search's and the shared texts in English; each area's texts (filing,
//! paying, tracking…) are in a file of their own beside this one, both languages together.

use super::Texts;

pub const TEXTS: Texts = Texts {
    lang: super::Lang::En,
    lang_switch_to: "Tiếng Việt",
    skip_link: "Skip to main content",
    app_name: "Public services",
    nav_label: "Main navigation",
    nav_search: "Find a procedure",
    nav_stats: "Statistics",
    nav_wallet: "My data",
    footer: "Procedure information as published in the National Database on Administrative Procedures. Demo data.",

    home_title: "Find an administrative procedure",
    home_lead: "See what documents you need, how long it takes, what it costs and where to apply.",
    search_label: "What do you need to do?",
    search_hint: "Type with or without accents, e.g. làm giấy khai sinh, sổ đỏ, đổi bằng lái",
    search_button: "Search",
    popular_title: "Popular services",
    popular: &[
        ("1.001193", "Register a birth"),
        ("1.000894", "Register a marriage"),
        ("1.004222", "Register your permanent residence"),
        ("3.000333", "Get a criminal record certificate"),
        ("1.013978", "Get a first land-use right certificate (“sổ đỏ”)"),
        ("1.001612", "Register a household business"),
        ("3.000347", "Exchange a driving licence"),
        ("1.013225", "Get a building permit"),
    ],
    fields_title: "Browse by field",
    see_all_results: |n| format!("See all {}", count(n, "result", "results")),
    procedures_in_field: |n| count(n as usize, "procedure", "procedures"),

    results_title: "Search results",
    results_count: |n, q| {
        let found = count(n, "procedure", "procedures");
        if q.is_empty() {
            found
        } else {
            format!("{found} found for “{q}”")
        }
    },
    no_results: |q| format!("No procedure matches “{q}”."),
    no_results_tips: "Try fewer words, everyday words (such as “khai sinh” or “sổ đỏ”), or fewer filters.",
    no_results_where: "Where to look, and whom to ask",
    no_results_fields: "You may find it among the procedures of:",
    no_results_ask: "Not sure which procedure you need? Ask the one-stop desk of your commune or ward people's committee, or the province's public administration service centre: the staff will guide you.",
    no_results_hotline: "Or call the hotline:",
    filters_title: "Filter results",
    filter_field: "Field",
    filter_level: "Level",
    filter_mode: "Online service",
    filter_fee: "Fee",
    filter_any: "Any",
    filter_clear: "Clear all filters",
    page_previous: "Previous page",
    page_next: "Next page",
    page_of: |p, n| format!("Page {p} of {n}"),
    pagination_label: "Pagination",

    fee_amount: |a| format!("Fee: {a}"),
    fee_none: "Free",
    days: |d| count(d as usize, "working day", "working days"),
    same_day: "Same day",
    variants: |n| format!("Handled at {}", count(n as usize, "place", "places")),
    known_as: |k| format!("Often called “{k}”"),

    loading_catalog: "Loading the list of procedures…",
    catalog_error: "The list of procedures could not be loaded. Check your connection and try again.",
    retry: "Try again",
    loading: "Loading…",
    load_error: "This could not be loaded. Check your connection and try again.",
    channel_in_person: "In person",
    channel_online: "Online",
    channel_postal: "By post",
    applicant_citizen: "Citizens",
    applicant_organisation: "Organisations",
    yes: "Yes",
    no: "No",
    apply_steps: &["Applicant", "Details", "Documents", "Check", "Submit"],
    apply_step_of: |n, of| format!("Step {n} of {of}"),
    apply_progress_label: "Steps to apply",
    error_summary_title: "There is a problem",
    error_title_prefix: "Error: ",
    nav_drafts: "Drafts",
    doc_uploading: |p| format!("Uploading {p}%"),
    doc_uploaded: "Uploaded",
    doc_failed_network: "Not uploaded: the connection was lost.",
    pay_copy: "Copy",
    pay_copied: "Copied",
    pay_no_fee: "No fee is due for this application.",
    pay_not_now: "This dossier cannot take a payment in its current status.",
    footer_nav_label: "More links",
    kiosk_shared: "Shared computer: when you are done, press “End” to wipe your information.",
    kiosk_end: "End",
    kiosk_idle_title: "Are you still there?",
    kiosk_idle_text: |n| {
        format!("To protect your information, this session ends in {}.", count(n as usize, "second", "seconds"))
    },
    kiosk_continue: "Continue",
    offline_notice:
        "You are offline. You can still search and fill in applications; they will be sent when you are back online.",
    update_ready: "A new version of the app is ready.",
    update_reload: "Reload",
    nav_track: "Track an application",
    nav_mine: "My applications",
    sign_in: "Sign in with VNeID",
    sign_out: "Sign out",
    account_label: |name, level| format!("Account: {name}, signed in with VNeID level {level}"),
    track_changed: |code, status| format!("Application {code} is now “{status}”."),

    not_found_title: "Page not found",
    not_found_body:
        "This address does not exist in the app. Check the address, or find a procedure from the home page.",
    back_home: "Go to the home page",
};

/// Why the API refused a file, by its error code.
pub fn upload_refused(code: &str) -> &'static str {
    match code {
        "file_too_large" | "payload_too_large" => "Not uploaded: the file is larger than allowed.",
        "unsupported_file_type" => "Not uploaded: only PDF, JPEG, PNG or HEIC files are accepted.",
        "file_empty" => "Not uploaded: the file is empty.",
        "too_many_requests" => "Not uploaded: too many files sent from this device. Try again later.",
        _ => "Not uploaded: the file was not accepted. Try again or choose another file.",
    }
}

/// "1 day", "2 days": a count with its noun in the right number.
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::TEXTS;

    #[test]
    fn counts_of_one_are_singular() {
        assert_eq!((TEXTS.days)(1), "1 working day");
        assert_eq!((TEXTS.days)(15), "15 working days");
        assert_eq!((TEXTS.procedures_in_field)(1), "1 procedure");
        assert_eq!((TEXTS.variants)(1), "Handled at 1 place");
        assert_eq!((TEXTS.see_all_results)(2), "See all 2 results");
        assert_eq!((TEXTS.apply().form_dropped)(1), "1 answer no longer applies and was removed.");
        assert_eq!((TEXTS.stats().of_ratings)(1), "1 rating");
    }
}
