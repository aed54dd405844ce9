import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import services.log_analyzer.data.generate_baseline as generator
from services.log_analyzer.analyzer import LogAnalyzer, _prepare_all
from services.log_analyzer.detector import reasons_for, score_lines
from services.log_analyzer.limits import Limits, NoUsableLines, TooManyLines
from services.log_analyzer.preprocess import Severity
from services.log_analyzer.storage import AnalyzerStore
from services.log_analyzer.tests.samples import JAVA_TRACE


@pytest.fixture(scope="module")
def fresh_normal_lines() -> list[str]:
    """Normal traffic the baseline never saw: the same generator with another seed."""
    original = generator.SEED
    generator.SEED = 99
    try:
        return generator.generate()
    finally:
        generator.SEED = original


def test_fresh_normal_traffic_raises_no_anomalies(analyzer, fresh_normal_lines):
    analysis = analyzer.analyze(fresh_normal_lines)
    assert analysis.anomalies == []
    assert analysis.new_template_count == 0
    assert analysis.line_count == len(fresh_normal_lines)


def test_incident_lines_are_flagged_with_new_template_and_error_burst_reasons(analyzer, fresh_normal_lines):
    lines = fresh_normal_lines[:200] + JAVA_TRACE * 3 + fresh_normal_lines[200:400]
    analysis = analyzer.analyze(lines)
    flagged = {a.line_index for a in analysis.anomalies}
    assert flagged <= set(range(200, 200 + 3 * len(JAVA_TRACE)))
    first = next(a for a in analysis.anomalies if a.line_index == 200)
    assert first.severity == Severity.ERROR
    assert "new template never seen in baseline" in first.reasons
    assert any(reason.startswith("ERROR burst") for reason in first.reasons)
    assert "ERROR-level line" in first.reasons
    assert 0.5 <= first.score <= 1.0
    assert first.template_id.startswith("T")
    assert analysis.key_events[0].new_template
    assert analysis.entities.exception_types[0] == "java.lang.IllegalStateException"
    assert any(s.path == "com/shop/checkout/OrderService.java" for s in analysis.entities.source_locations)


def test_known_template_at_many_times_its_baseline_rate_is_explained(analyzer, fresh_normal_lines):
    slow = [line for line in fresh_normal_lines if "Price lookup took" in line][:20]
    lines = fresh_normal_lines[:200] + slow + fresh_normal_lines[200:300]
    analysis = analyzer.analyze(lines)
    reasons = analysis.anomalies[0].reasons
    assert reasons[0].startswith("template rate ") and "x baseline" in reasons[0]
    assert {a.line_index for a in analysis.anomalies} == set(range(200, 200 + len(slow)))


def test_isolation_forest_explains_a_window_whose_event_mix_is_unlike_any_baseline_window(
    analyzer, fresh_normal_lines
):
    # Only the Java service logging: every template is known and none jumps 10x, but the mix is wrong.
    java_only = [line for line in fresh_normal_lines if " c.s.checkout." in line][:100]
    lines = fresh_normal_lines[:200] + java_only + fresh_normal_lines[200:300]
    messages, severities = _prepare_all(lines)
    model = analyzer.model
    scores = score_lines(model.baseline, model.miner.copy().mine(messages), severities, messages)
    assert scores.window_rank[4] == 1.0
    assert scores.window_outlier[200:300].any()
    assert not scores.window_outlier[:200].any()
    index = int(scores.window_outlier.nonzero()[0][0])
    reasons = reasons_for(index, scores, model.baseline, int(severities[index]), "")
    assert reasons == [
        "unusual mix of events in lines 200-249 "
        "(Isolation Forest: more unusual than 100% of baseline windows)"
    ]
    # On its own an unusual mix is evidence, not an alarm.
    assert scores.score.max() < model.baseline.parameters.flag_threshold


def test_numeric_parameter_far_outside_its_baseline_range_is_explained(analyzer, fresh_normal_lines):
    outlier = (
        "2026-03-02 09:10:00,000 INFO  [scheduling-1] c.s.checkout.InventorySync: Synced 500 SKUs in 95000 ms"
    )
    analysis = analyzer.analyze([*fresh_normal_lines[:100], outlier, *fresh_normal_lines[100:200]])
    assert [a.line_index for a in analysis.anomalies] == [100]
    assert analysis.anomalies[0].reasons[0].startswith("parameter #2 = 95000 far outside baseline range")


