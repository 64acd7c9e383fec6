//! Running a query against a [`SearchIndex`]: matching, ranking, filters and facets.

use std::collections::{HashMap, HashSet};

use crate::catalog::{Level, OnlineMode};
use crate::fold::syllables;

use super::index::{DocAttrs, SearchIndex, NAME};
use super::typing::{strip_input_method, within_one_edit, MIN_TYPO_LEN};

/// How well a query syllable matched a term.
const EXACT: f32 = 1.0;
const PREFIX: f32 = 0.7;
const TYPO: f32 = 0.6;
/// Prefix expansion of the word being typed stops after this many terms.
const MAX_PREFIX_TERMS: usize = 64;

/// Filters; `None` means any.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub field: Option<u16>,
    pub agency: Option<u16>,
    pub level: Option<Level>,
    pub mode: Option<OnlineMode>,
    pub fee: Option<bool>,
}

#[derive(Clone, Debug, Default)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub filters: Filters,
    /// Keep only the best-ranked entry of each base procedure.
    pub collapse: bool,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Document (snapshot entry) index.
    pub doc: u32,
    pub score: f32,
    /// With `collapse`: how many entries of the same base procedure matched.
    pub variants: u32,
}

/// Counts per value of each filter, computed with every other filter applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub field: Vec<(u16, u32)>,
    pub agency: Vec<(u16, u32)>,
    pub level: Vec<(Level, u32)>,
    pub mode: Vec<(OnlineMode, u32)>,
    pub fee: Vec<(bool, u32)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResult {
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    pub total: usize,
    pub facets: Facets,
}

/// The candidate terms of one query syllable, with their match quality.
struct Resolved {
    terms: Vec<(u32, f32)>,
    /// The term to use for adjacent-pair bonuses (exact or input-method match).
    exact: Option<u32>,
}

impl SearchIndex {
    pub fn search(&self, req: &SearchRequest) -> SearchResult {
        let n = self.len();
        let typed = syllables(req.query);
        let typing_last = !req.query.ends_with(|c: char| c.is_whitespace());
        let resolved: Vec<Resolved> = typed
            .iter()
            .enumerate()
            .map(|(i, s)| self.resolve(s, typing_last && i + 1 == typed.len()))
            // A syllable that matches nothing at all ("cách", "thủ tục" typed by habit) is noise.
            .filter(|r| !r.terms.is_empty())
            .collect();

        let mut scores = vec![0f32; n];
        let mut matched = vec![0u32; n];
        if typed.is_empty() {
            matched.iter_mut().for_each(|m| *m = 1);
        } else {
            self.score_terms(&resolved, &mut scores, &mut matched);
            self.score_phrase(&typed, &resolved, &mut scores, &matched);
        }
        let need = if typed.is_empty() {
            1
        } else {
            // Every matching syllable, or as many as any document has.
            let best = matched.iter().map(|m| m.count_ones()).max().unwrap_or(0);
            best.max(1)
        };
        let candidates = (0..n as u32).filter(|&d| matched[d as usize].count_ones() >= need);
        self.rank_and_filter(req, candidates, &scores)
    }

