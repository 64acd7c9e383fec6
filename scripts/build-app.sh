#!/usr/bin/env bash
# Builds the app into dist/: release WASM, wasm-bindgen glue, wasm-opt -Oz, content-hashed
# file names, index.html filled in, and .br/.gz copies for the server to send as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh build

app=dichvucong
target_dir=${CARGO_TARGET_DIR:-target}
work="$target_dir/app-build"
rm -rf "$work" dist.new && mkdir -p "$work" dist.new

# The pages most visitors never open become WASM chunks of their own (src/lazy_pages.rs):
# relink with relocations kept, split, then bind the main module and shrink every part.
# Built with the nightly toolchain: the standard library rebuilt for size, and panics that
# abort at once (no unwinding, messages or locations in the bundle) take about 10% off; no
# Debug formatting code (`-Zfmt-debug=none`: the app never shows `{:?}`) 0.6 KB more. Its
# own target folder keeps the stable test builds cached. RUSTFLAGS replaces the flags of
# .cargo/config.toml, so erase_components is repeated here.
nightly_target="$target_dir/nightly"
CARGO_TARGET_DIR="$nightly_target" RUSTFLAGS="--cfg erase_components -Cpanic=immediate-abort -Zunstable-options -Zlocation-detail=none -Zfmt-debug=none" \
    cargo +nightly rustc -Zbuild-std=std,panic_abort --profile wasm-release --locked --target wasm32-unknown-unknown \
    -p "$app" --bin "$app" --features split -- -C link-arg=--emit-relocs
wasm-split-cli --target web --out-name "$app" "$nightly_target/wasm32-unknown-unknown/wasm-release/$app.wasm" "$work/split"
# The splitter cuts the code several pages share into many small chunks: merge them into fewer.
node scripts/merge-chunks.mjs "$work/split"
# --keep-lld-exports: the chunks link against the main module's exports.
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work/bindgen" "$work/split/$app.wasm"
mkdir -p "$work/app"
# Leptos always builds its server functions' browser client, whose streaming (wasm-streams)
# exports three JS classes, and an export is never dead code: every page downloaded them,
# though the app has no server function. binaryen's wasm-metadce drops those exports and
# what only they reach (1 KB, brotli); the check after wasm-opt fails the build if anything
# could still make one (the import that wraps one would be left).
node_modules/.bin/wasm-dis "$work/bindgen/${app}_bg.wasm" 2>/dev/null | sed -n 's/^ (export "\([^"]*\)".*/\1/p' |
    python3 -c 'import json, sys; print(json.dumps([{"name": f"export{i}", "root": True, "export": e} for i, e in enumerate(l.strip() for l in sys.stdin) if not e.startswith(("intounderlying", "__wbg_intounderlying"))]))' \
    > "$work/roots.json"
node_modules/.bin/wasm-metadce --graph-file "$work/roots.json" -o "$work/${app}_live.wasm" "$work/bindgen/${app}_bg.wasm" >/dev/null 2>&1
# wasm-opt reads the enabled features from each module's target_features section (so no `strip`).
# binaryen 132 from npm: Debian's wasm-opt 108 breaks the function table of today's Rust output.
node_modules/.bin/wasm-opt -Oz -o "$work/app/${app}_bg.wasm" "$work/${app}_live.wasm" 2>/dev/null
node_modules/.bin/wasm-dis "$work/app/${app}_bg.wasm" > "$work/main.wat" 2>/dev/null
if grep -q 'intounderlying' "$work/main.wat"; then
    echo "the app can still make a stream class whose exports the build dropped" >&2
    exit 1
