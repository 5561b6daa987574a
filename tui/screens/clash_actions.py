"""Mixed into the board and the triage session: a change refused because
another rep changed the lead first. The lead is shown as the server holds
it, the rep is told who changed what and when, fields apart are merged at
once, and an overlapping change is offered again on one key (``r``; a
form, where letters are typed, says its own in ``AGAIN_KEY``).

The screen says how it shows things: ``_show_reloaded(lead_ids)`` (the
leads as the server holds them now), ``_say(message, severity)``,
``_made_again(clash, merged)`` (the rep's change saved again: merged at
once, or on ``r``) and ``_failed(exc)``."""

from __future__ import annotations

from store.clash import (
    Clash,
    TheirChange,
    changed,
    read_clash,
    reapply,
    their_changes,
    told_by_history,
)
from store.errors import ChangedSince, StoreError
from tui.i18n import has, t


def _fields(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(t(f"field.{n}") if has(f"field.{n}") else n for n in names)


def told(theirs: list[TheirChange]) -> str:
    """Who changed what and when, one clause per change, newest last."""
    return "; ".join(t(f"clash.theirs.{c.table}" if has(f"clash.theirs.{c.table}")
                       else "clash.theirs", rep=c.rep, id=c.item_id, fields=_fields(c.fields),
                       at=c.at.astimezone().strftime("%m-%d %H:%M"))
                     for c in theirs[-3:])


class ClashActions:
    _clash: Clash | None = None
    _theirs: list[TheirChange] = []  # of the clash being settled, for _show_reloaded
    AGAIN_KEY = "r"  # as the offer names it

    def settle_clash(self, refused: ChangedSince) -> bool:
        """Say and settle a clash; False when it could not even be read
        (the server away): then the plain refusal is said."""
        try:
            # No entries: an undo step the store already knew was overtaken.
            if refused.theirs or not refused.entries or any(
                    e["kind"] == "undo" for e in refused.entries):
                return self._undo_refused(refused)
            clash = read_clash(self.store, refused)
            if clash is None:
                return False
            self._theirs = clash.theirs
            self._show_reloaded(clash.lead_ids)
            if clash.mergeable:
                reapply(self.store, clash)
                self._made_again(clash, merged=True)
                self._say(t("clash.merged", theirs=told(clash.theirs),
                            mine=_fields(clash.my_fields)), "information")
                return True
        except StoreError:
            return False
        self._clash = clash
        self.refresh_bindings()
        self._say(t("clash.offer", theirs=told(clash.theirs), mine=_fields(clash.my_fields),
                    again=self.AGAIN_KEY), "warning")
        return True

    def _undo_refused(self, refused: ChangedSince) -> bool:
        """Undo is never forced over another rep's change: the lead is shown
        as it is now, and the rep told why."""
        theirs = [TheirChange(r["rep"], r["at"], r["table"], r["id"],
                              tuple(changed(r["before"], r["after"]))) for r in refused.theirs]
        entry_keys = [(c[0], c[1]) for e in refused.entries for c in e["changes"]]
        if not theirs and entry_keys:  # refused by the version in hand: the log says who
            theirs = their_changes(self.store, entry_keys)
        if not theirs:  # overtaken by changes taken in live: their history says who
            theirs = told_by_history(self.store, [refused.item_id]
                                     if refused.table == "leads" else [])
        if not theirs:
            return False
        keys = list(dict.fromkeys((c.table, c.item_id) for c in theirs))
        self.store.reload(keys)
        self._show_reloaded({i for table, i in keys if table == "leads"})
        self._say(t("clash.undo_refused", theirs=told(theirs)), "warning")
        return True

    def action_again(self) -> None:
        """Make the refused change again, on top of the lead as it is now."""
        clash, self._clash = self._clash, None
        self.refresh_bindings()
        if clash is None or not self.app.writable():
            return
        try:
            reapply(self.store, clash)
        except StoreError as exc:
            self._failed(exc)
            return
        self._made_again(clash, merged=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self._clash is not None
        return True
