#!/usr/bin/env bash
# Fetches the benchmark corpus: real, third-party source code at pinned versions, taken from the
# package registries with their ordinary clients (pip, npm, cargo), checked against the sha256 of
# each archive recorded below, and unpacked into a cache folder that is never committed:
#
#   $CACHE/archives/                 the downloaded archives (kept, so a re-unpack needs no network)
#   $CACHE/python/django-X/...       Django's sdist (the package and its test suite)
#   $CACHE/js/<pkg>-<ver>/...        npm package tarballs (scoped names: @angular/core -> angular-core)
#   $CACHE/rust/<crate>-<ver>/...    crate sources (.crate files)
#   $CACHE/scaled-N/copy-K/{python,js,rust}   with --scale N: N hard-linked copies of the above
#
# CACHE is ${SHIPREADY_BENCH_CACHE:-target/bench-corpus} (a relative SHIPREADY_BENCH_CACHE is taken
# from the directory the script is run in; the default from the repository root).
#
# Idempotent: a package whose folder is complete (it records the sha256 it was unpacked from) is
# skipped; an archive already in archives/ is reused when its sha256 matches and fetched again
# otherwise. A freshly fetched archive that does not match is an error (kept as *.bad for a look).
#
# Usage: bench/fetch-corpus.sh [--scale N]... [--summary-only] [--help]
#   --scale N       also build $CACHE/scaled-N with N copies of the corpus (repeatable: --scale 1
#                   --scale 2 --scale 4). Hard links where the file system allows, copies otherwise.
#   --summary-only  only print the size summary of what is in the cache.
#
# Environment: SHIPREADY_BENCH_CACHE (see above); PYTHON (interpreter whose pip downloads Django,
# default python3); CARGO (default cargo); NPM (default npm).
set -euo pipefail

# --- the pinned corpus ------------------------------------------------------------------------
# lang  name  version  sha256-of-the-archive
# The sha256 of a crate archive is also the `cksum` of that version in the crates.io index.
CORPUS='
python django          5.2.19  ad03d8abc51dbff95ebf34b27123cf0c26a3b62db7ba0cd520783686362533d1
js     typescript      5.9.3   10e108c9cf7d5f2879053dff18515fb405abf2ccef63eaaf017d9c571687a1d3
js     @angular/core   22.2.6  21bc3f74418e6ccd318edd589aa8de6466e16b448f67808d227f12468a767741
js     rxjs            7.8.2   2312f8ffd9726ffd7bd53ea12c5f13663d09a3dc3326f448c70b88f5ef6fac82
js     three           0.187.0 ff540832ded0cfe919764d24a3d88f3e2a05f23303f876423e4f893841e90728
js     eslint          10.16.0 dd276c6ce30dce8c2a2ab63db48f814baa2f492e85e7b124d9976d7bb023b751
js     webpack         5.113.0 095755cb8e271b3f38615ae794264f314b1e4dd3158c5677e8700aee9ea20bb7
js     lodash          4.18.1  696942c2a488c9d7428e9ca5f12ccf03b52de01dcdbfe4d4751d392f0491ae16
rust   tokio           1.54.1  b52fd3255258d26fac7264ab5a76b53c13367136dc011d3d6ad4f8ed070396a3
rust   syn             3.0.10  4ae9ccbea3a7b0b09443036490c8f34a8b1b760fd345e5c0dae0aac718faea79
rust   serde           1.0.229 4148590afebada386688f18773da617792bf2ef03ffc1e4cbd2b1d45b023e0ba
rust   serde_json      1.0.154 e7e9cc8b1b85264074fbcc02a88680c4096b1e47df8f739dceb03bf482f04bd6
rust   regex           1.13.2  9807af0e638c12e753aa1b4e601791bf2a8f71274023c8bbeec12fc149950857
rust   regex-automata  0.4.19  41d60ef07df457506a0a1a2073112eb4aae5733dbd2813c3da77d1b0fd441158
rust   hyper           1.13.0  229c6ff5584df4c6becbfe00567128bac768c8cd32ebc8a8366bd81ed072e8f3
rust   clap            4.6.10  50066ca966813ca8957ee15361752f19424a8ff620dbe9c8993d9f99d99b04b3
rust   clap_builder    4.6.10  a0ed97c96ef4efb3cc84e09fa388df4463e7cc3224ec38d7b1d9e45749333590
rust   rustls          0.23.48 86c8de8f13bac4bb046743409c751e2343621c0293a805c143ede57c5c95c3f8
'
# Source extensions counted in the summary, per language.
PY_EXT='py'
JS_EXT='js mjs cjs ts tsx mts cts'
RS_EXT='rs'

