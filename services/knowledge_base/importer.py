"""Bulk import into the knowledge base's store: `python -m services.knowledge_base.importer PATH...`

PATH is a .jsonl file, a .csv file, a Markdown runbook or a folder of them. Documents are
validated first (nothing is written if any is invalid), then embedded and written in batches
with a progress bar on stderr. The same `KNOWLEDGE_BASE_*` variables as the service choose
the database, index directory and model. Run it while the service is stopped: the service
reads the store at start, and its index manifest check picks up the new documents.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from services.kit import ConfigError, Env, ServerSettings
from services.knowledge_base.config import KnowledgeBaseSettings
from services.knowledge_base.documents import Document, InvalidDocument, validate
from services.knowledge_base.knowledge_base import KnowledgeBase
from services.knowledge_base.service import COMPONENT, DEFAULT_METRICS_PORT, DEFAULT_PORT, make_embedder
from services.knowledge_base.sources import read_path
from services.knowledge_base.storage import DocumentStore, IndexFiles

_MAX_REPORTED_ERRORS = 20


def _read_all(paths: Sequence[Path]) -> tuple[list[Document], list[str]]:
    documents: list[Document] = []
    errors: list[str] = []
    for path in paths:
        if not path.exists():
            errors.append(f"{path}: no such file or directory")
            continue
        try:
            for number, document in enumerate(read_path(path), 1):
                try:
                    validate(document)
                except InvalidDocument as error:
                    errors.append(f"{path} document {number} ({document.id or 'no id'}): {error}")
                documents.append(document)
        except (InvalidDocument, UnicodeDecodeError, OSError) as error:
            errors.append(str(error))
    return documents, errors


def main(argv: Sequence[str] | None = None, env: Env | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m services.knowledge_base.importer", description=__doc__.split("\n")[0]
    )
    parser.add_argument("paths", nargs="+", type=Path, help=".jsonl, .csv, .md files or folders of .md")
    parser.add_argument("--batch-size", type=int, default=None, help="documents per embedding batch")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    env = env or Env()
    try:
        server = ServerSettings.from_env(
            env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
        )
        settings = KnowledgeBaseSettings.from_env(env, server.data_dir)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    documents, errors = _read_all(args.paths)
    if errors:
        for line in errors[:_MAX_REPORTED_ERRORS]:
            print(f"error: {line}", file=sys.stderr)
        if len(errors) > _MAX_REPORTED_ERRORS:
            print(f"... and {len(errors) - _MAX_REPORTED_ERRORS} more", file=sys.stderr)
        print("nothing imported", file=sys.stderr)
        return 2
    if args.batch_size:
        domain = dataclasses.replace(settings.domain, embed_batch_size=max(1, args.batch_size))
        settings = dataclasses.replace(settings, domain=domain)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    knowledge_base = KnowledgeBase(
        DocumentStore(settings.database_url),
        IndexFiles(settings.index_dir),
        make_embedder(settings),
        settings.domain,
    )
    knowledge_base.open(seed=None)
    from tqdm import tqdm

    with tqdm(total=len(documents), unit="doc", file=sys.stderr, disable=args.quiet) as bar:
        created, replaced = knowledge_base.upsert_many(documents, progress=bar.update)
    knowledge_base.close()
    print(f"imported {created + replaced} documents ({created} new, {replaced} replaced)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
