from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.knowledge_base.documents import INCIDENT, RUNBOOK, Document, Section
from services.knowledge_base.embedding import Embedder, HashingEmbedder
from services.knowledge_base.knowledge_base import KnowledgeBase, KnowledgeBaseConfig
from services.knowledge_base.storage import DocumentStore, IndexFiles, default_database_url


def pytest_configure(config: pytest.Config) -> None:
    # torch/transformers import-time deprecations we cannot fix from here.
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:torch.*")
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:transformers.*")
    config.addinivalue_line("filterwarnings", "ignore::FutureWarning:transformers.*")


def incident(
    id: str,
    title: str,
    symptoms: str = "",
    *,
    service: str = "checkout-api",
    root_cause: str = "config_error",
    occurred_at: datetime | None = None,
    resolution: str = "restarted it",
) -> Document:
    return Document(
        id=id,
        kind=INCIDENT,
        title=title,
        symptoms=symptoms,
        service=service,
        root_cause=root_cause,
        resolution=resolution,
        occurred_at=occurred_at or datetime(2024, 5, 1, tzinfo=UTC),
        links=(f"https://jira.example.internal/browse/{id}",),
    )


def runbook(id: str, title: str, sections: list[tuple[str, str]], root_cause: str = "") -> Document:
    return Document(
        id=id,
        kind=RUNBOOK,
        title=title,
        root_cause=root_cause,
        sections=tuple(Section(h, b) for h, b in sections),
    )


KbFactory = Callable[..., KnowledgeBase]


@pytest.fixture
def kb_factory(tmp_path: Path) -> Iterator[KbFactory]:
    """Opens knowledge bases on one data directory; every instance opened is closed at the end."""
    opened: list[KnowledgeBase] = []

    def make(
        embedder: Embedder | None = None,
        config: KnowledgeBaseConfig | None = None,
        open_now: bool = True,
        **options: object,
    ) -> KnowledgeBase:
        knowledge_base = KnowledgeBase(
            DocumentStore(default_database_url(tmp_path)),
            IndexFiles(tmp_path / "index"),
            embedder or HashingEmbedder(),
            config or KnowledgeBaseConfig(),
            **options,  # type: ignore[arg-type]
        )
        if open_now:
            knowledge_base.open()
        opened.append(knowledge_base)
        return knowledge_base

    yield make
    for knowledge_base in opened:
        knowledge_base.close()
