"""Every function of the suanli module answers what the CLI answers for the same request, and
every kind of error is the matching exception with the CLI's message."""

import threading

import pytest

import suanli
from conftest import ROOT, cli_answer, run_cli


def same_as_cli(verb, result, **request):
    cli = cli_answer(verb, request)
    assert cli.rc == 0, cli.stderr
    assert result == cli.json
    return result


def test_catalog_lists_equal_the_cli():
    chips = same_as_cli("chips", suanli.chips())
    assert "nvidia-h20" in [c["id"] for c in chips]
    systems = same_as_cli("systems", suanli.systems())
    assert "cloudmatrix-384" in [s["id"] for s in systems]
    models = same_as_cli("models", suanli.models())
    assert "deepseek-r1" in [m["id"] for m in models]


def test_chips_filters_are_the_cli_flags():
    huawei = same_as_cli("chips", suanli.chips(vendor="huawei", supports="bf16"), vendor="huawei",
                         supports="bf16")
    assert huawei and all(c["vendor"] == "huawei" for c in huawei)


def test_show_a_chip_a_system_a_model_and_a_config_file():
    chip = same_as_cli("show", suanli.show("nvidia-h20"), id="nvidia-h20")
    assert chip["id"] == "nvidia-h20"
    same_as_cli("show", suanli.show("hgx-h200"), id="hgx-h200")
    model = same_as_cli("show", suanli.show("deepseek-v3"), id="deepseek-v3")
    assert model["id"] == "deepseek-v3"
    config = next((ROOT / "data" / "models").glob("*.json"))
    same_as_cli("show", suanli.show(config), id=str(config))


def test_infer_keywords_are_the_cli_flags():
    request = dict(model="llama-3.1-70b", system="hgx-h100", precision="fp8", input=2048,
                   output=512, tpot_slo="50ms", ttft_slo="2s")
    answer = same_as_cli("infer", suanli.infer(**request), **request)
    assert answer["output_tokens_per_s_per_chip"] > 0
    # Dashed spellings and numbers given as numbers ask the same question.
    assert suanli.infer(**dict(request, input="2048")) == answer


def test_compare_rows_index_by_number():
    request = dict(model="llama-3.1-8b", systems=["hgx-h100", "hgx-h20"], scenario="chat")
    answer = same_as_cli("compare", suanli.compare(**request), **request)
    assert [r["system"] for r in answer["rows"]] == ["hgx-h100", "hgx-h20"]
    assert answer[0] == answer["rows"][0]
    assert answer[-1]["system"] == "hgx-h20"


def test_compare_with_a_destination_and_date():
    request = dict(model="llama-3.1-8b", systems=["hgx-h20", "hgx-h200"], dest="CN",
                   date="2026-02-01")
    answer = same_as_cli("compare", suanli.compare(**request), **request)
    assert answer["destination"] == "CN"
    assert all("available" in r for r in answer["rows"])


def test_train():
    request = dict(model="llama-3.1-8b", chip="nvidia-h100-sxm", chips=64, seq=8192,
                   global_batch=512, tokens="1T")
    answer = same_as_cli("train", suanli.train(**request), **request)
    assert answer


def test_plan_serving_and_training():
    request = dict(model="llama-3.1-8b", systems=["hgx-h100", "hgx-h20"], target="100k-tok/s")
    answer = same_as_cli("plan", suanli.plan(**request), **request)
    assert {r["system"] for r in answer["rows"]} == {"hgx-h100", "hgx-h20"}
    request = dict(model="llama-3.1-8b", train=True, tokens="1T", days=30,
                   systems=["hgx-h100"])
    same_as_cli("plan", suanli.plan(**request), **request)


def test_policy_functions():
    same_as_cli("classify", suanli.classify("nvidia-h20", date="2025-05-01"), chip="nvidia-h20",
                date="2025-05-01")
    same_as_cli("access", suanli.access("nvidia-h200", dest="CN", date="2026-02-01"),
                chip="nvidia-h200", dest="CN", date="2026-02-01")
    same_as_cli("limits", suanli.limits(die_area="608.5mm2", date="2024-06-01"),
                die_area="608.5mm2", date="2024-06-01")
    same_as_cli("timeline", suanli.timeline(chip="nvidia-h20", dest="CN"), chip="nvidia-h20",
                dest="CN")


def test_validate_equals_the_cli():
    suite = ROOT / "validation" / "calibration.jsonl"
    answer = suanli.validate(suite, kind="training")
    cli = run_cli("validate", suite, "--kind", "training")
    assert cli.rc == 0, cli.stderr
    assert answer == cli.json
    assert answer["summary"]["n"] == len(answer["cases"]) > 0


def test_catalog_with_a_data_directory(tmp_path):
    catalog = suanli.Catalog(data=[tmp_path])
    assert catalog.chips() == suanli.chips()
    assert catalog.infer(model="llama-3.1-8b", system="hgx-h100", input=1000, output=100) == \
        suanli.infer(model="llama-3.1-8b", system="hgx-h100", input=1000, output=100)


def test_threads_ask_in_parallel():
    request = dict(model="llama-3.1-8b", system="hgx-h100", input=1000, output=100)
    expected = suanli.infer(**request)
    results = [None] * 4

    def ask(i):
        results[i] = suanli.infer(**request)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_help_has_the_documentation():
    assert "keyword arguments named as the CLI's flags" in suanli.__doc__
    assert "suanli infer" in suanli.infer.__doc__
    assert "suanli validate" in suanli.Catalog.validate.__doc__
