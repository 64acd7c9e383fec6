//! The inverted index: syllables and adjacent-syllable pairs → documents.

use std::collections::HashMap;
use std::sync::Arc;

use crate::catalog::{CatalogSnapshot, Level, OnlineMode};
use crate::fold::{fold_vietnamese, syllables, toned_syllables};

use super::synonyms::{everyday_phrase_typed, everyday_words_for};
use super::words::incidental_positions;

/// Weight of a match by where it is found.
pub(super) const NAME: u8 = 10;
pub(super) const KEYWORD: u8 = 6;
pub(super) const RELATED: u8 = 4;
pub(super) const FIELD: u8 = 2;
pub(super) const AGENCY: u8 = 1;

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
    /// For each term, how many base procedures (groups) it occurs in: how much a match on it
    /// tells (the rarer, the more).
    pub(super) df: Vec<u32>,
    /// Every syllable of the catalog as written ([`crate::fold::toned_key`]), sorted: a word
    /// typed with diacritics that is not among them is not in the catalog, whatever it folds
    /// to ("chó" is not "cho").
    pub(super) toned: Vec<String>,
    /// (term, next term) adjacent in some field → documents, with the best weight.
    pub(super) pairs: HashMap<(u32, u32), Vec<Posting>>,
    pub(super) attrs: Vec<DocAttrs>,
    /// Folded names without a leading "thủ tục", for whole-phrase matches.
    pub(super) names: Vec<Arc<str>>,
    /// Everyday phrases whose legal wording is in the document's name, folded and joined by
    /// " | ": a query that is one of them ("so do") names this procedure as surely as its title.
    pub(super) synonym_phrases: Vec<Arc<str>>,
    /// The document's published keywords (and loosely related everyday phrases), likewise.
    pub(super) keyword_phrases: Vec<Arc<str>>,
    /// Number of syllables of each name, for ranking shorter names first.
    pub(super) name_lens: Vec<u8>,
    /// How many groups (base procedures) there are, and how many values each filter
    /// dimension takes: facet counting with collapse uses dense bitsets of these sizes.
    pub(super) groups: usize,
    pub(super) cardinality: [usize; 5],
}

