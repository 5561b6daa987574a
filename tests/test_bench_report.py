"""`make bench`'s report: areas run again alone take their tables' places,
and the header says so and counts the goals missed anew."""

from __future__ import annotations

from bench.run import NOTES, run_again

REPORT = """# Benchmarks

Measured 2026-12-01 on a machine.
Goals missed: 2 (marked **no**).

## Keys: one

| key | met |
|---|---|
| j | **no** |

## Market: two

| figure | met |
|---|---|
| screen | **no** |
""" + NOTES


def test_an_area_run_again_takes_its_tables_place():
    again = run_again(REPORT, ["Market: two", "| figure | met |\n|---|---|\n| screen | yes |"],
                      ["bench.market"])
    assert "| screen | yes |" in again and "| screen | **no** |" not in again
    assert "| j | **no** |" in again  # the other area as it was
    assert "Goals missed: 1 (marked **no**)." in again
    assert "after the changes they measure: market." in again
    assert again.endswith(NOTES) and again.count("## Market: two") == 1


def test_an_area_new_to_the_report_is_added_before_the_notes():
    again = run_again(REPORT, ["Memory: three", "| peak | **no** |"], ["bench.memory"])
    assert again.index("## Memory: three") < again.index("## How to read this")
    assert "Goals missed: 3 (marked **no**)." in again
