//! A horizontal bar chart in SVG (no inline styles, so the CSP holds). The same figures are
//! in a table beside it, which is what screen readers use.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u32,
}

#[component]
pub fn BarChart(title: String, bars: Vec<Bar>) -> impl IntoView {
    const ROW: u32 = 44;
    const LABEL_W: u32 = 0;
    const WIDTH: u32 = 600;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    let height = ROW * bars.len() as u32 + 8;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = i as u32 * ROW;
            let w = ((WIDTH - 80) as u64 * bar.value as u64 / max as u64).max(2);
            view! {
                <g>
                    <text x=LABEL_W y=y + 14 class="chart__label">{bar.label}</text>
                    <rect x=LABEL_W y=y + 20 width=w height=16 rx=2 class=format!("chart__bar chart__bar--{i}")></rect>
                    <text x=LABEL_W as u64 + w + 6 y=y + 33 class="chart__value">{bar.value.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption class="chart__title">{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title class="chart__svg">{rows}</svg>
        </figure>
    }
}
