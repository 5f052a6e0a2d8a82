#!/usr/bin/env bash
# Install graphkit into .venv and run the main job on the bundled examples:
# build the graph, print the most central agencies and states, write the interactive map.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
STORE=${GRAPHKIT_STORE:-.graphkit/store}
MAP=${GRAPHKIT_MAP:-graphkit-map.html}
.venv/bin/graphkit build examples/articles --store "$STORE"
.venv/bin/graphkit analyze --store "$STORE" --top 10 --measure pagerank --measure degree --measure betweenness
.venv/bin/graphkit analyze --store "$STORE" --projection states --top 10 --measure pagerank --measure degree --measure betweenness
.venv/bin/graphkit render --store "$STORE" -o "$MAP"
echo "graph store: $(cd "$(dirname "$STORE")" && pwd)/$(basename "$STORE")"
