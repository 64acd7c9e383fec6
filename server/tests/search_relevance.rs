//! Search relevance on the demo catalog: the repository's query set (server/data/
//! search-queries.tsv) must find what citizens mean and say plainly when nothing answers.

mod common;

use dvc_core::search::relevance::{evaluate, parse_queries};
use dvc_server::catalog::Catalog;
use dvc_server::config::default_data_dir;

#[test]
fn the_query_set_is_answered_and_nothing_queries_get_no_match() {
    let db = common::seeded_db();
    let catalog = db.with(|c| Catalog::load(c)).expect("catalog loads");
    let text = std::fs::read_to_string(default_data_dir().join("search-queries.tsv")).expect("query set");
    let queries = parse_queries(&text).expect("query set parses");
    assert!(queries.len() >= 100, "the set keeps at least 100 queries, has {}", queries.len());
    for kind in ["no_diacritics", "typo", "everyday", "telex", "abbreviation", "nothing"] {
        assert!(queries.iter().any(|q| q.kind == kind), "the set has {kind} queries");
    }
    let report = evaluate(&catalog.index, &catalog.snapshot, &queries);
    println!("{}", report.summary());
    assert!(report.recall_at_5() >= 0.95, "{}", report.summary());
    assert!(report.honest_no_match() >= 0.9, "{}", report.summary());
}
