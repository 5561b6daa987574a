"""The command palette finds the market's records too: a project by its
name (or pinyin) opens it; a machine by its model, brand or owner shows its
owner on the board."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider
from textual.markup import escape

from store.projects import machines_matching, pick
from tui.i18n import label, t
from tui.project_words import project_place

LIMIT = 8
FOUND = 0.6  # a hit the palette's own matcher does not see (pinyin, a brand's other name)


class ProjectsProvider(Provider):
    async def search(self, query: str) -> Hits:
        open_project = getattr(self.screen, "open_project", None)
        if open_project is None or not query.strip():
            return
        matcher = self.matcher(query)
        projects = await asyncio.to_thread(pick, self.app.store, query)
        for project in projects[:LIMIT]:
            text = t("palette.project", name=project.name, region=project_place(project),
                     stage=label("project_stage", project.stage))
            score = matcher.match(text) or FOUND
            yield Hit(score, matcher.highlight(escape(text)), partial(open_project, project.id),
                      text=text, help=t("palette.project_help"))


class MachinesProvider(Provider):
    async def search(self, query: str) -> Hits:
        jump = getattr(self.screen, "jump_to", None)
        if jump is None or not query.strip():
            return
        store = self.app.store
        matcher = self.matcher(query)
        found = await asyncio.to_thread(machines_matching, store, query, LIMIT)
        for _machine_id, brand, model, owner in found:
            text = t("palette.machine", brand=brand, model=model,
                     owner=store.leads_field(owner, "name", ""))
            score = matcher.match(text) or FOUND
            yield Hit(score, matcher.highlight(escape(text)), partial(jump, owner),
                      text=text, help=t("palette.machine_help"))
