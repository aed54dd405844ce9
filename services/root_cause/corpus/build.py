"""Builds the corpus: every family, a held-out split by family, excerpts per label."""

from __future__ import annotations

import random
from collections import defaultdict

from services.root_cause.corpus import (
    access_and_config,
    code_and_capacity,
    data_layer,
    datastores,
    go_apps,
    jvm,
    kubernetes,
    messaging,
    network_edges,
    node_apps,
    orchestrators,
    polyglot,
    proxies,
    python_apps,
    ruby_dotnet,
    runtime_failures,
    service_pressure,
    structured,
    systemd,
)
from services.root_cause.corpus.compose import compose_excerpt
from services.root_cause.corpus.render import Family

ALL_FAMILIES: tuple[Family, ...] = (
    *jvm.FAMILIES,
    *python_apps.FAMILIES,
    *python_apps.MORE_FAMILIES,
    *go_apps.FAMILIES,
    *node_apps.FAMILIES,
    *ruby_dotnet.FAMILIES,
    *ruby_dotnet.MORE_FAMILIES,
    *orchestrators.FAMILIES,
    *proxies.FAMILIES,
    *datastores.FAMILIES,
    *messaging.FAMILIES,
    *kubernetes.FAMILIES,
    *systemd.FAMILIES,
    *structured.FAMILIES,
    *structured.MORE_FAMILIES,
    *polyglot.FAMILIES,
    *polyglot.MORE_FAMILIES,
    *polyglot.EVEN_MORE_FAMILIES,
    *data_layer.FAMILIES,
    *runtime_failures.FAMILIES,
    *network_edges.FAMILIES,
    *service_pressure.FAMILIES,
    *access_and_config.FAMILIES,
    *code_and_capacity.FAMILIES,
)

DEFAULT_SEED = 20240611
DEFAULT_PER_LABEL = 200
HELD_OUT_SHARE = 0.25


def _by_label(families: tuple[Family, ...]) -> dict[str, list[Family]]:
    grouped: dict[str, list[Family]] = defaultdict(list)
    for family in families:
        grouped[family.label].append(family)
    return {label: sorted(group, key=lambda f: f.id) for label, group in sorted(grouped.items())}


def held_out_families(seed: int = DEFAULT_SEED) -> frozenset[str]:
    """A quarter of each label's families (at least two), whose shapes the model never trains on."""
    chosen: set[str] = set()
    for label, group in _by_label(ALL_FAMILIES).items():
        rng = random.Random(f"{seed}:{label}")
        count = max(2, round(len(group) * HELD_OUT_SHARE))
        chosen.update(f.id for f in rng.sample(group, count))
    return frozenset(chosen)


def build_corpus(seed: int = DEFAULT_SEED, per_label: int = DEFAULT_PER_LABEL) -> list[dict[str, object]]:
    """Returns records {id, label, family, style, split, lines}; same seed, same corpus."""
    held_out = held_out_families(seed)
    records: list[dict[str, object]] = []
    for label, group in _by_label(ALL_FAMILIES).items():
        rng = random.Random(f"{seed}:{label}:excerpts")
        for index in range(per_label):
            family = group[index % len(group)]
            style, lines = compose_excerpt(family, rng)
            records.append(
                {
                    "id": f"{label}-{index:04d}",
                    "label": label,
                    "family": family.id,
                    "style": style,
                    "split": "test" if family.id in held_out else "train",
                    "lines": lines,
                }
            )
    return records
