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


def test_an_area_that_fails_when_run_again_leaves_its_table_as_it_was(tmp_path, monkeypatch):
    import subprocess

    import bench.run as runner

    report = tmp_path / "BENCHMARKS.md"
    report.write_text(REPORT, encoding="utf-8")
    monkeypatch.setattr(runner, "REPORT", report)
    monkeypatch.setattr(runner, "demo_files", lambda sizes, folder: {})

    def run_area(name, files):
        if name == "bench.black_box":
            raise subprocess.CalledProcessError(1, name)
        return "Market: two", "| figure | met |\n|---|---|\n| screen | yes |"

    monkeypatch.setattr(runner, "run_area", run_area)
    assert runner.main(["--again", "bench.black_box,bench.market"]) == 0
    again = report.read_text(encoding="utf-8")
    assert "| j | **no** |" in again and "## bench.black_box" not in again
    assert "after the changes they measure: market." in again
    assert runner.main(["--again", "bench.black_box"]) == 1
    assert report.read_text(encoding="utf-8") == again