# --- arguments --------------------------------------------------------------------------------
scales=()
summary_only=0
while [ $# -gt 0 ]; do
    case $1 in
        --scale)
            [ $# -ge 2 ] || { echo "fetch-corpus: --scale needs a number" >&2; exit 2; }
            case $2 in ''|*[!0-9]*|0) echo "fetch-corpus: --scale wants a positive integer, got '$2'" >&2; exit 2;; esac
            scales+=("$2"); shift 2;;
        --scale=*)
            n=${1#--scale=}
            case $n in ''|*[!0-9]*|0) echo "fetch-corpus: --scale wants a positive integer, got '$n'" >&2; exit 2;; esac
            scales+=("$n"); shift;;
        --summary-only) summary_only=1; shift;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
        *) echo "fetch-corpus: unknown argument '$1' (try --help)" >&2; exit 2;;
    esac
done

invoked_from=$PWD
cd "$(dirname "$0")/.."
root=$PWD
case ${SHIPREADY_BENCH_CACHE:-} in
    '') cache="$root/target/bench-corpus";;
    /*) cache=$SHIPREADY_BENCH_CACHE;;
    *) cache="$invoked_from/$SHIPREADY_BENCH_CACHE";;
esac

die() { echo "fetch-corpus: $*" >&2; exit 1; }
log() { echo "fetch-corpus: $*" >&2; }

# --- tools ------------------------------------------------------------------------------------
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH: $2"; }
need tar "install GNU tar (apt-get install tar)"
need gzip "install gzip (apt-get install gzip)"
need find "install findutils"
need awk "install gawk or mawk"
if command -v sha256sum >/dev/null 2>&1; then
    sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
    sha256_of() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
    die "neither 'sha256sum' (coreutils) nor 'shasum' (perl) found: one is needed to verify the archives"
fi
tar --version 2>/dev/null | grep -q 'GNU tar' || log "warning: tar is not GNU tar; --strip-components must still be supported"

python=${PYTHON:-python3}
npm_bin=${NPM:-npm}
cargo_bin=${CARGO:-cargo}

# The clients are only needed for what is not in the cache yet: checked lazily.
need_pip() {
    command -v "$python" >/dev/null 2>&1 || die "'$python' not found: set PYTHON to an interpreter with pip, to download Django"
    "$python" -m pip --version >/dev/null 2>&1 || die "'$python -m pip' does not work: install pip (apt-get install python3-pip) or set PYTHON"
}
need_npm() { command -v "$npm_bin" >/dev/null 2>&1 || die "'$npm_bin' not found: install Node.js and npm (apt-get install npm) or set NPM"; }
need_cargo() { command -v "$cargo_bin" >/dev/null 2>&1 || die "'$cargo_bin' not found: install Rust (rustup) or set CARGO"; }

# --- helpers ----------------------------------------------------------------------------------
# Folder name of a package: @angular/core 22.2.6 -> angular-core-22.2.6
dir_name() { local n=${1#@}; printf '%s-%s' "${n//\//-}" "$2"; }

# Checks an archive against its pinned sha256. Returns 0 when it matches.
verify() {
    local file=$1 want=$2 got
    got=$(sha256_of "$file")
    if [ "$got" = "$want" ]; then return 0; fi
    mv -f "$file" "$file.bad"
    die "sha256 mismatch for $(basename "$file"): pinned $want, got $got (kept as $file.bad)"
}

# Downloads one archive into $cache/archives/<file> with the registry's own client.
download() {
    local lang=$1 name=$2 version=$3 out=$4 tmp
    tmp=$(mktemp -d "$cache/archives/.dl.XXXXXX")
    case $lang in
        python)
            need_pip
            log "pip download $name==$version (sdist)"
            # --no-binary :all: asks for the sdist; --no-deps keeps it to this one package. The
            # sha256 is checked by pip (--require-hashes) and again below.
            printf '%s==%s --hash=sha256:%s\n' "$name" "$version" "$5" >"$tmp/req.txt"
            "$python" -m pip download --quiet --no-deps --no-binary :all: --require-hashes \
                --dest "$tmp" -r "$tmp/req.txt" >&2 \
                || { rm -rf "$tmp"; die "pip download of $name==$version failed (is PyPI reachable? pip config list shows the index)"; }
            local got
            got=$(find "$tmp" -maxdepth 1 -name '*.tar.gz' | head -n1)
            [ -n "$got" ] || { rm -rf "$tmp"; die "pip download of $name==$version produced no .tar.gz"; }
            mv "$got" "$out";;
        js)
            need_npm
            log "npm pack $name@$version"
            (cd "$tmp" && "$npm_bin" pack --silent "$name@$version" >/dev/null) \
                || { rm -rf "$tmp"; die "npm pack $name@$version failed (is the npm registry reachable? npm config get registry)"; }
            local got
            got=$(find "$tmp" -maxdepth 1 -name '*.tgz' | head -n1)
            [ -n "$got" ] || { rm -rf "$tmp"; die "npm pack $name@$version produced no .tgz"; }
            mv "$got" "$out";;
        rust)
            need_cargo
            log "cargo fetch $name =$version"
            # cargo has no 'download one crate' command: a throw-away manifest that depends on
            # exactly this version makes `cargo fetch` put NAME-VERSION.crate into cargo's own
            # cache, under $CARGO_HOME (a private one here, so the user's stays untouched).
            mkdir -p "$tmp/proj/src" "$tmp/home"
            : >"$tmp/proj/src/lib.rs"
            printf '[package]\nname = "corpus-fetch"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[workspace]\n\n[dependencies]\n%s = { version = "=%s", default-features = false }\n' \
                "$name" "$version" >"$tmp/proj/Cargo.toml"
            # Keep the user's registry configuration (mirrors, proxies) but not their cache.
            local cfg
            for cfg in "${CARGO_HOME:-$HOME/.cargo}/config.toml" "${CARGO_HOME:-$HOME/.cargo}/config"; do
                [ -f "$cfg" ] && cp "$cfg" "$tmp/home/" && break
            done
            (cd "$tmp/proj" && CARGO_HOME="$tmp/home" "$cargo_bin" fetch --quiet >&2) \
                || { rm -rf "$tmp"; die "cargo fetch of $name =$version failed (is crates.io reachable?)"; }
            local got
            got=$(find "$tmp/home/registry/cache" -name "$name-$version.crate" | head -n1)
            [ -n "$got" ] || { rm -rf "$tmp"; die "cargo fetch did not produce $name-$version.crate"; }
            mv "$got" "$out";;
    esac
    rm -rf "$tmp"
}

# Unpacks an archive (whose entries sit under one top folder) into $dest, atomically.
unpack() {
    local archive=$1 dest=$2 tmp
    tmp=$(mktemp -d "$(dirname "$dest")/.unpack.XXXXXX")
    tar -xzf "$archive" -C "$tmp" --strip-components=1 --no-same-owner \
        || { rm -rf "$tmp"; die "could not unpack $archive"; }
    # Leave nothing executable-only or unreadable behind (some tarballs carry odd modes).
    chmod -R u+rwX,go+rX "$tmp"
    rm -rf "$dest"
    mv "$tmp" "$dest"
}

# --- fetch ------------------------------------------------------------------------------------
fetch_all() {
    mkdir -p "$cache/archives" "$cache/python" "$cache/js" "$cache/rust"
    # A cache folder carries this tag so backup tools skip it (and cargo's target/ already has one).
    [ -f "$cache/CACHEDIR.TAG" ] || printf 'Signature: 8a477f597d28d172789f06886806bc55\n# shipready benchmark corpus (bench/fetch-corpus.sh)\n' >"$cache/CACHEDIR.TAG"
    local lang name version sha dir dest archive
    while read -r lang name version sha; do
        [ -n "$lang" ] || continue
        dir=$(dir_name "$name" "$version")
        dest="$cache/$lang/$dir"
        if [ -f "$dest/.corpus-sha256" ] && [ "$(cat "$dest/.corpus-sha256")" = "$sha" ]; then
            continue
        fi
        archive="$cache/archives/$dir.tar.gz"
        if [ -f "$archive" ] && [ "$(sha256_of "$archive")" = "$sha" ]; then
            log "reusing $(basename "$archive")"
        else
            rm -f "$archive"
            download "$lang" "$name" "$version" "$archive" "$sha"
            verify "$archive" "$sha"
        fi
        log "unpacking $dir into $lang/"
        unpack "$archive" "$dest"
        printf '%s\n' "$sha" >"$dest/.corpus-sha256"
    done <<<"$CORPUS"
}

# --- scaled copies ----------------------------------------------------------------------------
build_scaled() {
    local n=$1 out="$cache/scaled-$n" stamp k tmp
    stamp=$(printf '%s' "$CORPUS" | sha256sum 2>/dev/null | cut -d' ' -f1 || printf '%s' "$CORPUS" | cksum)
    if [ -f "$out/.corpus-stamp" ] && [ "$(cat "$out/.corpus-stamp")" = "$stamp" ]; then
        log "scaled-$n is up to date"
        return
    fi
    log "building scaled-$n ($n copies)"
    tmp=$(mktemp -d "$cache/.scaled-$n.XXXXXX")
    for k in $(seq 1 "$n"); do
        mkdir -p "$tmp/copy-$k"
        # Hard links cost no space and read the same bytes; fall back to a real copy where the
        # file system cannot link (another device, some overlay set-ups).
        if ! cp -al "$cache/python" "$cache/js" "$cache/rust" "$tmp/copy-$k/" 2>/dev/null; then
            rm -rf "$tmp/copy-$k"; mkdir -p "$tmp/copy-$k"
            cp -a "$cache/python" "$cache/js" "$cache/rust" "$tmp/copy-$k/"
        fi
    done
    chmod 755 "$tmp"
    printf '%s\n' "$stamp" >"$tmp/.corpus-stamp"
    rm -rf "$out"
    mv "$tmp" "$out"
}

# --- summary ----------------------------------------------------------------------------------
# Prints "<files> <bytes>" for the files under the corpus folders with one of the extensions in $1.
# A language is counted by extension wherever its files are (Django ships .js files too).
measure() {
    local exts=$1 args=() e dirs=() d
    for d in python js rust; do [ -d "$cache/$d" ] && dirs+=("$cache/$d"); done
    [ ${#dirs[@]} -gt 0 ] || { echo "0 0"; return; }
    for e in $exts; do args+=(-o -name "*.$e"); done
    find "${dirs[@]}" -type f \( "${args[@]:1}" \) -printf '%s\n' | awk '{n++; s+=$1} END {printf "%d %d\n", n, s}'
}

summary() {
    local total_n=0 total_s=0 lang exts n s
    printf '\n%-8s %10s %10s   %s\n' language files MB "extensions counted"
    for lang in python js/ts rust; do
        case $lang in python) exts=$PY_EXT;; js/ts) exts=$JS_EXT;; rust) exts=$RS_EXT;; esac
        read -r n s < <(measure "$exts")
        printf '%-8s %10d %10.1f   %s\n' "$lang" "$n" "$(awk -v s="$s" 'BEGIN{print s/1048576}')" "$exts"
        total_n=$((total_n + n)); total_s=$((total_s + s))
    done
    printf '%-8s %10d %10.1f\n' total "$total_n" "$(awk -v s="$total_s" 'BEGIN{print s/1048576}')"
    printf '(MB = 2^20 bytes; source files only, counted by extension in python/ js/ rust/; cache: %s)\n' "$cache"
    local f
    for f in ${scales[@]+"${scales[@]}"}; do
        printf 'scaled-%s: %s (%s copies of the above)\n' "$f" "$cache/scaled-$f" "$f"
    done
}

if [ "$summary_only" = 0 ]; then
    fetch_all
    for n in ${scales[@]+"${scales[@]}"}; do build_scaled "$n"; done
fi
summary
