#!/usr/bin/env bash
# Install the front-end libraries from the npm registry and copy their built files into
# src/palermo/static/vendor/, which is committed: the running app never reaches the network.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/palermo/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp scripts/vendor-package.json "$work/package.json"
(cd "$work" && npm install --no-audit --no-fund --silent)
m="$work/node_modules"
rm -rf "$dest" && mkdir -p "$dest/bootstrap" "$dest/htmx" "$dest/vega" "$dest/tom-select" "$dest/cytoscape"
cp "$m/bootstrap/dist/css/bootstrap.min.css" "$m/bootstrap/dist/css/bootstrap.rtl.min.css" \
   "$m/bootstrap/dist/js/bootstrap.bundle.min.js" "$m/bootstrap/LICENSE" "$dest/bootstrap/"
cp "$m/htmx.org/dist/htmx.min.js" "$m/htmx.org/LICENSE" "$dest/htmx/"
# Type-ahead pickers (palermo/pickers.js enhances every select the core.widgets render).
cp "$m/tom-select/dist/js/tom-select.complete.min.js" "$m/tom-select/dist/css/tom-select.bootstrap5.min.css" \
   "$m/tom-select/LICENSE" "$dest/tom-select/"
# Charts. vega-embed's build bundles vega-interpreter (hence its licence here): pages pass
# `ast: true`, so Vega interprets expressions instead of compiling them with Function(), which
# the Content-Security-Policy (no 'unsafe-eval') forbids.
cp "$m/vega/build/vega.min.js" "$dest/vega/"
cp "$m/vega/LICENSE" "$dest/vega/LICENSE-vega"
cp "$m/vega-lite/build/vega-lite.min.js" "$dest/vega/"
cp "$m/vega-lite/LICENSE" "$dest/vega/LICENSE-vega-lite"
cp "$m/vega-embed/build/vega-embed.min.js" "$dest/vega/"
cp "$m/vega-embed/LICENSE" "$dest/vega/LICENSE-vega-embed"
# Network views (the graph page); no eval, so it runs under the same policy.
cp "$m/cytoscape/dist/cytoscape.min.js" "$m/cytoscape/LICENSE" "$dest/cytoscape/"
cp "$m/vega-interpreter/LICENSE" "$dest/vega/LICENSE-vega-interpreter"
# axe-core checks accessibility in the browser tests only; it stays out of the app's static files.
tests_dest=tests/browser/vendor
rm -rf "$tests_dest" && mkdir -p "$tests_dest/axe-core"
cp "$m/axe-core/axe.min.js" "$m/axe-core/LICENSE" "$tests_dest/axe-core/"
node -e 'const p=require(process.argv[1]);for(const[n,v]of Object.entries(p.dependencies))console.log(n+" "+require(process.argv[2]+"/"+n+"/package.json").version)' \
  "$work/package.json" "$m" > "$dest/VERSIONS"
echo "vega-interpreter $(node -p 'require(process.argv[1]).version' "$m/vega-interpreter/package.json") (installed with vega-embed, whose build bundles it)" >> "$dest/VERSIONS"
sed -i "s|^axe-core .*|& (in $tests_dest, used only by the browser tests)|" "$dest/VERSIONS"
echo "vendored into $dest and $tests_dest:"; cat "$dest/VERSIONS"