impl SearchIndex {
    /// Indexes every entry of a snapshot at once.
    pub fn from_snapshot(snapshot: &CatalogSnapshot) -> SearchIndex {
        IndexBuilder::new(snapshot).finish()
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

    /// Whether a syllable typed as written (its [`crate::fold::toned_key`]) occurs in the catalog.
    pub(super) fn has_toned(&self, key: &str) -> bool {
        self.toned.binary_search_by(|t| t.as_str().cmp(key)).is_ok()
    }

    /// Whether some syllable of the catalog, as written, could be the one still being typed:
    /// it starts with the letters typed so far and, if a tone was typed, has that tone.
    pub(super) fn has_toned_prefix(&self, key: &str) -> bool {
        let (letters, tone) = match key.as_bytes().last() {
            Some(d) if d.is_ascii_digit() => (&key[..key.len() - 1], Some(*d)),
            _ => (key, None),
        };
        let start = self.toned.partition_point(|t| t.as_str() < letters);
        self.toned[start..]
            .iter()
            .take_while(|t| t.starts_with(letters))
            .any(|t| tone.is_none_or(|d| t.as_bytes().last() == Some(&d)))
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

/// Builds a [`SearchIndex`] a few entries at a time, so a browser can spread the work over
/// short tasks and stay responsive: `while builder.add_next(200) { yield }`, then `finish`.
pub struct IndexBuilder<'a> {
    snapshot: &'a CatalogSnapshot,
    next: usize,
    groups: HashMap<&'a str, u32>,
    terms: Interner,
    postings: Vec<Vec<Posting>>,
    pairs: HashMap<(u32, u32), Vec<Posting>>,
    /// Catalogs repeat a base procedure under many agencies: analyse each distinct text once.
    analysed: HashMap<(&'a str, &'a [String]), Arc<Analysis>>,
    places: HashMap<(&'a str, &'a str), Vec<(u32, u8)>>,
    attrs: Vec<DocAttrs>,
    names: Vec<Arc<str>>,
    synonym_phrases: Vec<Arc<str>>,
    keyword_phrases: Vec<Arc<str>>,
    name_lens: Vec<u8>,
    /// The catalog's syllables as written: an interner like the vocabulary's, so the same
    /// code sorts both (the app's bundle carries one copy).
    toned: Interner,
}

impl<'a> IndexBuilder<'a> {
    pub fn new(snapshot: &'a CatalogSnapshot) -> IndexBuilder<'a> {
        IndexBuilder {
            snapshot,
            next: 0,
            groups: HashMap::new(),
            terms: Interner::default(),
            postings: Vec::new(),
            pairs: HashMap::new(),
            analysed: HashMap::new(),
            places: HashMap::new(),
            attrs: Vec::new(),
            names: Vec::new(),
            synonym_phrases: Vec::new(),
            keyword_phrases: Vec::new(),
            name_lens: Vec::new(),
            toned: Interner::default(),
        }
    }

    /// Indexes up to `n` more entries; whether any are left.
    pub fn add_next(&mut self, n: usize) -> bool {
        let entries = &self.snapshot.entries;
        let end = (self.next + n).min(entries.len());
        for e in &entries[self.next..end] {
            self.add(e);
        }
        self.next = end;
        end < entries.len()
    }

    fn add(&mut self, e: &'a crate::catalog::CatalogEntry) {
        let snapshot = self.snapshot;
        let doc = self.attrs.len() as u32;
        let next_group = self.groups.len() as u32;
        let group = *self.groups.entry(e.base.as_str()).or_insert(next_group);
        let field = snapshot.fields.get(e.field as usize).map_or("", |f| f.name.as_str());
        let agency = snapshot.agencies.get(e.agency as usize).map_or("", |a| a.short.as_str());
        let terms = &mut self.terms;
        let toned = &mut self.toned;
        let analysis = self
            .analysed
            .entry((e.name.as_str(), e.keywords.as_slice()))
            .or_insert_with(|| {
                let keywords: Vec<&str> = e.keywords.iter().map(String::as_str).collect();
                let analysis = Analysis::of(&e.name, &keywords, terms);
                for t in &analysis.toned {
                    toned.id(t);
                }
                Arc::new(analysis)
            })
            .clone();
        let place = self.places.entry((field, agency)).or_insert_with(|| {
            for t in toned_syllables(field).iter().chain(&toned_syllables(agency)) {
                toned.id(t);
            }
            let mut ids: Vec<(u32, u8)> = syllables(field).iter().map(|s| terms.id(s)).map(|t| (t, FIELD)).collect();
            ids.extend(syllables(agency).iter().map(|s| (terms.id(s), AGENCY)));
            ids
        });
        self.postings.resize_with(self.terms.len(), Vec::new);
        for &(term, weight) in analysis.terms.iter().chain(place.iter()) {
            add_posting(&mut self.postings[term as usize], doc, weight);
        }
        for &(pair, weight) in &analysis.pairs {
            add_posting(self.pairs.entry(pair).or_default(), doc, weight);
        }
        self.names.push(analysis.plain_name.clone());
        self.name_lens.push(analysis.name_len);
        self.synonym_phrases.push(analysis.synonym_phrases.clone());
        self.keyword_phrases.push(analysis.keyword_phrases.clone());
        self.attrs.push(DocAttrs {
            group,
            field: e.field,
            agency: e.agency,
            level: e.level,
            mode: e.mode,
            has_fee: e.has_fee,
        });
    }

    /// Indexes whatever is left, and puts the vocabulary in order.
    pub fn finish(mut self) -> SearchIndex {
        while self.add_next(usize::MAX / 2) {}
        let IndexBuilder {
            terms,
            mut postings,
            pairs,
            attrs,
            names,
            synonym_phrases,
            keyword_phrases,
            name_lens,
            toned,
            ..
        } = self;
        let (toned, _) = toned.into_sorted();
        postings.resize_with(terms.len(), Vec::new);

        // Term ids in alphabetical order, so prefixes are ranges of the vocabulary.
        let (vocab, new_id) = terms.into_sorted();
        let mut sorted_postings = vec![Vec::new(); vocab.len()];
        for (old, list) in postings.into_iter().enumerate() {
            sorted_postings[new_id[old] as usize] = list;
        }
        let pairs = pairs.into_iter().map(|((a, b), p)| ((new_id[a as usize], new_id[b as usize]), p)).collect();

        let groups = attrs.iter().map(|a| a.group as usize + 1).max().unwrap_or(0);
        let mut last_seen = vec![u32::MAX; groups];
        let df = sorted_postings
            .iter()
            .enumerate()
            .map(|(term, list)| {
                let mut n = 0;
                for p in list {
                    let g = attrs[p.doc as usize].group as usize;
                    if last_seen[g] != term as u32 {
                        last_seen[g] = term as u32;
                        n += 1;
                    }
                }
                n
            })
            .collect();
        let max_of = |f: fn(&DocAttrs) -> usize| attrs.iter().map(|a| f(a) + 1).max().unwrap_or(1);
        let cardinality = [max_of(|a| a.field as usize), max_of(|a| a.agency as usize), 3, 3, 2];
        SearchIndex {
            vocab,
            postings: sorted_postings,
            df,
            toned,
            pairs,
            attrs,
            names,
            synonym_phrases,
            keyword_phrases,
            name_lens,
            groups,
            cardinality,
        }
    }
}

/// Postings are built doc by doc, so a document's postings for a term are adjacent: keep the best.
fn add_posting(list: &mut Vec<Posting>, doc: u32, weight: u8) {
    match list.last_mut() {
        Some(last) if last.doc == doc => last.weight = last.weight.max(weight),
        _ => list.push(Posting { doc, weight }),
    }
}

/// Syllables → ids in order of first sight; sorted at the end of the build.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    terms: Vec<String>,
}

impl Interner {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_owned(), id);
        self.terms.push(term.to_owned());
        id
    }

