"""``leadboard export`` on demo data: valid, reproducible, and clear when wrong."""

import csv
import io
import json

import icalendar
import jsonschema
import pytest

from store.export import SCHEMA_FILE
from tui.cli import EXIT_SAVE, EXIT_USAGE, main


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    assert main(["demo", "--db", str(path), "--count", "300", "--no-open"]) == 0
    return path


def test_week_export_validates_against_the_shipped_schema(demo, tmp_path, capsys):
    target = tmp_path / "plan.json"
    args = ["export", "--db", str(demo), "--format", "json", "--period", "week", "-o", str(target)]
    assert main(args) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).validate(document)
    assert document["contacts"] and document["unplanned"]
    assert "contacts to" in capsys.readouterr().err
    first = target.read_bytes()
    assert main(args) == 0
    assert target.read_bytes() == first  # same data, same bytes


def test_ics_and_csv_to_standard_output(demo, capsysbinary):
    assert main(["export", "--db", str(demo), "--format", "ics", "--period", "month"]) == 0
    calendar = icalendar.Calendar.from_ical(capsysbinary.readouterr().out)
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids and len(set(uids)) == len(uids)
    assert main(["export", "--db", str(demo), "--format", "ics", "--period", "month"]) == 0
    again = icalendar.Calendar.from_ical(capsysbinary.readouterr().out)
    assert [str(event["UID"]) for event in again.walk("VEVENT")] == uids
    assert main(["export", "--db", str(demo), "--format", "csv", "--lang", "zh",
                 "--from", "today", "--to", "+6d"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["编号", "时间", "分钟", "客户编号", "客户"]


def test_bad_dates_and_unwritable_files_say_so_in_one_line(demo, tmp_path, capsys):
    assert main(["export", "--db", str(demo), "--from", "banana"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Cannot read “banana”" in err
    assert main(["export", "--db", str(demo), "--from", "12-10", "--to", "12-01"]) == EXIT_USAGE
    assert "comes before the first" in capsys.readouterr().err
    target = tmp_path / "missing" / "plan.json"
    assert main(["export", "--db", str(demo), "-o", str(target)]) == EXIT_SAVE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nothing was written" in err
    assert not target.parent.exists()
