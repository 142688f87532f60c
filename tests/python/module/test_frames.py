"""suanli.to_frame: one row per entry of a list, of a result's rows or cases; one row for any
other answer; nested objects as dotted columns."""

import pytest

import suanli
from conftest import CALIBRATION


def test_lists_give_one_row_per_entry():
    chips = suanli.chips()
    frame = suanli.to_frame(chips)
    assert frame.shape[0] == len(chips)
    assert list(frame["id"]) == [c["id"] for c in chips]
    assert suanli.to_frame(suanli.systems()).shape[0] == len(suanli.systems())
    assert suanli.to_frame(suanli.models()).shape[0] == len(suanli.models())


def test_compare_gives_one_row_per_system_with_dotted_columns():
    answer = suanli.compare(model="llama-3.1-8b", systems=["hgx-h100", "hgx-h20", "hgx-h200"])
    frame = suanli.to_frame(answer)
    assert frame.shape[0] == 3
    assert list(frame["system"]) == ["hgx-h100", "hgx-h20", "hgx-h200"]
    assert "config.tp" in frame.columns and "band.low" in frame.columns
    assert list(frame["output_tokens_per_s_per_chip"]) == \
        [r["output_tokens_per_s_per_chip"] for r in answer["rows"]]


def test_infer_gives_one_row():
    answer = suanli.infer(model="llama-3.1-8b", system="hgx-h100", input=1000, output=100)
    frame = suanli.to_frame(answer)
    assert frame.shape[0] == 1
    assert frame["output_tokens_per_s_per_chip"][0] == answer["output_tokens_per_s_per_chip"]


def test_validate_gives_one_row_per_case():
    answer = suanli.validate(CALIBRATION, kind="training")
    frame = suanli.to_frame(answer)
    assert frame.shape[0] == len(answer["cases"]) == answer["summary"]["n"]
    assert {"id", "metric", "predicted", "measured", "verb"} <= set(frame.columns)


def test_anything_else_is_a_type_error():
    with pytest.raises(TypeError, match="expected a suanli result"):
        suanli.to_frame(42)
