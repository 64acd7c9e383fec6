//! Running a query against a [`SearchIndex`]: matching, ranking, filters and facets.

use crate::catalog::{Level, OnlineMode};
use crate::fold::{syllables, toned_syllables};

use super::index::{DocAttrs, SearchIndex, NAME};
use super::typing::{is_typo_of, strip_input_method, MIN_TYPO_LEN};
use super::words::is_filler;

/// How well a query syllable matched a term.
const EXACT: f32 = 1.0;
const PREFIX: f32 = 0.7;
const TYPO: f32 = 0.6;
/// Prefix expansion of the word being typed stops after this many terms.
const MAX_PREFIX_TERMS: usize = 64;
/// The relevance floor: an answer covers at least this share of what the query says, each
/// word weighed by how rare it is in the catalog (a word found nowhere weighs the most)...
pub const COVERAGE_FLOOR: f32 = 0.6;
/// ...and the best answer at least this share: a query that nothing covers well has no
/// answer, however well its commonest words match.
pub const BEST_COVERAGE_FLOOR: f32 = 0.8;
/// A query syllable this rare in the catalog (inverse document frequency) names something
/// specific: a query made only of such words needs no two of them side by side.
const SPECIFIC: f32 = 3.0;
/// Fields suggested when nothing is an answer.
const SUGGESTED_FIELDS: usize = 3;

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
    /// When no procedure is an answer: the fields of the procedures that came closest, best
    /// first, to suggest where to look.
    pub suggested_fields: Vec<u16>,
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
        let mut scores = vec![0f32; n];
        if typed.is_empty() {
            return self.rank_and_filter(req, 0..n as u32, &scores);
        }
        let typing_last = !req.query.ends_with(|c: char| c.is_whitespace());
        // What the query says: its syllables less the filler of asking ("tôi muốn", "cách").
        // A syllable found nowhere in the catalog still counts, as something no answer has.
        let as_written = toned_syllables(req.query);
        let mut resolved: Vec<Resolved> = Vec::new();
        let mut unmatched = 0f32;
        for (i, s) in typed.iter().enumerate() {
            if is_filler(s) {
                continue;
            }
            let typing = typing_last && i + 1 == typed.len();
            // Typed with diacritics, the word says which word it is: if the catalog never
            // writes it so, it is not there ("chó" is not "cho"). A word still being typed
            // need only begin a word of the catalog.
            let key = as_written.get(i).map_or(s.as_str(), String::as_str);
            let written = if typing { self.has_toned_prefix(key) } else { self.has_toned(key) };
            if key != s && !written {
                unmatched += self.idf(0);
                continue;
            }
            let r = self.resolve(s, typing);
            if r.terms.is_empty() {
                unmatched += self.idf(0);
            } else {
                resolved.push(r);
            }
        }
        resolved.truncate(32);

        let mut matched = vec![0u32; n];
        let candidates = self.score_terms(&resolved, &mut scores, &mut matched);
        self.score_phrase(&typed, &resolved, &mut scores, &matched, &candidates);

        let weights: Vec<f32> = resolved.iter().map(|r| self.weight(r)).collect();
        let said = weights.iter().sum::<f32>() + unmatched;
        let cohesive = self.cohesive(&resolved);
        let specific = resolved.len() < 2 || weights.iter().all(|&w| w >= SPECIFIC);
        let coverage = |d: u32| {
            let bits = matched[d as usize];
            let covered: f32 = weights.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, w)| w).sum();
            covered / said
        };
        let (mut answers, mut near): (Vec<u32>, Vec<u32>) =
            candidates.into_iter().partition(|&d| coverage(d) >= COVERAGE_FLOOR && (specific || cohesive[d as usize]));
        if answers.iter().all(|&d| coverage(d) < BEST_COVERAGE_FLOOR) {
            near.append(&mut answers);
        }
        let mut result = self.rank_and_filter(req, answers.into_iter(), &scores);
        if result.total == 0 {
            result.suggested_fields = self.closest_fields(&near, &scores);
        }
        result
    }

    /// How much a match on this query syllable tells: the inverse document frequency (over
    /// base procedures) of its commonest candidate term.
    fn weight(&self, r: &Resolved) -> f32 {
        let df = match r.exact {
            Some(t) => self.df[t as usize],
            None => r.terms.iter().map(|&(t, _)| self.df[t as usize]).max().unwrap_or(0),
        };
        self.idf(df)
    }

    fn idf(&self, df: u32) -> f32 {
        ((self.groups as f32 + 1.0) / (df as f32 + 0.5)).ln().max(0.1)
    }

    /// Documents where two neighbouring query syllables stand side by side, as words do: the
    /// query is about them, not about syllables scattered through a long legal name.
    fn cohesive(&self, resolved: &[Resolved]) -> Vec<bool> {
        let mut docs = vec![false; self.len()];
        for w in resolved.windows(2) {
            for &(a, _) in &w[0].terms {
                for &(b, _) in &w[1].terms {
                    for p in self.pairs.get(&(a, b)).into_iter().flatten() {
                        docs[p.doc as usize] = true;
                    }
                }
            }
        }
        docs
    }

    /// The fields of the documents that came closest without being answers, best first.
    fn closest_fields(&self, near: &[u32], scores: &[f32]) -> Vec<u16> {
        let mut best: Vec<(u16, f32)> = Vec::new();
        for &d in near {
            let (field, score) = (self.attrs[d as usize].field, scores[d as usize]);
            match best.iter_mut().find(|(f, _)| *f == field) {
                Some(entry) => entry.1 = entry.1.max(score),
                None => best.push((field, score)),
            }
        }
        // The few best by repeated choice: no sort routine in the app's bundle for this.
        let mut out = Vec::new();
        while out.len() < SUGGESTED_FIELDS {
            let Some(i) = (0..best.len()).reduce(|a, b| if best[b].1 > best[a].1 { b } else { a }) else { break };
            out.push(best.swap_remove(i).0);
        }
        out
    }

    fn resolve(&self, syllable: &str, is_typing: bool) -> Resolved {
        let mut terms = Vec::new();
        let mut exact = self.term_id(syllable);
        if exact.is_none() {
            exact = strip_input_method(syllable).and_then(|s| self.term_id(&s));
        }
        if exact.is_none() {
            exact = i_y_spelling(syllable).and_then(|s| self.term_id(&s));
        }
        if let Some(t) = exact {
            terms.push((t, EXACT));
        }
        if is_typing {
            // The commonest completions: one typed letter has hundreds, most of them noise.
            let mut completions: Vec<u32> = self.prefixed(syllable).filter(|&t| Some(t) != exact).collect();
            let keep = if syllable.len() == 1 { MAX_PREFIX_TERMS / 4 } else { MAX_PREFIX_TERMS };
            if completions.len() > keep {
                completions
                    .select_nth_unstable_by_key(keep - 1, |&t| std::cmp::Reverse(self.postings[t as usize].len()));
                completions.truncate(keep);
            }
            terms.extend(completions.into_iter().map(|t| (t, PREFIX)));
        }
        if terms.is_empty() && syllable.len() + 1 >= MIN_TYPO_LEN {
            terms.extend(
                self.vocab.iter().enumerate().filter(|(_, v)| is_typo_of(syllable, v)).map(|(i, _)| (i as u32, TYPO)),
            );
        }
        Resolved { terms, exact }
    }

    /// Adds each syllable's best match per document, and a bonus for adjacent pairs. Returns
    /// the documents that matched anything.
    fn score_terms(&self, resolved: &[Resolved], scores: &mut [f32], matched: &mut [u32]) -> Vec<u32> {
        let mut best = vec![0f32; scores.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut any: Vec<u32> = Vec::new();
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
                if matched[d as usize] == 0 {
                    any.push(d);
                }
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
        any
    }

    /// Whole-phrase matches in the name rank first; among them, shorter names.
    fn score_phrase(
        &self,
        typed: &[String],
        resolved: &[Resolved],
        scores: &mut [f32],
        matched: &[u32],
        candidates: &[u32],
    ) {
        let phrase = typed.join(" ");
        let all = if resolved.len() >= 32 { u32::MAX } else { (1u32 << resolved.len()) - 1 };
        for &d in candidates {
            let (d, name) = (d as usize, &self.names[d as usize]);
            if matched[d] != all || all == 0 {
                continue;
            }
            if **name == *phrase {
                scores[d] += 5.0 * NAME as f32;
            } else if let Some(pos) = name.find(&phrase) {
                scores[d] += 3.0 * NAME as f32 + if pos == 0 { 5.0 } else { 0.0 };
            } else if self.synonym_phrases[d].contains(&phrase) {
                scores[d] += 3.0 * NAME as f32;
            } else if self.keyword_phrases[d].contains(&phrase) {
                scores[d] += 1.5 * NAME as f32;
            }
            let len = self.name_lens[d].max(1) as f32;
            scores[d] += 8.0 * (resolved.len() as f32 / len).min(1.0);
        }
    }

    fn rank_and_filter(
        &self,
        req: &SearchRequest,
        candidates: impl Iterator<Item = u32>,
        scores: &[f32],
    ) -> SearchResult {
        let f = &req.filters;
        let mut facet_counts: [Vec<u32>; 5] = std::array::from_fn(|dim| vec![0; self.cardinality[dim]]);
        // With collapse, a facet counts base procedures: (group, value) pairs seen, as bits.
        let mut seen: [Vec<u64>; 5] = if req.collapse {
            std::array::from_fn(|dim| vec![0; (self.groups * self.cardinality[dim]).div_ceil(64)])
        } else {
            Default::default()
        };
        let better = |x: &Hit, y: &Hit| y.score.total_cmp(&x.score).then(x.doc.cmp(&y.doc));
        let mut hits: Vec<Hit> = Vec::new();
        // With collapse: the best hit of each group so far (index into `hits`), and its variants.
        let mut best_of_group: Vec<u32> = if req.collapse { vec![u32::MAX; self.groups] } else { Vec::new() };
        for d in candidates {
            let a = &self.attrs[d as usize];
            let fails = failing_filters(a, f);
            for (dim, value) in facet_values(a).into_iter().enumerate() {
                if fails & !(1 << dim) != 0 {
                    continue;
                }
                if req.collapse {
                    let bit = a.group as usize * self.cardinality[dim] + value as usize;
                    let (word, mask) = (bit / 64, 1u64 << (bit % 64));
                    if seen[dim][word] & mask != 0 {
                        continue;
                    }
                    seen[dim][word] |= mask;
                }
                facet_counts[dim][value as usize] += 1;
            }
            if fails != 0 {
                continue;
            }
            let hit = Hit { doc: d, score: scores[d as usize], variants: 1 };
            if !req.collapse {
                hits.push(hit);
                continue;
            }
            match best_of_group[a.group as usize] {
                u32::MAX => {
                    best_of_group[a.group as usize] = hits.len() as u32;
                    hits.push(hit);
                }
                i => {
                    let kept = &mut hits[i as usize];
                    let variants = kept.variants + 1;
                    if better(&hit, kept).is_lt() {
                        *kept = hit;
                    }
                    kept.variants = variants;
                }
            }
        }
        let total = hits.len();
        let end = (req.offset + req.limit).min(total);
        if end > 0 && end < total {
            hits.select_nth_unstable_by(end - 1, better);
        }
        hits[..end].sort_unstable_by(better);
        hits.truncate(end);
        let page = hits.into_iter().skip(req.offset).collect();
        SearchResult { hits: page, total, facets: facets_from(&facet_counts), suggested_fields: Vec::new() }
    }
}

/// The other spelling of a final i/y after a consonant, both in use ("kí"/"ký", "lí"/"lý").
fn i_y_spelling(syllable: &str) -> Option<String> {
    let (stem, other) = match syllable.strip_suffix('i') {
        Some(stem) => (stem, 'y'),
        None => (syllable.strip_suffix('y')?, 'i'),
    };
    let consonant_before = stem.chars().last().is_some_and(|c| c.is_ascii_alphabetic() && !"aeiouy".contains(c));
    consonant_before.then(|| format!("{stem}{other}"))
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

fn facets_from(counts: &[Vec<u32>; 5]) -> Facets {
    let nonzero = |dim: usize| counts[dim].iter().enumerate().filter(|(_, c)| **c > 0).map(|(v, c)| (v, *c));
    Facets {
        field: nonzero(0).map(|(v, c)| (v as u16, c)).collect(),
        agency: nonzero(1).map(|(v, c)| (v as u16, c)).collect(),
        level: nonzero(2).map(|(v, c)| (Level::ALL[v], c)).collect(),
        mode: nonzero(3).map(|(v, c)| (OnlineMode::ALL[v], c)).collect(),
        fee: nonzero(4).map(|(v, c)| (v == 1, c)).collect(),
    }
}
