"""Regenerates the committed corpus: `python -m services.root_cause.corpus [output.jsonl]`."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from services.root_cause.corpus import build_corpus
from services.root_cause.storage import DEFAULT_CORPUS_PATH, write_corpus


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else DEFAULT_CORPUS_PATH
    records = build_corpus()
    write_corpus(target, records)
    splits = Counter(str(r["split"]) for r in records)
    print(f"wrote {len(records)} excerpts to {target} ({dict(splits)})")


if __name__ == "__main__":
    main(sys.argv[1:])
