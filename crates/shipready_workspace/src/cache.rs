//! The scan cache: what checking each file produced, keyed by the file's content, so that a
//! re-scan of an unchanged tree reads and hashes every file but parses and checks none.
//!
//! One cache file per scanned root and key (`scan-<root hash>-<key>.bin` in the cache folder,
//! by default `.shipready/cache/`), read whole before the scan and replaced whole after it. The
//! key covers everything besides a file's path and bytes that its result depends on: the cache
//! format, shipready's build, the checks that run and the configuration (the caller hashes those
//! into [`CacheOptions::key`]), so runs that alternate between configurations each keep theirs.
//! An entry is used only when the file's path and its bytes (xxh3) match. Anything else (no
//! file, a file that does not decode) is a cold start, never an error. Files of the same root
//! left by other keys (an older build, an old configuration) are removed after a week unused.
//! Writes go to a temporary file renamed over the old one, so concurrent scans each leave a
//! whole cache (the last one's) and a reader never sees half of one.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::FileResult;

/// Bumped whenever what a cache file holds changes shape.
const FORMAT: u32 = 2;

/// Where the cache lives and what it must match.
#[derive(Debug, Clone)]
pub struct CacheOptions {
    /// The cache folder (created on first write).
    pub dir: PathBuf,
    /// A hash of everything besides a file's path and content that decides its result: the
    /// shipready build, the checks that run, the configuration and the size cap.
    pub key: u64,
}

/// How a scan used the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Files whose results came from the cache.
    pub reused: usize,
    /// Files parsed and checked.
    pub checked: usize,
    /// Why the cache could not be written, if it could not (the scan's results stand).
    pub write_error: Option<String>,
}

#[derive(Serialize)]
struct Header<'a> {
    format: u32,
    key: u64,
    root: &'a str,
}

#[derive(Deserialize)]
struct OwnedHeader {
    format: u32,
    key: u64,
    root: String,
}

/// An entry as written: its result encoded on its own, so that a reader decodes only the
/// results it uses, each on the scan thread that asks for it.
#[derive(Serialize)]
struct EntryOut<'a> {
    path: &'a str,
    hash: u64,
    #[serde(serialize_with = "as_bytes")]
    result: &'a [u8],
}

fn as_bytes<S: serde::Serializer>(bytes: &&[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(bytes)
}

#[derive(Deserialize)]
struct EntryIn<'a> {
    path: &'a str,
    hash: u64,
    result: &'a [u8],
}

/// The results a previous scan of this root left, by path: each file's content hash and its
/// encoded result.
pub(crate) struct Cache {
    file: PathBuf,
    key: u64,
    root: String,
    entries: HashMap<String, (u64, Vec<u8>)>,
}

