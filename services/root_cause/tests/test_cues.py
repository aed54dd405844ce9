import numpy as np

from services.root_cause.cues import CueMatcher, CuePhrase, parse_cue_phrases
from services.root_cause.dataset import LabeledExcerpt
from services.root_cause.normalize import normalize_lines
from services.root_cause.storage import read_cue_phrases
from services.root_cause.taxonomy import DEFAULT_LABELS
from services.root_cause.train import train_model

LABELS = ("disk_full", "dns_resolution")


def test_parsing_normalises_phrases_and_skips_what_cannot_match():
    cues = parse_cue_phrases(
        "# comment\n\n"
        "dns_resolution: NXDOMAIN\n"
        "dns_resolution: Name or service not known\n"
        "dns_resolution: nxdomain\n"  # duplicate after normalisation
        "rate_limited: 429 too many requests\n"  # digits never survive normalisation
        "no separator here\n"
        "disk_full: NoSpaceLeftOnDevice\n"
    )
    assert cues == (
        CuePhrase("dns_resolution", "nxdomain"),
        CuePhrase("dns_resolution", "name or service not known"),
        CuePhrase("disk_full", "no space left on device"),
    )


def test_committed_list_covers_every_default_label():
    cues = read_cue_phrases()
    assert {cue.label for cue in cues} == set(DEFAULT_LABELS)
    assert all(not any(ch.isdigit() for ch in cue.phrase) for cue in cues)


def test_phrases_match_whole_words_within_one_line_only():
    matcher = CueMatcher(
        (CuePhrase("disk_full", "no space left"), CuePhrase("dns_resolution", "nxdomain")), LABELS, 1.0
    )
    texts = [
        "write failed no space left on device",
        "write failed no space\nleft on device",  # split across lines: no match
        "nxdomainx lookup",  # not a whole word
        "nxdomain nxdomain\nnxdomain",
    ]
    counts = matcher.count(texts).toarray()
    features = matcher.features(matcher.count(texts)).toarray()
    assert counts.sum(axis=1).tolist() == [1, 0, 0, 3]
    assert np.allclose(features[0], [np.log1p(1), 0])
    assert np.allclose(features[3], [0, np.log1p(3)])


def test_labels_the_model_does_not_know_are_ignored():
    matcher = CueMatcher((CuePhrase("made_up", "strange thing"),), LABELS, 1.0)
    assert matcher.phrase_count == 0
    assert matcher.features(matcher.count(["strange thing"])).shape == (1, len(LABELS))


def _excerpt(label: str, group: str, line: str) -> LabeledExcerpt:
    return LabeledExcerpt((line, "GET /healthz 200"), label, group)


def _three_label_training() -> list[LabeledExcerpt]:
    training = [
        _excerpt("disk_full", f"d{i}", f"write {i} failed: no space left on device") for i in range(6)
    ]
    training += [_excerpt("dns_resolution", f"n{i}", f"lookup host{i}: nxdomain") for i in range(6)]
    training += [
        _excerpt("tls_certificate", f"t{i}", f"handshake {i}: certificate has expired") for i in range(6)
    ]
    return training


CUES = (
    CuePhrase("disk_full", "no space left on device"),
    CuePhrase("disk_full", "disk quota exceeded"),
    CuePhrase("dns_resolution", "nxdomain"),
    CuePhrase("dns_resolution", "name or service not known"),
    CuePhrase("tls_certificate", "certificate has expired"),
)


def test_a_phrase_never_seen_in_training_moves_the_prediction_through_its_label():
    # Each label is taught through one of its phrases; the other phrase only appears at prediction.
    training = _three_label_training()
    unseen = [normalize_lines(["Disk quota exceeded"]), normalize_lines(["Name or service not known"])]

    def margins(model) -> np.ndarray:
        scores = model.encode(unseen).features @ model.coef.T
        return scores[:, 0] - scores[:, 1]  # disk_full minus dns_resolution

    with_cues = train_model(training, [], cue_phrases=CUES).model
    without = train_model(training, []).model
    assert margins(with_cues)[0] > margins(without)[0]
    assert margins(with_cues)[1] < margins(without)[1]


def test_a_joined_phrase_matches_the_split_camel_case_and_the_other_way_round():
    matcher = CueMatcher(
        (CuePhrase("dns_resolution", "unknownhostexception"), CuePhrase("disk_full", "no space left")),
        LABELS,
        1.0,
    )
    texts = ["java net unknown host exception orders db", "nospaceleft on device"]
    assert np.asarray(matcher.count(texts).sum(axis=1)).ravel().tolist() == [1, 1]


def test_matched_phrases_are_term_evidence_for_their_label():
    model = train_model(_three_label_training(), [], cue_phrases=CUES).model
    lines = [normalize_lines(["E write failed: Disk quota exceeded (user 1001)"]), "get healthz http200"]
    excerpt, _ = model.encode_excerpt(lines, [])
    disk_full, dns = model.labels.index("disk_full"), model.labels.index("dns_resolution")
    assert model.cues.matched(excerpt.cue_counts, disk_full) == [("disk quota exceeded", 1.0)]
    assert model.cues.matched(excerpt.cue_counts, dns) == []
    terms = {term.term: term.weight for term in model.term_evidence(excerpt, [disk_full], 8)[0]}
    assert terms["disk quota exceeded"] > 0
    assert all(weight > 0 for weight in terms.values())
