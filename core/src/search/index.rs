//! The inverted index: syllables and adjacent-syllable pairs → documents.

use std::collections::HashMap;

use crate::catalog::{CatalogSnapshot, Level, OnlineMode};
use crate::fold::{fold_vietnamese, syllables};

use super::synonyms::{everyday_phrase_typed, everyday_words_for};

/// Weight of a match by where it is found.
pub(super) const NAME: u8 = 10;
pub(super) const KEYWORD: u8 = 6;
pub(super) const RELATED: u8 = 4;
pub(super) const FIELD: u8 = 2;
pub(super) const AGENCY: u8 = 1;

/// What a document offers to search, before folding.
#[derive(Clone, Debug, Default)]
pub struct DocFields<'a> {
    pub name: &'a str,
    pub keywords: Vec<&'a str>,
    pub field: &'a str,
    pub agency: &'a str,
}

/// Filterable attributes of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DocAttrs {
    /// Documents with the same group are variants of one base procedure.
    pub group: u32,
    pub field: u16,
    pub agency: u16,
    pub level: Level,
    pub mode: OnlineMode,
    pub has_fee: bool,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Posting {
    pub doc: u32,
    pub weight: u8,
}

/// An immutable search index over a list of documents (catalog entries).
pub struct SearchIndex {
    /// Sorted distinct syllables; a term id is a position here.
    pub(super) vocab: Vec<String>,
    pub(super) postings: Vec<Vec<Posting>>,
    /// (term, next term) adjacent in some field → documents, with the best weight.
    pub(super) pairs: HashMap<(u32, u32), Vec<Posting>>,
    pub(super) attrs: Vec<DocAttrs>,
    /// Folded names without a leading "thủ tục", for whole-phrase matches.
    pub(super) names: Vec<String>,
    /// Everyday phrases whose legal wording is in the document's name, folded and joined by
    /// " | ": a query that is one of them ("so do") names this procedure as surely as its title.
    pub(super) synonym_phrases: Vec<String>,
    /// The document's published keywords (and loosely related everyday phrases), likewise.
    pub(super) keyword_phrases: Vec<String>,
    /// Number of syllables of each name, for ranking shorter names first.
    pub(super) name_lens: Vec<u8>,
    /// How many groups (base procedures) there are, and how many values each filter
    /// dimension takes: facet counting with collapse uses dense bitsets of these sizes.
    pub(super) groups: usize,
    pub(super) cardinality: [usize; 5],
}

impl SearchIndex {
    /// Indexes every entry of a catalog snapshot, in order: document `i` is entry `i`.
    pub fn from_snapshot(snapshot: &CatalogSnapshot) -> SearchIndex {
        let mut groups: HashMap<&str, u32> = HashMap::new();
        let docs = snapshot.entries.iter().map(|e| {
            let next = groups.len() as u32;
            let group = *groups.entry(e.base.as_str()).or_insert(next);
            let field = snapshot.fields.get(e.field as usize).map_or("", |f| f.name.as_str());
            let agency = snapshot.agencies.get(e.agency as usize).map_or("", |a| a.short.as_str());
            let fields = DocFields {
                name: &e.name,
                keywords: e.keywords.iter().map(String::as_str).collect(),
                field,
                agency,
            };
            let attrs = DocAttrs {
                group,
                field: e.field,
                agency: e.agency,
                level: e.level,
                mode: e.mode,
                has_fee: e.has_fee,
            };
            (fields, attrs)
        });
        SearchIndex::build(docs)
    }

