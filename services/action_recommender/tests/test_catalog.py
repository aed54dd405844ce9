from __future__ import annotations

from pathlib import Path

import pytest

from services.action_recommender.catalog import ROOT_CAUSES, CatalogError, build_catalog
from services.action_recommender.storage import DEFAULT_CATALOG, read_yaml_documents


def _action(**overrides):
    action = {
        "id": "flush_cache",
        "title": "Flush the cache",
        "steps": ["redis-cli -h <redis_host> FLUSHDB"],
        "risk": "low",
        "requires_approval": False,
        "preconditions": [],
        "root_causes": ["cache_poisoning"],
    }
    action.update(overrides)
    return action


def _catalog_with(*actions):
    fallback = _action(id="page_owner", root_causes=[], fallback=True)
    return build_catalog([("test.yaml", {"actions": [fallback, *actions]})])


def test_committed_catalog_covers_every_root_cause_with_one_to_four_actions(catalog):
    for root_cause in ROOT_CAUSES:
        count = len(catalog.for_root_cause(root_cause))
        assert catalog.knows(root_cause), root_cause
        assert 1 <= count <= 4, (root_cause, count)


def test_every_high_risk_action_requires_approval(catalog):
    high = [a for a in catalog.all() if a.risk == "high"]
    assert len(high) >= 3
    assert all(a.requires_approval for a in high)


def test_loader_refuses_high_risk_action_without_approval():
    with pytest.raises(CatalogError, match=r"'drop_table'.*high-risk.*requires_approval"):
        _catalog_with(_action(id="drop_table", risk="high", requires_approval=False))


def test_high_risk_action_without_approval_field_defaults_to_approval():
    action = _action(id="drop_table", risk="high")
    del action["requires_approval"]
    assert _catalog_with(action).get("drop_table").requires_approval


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"id": "Bad Id"}, "'id' must be lower_snake_case"),
        ({"title": " "}, "'title' must be a non-empty string"),
        ({"steps": []}, "at least one step"),
        ({"steps": "kubectl get pods"}, "'steps' must be a list"),
        ({"risk": "extreme"}, "'risk' must be one of low, medium, high"),
        ({"requires_approval": "yes"}, "'requires_approval' must be true or false"),
        ({"root_causes": []}, "list the root causes"),
        ({"root_causes": ["Disk Full"]}, "must be lower_snake_case"),
        ({"colour": "red"}, "unknown field"),
    ],
)
def test_loader_names_the_wrong_field(override, message):
    with pytest.raises(CatalogError, match=r"flush_cache|actions\[1\]") as error:
        _catalog_with(_action(**override))
    assert message in str(error.value)


def test_duplicate_ids_in_one_file_are_rejected():
    with pytest.raises(CatalogError, match="defined twice"):
        _catalog_with(_action(), _action())


def test_catalog_without_fallback_action_is_rejected():
    with pytest.raises(CatalogError, match="fallback"):
        build_catalog([("test.yaml", {"actions": [_action()]})])


def test_document_without_actions_list_is_rejected():
    with pytest.raises(CatalogError, match="'actions' list"):
        build_catalog([("test.yaml", {"action": []})])


def test_invalid_yaml_file_is_reported_with_its_path(tmp_path: Path):
    broken = tmp_path / "extra.yaml"
    broken.write_text("actions: [\n  - id: x\n")
    with pytest.raises(CatalogError, match=r"extra\.yaml: invalid YAML"):
        read_yaml_documents([broken])


def test_missing_extension_file_is_reported(tmp_path: Path):
    with pytest.raises(CatalogError, match="cannot read catalog file"):
        read_yaml_documents([tmp_path / "absent.yaml"])


def test_extension_adds_actions_and_overrides_by_id(tmp_path: Path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "actions:\n"
        "  - id: flush_cache\n"
        "    title: Flush the cache\n"
        "    risk: medium\n"
        "    steps: ['redis-cli -h <redis_host> FLUSHDB']\n"
        "    root_causes: [cache_poisoning, upstream_timeout]\n"
        "  - id: restart_pods\n"
        "    title: Restart pods (our runbook)\n"
        "    risk: low\n"
        "    steps: ['ops restart <service>']\n"
        "    root_causes: [crash_loop]\n"
    )
    merged = build_catalog(read_yaml_documents([DEFAULT_CATALOG, extra]))
    assert merged.get("flush_cache").requires_approval  # medium defaults to approval
    assert [a.id for a in merged.for_root_cause("cache_poisoning")] == ["flush_cache"]
    assert "flush_cache" in {a.id for a in merged.for_root_cause("upstream_timeout")}
    assert merged.get("restart_pods").steps == ("ops restart <service>",)
    assert "restart_pods" not in {a.id for a in merged.for_root_cause("out_of_memory")}


def test_unknown_root_cause_gets_only_fallback_actions(catalog):
    fallbacks = catalog.for_root_cause("solar_flare")
    assert fallbacks and all(a.fallback and a.risk != "high" for a in fallbacks)


def test_placeholders_are_filled_when_known_and_kept_visible_otherwise(catalog):
    steps = catalog.get("scale_out").rendered_steps({"service": "checkout", "namespace": "shop"})
    assert "kubectl scale deployment/checkout -n shop --replicas=<replicas>" in steps
    assert all("<service>" not in step and "<namespace>" not in step for step in steps)