    fn len(&self) -> usize {
        self.terms.len()
    }

    /// The sorted vocabulary, and for each id in order of sight its position in it.
    fn into_sorted(self) -> (Vec<String>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        let mut new_id = vec![0u32; order.len()];
        for (position, &old) in order.iter().enumerate() {
            new_id[old as usize] = position as u32;
        }
        let mut terms: Vec<Option<String>> = self.terms.into_iter().map(Some).collect();
        let vocab = order.iter().map(|&old| terms[old as usize].take().unwrap_or_default()).collect();
        (vocab, new_id)
    }
}

/// What searching needs from a procedure's name and keywords, worked out once per text.
struct Analysis {
    /// (term, weight) of every syllable of the name, keywords and everyday phrases.
    terms: Vec<(u32, u8)>,
    /// Adjacent syllables within each of those texts.
    pairs: Vec<((u32, u32), u8)>,
    plain_name: Arc<str>,
    name_len: u8,
    synonym_phrases: Arc<str>,
    keyword_phrases: Arc<str>,
    /// The syllables as written, for [`SearchIndex::toned`].
    toned: Vec<String>,
}

impl Analysis {
    fn of(name: &str, keywords_as_written: &[&str], terms: &mut Interner) -> Analysis {
        let folded_name = fold_vietnamese(name);
        let keywords: Vec<String> = keywords_as_written.iter().map(|k| fold_vietnamese(k)).collect();
        let (mut synonyms, mut related) = (Vec::new(), Vec::new());
        let mut toned = toned_syllables(name);
        toned.extend(keywords_as_written.iter().flat_map(|k| toned_syllables(k)));
        for (phrase, is_related) in everyday_words_for(&folded_name) {
            toned.extend(toned_syllables(phrase));
            let phrase = fold_vietnamese(phrase);
            if is_related {
                related.push(phrase)
            } else {
                synonyms.push(phrase)
            }
        }
        let synonym_phrases: Arc<str> = synonyms.join(" | ").into();
        let keyword_phrases: Arc<str> =
            keywords.iter().chain(related.iter()).map(String::as_str).collect::<Vec<_>>().join(" | ").into();

        let texts = std::iter::once((folded_name.as_str(), NAME))
            .chain(keywords.iter().map(|k| (k.as_str(), KEYWORD)))
            .chain(synonyms.iter().map(|w| (w.as_str(), KEYWORD)))
            .chain(related.iter().map(|w| (w.as_str(), RELATED)));
        let (mut term_ids, mut pairs) = (Vec::new(), Vec::new());
        for (text, weight) in texts {
            let words = syllables(text);
            // Incidental legal wording ("trường hợp") is not indexed: it would match by accident.
            let ids: Vec<Option<u32>> = words
                .iter()
                .zip(incidental_positions(&words))
                .map(|(s, incidental)| (!incidental).then(|| terms.id(s)))
                .collect();
            term_ids.extend(ids.iter().flatten().map(|&t| (t, weight)));
            pairs.extend(ids.windows(2).filter_map(|w| Some(((w[0]?, w[1]?), weight))));
        }
        // "Thủ tục …" opens many published names and says nothing about the procedure.
        let plain = folded_name.strip_prefix("thu tuc ").unwrap_or(&folded_name);
        Analysis {
            terms: term_ids,
            pairs,
            name_len: syllables(plain).len().min(255) as u8,
            plain_name: plain.into(),
            synonym_phrases,
            keyword_phrases,
            toned,
        }
    }
}
