//! The search relevance figures for the benchmark report (bench/run.sh): recall@5 on the
//! repository's query set and the share of nothing-queries answered "no match", per kind,
//! over the demo catalog seeded in memory. The test that holds the floor is
//! server/tests/search_relevance.rs.

use dvc_core::search::relevance::{evaluate, parse_queries, TOP};
use dvc_server::catalog::Catalog;
use dvc_server::config::{default_data_dir, test_dataset};
use dvc_server::db::Db;
use dvc_server::seed::seed_if_needed;

fn main() -> Result<(), String> {
    let db = Db::open_in_memory().map_err(|e| e.to_string())?;
    seed_if_needed(&db, &default_data_dir(), &test_dataset()).map_err(|e| e.to_string())?;
    let catalog = db.with(|c| Catalog::load(c)).map_err(|e| e.to_string())?;
    let path = default_data_dir().join("search-queries.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let queries = parse_queries(&text)?;
    let report = evaluate(&catalog.index, &catalog.snapshot, &queries);
    let bases: std::collections::HashSet<&str> = catalog.snapshot.entries.iter().map(|e| e.base.as_str()).collect();
    println!(
        "## Search relevance ({} queries of server/data/search-queries.tsv, {} base procedures)\n",
        queries.len(),
        bases.len()
    );
    println!("| measure | figure |\n|---|---:|");
    println!("| recall@{TOP} (an expected procedure among the first {TOP} answers) | {:.3} |", report.recall_at_5());
    println!("| honest \"no match\" on queries nothing answers | {:.3} |", report.honest_no_match());
    println!("\n| kind | queries | ok |\n|---|---:|---:|");
    for (kind, n, ok) in report.by_kind() {
        println!("| {kind} | {n} | {ok} |");
    }
    let failures: Vec<_> = report.failures().collect();
    if !failures.is_empty() {
        println!("\nNot answered as expected:\n");
        for f in failures {
            println!("- [{}] “{}”: expected {:?}, got {:?}", f.query.kind, f.query.query, f.query.expected, f.top);
        }
    }
    Ok(())
}