impl Cache {
    /// The cache of `root`, or an empty one when there is none that matches.
    pub(crate) fn load(options: &CacheOptions, root: &Path) -> Self {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()).to_string_lossy().into_owned();
        let file = options.dir.join(format!("{}{:016x}.bin", prefix(&root), options.key));
        let entries =
            std::fs::read(&file).ok().and_then(|bytes| decode(&bytes, options.key, &root)).unwrap_or_default();
        Self { file, key: options.key, root, entries }
    }

    /// Whether the cache already holds exactly these files at these hashes, so that writing
    /// it again would change nothing.
    pub(crate) fn holds_exactly<'a>(&self, mut files: impl ExactSizeIterator<Item = (&'a str, u64)>) -> bool {
        files.len() == self.entries.len()
            && files.all(|(path, hash)| self.entries.get(path).is_some_and(|(known, _)| *known == hash))
    }

    /// Marks the cache file as used now, so that runs of other configurations do not take it
    /// for stale (see [`remove_stale`]).
    pub(crate) fn touch(&self) {
        if let Ok(file) = std::fs::File::options().append(true).open(&self.file) {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
    }

    /// The cached result of the file at `path` if its content hash is `hash` (and the result
    /// decodes: one that does not is a miss).
    pub(crate) fn get(&self, path: &str, hash: u64) -> Option<FileResult> {
        let (known, result) = self.entries.get(path)?;
        (*known == hash).then(|| postcard::from_bytes(result).ok()).flatten()
    }

    /// Replaces the cache file with these entries (path, content hash, result).
    pub(crate) fn save<'a>(
        &self,
        entries: impl Iterator<Item = (&'a str, u64, &'a FileResult)>,
    ) -> std::io::Result<()> {
        let mut bytes = postcard::to_stdvec(&Header { format: FORMAT, key: self.key, root: &self.root })
            .map_err(std::io::Error::other)?;
        let results: Vec<(&str, u64, Vec<u8>)> = entries
            .map(|(path, hash, result)| Ok((path, hash, postcard::to_stdvec(result).map_err(std::io::Error::other)?)))
            .collect::<std::io::Result<_>>()?;
        let entries: Vec<EntryOut<'_>> =
            results.iter().map(|(path, hash, result)| EntryOut { path, hash: *hash, result }).collect();
        postcard::to_io(&entries, &mut bytes).map_err(std::io::Error::other)?;
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        mark_cache_dir(dir);
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        temp.write_all(&bytes)?;
        temp.persist(&self.file).map_err(|error| error.error)?;
        remove_stale(dir, &prefix(&self.root), &self.file);
        Ok(())
    }
}

/// The start of the names of the cache files of `root`.
fn prefix(root: &str) -> String {
    format!("scan-{:016x}-", xxhash_rust::xxh3::xxh3_64(root.as_bytes()))
}

/// How long a cache file of another key is kept unused.
const STALE: std::time::Duration = std::time::Duration::from_hours(7 * 24);

/// Removes the cache files of this root, other than `keep`, not written for a week.
fn remove_stale(dir: &Path, prefix: &str, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.starts_with(prefix));
        let stale = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if ours && stale && path != keep {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The entries of a cache file made with `key` for `root`; `None` for anything else.
fn decode(bytes: &[u8], key: u64, root: &str) -> Option<HashMap<String, (u64, Vec<u8>)>> {
    let (header, rest): (OwnedHeader, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    if header.format != FORMAT || header.key != key || header.root != root {
        return None;
    }
    let (entries, rest): (Vec<EntryIn<'_>>, &[u8]) = postcard::take_from_bytes(rest).ok()?;
    rest.is_empty().then(|| {
        entries.into_iter().map(|entry| (entry.path.to_owned(), (entry.hash, entry.result.to_vec()))).collect()
    })
}

/// Keeps the cache out of version control and backups, as cargo and ruff do for theirs.
fn mark_cache_dir(dir: &Path) {
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(ignore, "# Written by shipready: the scan cache, never committed.\n*\n");
    }
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        let _ = std::fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by shipready.\n",
        );
    }
}

/// The hash of a file's bytes that its cache entry must match.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_result_decodes_on_its_own_and_one_that_does_not_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let options = CacheOptions { dir: dir.path().to_path_buf(), key: 5 };
        let root = Path::new("/project");
        let empty = FileResult::empty();
        Cache::load(&options, root).save([("a.ts", 1, &empty), ("b.ts", 2, &empty)].into_iter()).unwrap();

        let mut loaded = Cache::load(&options, root);
        assert!(loaded.holds_exactly([("a.ts", 1), ("b.ts", 2)].into_iter()));
        assert_eq!(format!("{:?}", loaded.get("a.ts", 1)), format!("{:?}", Some(FileResult::empty())));
        assert!(loaded.get("a.ts", 2).is_none(), "other bytes, no result");
        assert!(loaded.get("c.ts", 1).is_none(), "another path, no result");
        loaded.entries.insert("b.ts".into(), (2, vec![0xff; 3]));
        assert!(loaded.get("b.ts", 2).is_none(), "a damaged result is checked again");
        assert!(loaded.get("a.ts", 1).is_some(), "and the others stand");
    }
}