fi
for chunk in "$work"/split/*.wasm; do
    name=$(basename "$chunk")
    [ "$name" = "$app.wasm" ] && continue
    node_modules/.bin/wasm-opt -Oz -o "$work/app/$name" "$chunk" 2>/dev/null
done
# The split loader gives up on a chunk at its first failed download, and a load that gives up
# ends the app (the wrapper panics, and panics abort): on a flaky line, each chunk is asked for
# again after 1, 2 and 4 s first.
sed 's/const src = fetch(new URL(/const src = fetchChunk(new URL(/' "$work/split/__wasm_split.js" > "$work/app/__wasm_split.js"
grep -q 'fetchChunk(new URL(' "$work/app/__wasm_split.js" || { echo "the split loader no longer fetches chunks as expected" >&2; exit 1; }
cat >> "$work/app/__wasm_split.js" <<'JS'

async function fetchChunk(url) {
    for (let wait = 1000; ; wait *= 2) {
        try {
            const response = await fetch(url);
            if (response.ok || wait > 4000) return response;
        } catch (e) {
            if (wait > 4000) throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
    }
}
JS
# The glue starts the app when imported (no inline script: CSP), once the first paint (the
# page's real layout, from index.html) is on screen: the WASM is asked for only then, so it
# never delays that paint, and what a citizen sees first is the largest thing they see.
# Before that, on the address of a lazily loaded page, it asks for that page's chunks (and a
# procedure's record, and the catalog on a first visit) so they download beside the main
# module (scripts/pages.mjs).
cp "$work/bindgen/$app.js" "$work/app/$app.js"
node scripts/pages.mjs glue "$work/app" >> "$work/app/$app.js"
printf '\nrequestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => __wbg_init())));\n' >> "$work/app/$app.js"
# wasm-bindgen's glue is written to be read (93 KB): minified, every page's first load is
# 1.7 KB (brotli) lighter. Its exports and the WASM's import names (object keys) stay as
# they are; the split loader is not minified (scripts/pages.mjs and merge-chunks.mjs read it).
node_modules/.bin/terser "$work/app/$app.js" --module --compress --mangle -o "$work/app/$app.min.js"
mv "$work/app/$app.min.js" "$work/app/$app.js"

hash() { sha256sum "$1" | cut -c1-16; }

# The parts name each other, so the build's folder carries the hash, not each file.
app_dir="app-$(cd "$work/app" && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-16)"
cp -r "$work/app" "dist.new/$app_dir"
js_name="$app_dir/$app.js"
wasm_name="$app_dir/${app}_bg.wasm"
loader_name="$app_dir/__wasm_split.js"
css_name="style-$(hash style/main.css).css"
cp style/main.css "dist.new/$css_name"

cp -r public/. dist.new/
kiosk=${DVC_KIOSK:-}
case "$kiosk" in *[!a-z0-9=,]*) echo "DVC_KIOSK takes settings like idle=120,warn=30" >&2; exit 1 ;; esac
sed -e "s|{{JS}}|$js_name|g" -e "s|{{WASM}}|$wasm_name|g" -e "s|{{LOADER}}|$loader_name|g" -e "s|{{CSS}}|$css_name|g" -e "s|{{KIOSK}}|$kiosk|g" index.html > "$work/page.html"
# First paints from one template: the home page's (index.html), a procedure's and the first
# step of filing it (procedure.html, filing.html: the reference server writes its name in),
# and every other address's (shell.html), which the server and the service worker hand out
# for deep links.
python3 - "$work/page.html" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
PAGES = ["home", "procedure", "filing", "other"]
def keep(name):
    text = page
    for drop in PAGES:
        if drop != name:
            text = re.sub(rf"<!--{drop}-->.*?<!--/{drop}-->\n?", "", text, flags=re.S)
    return re.sub(rf"<!--/?{name}-->\n?", "", text)
open("dist.new/index.html", "w", encoding="utf-8").write(keep("home"))
open("dist.new/procedure.html", "w", encoding="utf-8").write(keep("procedure"))
open("dist.new/filing.html", "w", encoding="utf-8").write(keep("filing"))
open("dist.new/shell.html", "w", encoding="utf-8").write(keep("other"))
PY

# The service worker precaches exactly this build's shell (not procedure.html and filing.html,
# which only the server fills in), and keeps the lazily loaded pages
# once they are fetched (or once it is installed, in the background); its version is the
# files' hash.
files() { (cd dist.new && find . -type f ! -name 'sw.js' | sed 's|^\.||' | sort); }
as_json() { python3 -c 'import json,sys; print(json.dumps([l.strip() for l in sys.stdin if l.strip()]))'; }
precache=$(files | grep -v -E '/(split_|chunk_)[^/]*\.wasm$' | grep -v -x -e '/procedure.html' -e '/filing.html' | as_json)
lazy=$(files | grep -E '/(split_|chunk_)[^/]*\.wasm$' | as_json)
version=$(cd dist.new && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-12)
python3 - "$precache" "$lazy" "$version" <<'PY' > dist.new/sw.js
import sys
source = open("sw.template.js").read()
print(source.replace("{{PRECACHE}}", sys.argv[1]).replace("{{LAZY}}", sys.argv[2]).replace("{{VERSION}}", sys.argv[3]), end="")
PY

find dist.new -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' -o -name '*.webmanifest' \) |
    while read -r f; do
        brotli -q 11 -f -k "$f"
        gzip -9 -n -f -k "$f"
    done

rm -rf dist && mv dist.new dist
echo "dist/: $(ls dist | grep -v '\.br$\|\.gz$' | tr '\n' ' '); $app_dir: $(ls "dist/$app_dir" | grep -c 'wasm$') WASM modules"
