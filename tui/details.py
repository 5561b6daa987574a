"""What the detail pane says about a lead, in the user's language."""

from __future__ import annotations

from datetime import datetime

from store.fleet import same_brand
from store.grading import advice, quadrant_of
from store.leadstore import LeadStore
from store.model import Lead, Machine, Status
from store.text import visible
from tui.i18n import label, t
from tui.project_words import projects_detail
from widgets.detail_pane import DetailSection


def fmt_time(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def grade_text(grade: int | None) -> str:
    return t("grade.unknown") if grade is None else f"{grade}/5"


def quadrant_text(lead: Lead, threshold: int) -> str:
    q = quadrant_of(lead.intent, lead.funding, threshold)
    return t("tray.title") if q is None else t(f"quadrant.{q}.title")


def _history_value(field: str, value: object) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field in ("credit", "source", "stage", "status", "customer_type"):
        return label(field, value)
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if field == "wake":
        return str(value)[:10]  # a day: the time is only the morning it falls due
    return str(value)


def history_lines(lead: Lead, limit: int = 30) -> list[str]:
    lines = []
    for entry in reversed(lead.history[-limit:]):
        # On a team's base, who made the change; a rep's own file says none.
        lines.append(
            t("history.line_by" if entry.rep else "history.line", at=fmt_time(entry.at),
              rep=visible(entry.rep), field=t(f"field.{entry.field}"),
              old=_history_value(entry.field, entry.old), new=_history_value(entry.field, entry.new))
        )
    return lines or [t("history.none")]


def contact_lines(store: LeadStore, lead_id: int) -> list[str]:
    """The contact timeline, oldest to newest, each with its analysis."""
    lines = []
    for contact in store.contacts_of(lead_id):
        lines.append(t("contact.line", at=fmt_time(contact.at), method=label("method", contact.method),
                       purpose=label("purpose", contact.purpose),
                       status=label("contact_status", contact.status)))
        if contact.place:
            lines.append(f"  {t('plan.field.place')}: {contact.place}")
        if contact.checklist:
            ticked = sum(item.done for item in contact.checklist)
            lines.append(f"  {t('plan.field.checklist')}: {ticked}/{len(contact.checklist)}")
        for part in ("outcome", "went_well", "went_wrong", "customer_thinking"):
            text = getattr(contact, part)
            if text:
                lines.append(f"  {t(f'field.{part}')}: {text}")
        if contact.goal_reached is not None:
            lines.append(f"  {t('log.field.goal_reached')}: "
                         f"{t('yes') if contact.goal_reached else t('no')}")
        if contact.follow_up_id in store.contacts:
            follow = store.contacts[contact.follow_up_id]
            lines.append(f"  → {t('contact.follow_up', at=fmt_time(follow.at))}")
    return lines or [t("contact.none")]


def fleet_line(machine: Machine, own_brand: str) -> str:
    """One machine on one line of the pane: brand and model, year, hours,
    status; the own brand marked."""
    parts = [f"{machine.brand} {machine.model}"]
    if machine.year is not None:
        parts.append(str(machine.year))
    if machine.hours is not None:
        parts.append(t("fleet.hours", hours=f"{machine.hours:,}"))
    parts.append(label("machine_status", machine.status))
    if machine.serial:  # the one number that tells two alike machines apart
        parts.append(t("fleet.serial", serial=machine.serial))
    own = bool(own_brand) and same_brand(machine.brand, own_brand)
    return (t("fleet.own") if own else "") + " · ".join(parts)


def fleet_section(store: LeadStore, lead: Lead) -> DetailSection | None:
    """The machines the lead owns, one line each; none when it owns none."""
    fleet = store.fleet_of(lead.id)
    if not fleet:
        return None
    own_brand = store.settings.own_brand
    own = sum(1 for m in fleet if own_brand and same_brand(m.brand, own_brand))
    title = (t("detail.fleet.own", count=len(fleet), own=own) if own_brand
             else t("detail.fleet", count=len(fleet)))
    return DetailSection(title, lines=[fleet_line(m, own_brand) for m in fleet])


def status_text(lead: Lead) -> str:
    """The status, why, and for a dormant lead the day it comes back."""
    parts = [label("status", lead.status)]
    if lead.reason:
        parts.append(lead.reason)
    if lead.status is Status.DORMANT and lead.wake is not None:
        parts.append(t("detail.wake", date=lead.wake.strftime("%Y-%m-%d")))
    return " · ".join(parts)


def lead_sections(store: LeadStore, lead: Lead) -> list[DetailSection]:
    threshold = store.settings.threshold
    # The project's name says yes by itself.
    project = lead.project.strip() or (t("yes") if lead.has_project else t("no"))
    region = " ".join(part for part in (lead.province, lead.city) if part)
    grading = DetailSection(t("detail.grading"), [
        (t("field.quadrant"), quadrant_text(lead, threshold)),
        (t("field.intent"), grade_text(lead.intent)),
        (t("field.funding"), grade_text(lead.funding)),
        (t("field.credit"), label("credit", lead.credit)),
        (t("field.has_project"), project),
    ])
    bullet = t("detail.bullet")
    advice_section = DetailSection(
        t("detail.advice"), lines=[bullet + t(f"advice.{code}") for code in advice(lead, threshold)]
    )
    customer = DetailSection(t("detail.customer"), [
        (t("field.company"), lead.company or "—"),
        (t("field.phones"), ", ".join(lead.phones) or "—"),
        (t("field.region"), region or "—"),
        (t("field.customer_type"), label("customer_type", lead.customer_type)),
        (t("field.source"), label("source", lead.source)),
        (t("field.stage"), label("stage", lead.stage)),
        (t("field.status"), status_text(lead)),
        (t("field.models"), ", ".join(lead.models) or "—"),
        (t("field.brands"), ", ".join(lead.brands) or "—"),
        (t("field.competitor"), lead.competitor or "—"),
        (t("field.tags"), ", ".join(lead.tags) or "—"),
        (t("field.next_contact"), fmt_time(store.next_contact(lead.id)) or "—"),
        (t("field.created"), fmt_time(lead.created)),
        (t("field.updated"), fmt_time(lead.updated)),
    ])
    sections = [grading, advice_section, customer]
    fleet = fleet_section(store, lead)
    if fleet is not None:
        sections.append(fleet)
    projects = projects_detail(store, lead)
    if projects is not None:
        sections.append(projects)
    if lead.notes:
        sections.append(DetailSection(t("field.notes"), lines=[lead.notes]))
    if lead.extra:
        sections.append(DetailSection(t("detail.extra"), list(lead.extra.items())))
    sections.append(DetailSection(t("detail.contacts"), lines=contact_lines(store, lead.id)))
    sections.append(DetailSection(t("detail.history"), lines=history_lines(lead)))
    return [shown_safely(section) for section in sections]


def shown_safely(section: DetailSection) -> DetailSection:
    """The section with every control character in the lead's text made visible."""
    return DetailSection(visible(section.title),
                         [(visible(name), visible(value, multiline=True))
                          for name, value in section.rows],
                         [visible(line, multiline=True) for line in section.lines])
