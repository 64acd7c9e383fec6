//! Results: the search box searching on every keystroke, filters with counts, the result
//! count, and pages of results. The URL holds the query and filters, so results can be
//! shared, bookmarked and reloaded.

use std::sync::Arc;

use dvc_core::catalog::{Level, OnlineMode};
use dvc_core::search::{Filters, SearchRequest, SearchResult};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::catalog_store::LoadedCatalog;
use crate::components::catalog_gate::CatalogGate;
use crate::components::page_heading::PageHeading;
use crate::components::procedure_card::procedure_cards;
use crate::components::search_box::SearchBox;
use crate::format::{self, search_href};
use crate::i18n::{tr, use_lang, use_texts, Lang};

const PER_PAGE: usize = 20;

/// The search as the URL states it.
#[derive(Clone, Debug, Default, PartialEq)]
struct SearchState {
    q: String,
    field: String,
    level: String,
    mode: String,
    fee: String,
    page: usize,
}

impl SearchState {
    fn href(&self) -> String {
        let page = if self.page > 1 { self.page.to_string() } else { String::new() };
        search_href(&[
            ("q", &self.q),
            ("field", &self.field),
            ("level", &self.level),
            ("mode", &self.mode),
            ("fee", &self.fee),
            ("page", &page),
        ])
    }

    fn filters(&self, catalog: &LoadedCatalog) -> Filters {
        Filters {
            field: catalog.snapshot.fields.iter().position(|f| f.slug == self.field).map(|i| i as u16),
            agency: None,
            level: Level::from_slug(&self.level),
            mode: OnlineMode::from_slug(&self.mode),
            fee: match self.fee.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
        }
    }
}

#[component]
pub fn Results() -> impl IntoView {
    let t = use_texts();
    let query_map = use_query_map();
    let state = Memo::new(move |_| {
        let m = query_map.read();
        let get = |k: &str| m.get(k).unwrap_or_default();
        SearchState {
            q: get("q"),
            field: get("field"),
            level: get("level"),
            mode: get("mode"),
            fee: get("fee"),
            page: get("page").parse().unwrap_or(1).max(1),
        }
    });
    // The box keeps exactly what was typed (the URL may normalise spaces).
    let (typed, set_typed) = signal(state.get_untracked().q);
    let navigate = use_navigate();
    let go = move |s: SearchState, replace: bool| {
        navigate(&s.href(), NavigateOptions { replace, scroll: false, ..Default::default() })
    };
    let go_typing = go.clone();
    let on_input = move |q: String| {
        set_typed.set(q.clone());
        go_typing(SearchState { q, page: 1, ..state.get_untracked() }, true);
    };
    let go_submit = go.clone();
    let on_submit =
        move |q: String| go_submit(SearchState { q: q.trim().to_owned(), page: 1, ..state.get_untracked() }, false);

    view! {
        <PageHeading text=Signal::derive(move || t.get().results_title.to_owned())/>
        <SearchBox value=typed on_input=on_input on_submit=on_submit controls="results"/>
        <CatalogGate skeleton_rows=6 searches=true children=move |catalog| {
            let go = go.clone();
            view! { <ResultsBody catalog=catalog state=state typed=typed go=go/> }
        }/>
    }
}

#[component]
fn ResultsBody<G>(
    catalog: Arc<LoadedCatalog>,
    state: Memo<SearchState>,
    typed: ReadSignal<String>,
    go: G,
) -> impl IntoView
where
    G: Fn(SearchState, bool) + Clone + Send + Sync + 'static,
{
    let t = use_texts();
    let result = {
        let catalog = catalog.clone();
        Memo::new(move |_| {
            let s = state.get();
            let request = SearchRequest {
                query: &s.q,
                filters: s.filters(&catalog),
                collapse: true,
                offset: (s.page - 1) * PER_PAGE,
                limit: PER_PAGE,
            };
            catalog.search(&request)
        })
    };

    view! {
        <div class="results">
            <FilterPanel catalog=catalog.clone() state=state result=result go=go/>
            <div class="results__list">
                <h2 class="results__count" aria-live="polite">{move || (t.get().results_count)(result.get().total, state.get().q.trim())}</h2>
                <ResultList catalog=catalog state=state result=result typed=typed/>
                <Pagination state=state result=result/>
            </div>
        </div>
    }
}

/// The filter panel: one list per facet with its counts, and a link clearing the filters.
#[component]
fn FilterPanel<G>(
    catalog: Arc<LoadedCatalog>,
    state: Memo<SearchState>,
    result: Memo<SearchResult>,
    go: G,
) -> impl IntoView
where
    G: Fn(SearchState, bool) + Clone + Send + Sync + 'static,
{
    let t = use_texts();
    let lang = use_lang();
    let filters = move || {
        let r = result.get();
        let tx = t.get();
        let en = lang.get() == Lang::En;
        let f = &r.facets;
        let fields = f
            .field
            .iter()
            .map(|(i, n)| {
                let field = &catalog.snapshot.fields[*i as usize];
                (field.slug.clone(), if en { field.name_en.clone() } else { field.name.clone() }, *n)
            })
            .collect();
        let levels = f.level.iter().map(|(l, n)| (l.slug().to_owned(), format::level(tx, *l).to_owned(), *n)).collect();
        let modes = f.mode.iter().map(|(m, n)| (m.slug().to_owned(), format::mode(tx, *m).to_owned(), *n)).collect();
        let fees = f
            .fee
            .iter()
            .rev()
            .map(|(yes, n)| {
                ((if *yes { "yes" } else { "no" }).to_owned(), crate::format::fee_facet(tx, *yes).to_owned(), *n)
            })
            .collect();
        view! {
            {filter_select("field", tx.filter_field, fields, state, go.clone())}
            {filter_select("level", tx.filter_level, levels, state, go.clone())}
            {filter_select("mode", tx.filter_mode, modes, state, go.clone())}
            {filter_select("fee", tx.filter_fee, fees, state, go.clone())}
        }
    };

    let has_filters = move || {
        let s = state.get();
        !(s.field.is_empty() && s.level.is_empty() && s.mode.is_empty() && s.fee.is_empty())
    };
    let clear_href = move || SearchState { q: state.get().q, ..Default::default() }.href();

    view! {
        // Closed on phones so the results come first; open where there is room beside them.
        <details class="results__filters" prop:open=wide_screen() || has_filters()>
            <summary class="results__filters-title">{tr(|t| t.filters_title)}</summary>
            {filters}
            {move || has_filters().then(|| view! { <p><A href=clear_href>{tr(|t| t.filter_clear)}</A></p> })}
        </details>
    }
}

