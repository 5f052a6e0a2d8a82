"""graphkit from Python: build the bundled articles into a store, ask questions, draw the map.

python examples/api.py [STORE_DIR]
"""

import sys
import tempfile
from pathlib import Path

from graphkit import KnowledgeGraph

here = Path(__file__).parent
store = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "store"

kg = KnowledgeGraph(store)
report = kg.build([here / "articles"])
print(f"{report.added} articles added ({report.skipped} already there)")

# Who cooperates with whom, with the sentence that says so.
for row in kg.query((here / "queries" / "who-cooperates.rq").read_text()):
    print(f"{row['a']} <-> {row['b']}: {row['evidence'][:80]}...")

# The most central bodies in the agency-cooperation network.
for row in kg.centrality("agencies", measures=["degree", "pagerank"], top=5):
    print(f"{row['label']:50} degree={row['degree']:.2f} pagerank={row['pagerank']:.3f}")

# A NetworkX graph of states, agencies aggregated by jurisdiction.
states = kg.to_networkx("states")
print("states:", sorted(states.nodes[n]["label"] for n in states))

print("map:", kg.render(store.parent / "map.html"))