    fn resolve(&self, syllable: &str, is_typing: bool) -> Resolved {
        let mut terms = Vec::new();
        let mut exact = self.term_id(syllable);
        if exact.is_none() {
            exact = strip_input_method(syllable).and_then(|s| self.term_id(&s));
        }
        if let Some(t) = exact {
            terms.push((t, EXACT));
        }
        if is_typing {
            terms.extend(self.prefixed(syllable).filter(|&t| Some(t) != exact).take(MAX_PREFIX_TERMS).map(|t| (t, PREFIX)));
        }
        if terms.is_empty() && syllable.len() >= MIN_TYPO_LEN {
            terms.extend(
                self.vocab
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.len() + 1 >= MIN_TYPO_LEN && within_one_edit(v, syllable))
                    .map(|(i, _)| (i as u32, TYPO)),
            );
        }
        Resolved { terms, exact }
    }

    /// Adds each syllable's best match per document, and a bonus for adjacent pairs.
    fn score_terms(&self, resolved: &[Resolved], scores: &mut [f32], matched: &mut [u32]) {
        let mut best = vec![0f32; scores.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (i, r) in resolved.iter().enumerate().take(32) {
            for &(term, quality) in &r.terms {
                for p in &self.postings[term as usize] {
                    let slot = &mut best[p.doc as usize];
                    if *slot == 0.0 {
                        touched.push(p.doc);
                    }
                    *slot = slot.max(p.weight as f32 * quality);
                }
            }
            for &d in &touched {
                scores[d as usize] += best[d as usize];
                matched[d as usize] |= 1 << i;
                best[d as usize] = 0.0;
            }
            touched.clear();
        }
        for w in resolved.windows(2) {
            if let (Some(a), Some(b)) = (w[0].exact, w[1].exact) {
                for p in self.pairs.get(&(a, b)).into_iter().flatten() {
                    scores[p.doc as usize] += p.weight as f32 * 0.5;
                }
            }
        }
    }

    /// Whole-phrase matches in the name rank first; among them, shorter names.
    fn score_phrase(&self, typed: &[String], resolved: &[Resolved], scores: &mut [f32], matched: &[u32]) {
        let phrase = typed.join(" ");
        let all = if resolved.len() >= 32 { u32::MAX } else { (1u32 << resolved.len()) - 1 };
        for (d, name) in self.names.iter().enumerate() {
            if matched[d] != all || all == 0 {
                continue;
            }
            if *name == phrase {
                scores[d] += 5.0 * NAME as f32;
            } else if let Some(pos) = name.find(&phrase) {
                scores[d] += 3.0 * NAME as f32 + if pos == 0 { 5.0 } else { 0.0 };
            }
            let len = self.name_lens[d].max(1) as f32;
            scores[d] += 8.0 * (resolved.len() as f32 / len).min(1.0);
        }
    }

    fn rank_and_filter(&self, req: &SearchRequest, candidates: impl Iterator<Item = u32>, scores: &[f32]) -> SearchResult {
        let f = &req.filters;
        let mut facet_sets: [HashSet<(u32, u32)>; 5] = Default::default();
        let mut facet_counts: [HashMap<u32, u32>; 5] = Default::default();
        let mut hits: Vec<Hit> = Vec::new();
        for d in candidates {
            let a = &self.attrs[d as usize];
            let fails = failing_filters(a, f);
            for (dim, value) in facet_values(a).into_iter().enumerate() {
                if fails & !(1 << dim) == 0 && (!req.collapse || facet_sets[dim].insert((a.group, value))) {
                    *facet_counts[dim].entry(value).or_default() += 1;
                }
            }
            if fails == 0 {
                hits.push(Hit { doc: d, score: scores[d as usize], variants: 1 });
            }
        }
        let by_rank = |x: &Hit, y: &Hit| y.score.total_cmp(&x.score).then(x.doc.cmp(&y.doc));
        if req.collapse {
            hits.sort_unstable_by(by_rank);
            let mut seen: HashMap<u32, usize> = HashMap::new();
            let mut kept: Vec<Hit> = Vec::new();
            for h in hits {
                let group = self.attrs[h.doc as usize].group;
                match seen.get(&group) {
                    Some(&i) => kept[i].variants += 1,
                    None => {
                        seen.insert(group, kept.len());
                        kept.push(h);
                    }
                }
            }
            hits = kept;
        } else {
            let end = (req.offset + req.limit).min(hits.len());
            if end > 0 && end < hits.len() {
                hits.select_nth_unstable_by(end - 1, by_rank);
            }
            hits[..end].sort_unstable_by(by_rank);
        }
        let total = hits.len();
        let page = hits.into_iter().skip(req.offset).take(req.limit).collect();
        SearchResult { hits: page, total, facets: facets_from(facet_counts) }
    }
}

/// Bit `i` set: the document fails filter dimension `i` (field, agency, level, mode, fee).
fn failing_filters(a: &DocAttrs, f: &Filters) -> u32 {
    let mut fails = 0;
    if f.field.is_some_and(|x| x != a.field) {
        fails |= 1;
    }
    if f.agency.is_some_and(|x| x != a.agency) {
        fails |= 2;
    }
    if f.level.is_some_and(|x| x != a.level) {
        fails |= 4;
    }
    if f.mode.is_some_and(|x| x != a.mode) {
        fails |= 8;
    }
    if f.fee.is_some_and(|x| x != a.has_fee) {
        fails |= 16;
    }
    fails
}

fn facet_values(a: &DocAttrs) -> [u32; 5] {
    [a.field as u32, a.agency as u32, a.level as u32, a.mode as u32, a.has_fee as u32]
}

fn facets_from(counts: [HashMap<u32, u32>; 5]) -> Facets {
    let sorted = |m: &HashMap<u32, u32>| {
        let mut v: Vec<(u32, u32)> = m.iter().map(|(k, c)| (*k, *c)).collect();
        v.sort_unstable();
        v
    };
    let [field, agency, level, mode, fee] = &counts;
    Facets {
        field: sorted(field).into_iter().map(|(k, c)| (k as u16, c)).collect(),
        agency: sorted(agency).into_iter().map(|(k, c)| (k as u16, c)).collect(),
        level: sorted(level).into_iter().map(|(k, c)| (Level::ALL[k as usize], c)).collect(),
        mode: sorted(mode).into_iter().map(|(k, c)| (OnlineMode::ALL[k as usize], c)).collect(),
        fee: sorted(fee).into_iter().map(|(k, c)| (k == 1, c)).collect(),
    }
}
