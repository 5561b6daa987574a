"""Escape sequences, C1 and bidi controls in customers' text: dropped when they
come in (import, forms, the command line) and shown, never obeyed, when text
already stored in a file goes out (the board, the command line)."""

import json
import re

from store.leadstore import LeadStore
from tui.app import LeadboardApp
from tui.cli import EXIT_OK, main

# Window title, clear screen, clipboard write, a hyperlink, C1 CSI, a bidi override.
HOSTILE = "X\x1b]0;pwned\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b]8;;http://e.vil\x1b\\\x9b2J\u202eY"
# What Textual itself writes: colours and cursor moves; anything else is from the text.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;?]*[mHlhJK]|\x1b\[\d+;\d+H")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_output(app) -> str:
    """What the driver would write for the whole screen, less Textual's own
    sequences: every control character left came from the data."""
    update = app.screen._compositor.render_update(full=True)
    return OWN_SEQUENCES.sub("", update.render_segments(app.console))


def stored_with_controls(db_path, clock) -> int:
    """A file written before control characters were refused."""
    store = LeadStore.open(db_path, clock=clock)
    lead = store.add_lead(HOSTILE, company=HOSTILE, city=HOSTILE, phones=("13800000001",),
                          notes=HOSTILE + "\nline two", intent=5, funding=5)
    store.close()
    return lead.id


def test_import_drops_control_characters_and_search_shows_none(tmp_path, capsys):
    source, db = tmp_path / "e.csv", tmp_path / "t.json"
    source.write_bytes("姓名,手机,备注\nX\x1b]0;pwned\x07\x1b[2J,13800000001,a\x1b[2Jb\n"
                       .encode("utf-8"))
    assert main(["import", str(source), "--db", str(db)]) == EXIT_OK
    capsys.readouterr()
    store = LeadStore.open(db, read_only=True)
    lead = store.lead(next(iter(store.leads)))
    store.close()
    assert (lead.name, lead.notes) == ("X]0;pwned[2J", "a[2Jb")


def test_search_shows_stored_controls_as_signs_in_text_and_json(db_path, clock, capsys):
    stored_with_controls(db_path, clock)
    assert main(["search", "--db", str(db_path), "X"]) == EXIT_OK
    out = capsys.readouterr().out
    assert not CONTROL.search(out) and "X␛]0;pwned␇" in out
    assert out.count("\t") == 6  # the columns stay columns
    assert main(["search", "--db", str(db_path), "--json", "X"]) == EXIT_OK
    out = capsys.readouterr().out
    assert not CONTROL.search(out)
    assert json.loads(out)[0]["name"] == HOSTILE  # the data, escaped: the same data


async def test_the_board_never_writes_stored_controls_to_the_terminal(db_path, clock):
    lead_id = stored_with_controls(db_path, clock)
    store = LeadStore.open(db_path, clock=clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        screens = [terminal_output(app)]
        await pilot.press("enter")  # the detail pane
        await pilot.pause()
        screens.append(terminal_output(app))
        await pilot.press("enter", "slash", "X")  # the search bar's match list
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        screens.append(terminal_output(app))
        await pilot.press("escape", "e")  # the lead form, filled from the lead
        await pilot.pause()
        screens.append(terminal_output(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("t")  # a triage session shows the lead whole
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screens.append(terminal_output(app))
    for screen in screens:
        assert "X␛" in screen or "pwned" in screen
        assert not CONTROL.search(screen), repr(CONTROL.findall(screen))
    assert lead_id


def test_a_vcard_name_comes_in_without_its_escapes(tmp_path, capsys):
    source, db = tmp_path / "phone.vcf", tmp_path / "t.json"
    source.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Y\x1b[2J\x07\xc2\x9b2JZ\r\n"
                       b"TEL:13800000002\r\nEND:VCARD\r\n")
    assert main(["import", str(source), "--db", str(db)]) == EXIT_OK
    capsys.readouterr()
    store = LeadStore.open(db, read_only=True)
    assert [store.lead(i).name for i in store.leads] == ["Y[2J2JZ"]
    store.close()


async def test_text_pasted_into_the_lead_form_is_saved_without_controls(store):
    from textual import events
    from textual.widgets import Input

    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).post_message(
            events.Paste("Z\x1b]0;pwned\x07\u202eQ"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [store.lead(i).name for i in store.leads] == ["Z]0;pwnedQ"]


def test_an_export_to_standard_output_carries_no_raw_controls(db_path, clock, capsysbinary):
    from datetime import timedelta

    from store.model import Method, Purpose

    lead_id = stored_with_controls(db_path, clock)
    store = LeadStore.open(db_path, clock=clock)
    store.schedule_contact(lead_id, clock() + timedelta(days=1), method=Method.VISIT,
                           purpose=Purpose.SELL, place=HOSTILE)
    store.close()
    assert main(["export", "--db", str(db_path), "--format", "json", "--period", "month",
                 "--from", "2026-11-27"]) == EXIT_OK
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert not CONTROL.search(out)
    assert json.loads(out)["contacts"][0]["lead"]["name"] == HOSTILE
