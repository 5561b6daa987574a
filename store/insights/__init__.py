"""Insights: what works, counted from the leads' history and their contacts.

Pure figures (no UI): :func:`compute` for all at once, :func:`sections` for
one section at a time; writers for JSON, text and Excel beside them.
"""

from store.insights.compute import compute, sections
from store.insights.figures import Insights, Scope
from store.insights.period import Reach, range_span, reach_span

__all__ = ["Insights", "Reach", "Scope", "compute", "range_span", "reach_span", "sections"]
