"""Every kind of error is its exception (suanli.InvalidInput, UnknownId, Infeasible, all
suanli.Error) with the library's code, message, problems and hints: the text the CLI prints after
"error: " for the same request. Nothing a caller passes crashes the interpreter."""

import pytest

import suanli
from conftest import ROOT, cli_answer, run_cli


def test_unknown_id_says_did_you_mean():
    with pytest.raises(suanli.UnknownId) as e:
        suanli.infer(model="llama-3.1-70", system="hgx-h100", input=100, output=10)
    err = e.value
    assert isinstance(err, suanli.Error)
    assert err.code == "not_found"
    assert err.message == "unknown model 'llama-3.1-70'"
    assert any("did you mean" in h for h in err.hints), err.hints
    cli = cli_answer("infer", dict(model="llama-3.1-70", system="hgx-h100", input=100, output=10))
    assert cli.rc == 2
    assert str(err) == cli.error


def test_unknown_keyword_is_invalid_input_with_a_suggestion():
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.infer(model="llama-3.1-8b", system="hgx-h100", input=100, tpot_sloo="50ms")
    assert e.value.code == "usage"
    assert e.value.message == "unknown key 'tpot_sloo'"
    assert e.value.hints == ["did you mean one of 'tpot_slo', 'ttft_slo'?"]


def test_bad_value_names_the_keyword():
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.infer(model="llama-3.1-8b", system="hgx-h100", input=100, tpot_slo=50)
    assert e.value.code == "usage"
    assert e.value.message.startswith("tpot_slo: '50' has no unit"), e.value.message


def test_a_whole_prompt_in_the_prefix_cache_is_refused_as_the_cli_refuses_it():
    ask = dict(model="llama-3.1-8b", chip="nvidia-h100-sxm", chips=1, input=4096, output=256,
               cache_hit=1)
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.infer(**ask)
    assert e.value.code == "usage"
    assert e.value.message.startswith("--cache-hit: 1 leaves no prompt token to compute")
    cli = cli_answer("infer", ask)
    assert cli.rc == 1
    assert str(e.value) == cli.error
    answer = suanli.infer(**dict(ask, cache_hit=0.5))
    assert answer["config"]["cache_hit"] == 0.5


def test_a_search_past_its_time_budget_is_refused_as_the_cli_refuses_it():
    ask = dict(model="llama-3.1-8b", target="1M-tok/s", systems="hgx-h100,hgx-h200",
               time_budget=1e-9)
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.plan(**ask)
    assert e.value.code == "usage"
    assert e.value.message == ("plan: the search reached its time budget of 1e-09 s with 0 of 2 "
                               "systems evaluated (--time-budget)")
    cli = cli_answer("plan", ask)
    assert cli.rc == 1
    assert str(e.value) == cli.error


def test_a_value_python_cannot_pass_is_invalid_input():
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.infer(model=object(), system="hgx-h100")
    assert e.value.message == "model: a object is not a value suanli reads " \
                              "(give text, a number, a boolean or a list)"


def test_infeasible_carries_the_answer_the_cli_prints():
    request = dict(model="llama-3.1-405b", chip="nvidia-l40s", chips=1, tp=1, input=100,
                   output=10)
    with pytest.raises(suanli.Infeasible) as e:
        suanli.infer(**request)
    err = e.value
    assert err.code == "infeasible"
    cli = cli_answer("infer", request)
    assert cli.rc == 3
    assert err.answer == cli.json
    assert err.answer["limit"] == "memory"
    assert err.message == err.answer["reason"]


def test_infeasible_plan_carries_the_rows_the_cli_prints():
    request = dict(model="deepseek-r1", systems=["hgx-h20"], target="1M-tok/s", budget="1000USD")
    with pytest.raises(suanli.Infeasible) as e:
        suanli.plan(**request)
    cli = cli_answer("plan", request)
    assert cli.rc == 3
    assert str(e.value) == cli.error
    assert e.value.answer == cli.json
    assert [r["system"] for r in e.value.answer["rows"]] == ["hgx-h20"]


def test_bad_catalog_directory_reports_every_problem(tmp_path):
    bad = ROOT / "tests" / "bad_input" / "chip_typos"
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.Catalog(data=[bad])
    err = e.value
    assert err.code == "invalid_input"
    assert len(err.problems) >= 2
    assert {"file", "line", "key", "message", "hint"} <= set(err.problems[0])
    assert any("did you mean" in p["hint"] for p in err.problems)
    expected = (bad / "expected.err").read_text()
    assert "error: " + str(err) + "\n" == expected.replace("\n  ./", "\n  " + str(bad) + "/")


def test_validate_of_a_missing_suite():
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.validate(ROOT / "no-such-suite.jsonl")
    assert e.value.code == "invalid_input"
    assert "no-such-suite.jsonl" in e.value.message


def test_validate_with_an_unknown_kind():
    with pytest.raises(suanli.InvalidInput) as e:
        suanli.validate(ROOT / "validation" / "calibration.jsonl", kind="everything")
    assert e.value.message == "kind: 'everything' is not one of inference, training, all"


def test_validate_with_no_predictable_case_is_infeasible_as_the_cli_says():
    suite = ROOT / "tests" / "golden" / "unpredictable_suite.jsonl"
    with pytest.raises(suanli.Infeasible) as e:
        suanli.validate(suite, kind="all")
    assert e.value.message == (
        "validate: the suite's one case could not be predicted "
        "(FLAGPERF-019: memory bandwidth of the chip is unknown)")
    cli = run_cli("validate", suite, "--kind", "all")
    assert cli.rc == 3
    assert str(e.value) == cli.error
