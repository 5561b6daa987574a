"""``leadboard export`` on demo data: valid, reproducible, and clear when wrong."""

import csv
import io
import json
import time
from datetime import datetime, timedelta, timezone

import icalendar
import jsonschema
import pytest

from store.export import SCHEMA_FILE
from store.leadstore import LeadStore
from store.model import Method, Purpose
from tests.conftest import CHINA, NOW, Clock
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


@pytest.fixture
def rep_in_china(monkeypatch):
    """The system zone of a rep in China (UTC+8, no summer time, as Asia/Shanghai)."""
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def mixed_zones(tmp_path):
    """Contacts on 5 December stored in UTC and in +08:00, as older files hold them."""
    path = tmp_path / "leads.json"
    store = LeadStore.open(path, clock=Clock(NOW.astimezone(timezone.utc)))
    lead = store.add_lead("张伟", company="临沂宏达土石方").id
    for at, minutes in ((datetime(2026, 12, 5, 1, 0, tzinfo=timezone.utc), 30),
                        (datetime(2026, 12, 4, 16, 0, tzinfo=timezone.utc), None),
                        (datetime(2026, 12, 5, 14, 30, tzinfo=CHINA), 45)):
        store.schedule_contact(lead, at, method=Method.VISIT, purpose=Purpose.SELL,
                               duration_min=minutes)
    store.close()
    return path


def test_every_exported_time_is_in_the_reps_zone(mixed_zones, rep_in_china, capsysbinary):
    export = ["export", "--db", str(mixed_zones), "--period", "day", "--from", "2026-12-05"]

    assert main([*export, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8-sig"))))
    assert [row[1:3] for row in rows[1:]] == [
        ["2026-12-05 00:00", ""], ["2026-12-05 09:00", "30"], ["2026-12-05 14:30", "45"]]

    assert main([*export, "--format", "json"]) == 0
    document = json.loads(capsysbinary.readouterr().out)
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).validate(document)
    assert [c["at"] for c in document["contacts"]] == [
        "2026-12-05T00:00:00+08:00", "2026-12-05T09:00:00+08:00", "2026-12-05T14:30:00+08:00"]
    assert document["period"] == {"kind": "day", "start": "2026-12-05T00:00:00+08:00",
                                  "end": "2026-12-06T00:00:00+08:00"}
    assert document["as_of"] == "2026-11-26T10:00:00+08:00"  # stored in UTC

    assert main([*export, "--format", "ics"]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert [line for line in lines if line.startswith(("DTSTART", "DTEND", "DTSTAMP"))] == [
        "DTSTART:20261204T160000Z", "DTEND:20261204T170000Z", "DTSTAMP:20261126T020000Z",
        "DTSTART:20261205T010000Z", "DTEND:20261205T013000Z", "DTSTAMP:20261126T020000Z",
        "DTSTART:20261205T063000Z", "DTEND:20261205T071500Z", "DTSTAMP:20261126T020000Z",
    ]
    assert not any("TZID" in line or line == "BEGIN:VTIMEZONE" for line in lines)


def test_a_csv_export_of_this_week_takes_the_overdue_contacts_too(tmp_path, capsys):
    path, target = tmp_path / "leads.json", tmp_path / "week.csv"
    then = datetime.now(CHINA) - timedelta(days=10)
    store = LeadStore.open(path, clock=Clock(then))
    lead = store.add_lead("张伟", company="临沂宏达土石方").id
    store.schedule_contact(lead, then + timedelta(hours=1), method=Method.VISIT,
                           purpose=Purpose.SELL)
    store.close()
    args = ["export", "--db", str(path), "--format", "csv", "--lang", "zh", "-o", str(target)]
    assert main(args) == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(row[4], row[12]) for row in rows[1:]] == [("张伟", "逾期")]
    assert "其中逾期 1 次" in capsys.readouterr().err
