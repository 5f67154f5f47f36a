use std::fs;
use std::path::Path;

use shipready_linter::Linter;
use shipready_linter::registry::all_rules;

use super::*;

fn write(root: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// File-level rules only: these tests are about reading files, not about projects.
fn file_rules() -> Linter {
    Linter::new(all_rules().into_iter().filter(|rule| !rule.project_level).collect())
}

fn run(paths: Vec<PathBuf>) -> ScanResult {
    let mut options = ScanOptions::new(paths);
    options.threads = 2;
    scan(&options, &file_rules(), &NoProgress).unwrap()
}

fn reasons(result: &ScanResult) -> Vec<(String, String)> {
    result.skipped.iter().map(|s| (s.path.clone(), s.reason.clone())).collect()
}

#[test]
fn empty_directory_scans_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let result = run(vec![dir.path().to_path_buf()]);
    assert_eq!(result.files_scanned, 0);
    assert!(result.findings.is_empty());
    assert!(result.skipped.is_empty());
}

#[test]
fn missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let error = scan(&ScanOptions::new(vec![missing]), &Linter::new(all_rules()), &NoProgress).unwrap_err();
    assert!(matches!(error, ScanError::PathNotFound(_)), "{error}");
}

#[test]
fn bad_files_are_skipped_with_reasons_and_the_rest_is_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "src/good.ts", "try { f(); } catch (e) {}\n");
    write(root, "src/binary.js", b"\x00\x01\x02 not text");
    write(root, "src/latin1.py", b"x = '\xe9'\n");
    write(root, "src/broken.ts", "function (\n");
    write(root, "src/huge.js", vec![b'a'; (DEFAULT_MAX_FILE_SIZE + 10) as usize]);
    // Deep, but on short lines so that they do not look minified.
    write(root, "src/deep.js", format!("let x = {}1{};\n", "[[[[[\n".repeat(300), "]]]]]\n".repeat(300)));
    write(root, "src/deep.py", format!("x = {}1{}\n", "(((((\n".repeat(300), ")))))\n".repeat(300)));
    let result = run(vec![root.to_path_buf()]);

    assert_eq!(result.files_scanned, 1);
    assert_eq!(result.findings.len(), 1);
    assert_eq!(result.findings[0].path, "src/good.ts");
    let reasons = reasons(&result);
    let reason_of = |path: &str| reasons.iter().find(|(p, _)| p == path).map(|(_, r)| r.as_str()).unwrap_or_default();
    assert_eq!(reason_of("src/binary.js"), "binary file");
    assert!(reason_of("src/latin1.py").starts_with("not valid UTF-8"), "{reasons:?}");
    assert!(reason_of("src/broken.ts").starts_with("syntax error at 1:10"), "{reasons:?}");
    assert!(reason_of("src/huge.js").starts_with("larger than the 2048 KiB size cap"), "{reasons:?}");
    assert!(reason_of("src/deep.js").starts_with("nested deeper than"), "{reasons:?}");
    assert!(reason_of("src/deep.py").starts_with("nested deeper than"), "{reasons:?}");
    assert_eq!(reasons.len(), 6);
}

#[test]
fn nesting_below_the_guard_parses_on_scan_threads() {
    let dir = tempfile::tempdir().unwrap();
    let depth = shipready_lang::nesting::MAX_NESTING as usize - 1;
    // One bracket per line, so the file does not look minified.
    write(
        dir.path(),
        "a.ts",
        format!("let x = {}1{};\ntry {{}} catch {{}}\n", "[\n".repeat(depth), "]\n".repeat(depth)),
    );
    write(dir.path(), "b.py", format!("x = {}1{}\n", "[\n".repeat(depth), "]\n".repeat(depth)));
    let result = run(vec![dir.path().to_path_buf()]);
    assert_eq!(result.files_scanned, 2, "{:?}", result.skipped);
    assert_eq!(result.findings.iter().filter(|f| f.rule == "empty-catch").count(), 1);
}

#[test]
fn ignore_files_and_hidden_folders_are_respected_but_dotenv_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "build-output/\n");
    write(root, "build-output/a.ts", "try {} catch {}\n");
    write(root, ".venv/lib/a.py", "try:\n    f()\nexcept Exception:\n    pass\n");
    write(root, ".git/hooks/a.js", "try {} catch {}\n");
    write(root, "src/a.ts", "try {} catch {}\n");
    write(root, ".env", "NODE_ENV=production\n");
    write(root, "README.md", "# not read\n");
    let result = run(vec![root.to_path_buf()]);
    let paths: Vec<&str> = result.findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["src/a.ts"]);
    // src/a.ts and .env
    assert_eq!(result.files_scanned, 2);
}

