//! Measuring search against a set of realistic queries: recall@5 on the queries the catalog
//! answers, and how often the queries it cannot answer get the honest "no match".
//!
//! The query set is a tab-separated text (`kind`, `query`, expected base codes separated by
//! spaces, empty when nothing in the catalog answers it); `#` starts a comment line. The same
//! function backs the test that holds the floor and the benchmark that reports the figures.

use std::collections::BTreeMap;

use crate::catalog::CatalogSnapshot;

use super::{SearchIndex, SearchRequest};

/// Answers looked at per query.
pub const TOP: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct RelevanceQuery {
    pub kind: String,
    pub query: String,
    /// Base codes any of which answers the query; empty when none in the catalog does.
    pub expected: Vec<String>,
}

/// Reads the query set; an error names the line.
pub fn parse_queries(text: &str) -> Result<Vec<RelevanceQuery>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(kind), Some(query)) = (cols.next(), cols.next()) else {
            return Err(format!("line {}: needs a kind and a query, tab-separated", n + 1));
        };
        let expected = cols.next().unwrap_or("").split_whitespace().map(str::to_owned).collect();
        if query.trim().is_empty() {
            return Err(format!("line {}: empty query", n + 1));
        }
        out.push(RelevanceQuery { kind: kind.trim().to_owned(), query: query.to_owned(), expected });
    }
    Ok(out)
}

/// What one query gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub query: RelevanceQuery,
    /// Base codes of the first answers, best first.
    pub top: Vec<String>,
    /// For an answerable query: an expected code is among the first [`TOP`]. For a nothing
    /// query: no answer at all.
    pub ok: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelevanceReport {
    pub outcomes: Vec<Outcome>,
}

impl RelevanceReport {
    fn share(&self, nothing: bool) -> (usize, usize) {
        let of = self.outcomes.iter().filter(|o| o.query.expected.is_empty() == nothing);
        let (ok, all) = of.fold((0, 0), |(ok, all), o| (ok + o.ok as usize, all + 1));
        (ok, all)
    }

    /// Share of answerable queries with an expected procedure in the first five answers.
    pub fn recall_at_5(&self) -> f64 {
        let (ok, all) = self.share(false);
        ok as f64 / all.max(1) as f64
    }

    /// Share of nothing queries that got no answer (the honest "no match").
    pub fn honest_no_match(&self) -> f64 {
        let (ok, all) = self.share(true);
        ok as f64 / all.max(1) as f64
    }

    /// (kind, queries, ok) in kind order.
    pub fn by_kind(&self) -> Vec<(String, usize, usize)> {
        let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for o in &self.outcomes {
            let k = kinds.entry(o.query.kind.as_str()).or_default();
            k.0 += 1;
            k.1 += o.ok as usize;
        }
        kinds.into_iter().map(|(k, (n, ok))| (k.to_owned(), n, ok)).collect()
    }

    pub fn failures(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| !o.ok)
    }

    /// A plain-text summary: the two figures, per kind, then every failure.
    pub fn summary(&self) -> String {
        let (answered, answerable) = self.share(false);
        let (honest, nothing) = self.share(true);
        let mut s = format!(
            "recall@5 {:.3} ({answered}/{answerable}); honest no-match {:.3} ({honest}/{nothing})\n",
            self.recall_at_5(),
            self.honest_no_match()
        );
        for (kind, n, ok) in self.by_kind() {
            s += &format!("  {kind}: {ok}/{n}\n");
        }
        for f in self.failures() {
            s += &format!(
                "  FAIL [{}] {:?}: expected {:?}, got {:?}\n",
                f.query.kind, f.query.query, f.query.expected, f.top
            );
        }
        s
    }
}

/// Runs every query as the app does (collapsed to base procedures, no filters).
pub fn evaluate(index: &SearchIndex, snapshot: &CatalogSnapshot, queries: &[RelevanceQuery]) -> RelevanceReport {
    let outcomes = queries
        .iter()
        .map(|q| {
            let result =
                index.search(&SearchRequest { query: &q.query, collapse: true, limit: TOP, ..Default::default() });
            let top: Vec<String> = result.hits.iter().map(|h| snapshot.entries[h.doc as usize].base.clone()).collect();
            let ok = if q.expected.is_empty() { top.is_empty() } else { top.iter().any(|c| q.expected.contains(c)) };
            Outcome { query: q.clone(), top, ok }
        })
        .collect();
    RelevanceReport { outcomes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_set_format_is_read_and_its_errors_named() {
        let q =
            parse_queries("# comment\nplain\tđăng ký khai sinh\t1.001193 2.000528\nnothing\tmua vé tàu\t\n").unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].expected, ["1.001193", "2.000528"]);
        assert!(q[1].expected.is_empty());
        assert_eq!(parse_queries("plain\n").unwrap_err(), "line 1: needs a kind and a query, tab-separated");
    }
}
