//! `cargo bench -p shipready_workspace`: a scan with the full catalog, cold and warm, against the
//! parse-only floor, on the benchmark corpus (`bench/fetch-corpus.sh`) when it is there, else on
//! the demo services in `examples/`. The side-by-side comparison with other tools is
//! `bench/run.sh`; this is the in-process view of the same three numbers, for working on the
//! hot path.

use std::path::PathBuf;

use shipready_linter::Linter;
use shipready_linter::registry::all_rules;
use shipready_workspace::{CacheOptions, NoProgress, ScanOptions, scan};

fn main() {
    divan::main();
}

/// The corpus folders: `$SHIPREADY_BENCH_CACHE` or `target/bench-corpus`, else `examples/`.
fn corpus() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cache =
        std::env::var_os("SHIPREADY_BENCH_CACHE").map_or_else(|| root.join("target/bench-corpus"), PathBuf::from);
    let folders: Vec<PathBuf> = ["python", "js", "rust"].iter().map(|name| cache.join(name)).collect();
    if folders.iter().all(|folder| folder.is_dir()) { folders } else { vec![root.join("examples")] }
}

fn options() -> ScanOptions {
    let mut options = ScanOptions::new(corpus());
    options.max_file_size = 16 * 1024 * 1024;
    options
}

#[divan::bench(sample_count = 5)]
fn cold(bencher: divan::Bencher) {
    let linter = Linter::new(all_rules());
    let options = options();
    bencher.bench(|| scan(&options, &linter, &NoProgress).expect("the corpus scans"));
}

#[divan::bench(sample_count = 5)]
fn warm(bencher: divan::Bencher) {
    let linter = Linter::new(all_rules());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut options = options();
    options.cache = Some(CacheOptions { dir: dir.path().to_path_buf(), key: 1 });
    scan(&options, &linter, &NoProgress).expect("the corpus scans");
    bencher.bench(|| scan(&options, &linter, &NoProgress).expect("the corpus scans"));
}

#[divan::bench(sample_count = 5)]
fn parse_only(bencher: divan::Bencher) {
    let linter = Linter::new(all_rules());
    let mut options = options();
    options.parse_only = true;
    bencher.bench(|| scan(&options, &linter, &NoProgress).expect("the corpus scans"));
}
