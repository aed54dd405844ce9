"""Baseline model and anomaly scoring: Isolation Forest over template mixes plus the
signals it misses (new templates, rate jumps, error bursts, parameter outliers).

Everything is computed as numpy arrays over the whole batch; human-readable reasons
are only formatted for the lines that end up reported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.ensemble import IsolationForest

from services.log_analyzer.features import columns_for, rolling_count, window_mix, window_starts
from services.log_analyzer.miner import NUMBER
from services.log_analyzer.preprocess import Severity

SEED = 0


@dataclass(frozen=True)
class DetectorParameters:
    window: int = 50
    train_stride: int = 10
    n_estimators: int = 100
    # A rate this many times the baseline rate, seen at least `min_burst_count` times, is a jump.
    rate_ratio_threshold: float = 10.0
    min_burst_count: int = 3
    # An error burst: this many ERROR+ lines within one window, at this multiple of the baseline error rate.
    error_burst_count: int = 5
    error_burst_ratio: float = 5.0
    # Windows more unusual than this share of baseline windows are Isolation Forest outliers.
    window_outlier_quantile: float = 0.95
    # A numeric parameter this many orders of magnitude outside its baseline range is an outlier.
    parameter_orders_of_magnitude: float = 1.0
    flag_threshold: float = 0.5


# Per-signal contributions to a line's score, combined as 1 - prod(1 - s).
NEW_TEMPLATE_WEIGHT = 0.6
QUIET_NEW_TEMPLATE_WEIGHT = 0.35
UNFAMILIAR_BATCH_SHARE = 0.5
RATE_JUMP_WEIGHT = 0.5
ERROR_BURST_WEIGHT = 0.3
WINDOW_OUTLIER_WEIGHT = 0.4
PARAMETER_WEIGHT = 0.5
SEVERITY_WEIGHT = {
    Severity.WARNING: 0.1,
    Severity.ERROR: 0.3,
    Severity.CRITICAL: 0.5,
}


@dataclass(frozen=True)
class BaselineModel:
    parameters: DetectorParameters
    # Drain3 cluster id -> feature column; the last column collects unknown templates.
    vocabulary: dict[int, int]
    templates: dict[int, str]
    template_share: np.ndarray
    error_share: float
    idf: np.ndarray
    forest: IsolationForest
    # Isolation Forest scores of the baseline windows, sorted, to calibrate new windows.
    baseline_window_scores: np.ndarray
    # cluster id -> (low, high) arrays over the positions of its numeric parameters.
    numeric_ranges: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    # Shapes (digits -> "0") of baseline lines: a line of a known shape has every number the
    # same length as some baseline value, so it cannot be 10x outside a range; skip parsing it.
    known_shapes: frozenset[str] = frozenset()
    line_count: int = 0

    @property
    def unknown_column(self) -> int:
        return len(self.vocabulary)


def train_baseline(
    cluster_ids: Sequence[int],
    severities: Sequence[int],
    messages: Sequence[str],
    templates: dict[int, str],
    parameters: DetectorParameters | None = None,
    shapes: Sequence[str] = (),
) -> BaselineModel:
    """Fits the baseline deterministically (fixed seed, sorted vocabulary)."""
    parameters = parameters or DetectorParameters()
    if not cluster_ids:
        raise ValueError("baseline needs at least one line")
    ids = np.asarray(cluster_ids, dtype=np.int64)
    vocabulary = {int(cid): column for column, cid in enumerate(sorted(set(ids.tolist())))}
    n_columns = len(vocabulary) + 1
    columns = columns_for(ids, vocabulary, len(vocabulary))
    counts = np.bincount(columns, minlength=n_columns).astype(np.float64)
    template_share = counts / counts.sum()
    error_share = float(np.mean(np.asarray(severities) >= Severity.ERROR))
    width = min(parameters.window, len(ids))
    mix = window_mix(columns, width, n_columns, stride=min(parameters.train_stride, width))
    document_frequency = (mix > 0).sum(axis=0)
    idf = np.log((1.0 + len(mix)) / (1.0 + document_frequency)) + 1.0
    features = mix * idf
    forest = IsolationForest(n_estimators=parameters.n_estimators, random_state=SEED)
    forest.fit(features)
    scores = np.sort(forest.score_samples(features))
    return BaselineModel(
        parameters=parameters,
        vocabulary=vocabulary,
        templates={cid: templates.get(cid, "") for cid in vocabulary},
        template_share=template_share,
        error_share=error_share,
        idf=idf,
        forest=forest,
        baseline_window_scores=scores,
        numeric_ranges=_numeric_ranges(ids, messages),
        known_shapes=frozenset(shapes),
        line_count=len(ids),
    )


def _numeric_ranges(ids: np.ndarray, messages: Sequence[str]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    by_template: dict[int, list[list[float]]] = defaultdict(list)
    for cid, message in zip(ids.tolist(), messages, strict=True):
        numbers = NUMBER.findall(message)
        if numbers:
            by_template[cid].append([float(n) for n in numbers])
    ranges: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for cid, rows in by_template.items():
        arity, _ = Counter(len(row) for row in rows).most_common(1)[0]
        matrix = np.array([row for row in rows if len(row) == arity])
        # A handful of samples says too little about a parameter's normal range.
        if len(matrix) >= 5:
            ranges[cid] = (matrix.min(axis=0), matrix.max(axis=0))
    return ranges


@dataclass(frozen=True)
class LineScores:
    """Per-line scores and the evidence needed to explain them."""

    score: np.ndarray
    rate_jump: np.ndarray
    new_template: np.ndarray
    rate_ratio: np.ndarray
    error_burst: np.ndarray
    window_outlier: np.ndarray
    window_of_line: np.ndarray
    window_rank: np.ndarray
    parameter_outliers: dict[int, str]
    errors_near: np.ndarray


def score_lines(
    model: BaselineModel,
    cluster_ids: Sequence[int],
    severities: np.ndarray,
    lines: Sequence[str],
    header_numbers: Sequence[int] | None = None,
    shapes: Sequence[str] | None = None,
) -> LineScores:
    """Scores every line; `lines` are messages, or raw lines with `header_numbers` saying how many
    leading numbers belong to each line's header (see LogTemplateMiner.mine_lines)."""
    p = model.parameters
    ids = np.asarray(cluster_ids, dtype=np.int64)
    n = len(ids)
    if n == 0:
        raise ValueError("nothing to score")
    unknown = model.unknown_column
    columns = columns_for(ids, model.vocabulary, unknown)
    new_template = columns == unknown

    counts = np.bincount(columns, minlength=unknown + 1)
    batch_share = counts / max(n, 1)
    # Templates in the baseline get their own rate; new ones have no finite ratio.
    ratio_by_column = np.where(
        model.template_share > 0, batch_share / np.maximum(model.template_share, 1e-12), 0.0
    )
    ratio_by_column[unknown] = 0.0
    batch_ratio = ratio_by_column[columns]
    batch_jump = (batch_ratio >= p.rate_ratio_threshold) & (counts[columns] >= p.min_burst_count)

    is_error = severities >= Severity.ERROR
    errors_near = rolling_count(is_error, p.window)
    expected_errors = max(model.error_share * p.window, 1.0)
    error_burst = (
        is_error
        & (errors_near >= p.error_burst_count)
        & (errors_near >= p.error_burst_ratio * expected_errors)
    )

    width = min(p.window, n)
    mix = window_mix(columns, width, unknown + 1)
    scores = model.forest.score_samples(mix * model.idf)
    # Share of baseline windows that look at least as normal as this one.
    window_rank = 1.0 - np.searchsorted(model.baseline_window_scores, scores, side="right") / len(
        model.baseline_window_scores
    )
    starts = window_starts(n, width)
    window_of_line = np.minimum(np.arange(n) // width, len(starts) - 1)
    window_share = mix[window_of_line, columns]
    window_lines = np.bincount(window_of_line, minlength=len(starts))[window_of_line]
    # A burst confined to a few dozen lines is diluted in a long batch: judge rates per window too.
    window_ratio = np.where(
        new_template, 0.0, window_share / np.maximum(model.template_share[columns], 1e-12)
    )
    window_jump = (window_ratio >= p.rate_ratio_threshold) & (
        np.rint(window_share * window_lines) >= p.min_burst_count
    )
    rate_jump = batch_jump | window_jump
    rate_ratio = np.maximum(batch_ratio, np.where(window_jump, window_ratio, 0.0))
    # Within an unusual window, blame the templates that are over-represented there.
    over_represented = window_share > 2.0 * model.template_share[columns]
    window_outlier = (window_rank >= p.window_outlier_quantile)[window_of_line] & (
        over_represented | new_template
    )

    parameter_outliers = _parameter_outliers(model, ids, lines, header_numbers, shapes)
    parameter_flag = np.zeros(n, dtype=bool)
    if parameter_outliers:
        parameter_flag[list(parameter_outliers)] = True

    severity_weight = np.zeros(n)
    for level, weight in SEVERITY_WEIGHT.items():
        severity_weight[severities == level] = weight
    # Errors the baseline saw just as often are expected; their weight fades with baseline frequency.
    severity_weight *= np.where(new_template | rate_jump, 1.0, 0.5)

    # In a batch from a system the baseline never saw, most lines are new: novelty then says little
    # about a quiet INFO line, so alone it ranks such a line without flagging it.
    unfamiliar_batch = new_template.mean() > UNFAMILIAR_BATCH_SHARE if n else False
    quiet_novelty = unfamiliar_batch & (severities < Severity.WARNING) & new_template
    new_weight = np.where(quiet_novelty, QUIET_NEW_TEMPLATE_WEIGHT, NEW_TEMPLATE_WEIGHT)
    # Every window of an unfamiliar system is unusual; that is no reason to flag its quiet lines.
    window_outlier = window_outlier & ~quiet_novelty
    keep = np.ones(n)
    keep *= 1.0 - new_weight * new_template
    keep *= 1.0 - RATE_JUMP_WEIGHT * rate_jump
    keep *= 1.0 - ERROR_BURST_WEIGHT * error_burst
    keep *= 1.0 - WINDOW_OUTLIER_WEIGHT * window_outlier * window_rank[window_of_line]
    keep *= 1.0 - PARAMETER_WEIGHT * parameter_flag
    keep *= 1.0 - severity_weight
    return LineScores(
        score=1.0 - keep,
        rate_jump=rate_jump,
        new_template=new_template,
        rate_ratio=rate_ratio,
        error_burst=error_burst,
        window_outlier=window_outlier,
        window_of_line=window_of_line,
        window_rank=window_rank,
        parameter_outliers=parameter_outliers,
        errors_near=errors_near,
    )


def _parameter_outliers(
    model: BaselineModel,
    ids: np.ndarray,
    lines: Sequence[str],
    header_numbers: Sequence[int] | None,
    shapes: Sequence[str] | None,
) -> dict[int, str]:
    """Lines whose numeric parameters lie far outside what the baseline saw for their template."""
    if not model.numeric_ranges:
        return {}
    orders = model.parameters.parameter_orders_of_magnitude
    found: dict[int, str] = {}
    known = np.fromiter(model.numeric_ranges, dtype=np.int64)
    candidates = np.flatnonzero(np.isin(ids, known))
    by_template: dict[int, list[int]] = defaultdict(list)
    known_shapes = model.known_shapes
    for index in candidates.tolist():
        if shapes is None or shapes[index] not in known_shapes:
            by_template[int(ids[index])].append(index)
    for cluster_id, indexes in by_template.items():
        low, high = model.numeric_ranges[cluster_id]
        arity = len(low)
        rows: list[list[str]] = []
        kept: list[int] = []
        for index in indexes:
            numbers = NUMBER.findall(lines[index])
            skip = header_numbers[index] if header_numbers is not None else 0
            if len(numbers) - skip == arity:
                rows.append(numbers[skip:])
                kept.append(index)
        if not rows:
            continue
        values = np.array(rows, dtype=np.float64).reshape(len(rows), arity)
        span = np.maximum(np.abs(high), np.abs(low))
        # Outside the observed range by a factor of 10**orders (or absolute 10**orders around zero).
        margin = np.maximum(span * (10.0**orders - 1.0), 10.0**orders)
        outside = (values > high + margin) | (values < low - margin)
        for row in np.flatnonzero(outside.any(axis=1)).tolist():
            position = int(np.flatnonzero(outside[row])[0])
            found[kept[row]] = (
                f"parameter #{position + 1} = {rows[row][position]} far outside baseline range "
                f"[{_number(low[position])}, {_number(high[position])}]"
            )
    return found


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"


def reasons_for(
    index: int,
    scores: LineScores,
    model: BaselineModel,
    severity: int,
    template: str,
    line_numbers: Sequence[int] | None = None,
) -> list[str]:
    """Human-readable evidence for one line, strongest first; `line_numbers` maps scored positions
    back to the caller's line indexes (when some input lines were skipped)."""
    p = model.parameters
    reasons: list[str] = []
    if scores.new_template[index]:
        reasons.append("new template never seen in baseline")
    ratio = float(scores.rate_ratio[index])
    if scores.rate_jump[index]:
        reasons.append(f"template rate {_ratio(ratio)}x baseline: {template[:120]}")
    if index in scores.parameter_outliers:
        reasons.append(scores.parameter_outliers[index])
    if scores.error_burst[index]:
        baseline = model.error_share * 100
        reasons.append(
            f"ERROR burst: {int(scores.errors_near[index])} error lines within {p.window} lines "
            f"(baseline {baseline:.1f}% of lines)"
        )
    if scores.window_outlier[index]:
        window = int(scores.window_of_line[index])
        rank = float(scores.window_rank[window])
        width = min(p.window, len(scores.score))
        start = window * width
        end = int(np.flatnonzero(scores.window_of_line == window)[-1])
        if line_numbers is not None:
            start, end = line_numbers[start], line_numbers[end]
        reasons.append(
            f"unusual mix of events in lines {start}-{end} "
            f"(Isolation Forest: more unusual than {rank * 100:.0f}% of baseline windows)"
        )
    if severity >= Severity.ERROR:
        reasons.append(f"{Severity(severity).name}-level line")
    return reasons


def _ratio(ratio: float) -> str:
    return f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}"


def model_metrics(model: BaselineModel) -> dict[str, float]:
    return {
        "baseline_lines": float(model.line_count),
        "baseline_templates": float(len(model.vocabulary)),
        "baseline_error_share": model.error_share,
        "baseline_windows": float(len(model.baseline_window_scores)),
    }