    pub(super) fn build<'a>(docs: impl Iterator<Item = (DocFields<'a>, DocAttrs)>) -> SearchIndex {
        let mut term_docs: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut pair_docs: HashMap<(String, String), Vec<Posting>> = HashMap::new();
        let mut attrs = Vec::new();
        let mut names = Vec::new();
        let mut synonym_phrases = Vec::new();
        let mut keyword_phrases = Vec::new();
        let mut name_lens = Vec::new();

        for (doc, (fields, a)) in docs.enumerate() {
            let doc = doc as u32;
            let folded_name = fold_vietnamese(fields.name);
            let keywords: Vec<String> = fields.keywords.iter().map(|k| fold_vietnamese(k)).collect();
            let (mut synonyms, mut related) = (Vec::new(), Vec::new());
            for (phrase, is_related) in everyday_words_for(&folded_name) {
                let phrase = fold_vietnamese(phrase);
                if is_related { related.push(phrase) } else { synonyms.push(phrase) }
            }
            synonym_phrases.push(synonyms.join(" | "));
            keyword_phrases.push(keywords.iter().chain(related.iter()).map(String::as_str).collect::<Vec<_>>().join(" | "));

            let mut texts: Vec<(String, u8)> = vec![(folded_name.clone(), NAME)];
            texts.extend(keywords.into_iter().map(|k| (k, KEYWORD)));
            texts.extend(synonyms.into_iter().map(|w| (w, KEYWORD)));
            texts.extend(related.into_iter().map(|w| (w, RELATED)));
            texts.push((fold_vietnamese(fields.field), FIELD));
            texts.push((fold_vietnamese(fields.agency), AGENCY));

            for (text, weight) in &texts {
                let sylls = syllables(text);
                for s in &sylls {
                    add_posting(term_docs.entry(s.clone()).or_default(), doc, *weight);
                }
                for w in sylls.windows(2) {
                    add_posting(pair_docs.entry((w[0].clone(), w[1].clone())).or_default(), doc, *weight);
                }
            }
            // "Thủ tục …" opens many published names and says nothing about the procedure.
            let plain = folded_name.strip_prefix("thu tuc ").unwrap_or(&folded_name).to_owned();
            name_lens.push(syllables(&plain).len().min(255) as u8);
            names.push(plain);
            attrs.push(a);
        }

        let mut vocab: Vec<String> = term_docs.keys().cloned().collect();
        vocab.sort_unstable();
        let postings = vocab.iter().map(|t| term_docs.remove(t).unwrap_or_default()).collect();
        let id = |t: &str| vocab.binary_search_by(|v| v.as_str().cmp(t)).ok().map(|i| i as u32);
        let pairs = pair_docs
            .into_iter()
            .filter_map(|((a, b), p)| Some(((id(&a)?, id(&b)?), p)))
            .collect();

        let groups = attrs.iter().map(|a| a.group as usize + 1).max().unwrap_or(0);
        let max_of = |f: fn(&DocAttrs) -> usize| attrs.iter().map(|a| f(a) + 1).max().unwrap_or(1);
        let cardinality = [max_of(|a| a.field as usize), max_of(|a| a.agency as usize), 3, 3, 2];
        SearchIndex { vocab, postings, pairs, attrs, names, synonym_phrases, keyword_phrases, name_lens, groups, cardinality }
    }

    /// The everyday phrase the citizen typed for document `doc` ("sổ đỏ"), to show beside its
    /// legal name; `None` when the query is not such a phrase.
    pub fn everyday_phrase(&self, doc: u32, query: &str) -> Option<&'static str> {
        everyday_phrase_typed(self.names.get(doc as usize)?, query)
    }

    pub fn len(&self) -> usize {
        self.attrs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty()
    }

    pub(super) fn term_id(&self, term: &str) -> Option<u32> {
        self.vocab.binary_search_by(|v| v.as_str().cmp(term)).ok().map(|i| i as u32)
    }

    /// Term ids starting with `prefix`, in vocabulary order.
    pub(super) fn prefixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let start = self.vocab.partition_point(|v| v.as_str() < prefix);
        self.vocab[start..]
            .iter()
            .take_while(move |v| v.starts_with(prefix))
            .enumerate()
            .map(move |(i, _)| (start + i) as u32)
    }
}

/// Postings are built doc by doc, so a document's postings for a term are adjacent: keep the best.
fn add_posting(list: &mut Vec<Posting>, doc: u32, weight: u8) {
    match list.last_mut() {
        Some(last) if last.doc == doc => last.weight = last.weight.max(weight),
        _ => list.push(Posting { doc, weight }),
    }
}
