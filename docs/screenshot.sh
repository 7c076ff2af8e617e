#!/usr/bin/env bash
# Renders one lesson of an executed tutorial notebook to a PNG with headless Chromium, for the README's first
# screen: the markdown that introduces `%net inspect` in notebook 07 and the cell with its topology picture.
# The notebook suite (NotebooksIT) keeps executed copies in kernel-ext/target/executed-notebooks/root.
# Usage: docs/screenshot.sh [EXECUTED_07_NOTEBOOK] [OUT_PNG]     (needs chromium and jupyter-nbconvert)
set -euo pipefail
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
nb=${1:-$repo/kernel-ext/target/executed-notebooks/root/07-networking.ipynb}
out=${2:-$repo/docs/notebook-07-topology.png}
[[ -f $nb ]] || { echo "no executed notebook at $nb: run NotebooksIT first (mvn verify -Dit.test=NotebooksIT -Djailcell.notebook=07)" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install --no-install-recommends chromium" >&2; exit 1; }
work=$(mktemp -d /tmp/jailcell-shot.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$nb" "$work/lesson.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
cells = nb["cells"]
at = next(i for i, c in enumerate(cells) if c["cell_type"] == "code" and "%net inspect" in "".join(c["source"]))
if not any("image/svg+xml" in o.get("data", {}) or "<svg" in "".join(o.get("data", {}).get("text/html", ""))
           for o in cells[at].get("outputs", [])):
    sys.exit("the %net inspect cell has no picture: was the notebook run as root?")
nb["cells"] = [cells[0], cells[at - 1], cells[at]]
json.dump(nb, open(sys.argv[2], "w"))
PY
jupyter nbconvert --log-level=ERROR --to html --output-dir "$work" "$work/lesson.ipynb"
# The page would load MathJax from a CDN (the notebooks have no formulas); without it Chromium draws a loading banner.
python3 - "$work/lesson.html" <<'PY'
import re, sys
html = open(sys.argv[1]).read()
open(sys.argv[1], "w").write(re.sub(r"(?is)<script[^>]*>[^<]*MathJax.*?</script>|<script[^>]*mathjax[^>]*>\s*</script>", "", html))
PY
# --no-sandbox: Chromium's own sandbox needs user namespaces for a non-root user and refuses to run as root.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,760 \
    --screenshot="$out" "file://$work/lesson.html" 2>/dev/null
[[ -s $out ]] || { echo "chromium wrote no screenshot to $out" >&2; exit 1; }
echo "$out"
