"""Kept while the last importers move: ``Actor`` is the domain's (app.domain.actor)."""

from __future__ import annotations

from app.domain.actor import SYSTEM_ACTOR, Actor

__all__ = ["SYSTEM_ACTOR", "Actor"]
