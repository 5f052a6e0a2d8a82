"""Score extraction on the part of the gold we tune on, and on a part we never read.

A rule that lifts the tuned part but not the untouched one is a special case. The held-out
part is scored with its last line only (no misses, no errors), so that working on the
extractor never shows us its sentences; ``--reveal`` lifts that at the end of a piece of work.

    python benchmarks/generalization.py                 # tuned + held-out + our own check sets
    python benchmarks/generalization.py --part tuned --show
    python benchmarks/generalization.py --part checkset --show
    python benchmarks/generalization.py --part checkset2 --show
    python benchmarks/generalization.py --part checkset3 --show

Needs ../shared (the scorer and the gold); the check sets live in tests/data/checkset (read
while tuning), tests/data/checkset2 and tests/data/checkset3 (each written later, before
reading the extractor).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
# our own articles and gold, scored from their own folders
CHECKSETS = {name: ROOT / "tests" / "data" / name for name in ("checkset", "checkset2", "checkset3")}

# Chosen once, by position (the last seed and the last four dev pages), before the work that
# it measures; never read while tuning.
HELD_OUT = {"seeds-004", "dev-dd011", "dev-dd012", "dev-dd013", "dev-dd018"}


def gold_files(part: str) -> list[Path]:
    every = sorted((SHARED / "gold").glob("*.json"))
    if part == "held-out":
        return [p for p in every if p.stem in HELD_OUT]
    return [p for p in every if p.stem not in HELD_OUT]


def score(gold_dir: Path, corpus: Path, *, show: bool, graphkit: str) -> str:
    cmd = [sys.executable, str(SCORER), "--gold", str(gold_dir), "--corpus", str(corpus), "--graphkit", graphkit]
    if show:
        cmd.append("--show")
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return run.stdout + run.stderr


def score_part(part: str, *, show: bool, graphkit: str) -> str:
    if part in CHECKSETS:
        return score(CHECKSETS[part] / "gold", CHECKSETS[part] / "corpus", show=show, graphkit=graphkit)
    with tempfile.TemporaryDirectory() as tmp:
        for path in gold_files(part):
            (Path(tmp) / path.name).symlink_to(path)
        out = score(Path(tmp), SHARED / "corpus", show=show, graphkit=graphkit)
    if part == "held-out" and not show:
        out = out.strip().splitlines()[-1] + "\n" if out.strip() else out
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["tuned", "held-out", *CHECKSETS], action="append")
    ap.add_argument("--show", action="store_true", help="misses and errors (never for held-out unless --reveal)")
    ap.add_argument("--reveal", action="store_true", help="show the held-out part's tables too")
    ap.add_argument("--graphkit", default=str(Path(sys.executable).with_name("graphkit")))
    args = ap.parse_args()
    if not SCORER.exists():
        print(f"no scorer at {SCORER}: nothing to measure", file=sys.stderr)
        return 0
    for part in args.part or ["tuned", "held-out", *CHECKSETS]:
        if part in CHECKSETS and not (CHECKSETS[part] / "gold").is_dir():
            continue
        print(f"## {part}")
        print(score_part(part, show=args.show and (part != "held-out" or args.reveal), graphkit=args.graphkit), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