#[test]
fn paths_are_relative_to_the_root_with_forward_slashes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pkg/api/routes.py", "try:\n    f()\nexcept Exception:\n    pass\n");
    write(root, "web/src/a.ts", "try {} catch {}\n");
    let result = run(vec![root.join("pkg"), root.join("web")]);
    let paths: Vec<&str> = result.findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["pkg/api/routes.py", "web/src/a.ts"]);
    // A single file is reported relative to its folder.
    let single = run(vec![root.join("web/src/a.ts")]);
    assert_eq!(single.findings[0].path, "a.ts");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "src/a.ts", "try {} catch {}\n");
    std::os::unix::fs::symlink(root.join("src"), root.join("src/loop")).unwrap();
    let mut options = ScanOptions::new(vec![root.to_path_buf()]);
    options.follow_links = true;
    let result = scan(&options, &file_rules(), &NoProgress).unwrap();
    assert_eq!(result.findings.len(), 1);
    assert!(
        result.skipped.iter().any(|s| s.reason == "symbolic link loop; not followed" && s.path == "src/loop"),
        "{:?}",
        result.skipped
    );
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(dir.path(), &format!("src/m{i}.ts"), "try {} catch {}\nconsole.log(1);\n");
    }
    let render = |threads| {
        let mut options = ScanOptions::new(vec![dir.path().to_path_buf()]);
        options.threads = threads;
        let result = scan(&options, &file_rules(), &NoProgress).unwrap();
        result.findings.iter().map(|f| format!("{}:{}:{}", f.path, f.location.line, f.rule)).collect::<Vec<_>>()
    };
    assert_eq!(render(1), render(2));
}

#[test]
fn javascript_compiled_beside_its_typescript_source_is_not_checked_twice() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/service.ts", "try { f(); } catch {}\n");
    write(dir.path(), "src/service.js", "try { f(); } catch {}\n");
    write(dir.path(), "src/other.js", "try { f(); } catch {}\n");
    let result = run(vec![dir.path().to_path_buf()]);
    let paths: Vec<&str> = result.findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["src/other.js", "src/service.ts"]);
}

#[test]
fn vendored_and_generated_code_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dist/bundle.js", vec![b'x'; (DEFAULT_MAX_FILE_SIZE + 1) as usize]);
    write(dir.path(), "node_modules/pkg/index.js", "try {} catch {}\n");
    write(dir.path(), "src/app.min.js", "try {} catch {}\n");
    // Minified by content: read, found minified, not parsed and not reported.
    write(dir.path(), "src/blob.js", format!("try{{}}catch{{}};{}\n", "a=1;".repeat(2_000)));
    let result = run(vec![dir.path().to_path_buf()]);
    assert!(result.findings.is_empty(), "{:?}", result.findings);
    assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    assert!(result.project.files().is_empty());
}

#[test]
fn generated_code_is_checked_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lib/compiled.js", "try { f(); } catch {}\n//# sourceMappingURL=compiled.js.map\n");
    write(dir.path(), "dist/bundle.js", "try { f(); } catch {}\n");
    write(dir.path(), "src/app.js", "try { f(); } catch {}\n");
    let paths = |result: &crate::ScanResult| {
        let mut paths: Vec<String> =
            result.findings.iter().filter(|f| f.rule == "empty-catch").map(|f| f.path.clone()).collect();
        paths.sort();
        paths
    };
    let by_default = run(vec![dir.path().to_path_buf()]);
    assert_eq!(paths(&by_default), ["src/app.js"]);
    let mut options = ScanOptions::new(vec![dir.path().to_path_buf()]);
    options.threads = 2;
    options.include_generated = true;
    let all = scan(&options, &Linter::new(all_rules()), &NoProgress).unwrap();
    assert_eq!(paths(&all), ["dist/bundle.js", "lib/compiled.js", "src/app.js"]);
}

#[test]
fn project_checks_see_unread_files_and_ci_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "package.json", r#"{ "private": true, "dependencies": { "express": "4" } }"#);
    write(root, "src/server.ts", "import express from 'express';\nconst app = express();\napp.get('/healthz', h);\n");
    write(root, "src/server.test.ts", "test('x', () => {});\n");
    write(root, "yarn.lock", "# yarn lockfile v1\n");
    write(root, ".github/workflows/ci.yml", "on: push\n");
    let mut options = ScanOptions::new(vec![root.to_path_buf()]);
    options.threads = 2;
    let result = scan(&options, &Linter::new(all_rules()), &NoProgress).unwrap();
    let rules: Vec<&str> = result.findings.iter().map(|f| f.rule).collect();
    // The lockfile is seen though never read, and the CI workflow though in a hidden folder.
    for absent in ["missing-lockfile", "no-ci-config", "no-tests", "no-health-endpoint"] {
        assert!(!rules.contains(&absent), "{absent} in {rules:?}");
    }
    assert!(rules.contains(&"no-rate-limiting"), "{rules:?}");
    let project = &result.findings.iter().find(|f| f.rule == "no-rate-limiting").unwrap();
    assert_eq!(
        (project.path.as_str(), project.file.as_deref(), project.location.line),
        (".", Some("src/server.ts"), 2)
    );
}

