//! Statistics: the catalog's figures from `/stats`, as a table and a bar chart.

use leptos::prelude::*;

use dvc_core::catalog::Level;

use crate::api;
use crate::components::bar_chart::{Bar, BarChart};
use crate::components::page_heading::PageHeading;
use crate::format;
use crate::i18n::{tr, use_texts};

#[component]
pub fn StatsPage() -> impl IntoView {
    let t = use_texts();
    let stats = LocalResource::new(api::stats);
    view! {
        <PageHeading text=Signal::derive(move || t.get().stats().title.to_owned())/>
        <p class="page__lead">{tr(|t| t.stats().lead)}</p>
        {move || match stats.get() {
            None => view! { <div class="skeleton" aria-busy="true">{(0..7).map(|_| view! { <div class="skeleton__row"></div> }).collect_view()}</div> }.into_any(),
            Some(Err(_)) => view! {
                <div class="notice notice--error" role="alert">
                    <p>{tr(|t| t.load_error)}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| stats.refetch()>{tr(|t| t.retry)}</button>
                </div>
            }.into_any(),
            Some(Ok(s)) => {
                let tx = t.get();
                let rows = [
                    (tx.stats().procedures, s.figures.procedures),
                    (tx.stats().fully_online, s.figures.fully_online),
                    (tx.stats().partially_online, s.figures.partially_online),
                    (tx.stats().offline, s.figures.offline),
                    (tx.stats().with_fee, s.figures.with_fee),
                    (tx.stats().payable_online, s.figures.payable_online),
                    (tx.stats().on_portal, s.figures.on_national_portal),
                ];
                let bars = vec![
                    Bar { label: tx.stats().fully_online.into(), value: s.figures.fully_online },
                    Bar { label: tx.stats().partially_online.into(), value: s.figures.partially_online },
                    Bar { label: tx.stats().offline.into(), value: s.figures.offline },
                ];
                let group = |n: u32| dvc_core::money::group_thousands(n as u64);
                view! {
                    <div class="table-wrap">
                    <table class="stats-table">
                        <caption>{format!("{} — {}", s.province, s.as_of)}</caption>
                        <thead><tr><th scope="col">{tx.stats().figure}</th><th scope="col" class="num">{tx.stats().value}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="num">{group(n)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <p class="hint">{tx.stats().services_note}</p>
                    <h2>{tx.stats().service_quality}</h2>
                    <ul class="link-grid" id="service-quality">
                        <li>{tx.stats().on_time} ": " <strong>{s.on_time_rate.map_or_else(|| "—".to_owned(), |r| format!("{:.1} %", r * 100.0).replace('.', tx.stats().decimal_separator))}</strong>
                            " (" {(tx.stats().of_finished)(s.finished_dossiers)} ")"</li>
                        <li>{tx.stats().rating} ": " <strong>{s.average_rating.map_or_else(|| "—".to_owned(), |r| format!("{r:.1}/5").replace('.', tx.stats().decimal_separator))}</strong>
                            " (" {(tx.stats().of_ratings)(s.ratings)} ")"</li>
                    </ul>
                    <BarChart title=tx.stats().chart_title.to_owned() bars=bars/>
                    <h2>{tx.stats().by_level}</h2>
                    <ul class="link-grid">
                        {s.by_level.iter().map(|l| {
                            let label = Level::from_slug(&l.value).map_or(l.label.clone(), |level| format::level(tx, level).to_owned());
                            view! { <li>{label} ": " <strong>{group(l.count)}</strong></li> }
                        }).collect_view()}
                    </ul>
                    <p class="hint">{tx.stats().source} ": " {s.source.clone()}</p>
                }.into_any()
            }
        }}
    }
}