def test_max_anomalies_caps_the_answer_highest_scores_first(analyzer, fresh_normal_lines):
    analysis = analyzer.analyze(fresh_normal_lines[:50] + JAVA_TRACE * 5, max_anomalies=3)
    assert len(analysis.anomalies) == 3
    scores = [a.score for a in analysis.anomalies]
    assert scores == sorted(scores, reverse=True)


def test_long_lines_are_truncated_with_a_note(make_analyzer):
    analyzer = make_analyzer(Limits(max_line_chars=100))
    analysis = analyzer.analyze(["x" * 1_000_000, "short line"])
    assert analysis.truncated_line_count == 1
    assert analysis.notes == ["1 line(s) longer than 100 characters were truncated"]


def test_binary_lines_are_skipped_with_a_note_and_indexes_stay_aligned(analyzer):
    garbage = "\x00\x01\x02\xff\ufffd" * 20
    analysis = analyzer.analyze([garbage, "ERROR disk /dev/sda1 failed", garbage])
    assert analysis.notes == ["2 binary/non-text line(s) were skipped"]
    assert [a.line_index for a in analysis.anomalies] == [1]


def test_only_binary_lines_is_an_error(analyzer):
    with pytest.raises(NoUsableLines):
        analyzer.analyze(["\x00\x00\x00"])


def test_batches_over_the_line_limit_are_refused(make_analyzer):
    analyzer = make_analyzer(Limits(max_lines=10))
    with pytest.raises(TooManyLines, match="11 lines exceed the limit of 10"):
        analyzer.analyze(["line"] * 11)


def test_templates_learned_while_serving_survive_a_restart(tmp_path, baseline_lines):
    store = tmp_path / "store"
    first = LogAnalyzer(AnalyzerStore(store), Limits(miner_save_seconds=0))
    first.load(baseline_lines)
    before = first.analyze(["ERROR quota exceeded for tenant 42 on shard 7"]).anomalies[0]
    restarted = LogAnalyzer(AnalyzerStore(store))
    model = restarted.load(baseline_lines)
    assert model.version == first.model.version
    again = restarted.analyze(["ERROR quota exceeded for tenant 99 on shard 3"]).anomalies[0]
    # Same template id after restart; still new relative to the baseline.
    assert again.template_id == before.template_id
    assert "new template never seen in baseline" in again.reasons


def test_retrain_on_user_logs_makes_their_templates_normal(analyzer):
    user_normal = [
        f"2026-03-02T10:00:{i % 60:02d}Z INFO billing run {i} settled {i * 3} invoices" for i in range(400)
    ]
    assert analyzer.analyze(user_normal[:50]).new_template_count == 1
    old_version = analyzer.model.version
    result = analyzer.train(user_normal, "billing team normal day")
    assert result.model.version != old_version
    assert result.line_count == 400
    assert result.model.metadata["description"] == "billing team normal day"
    assert set(result.model.metadata["library_versions"]) >= {"drain3", "scikit-learn", "numpy", "python"}
    analysis = analyzer.analyze(user_normal[:50])
    assert analysis.new_template_count == 0
    assert analysis.anomalies == []
    assert analysis.model_version == result.model.version


def test_training_is_deterministic(tmp_path, baseline_lines):
    models = []
    for name in ("a", "b"):
        analyzer = LogAnalyzer(AnalyzerStore(tmp_path / name))
        models.append(analyzer.load(baseline_lines))
    probe = baseline_lines[:300] + JAVA_TRACE
    scores = []
    for model in models:
        messages, severities = _prepare_all(probe)
        scores.append(
            score_lines(model.baseline, model.miner.copy().mine(messages), severities, messages).score
        )
    assert models[0].metadata["data_sha256"] == models[1].metadata["data_sha256"]
    assert (scores[0] == scores[1]).all()


def test_concurrent_analyses_each_see_one_model_version_while_retraining(analyzer, fresh_normal_lines):
    versions_seen: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def keep_analyzing() -> None:
        while not stop.is_set():
            try:
                versions_seen.append(analyzer.analyze(fresh_normal_lines[:100]).model_version)
            except BaseException as error:
                errors.append(error)

    before = analyzer.model.version
    with ThreadPoolExecutor(max_workers=3) as pool:
        for _ in range(3):
            pool.submit(keep_analyzing)
        after = [
            analyzer.train(fresh_normal_lines[i * 500 : i * 500 + 500], f"r{i}").model.version
            for i in range(3)
        ]
        stop.set()
    assert errors == []
    assert set(versions_seen) <= {before, *after}
    assert len(versions_seen) > 3
    assert analyzer.analyze(fresh_normal_lines[:10]).model_version == after[-1]
