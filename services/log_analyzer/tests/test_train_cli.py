from services.kit import Env
from services.log_analyzer import train
from services.log_analyzer.analyzer import LogAnalyzer
from services.log_analyzer.storage import AnalyzerStore


def test_cli_publishes_a_model_the_service_then_loads(tmp_path, capsys, baseline_lines):
    logs = tmp_path / "normal.log"
    logs.write_text("\n".join(baseline_lines[:500]) + "\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    assert train.main([str(logs), "--data-dir", str(data_dir), "--description", "quiet day"], Env({})) == 0
    assert "published" in capsys.readouterr().out
    analyzer = LogAnalyzer(AnalyzerStore(data_dir))
    model = analyzer.load(["unused: the published model wins"])
    assert model.metadata["description"] == "quiet day"
    assert model.baseline.line_count == 500


def test_cli_rejects_a_missing_file_and_a_binary_file(tmp_path, capsys):
    assert train.main([str(tmp_path / "absent.log"), "--data-dir", str(tmp_path)], Env({})) == 2
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 10)
    assert train.main([str(binary), "--data-dir", str(tmp_path)], Env({})) == 1
    assert "cannot train" in capsys.readouterr().err
