import pytest

from services.log_analyzer.sessions import SessionDetector, SessionParameters

# A healthy write: allocate, receive x3, respond x3, store x3.
NORMAL = [1, 2, 2, 2, 3, 3, 3, 4, 4, 4]


def _baseline() -> list[list[int]]:
    sessions = [list(NORMAL) for _ in range(300)]
    # Some honest variety: two replicas instead of three, or an extra verification.
    sessions += [[1, 2, 2, 3, 3, 4, 4] for _ in range(60)]
    sessions += [[*NORMAL, 5] for _ in range(40)]
    # One baseline session with a rare error template (unlabeled data is never clean).
    sessions.append([*NORMAL, 9])
    return sessions


def test_normal_sessions_are_not_flagged():
    detector = SessionDetector().fit(_baseline())
    verdicts = detector.score([list(NORMAL), [1, 2, 2, 3, 3, 4, 4], [*NORMAL, 5]])
    assert [v.anomalous for v in verdicts] == [False, False, False]
    assert all(0.0 <= v.score < 0.5 for v in verdicts)


def test_new_and_rare_templates_flag_a_session_even_when_its_counts_look_ordinary():
    detector = SessionDetector().fit(_baseline())
    new, rare = detector.score([[*NORMAL, 42], [*NORMAL, 9]], templates={42: "writeBlock received exception"})
    assert new.anomalous and new.score == 1.0
    assert new.reasons[0] == "new template never seen in baseline: writeBlock received exception"
    assert rare.anomalous
    assert rare.reasons[0].startswith("template seen in only 0.25% of baseline sessions")


def test_isolation_forest_flags_sessions_with_unusual_event_counts():
    detector = SessionDetector(SessionParameters(contamination=0.03)).fit(_baseline())
    (verdict,) = detector.score([[1, 2, 2, 2, 5, 5, 5]])
    assert verdict.anomalous
    assert any("Isolation Forest" in reason for reason in verdict.reasons)


def test_scoring_before_fitting_or_fitting_nothing_is_an_error():
    with pytest.raises(RuntimeError):
        SessionDetector().score([[1]])
    with pytest.raises(ValueError):
        SessionDetector().fit([])