/// One filter: a facet's values (value, text, count); choosing one searches again from page 1.
fn filter_select<G>(
    key: &'static str,
    label: &'static str,
    options: Vec<(String, String, u32)>,
    state: Memo<SearchState>,
    go: G,
) -> impl IntoView
where
    G: Fn(SearchState, bool) + Send + Sync + 'static,
{
    let current = move || {
        let s = state.get();
        match key {
            "field" => s.field,
            "level" => s.level,
            "mode" => s.mode,
            _ => s.fee,
        }
    };
    let id = format!("filter-{key}");
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut s = state.get_untracked();
        match key {
            "field" => s.field = value,
            "level" => s.level = value,
            "mode" => s.mode = value,
            _ => s.fee = value,
        }
        s.page = 1;
        go(s, false);
    };
    let any = use_texts().get_untracked().filter_any;
    view! {
        <div class="filter">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=on_change prop:value=current>
                <option value="">{any}</option>
                {options.into_iter().map(|(value, text, n)| view! {
                    <option value=value>{format!("{text} ({n})")}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The page of results as cards, or a notice with tips when nothing matches.
#[component]
fn ResultList(
    catalog: Arc<LoadedCatalog>,
    state: Memo<SearchState>,
    result: Memo<SearchResult>,
    typed: ReadSignal<String>,
) -> impl IntoView {
    move || {
        let r = result.get();
        let q = state.get().q;
        if r.total == 0 {
            return view! { <NoMatch catalog=catalog.clone() query=q suggested=r.suggested_fields/> }.into_any();
        }
        let cards = procedure_cards(&catalog, &r.hits, &q, typed.into());
        view! { <ul class="cards" id="results">{cards}</ul> }.into_any()
    }
}

/// Nothing answers the query: say so plainly, suggest the fields that came closest, and say
/// where to ask (the one-stop desk, and the hotline when the deployment has one).
#[component]
fn NoMatch(catalog: Arc<LoadedCatalog>, query: String, suggested: Vec<u16>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let fields = suggested
        .iter()
        .filter_map(|&i| catalog.snapshot.fields.get(i as usize))
        .map(|f| {
            let href = SearchState { field: f.slug.clone(), ..Default::default() }.href();
            let name = if lang.get_untracked() == Lang::En { f.name_en.clone() } else { f.name.clone() };
            view! { <li><A href=href>{name}</A></li> }
        })
        .collect_view();
    let hotline = catalog.snapshot.hotline.clone().map(|number| {
        let dial: String = number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        view! { <p>{tr(|t| t.no_results_hotline)} " " <a href=format!("tel:{dial}")>{number}</a></p> }
    });
    view! {
        <div class="notice no-match">
            <p><strong>{(t.get().no_results)(&query)}</strong></p>
            <p>{tr(|t| t.no_results_tips)}</p>
            {(!suggested.is_empty()).then(|| view! {
                <p>{tr(|t| t.no_results_fields)}</p>
                <ul class="no-match__fields">{fields}</ul>
            })}
            <p>{tr(|t| t.no_results_ask)}</p>
            {hotline}
        </div>
    }
}

/// Links to the previous and next pages of results, shown when there is more than one page.
#[component]
fn Pagination(state: Memo<SearchState>, result: Memo<SearchResult>) -> impl IntoView {
    let t = use_texts();
    move || {
        let r = result.get();
        let s = state.get();
        let last = r.total.div_ceil(PER_PAGE).max(1);
        (last > 1).then(|| {
            let prev = (s.page > 1).then(|| SearchState { page: s.page - 1, ..s.clone() }.href());
            let next = (s.page < last).then(|| SearchState { page: s.page + 1, ..s.clone() }.href());
            view! {
                <nav class="pagination" aria-label=tr(|t| t.pagination_label)>
                    {prev.map(|href| view! { <A href=href attr:rel="prev">"← " {tr(|t| t.page_previous)}</A> })}
                    <span>{(t.get().page_of)(s.page.min(last), last)}</span>
                    {next.map(|href| view! { <A href=href attr:rel="next">{tr(|t| t.page_next)} " →"</A> })}
                </nav>
            }
        })
    }
}

/// Wide enough for the filters beside the results (the stylesheet's two-column breakpoint).
fn wide_screen() -> bool {
    window().match_media("(min-width: 48rem)").ok().flatten().is_some_and(|m| m.matches())
}
