"""Composes one incident excerpt: a family's signal lines interleaved with realistic noise."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from services.root_cause.corpus.noise import SIDE_STYLES, pool_for
from services.root_cause.corpus.render import Clock, Family, Values, header_line, render_message

# Placeholders that identify one request; a repeated error line gets fresh ones.
_PER_REQUEST_KEYS = (
    "reqid",
    "traceid",
    "uuid",
    "n",
    "eport",
    "dur",
    "hex",
    "count",
    "big",
    "bigms",
    "lag",
    "age",
)

Block = list[str]
RAW_MARK = "@raw "


def _choose(rng: random.Random, item: str | tuple[str, ...]) -> str:
    return item if isinstance(item, str) else item[rng.randrange(len(item))]


def _render_line(style: str, template: str, values: Values, clock: Clock) -> str:
    level, message = template[0], template[2:]
    if message.startswith(RAW_MARK):
        # A line another component wrote verbatim (an access log line inside an error log excerpt).
        style, message = "raw", message.removeprefix(RAW_MARK)
    clock.tick()
    return header_line(style, level, render_message(message, values, clock), clock.now, values)


def _select_blocks(family: Family, rng: random.Random) -> list[list[str]]:
    """Picks one variant of each line and drops some optional ones; frames stay with their header."""
    blocks: list[list[str]] = []
    for item in family.lines:
        template = _choose(rng, item)
        if template.startswith("?"):
            if rng.random() < 0.4:
                continue
            template = template[1:]
        if template[:1] in (" ", "\t", "|"):
            if blocks:
                blocks[-1].append(template.removeprefix("|"))
            continue
        blocks.append([template])
    return blocks


def _render_block(style: str, templates: list[str], values: Values, clock: Clock) -> Block:
    head, *frames = templates
    return [_render_line(style, head, values, clock), *(render_message(f, values, clock) for f in frames)]


def _noise_lines(style: str, rng: random.Random, values: Values, clock: Clock, count: int) -> list[str]:
    pool = pool_for(style)
    lines = []
    for _ in range(count):
        _fresh_request(values)
        lines.append(_render_line(style, rng.choice(pool), values, clock))
    return lines


def _fresh_request(values: Values) -> None:
    for key in _PER_REQUEST_KEYS:
        values.pop(key, None)


def compose_excerpt(family: Family, rng: random.Random) -> tuple[str, list[str]]:
    """Picks one of the family's log styles and renders, in time order: noise, the signal blocks
    (some repeated) with noise between, noise. Returns the style and the lines."""
    style = rng.choice(family.style_options())
    values = Values(rng)
    start = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 60 * 86400))
    clock = Clock(start, rng)
    lines = _noise_lines(style, rng, values, clock, rng.randint(0, 5))
    selected = _select_blocks(family, rng)
    # Real incidents repeat their failure: the same error again for the next requests.
    plan = selected + [rng.choice(selected) for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3]))]
    for index, templates in enumerate(plan):
        if index >= len(selected):
            _fresh_request(values)
        lines.extend(_render_block(style, templates, values, clock))
        if rng.random() < 0.3:
            lines.extend(_noise_lines(style, rng, values, clock, rng.randint(1, 2)))
    lines.extend(_noise_lines(style, rng, values, clock, rng.randint(0, 3)))
    if rng.random() < 0.3:
        # Lines from the platform around the service (events, proxies, the host) arrive interleaved.
        side_style = rng.choice([s for s in SIDE_STYLES if s != style])
        for line in _noise_lines(side_style, rng, values, clock, rng.randint(1, 3)):
            lines.insert(rng.randint(0, len(lines)), line)
    # Some templates carry a multi-line message (a wrapped driver error); a log shows those as lines too.
    return style, [part for line in lines for part in line.split("\n")]