#[test]
fn suppressions_apply_once_to_file_and_project_findings() {
    use shipready_diagnostics::SuppressionKind;

    use crate::suppressions::{Date, Judge, SuppressionsFile, apply};

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "app/main.py",
        "# shipready-ignore-file[no-metrics]: scraped by the sidecar\nfrom fastapi import FastAPI\n\n# shipready-ignore[no-health-endpoint]: the platform probes the port\napp = FastAPI()\n\n@app.get('/')\ndef index():\n    print('hit')\n    return {}\n",
    );
    write(root, "requirements.txt", "fastapi\n");
    write(root, "jobs/seed.py", "def call(x):\n    print(f'seeding {x}')\n");
    write(root, "jobs/other.py", "def call(x):\n    print(f'other {x}')  # shipready-ignore[print-logging]: kept\n");
    let mut options = ScanOptions::new(vec![root.to_path_buf()]);
    options.threads = 2;
    let scan_once = || scan(&options, &Linter::new(all_rules()), &NoProgress).unwrap();
    let state = |result: &ScanResult, rule: &str, path: &str| {
        result
            .findings
            .iter()
            .find(|f| f.rule == rule && f.located_file() == path)
            .unwrap_or_else(|| panic!("no {rule} in {path}: {:#?}", result.findings))
            .suppression
            .as_ref()
            .map(|s| s.kind)
    };

    // The fingerprint of the index's print, from a plain scan.
    let plain = scan_once();
    let print = plain.findings.iter().find(|f| f.rule == "print-logging" && f.path == "app/main.py").unwrap();
    write(
        root,
        ".shipready/suppressions.toml",
        format!(
            "[[suppress]]\ncheck = \"print-logging\"\nfingerprint = \"{}\"\nreason = \"debug output, removed in #12\"\nowner = \"@bo\"\n\n[[suppress]]\ncheck = \"print-logging\"\npaths = [\"jobs/**\"]\nreason = \"jobs print\"\nowner = \"@ana\"\nexpires = \"2999-01-01\"\n\n[[suppress]]\ncheck = \"no-rate-limiting\"\npaths = [\"app/**\"]\nreason = \"the gateway limits\"\nowner = \"@ana\"\nexpires = \"2020-01-01\"\n",
            print.fingerprint
        ),
    );
    let known = |id: &str| {
        if shipready_linter::registry::is_check_id(id) { Ok(()) } else { Err(format!("unknown check `{id}`")) }
    };
    let file = SuppressionsFile::find(root, &known).unwrap().unwrap();
    let ran = |_: &str, _: Option<&str>| true;
    let judge = Judge { ran: &ran, report: true, inline: true, today: Date::constant(2026, 6, 1) };

    let mut result = scan_once();
    let fingerprints: Vec<_> = result.findings.iter().map(|f| f.fingerprint).collect();
    let unused = apply(&mut result, Some(&file), &judge);
    assert_eq!(fingerprints, result.findings.iter().map(|f| f.fingerprint).collect::<Vec<_>>());
    assert_eq!(state(&result, "no-metrics", "app/main.py"), Some(SuppressionKind::InSource));
    assert_eq!(state(&result, "no-health-endpoint", "app/main.py"), Some(SuppressionKind::InSource));
    assert_eq!(state(&result, "print-logging", "app/main.py"), Some(SuppressionKind::External));
    assert_eq!(state(&result, "print-logging", "jobs/seed.py"), Some(SuppressionKind::External));
    // Inline wins where both apply; the entry counts as used all the same.
    assert_eq!(state(&result, "print-logging", "jobs/other.py"), Some(SuppressionKind::InSource));
    // The expired entry silences nothing and is reported at its header, in the file.
    assert_eq!(state(&result, "no-rate-limiting", "app/main.py"), None);
    let messages: Vec<(&str, u32, &str)> =
        unused.iter().map(|f| (f.path.as_str(), f.location.line, f.message.as_str())).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert_eq!((messages[0].0, messages[0].1), (".shipready/suppressions.toml", 14));
    assert!(messages[0].2.contains("expired on 2020-01-01"), "{messages:?}");

    // Without inline directives, only the file counts.
    let mut result = scan_once();
    let judge = Judge { inline: false, ..judge };
    apply(&mut result, Some(&file), &judge);
    assert_eq!(state(&result, "no-metrics", "app/main.py"), None);
    assert_eq!(state(&result, "print-logging", "jobs/other.py"), Some(SuppressionKind::External));
}

