"""Knowledge-base settings, read once from `KNOWLEDGE_BASE_*` environment variables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.kit import Env
from services.knowledge_base.knowledge_base import KnowledgeBaseConfig
from services.knowledge_base.sources import SEED_DIR
from services.knowledge_base.storage import default_database_url
from services.knowledge_base.vector_index import HnswParams

PREFIX = "KNOWLEDGE_BASE"
# Hard ceiling on top_k: more hits than this is a bulk export, which ListDocuments serves.
TOP_K_CEILING = 1000


@dataclass(frozen=True)
class KnowledgeBaseSettings:
    database_url: str
    index_dir: Path
    seed_dir: Path | None
    embedder: str
    torch_threads: int
    faiss_threads: int
    domain: KnowledgeBaseConfig

    @classmethod
    def from_env(cls, env: Env, data_dir: Path) -> KnowledgeBaseSettings:
        max_top_k = env.int(f"{PREFIX}_MAX_TOP_K", 100, minimum=1, maximum=TOP_K_CEILING)
        domain = KnowledgeBaseConfig(
            default_top_k=env.int(f"{PREFIX}_DEFAULT_TOP_K", 10, minimum=1, maximum=max_top_k),
            max_top_k=max_top_k,
            vector_weight=env.float(f"{PREFIX}_VECTOR_WEIGHT", 0.6, minimum=0.0, maximum=1.0),
            hnsw_threshold=env.int(f"{PREFIX}_HNSW_THRESHOLD", 50_000, minimum=0),
            hnsw=HnswParams(
                m=env.int(f"{PREFIX}_HNSW_M", 32, minimum=4, maximum=128),
                ef_construction=env.int(f"{PREFIX}_HNSW_EF_CONSTRUCTION", 80, minimum=8, maximum=1024),
                ef_search=env.int(f"{PREFIX}_HNSW_EF_SEARCH", 96, minimum=8, maximum=4096),
            ),
            save_every=env.int(f"{PREFIX}_SAVE_EVERY", 100, minimum=1),
            embed_batch_size=env.int(f"{PREFIX}_EMBED_BATCH_SIZE", 64, minimum=1, maximum=4096),
        )
        seed = env.bool(f"{PREFIX}_SEED", True)
        return cls(
            database_url=env.str(f"{PREFIX}_DATABASE_URL", default_database_url(data_dir)),
            index_dir=env.path(f"{PREFIX}_INDEX_DIR", data_dir / "index"),
            seed_dir=env.path(f"{PREFIX}_SEED_DIR", SEED_DIR) if seed else None,
            embedder=env.choice(f"{PREFIX}_EMBEDDER", "minilm", ("minilm", "hashing")),
            torch_threads=env.int(f"{PREFIX}_TORCH_THREADS", 1, minimum=1, maximum=64),
            faiss_threads=env.int(f"{PREFIX}_FAISS_THREADS", 1, minimum=1, maximum=64),
            domain=domain,
        )
