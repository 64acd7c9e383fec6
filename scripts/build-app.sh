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

cargo build --profile wasm-release --locked --target wasm32-unknown-unknown -p "$app" --bin "$app"
wasm-bindgen --target web --no-typescript --out-dir "$work" "$target_dir/wasm32-unknown-unknown/wasm-release/$app.wasm"
# wasm-opt reads the enabled features from the module's target_features section (so no `strip`).
# binaryen 132 from npm: Debian's wasm-opt 108 breaks the function table of today's Rust output.
node_modules/.bin/wasm-opt -Oz -o "$work/${app}_bg.opt.wasm" "$work/${app}_bg.wasm"

hash() { sha256sum "$1" | cut -c1-16; }

wasm_name="$app-$(hash "$work/${app}_bg.opt.wasm")_bg.wasm"
cp "$work/${app}_bg.opt.wasm" "dist.new/$wasm_name"
# The glue loads the hashed WASM and starts the app when imported (no inline script: CSP).
sed "s/${app}_bg\.wasm/$wasm_name/g" "$work/$app.js" > "$work/glue.js"
printf '\n__wbg_init();\n' >> "$work/glue.js"
js_name="$app-$(hash "$work/glue.js").js"
cp "$work/glue.js" "dist.new/$js_name"
css_name="style-$(hash style/main.css).css"
cp style/main.css "dist.new/$css_name"

cp -r public/. dist.new/
kiosk=${DVC_KIOSK:-}
case "$kiosk" in *[!a-z0-9=,]*) echo "DVC_KIOSK takes settings like idle=120,warn=30" >&2; exit 1 ;; esac
sed -e "s/{{JS}}/$js_name/g" -e "s/{{WASM}}/$wasm_name/g" -e "s/{{CSS}}/$css_name/g" -e "s/{{KIOSK}}/$kiosk/g" index.html > dist.new/index.html

# The service worker precaches exactly this build's shell; its version is the files' hash.
precache=$(cd dist.new && find . -type f ! -name 'sw.js' | sed 's|^\.||' | sort | python3 -c 'import json,sys; print(json.dumps([l.strip() for l in sys.stdin if l.strip()]))')
version=$(cd dist.new && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-12)
python3 - "$precache" "$version" <<'PY' > dist.new/sw.js
import sys
print(open("sw.template.js").read().replace("{{PRECACHE}}", sys.argv[1]).replace("{{VERSION}}", sys.argv[2]), end="")
PY

find dist.new -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' -o -name '*.webmanifest' \) |
    while read -r f; do
        brotli -q 11 -f -k "$f"
        gzip -9 -n -f -k "$f"
    done

rm -rf dist && mv dist.new dist
echo "dist/: $(ls dist | grep -v '\.br$\|\.gz$' | tr '\n' ' ')"