/// A scan of `root` with the project checks too (the cache must not freeze them) and a cache.
fn cached_scan(root: &Path, cache_dir: &Path, key: u64) -> ScanResult {
    let mut options = ScanOptions::new(vec![root.to_path_buf()]);
    options.threads = 2;
    options.cache = Some(CacheOptions { dir: cache_dir.to_path_buf(), key });
    scan(&options, &Linter::new(all_rules()), &NoProgress).unwrap()
}

fn rules_and_places(result: &ScanResult) -> Vec<(String, String, u32)> {
    result.findings.iter().map(|f| (f.rule.to_string(), f.path.clone(), f.location.line)).collect()
}

#[test]
fn the_cache_reuses_unchanged_files_and_checks_changed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "package.json", r#"{ "name": "svc", "private": true, "dependencies": { "express": "^4" } }"#);
    write(root, "src/server.js", "const express = require('express');\nconst app = express();\napp.listen(3000);\n");
    write(root, "src/a.ts", "try { f(); } catch (e) {}\n");
    write(root, "src/b.py", "print('hello')\n");

    let cold = cached_scan(root, cache.path(), 1);
    let stats = cold.cache.clone().unwrap();
    assert_eq!((stats.reused, stats.checked, stats.write_error), (0, 4, None));
    assert!(cache.path().join(".gitignore").exists(), "the cache keeps itself out of git");

    // Unchanged: nothing is checked again, and the results are the same.
    let warm = cached_scan(root, cache.path(), 1);
    assert_eq!(warm.cache.as_ref().map(|c| (c.reused, c.checked)), Some((4, 0)));
    assert_eq!(rules_and_places(&warm), rules_and_places(&cold));
    assert_eq!(warm.files_scanned, cold.files_scanned);
    assert_eq!(warm.project.files().len(), cold.project.files().len(), "facts come back from the cache");

    // One file changed: only it is checked, and its new findings show.
    write(root, "src/a.ts", "try { f(); } catch (e) {}\ntry { g(); } catch (e) {}\n");
    let changed = cached_scan(root, cache.path(), 1);
    assert_eq!(changed.cache.as_ref().map(|c| (c.reused, c.checked)), Some((3, 1)));
    let empty_catches = |result: &ScanResult| result.findings.iter().filter(|f| f.rule == "empty-catch").count();
    assert_eq!(empty_catches(&changed), empty_catches(&cold) + 1);

    // A project finding follows the tree, not the cache: a health route added elsewhere.
    let health = |result: &ScanResult| result.findings.iter().any(|f| f.rule == "no-health-endpoint");
    assert!(health(&changed));
    write(
        root,
        "src/health.js",
        "const express = require('express');\nconst r = express.Router();\nr.get('/healthz', (q, s) => s.send('ok'));\nmodule.exports = r;\n",
    );
    let more = cached_scan(root, cache.path(), 1);
    assert_eq!(more.cache.as_ref().map(|c| (c.reused, c.checked)), Some((4, 1)));
    assert!(!health(&more), "{:?}", rules_and_places(&more));

    // Another key (other checks, another configuration or build): every file afresh.
    let rekeyed = cached_scan(root, cache.path(), 2);
    assert_eq!(rekeyed.cache.as_ref().map(|c| (c.reused, c.checked)), Some((0, 5)));
    assert_eq!(rules_and_places(&rekeyed), rules_and_places(&more));
}

#[test]
fn a_damaged_cache_is_a_cold_start_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    write(dir.path(), "src/a.ts", "try { f(); } catch (e) {}\n");
    let cold = cached_scan(dir.path(), cache.path(), 7);
    for entry in fs::read_dir(cache.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "bin") {
            let bytes = fs::read(&path).unwrap();
            fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        }
    }
    let again = cached_scan(dir.path(), cache.path(), 7);
    assert_eq!(again.cache.as_ref().map(|c| (c.reused, c.checked)), Some((0, 1)));
    assert_eq!(rules_and_places(&again), rules_and_places(&cold));
    // And it was rewritten whole.
    let third = cached_scan(dir.path(), cache.path(), 7);
    assert_eq!(third.cache.as_ref().map(|c| (c.reused, c.checked)), Some((1, 0)));
}

#[test]
fn concurrent_scans_leave_a_whole_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("src/m{i}.ts"),
            format!("export function f{i}() {{ try {{ g(); }} catch (e) {{}} }}\n"),
        );
    }
    let results: Vec<ScanResult> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4).map(|_| scope.spawn(|| cached_scan(dir.path(), cache.path(), 3))).collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    for result in &results {
        assert_eq!(result.cache.as_ref().and_then(|c| c.write_error.clone()), None);
        assert_eq!(rules_and_places(result), rules_and_places(&results[0]));
    }
    let after = cached_scan(dir.path(), cache.path(), 3);
    assert_eq!(after.cache.as_ref().map(|c| (c.reused, c.checked)), Some((40, 0)));
}
