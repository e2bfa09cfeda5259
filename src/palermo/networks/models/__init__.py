"""Criminal networks as FollowTheMoney entities, grouped into collections.

A collection is read like an evidence dataset: its name and description by anyone of its
State, its entities only by analysts granted it (people named in a network are as sensitive as
victims' records). Entities are stored as FtM sees them: an id, a schema and its properties
(every value a list of strings), validated by the `followthemoney` package; edges (Ownership,
Payment, ...) are entities too, with their two ends copied into `source_id` and `target_id` so
that a graph is built with one query.

Entity resolution never destroys anything: a `Judgement` says two entities are the same (or
not), and the merged view is computed from the judgements in force. Undoing a merge marks the
judgement undone, and both entities and their links are there as they were.

Every change to a collection's entities or judgements raises its `version`; an analysis
result names the version it was computed on.
"""

from palermo.networks.models.analyses import AnalysisRun
from palermo.networks.models.collections import Collection, CollectionGrant, CollectionImport
from palermo.networks.models.entities import Entity, EntityReference, RouteStage
from palermo.networks.models.resolution import Judgement

__all__ = [
    "AnalysisRun",
    "Collection",
    "CollectionGrant",
    "CollectionImport",
    "Entity",
    "EntityReference",
    "Judgement",
    "RouteStage",
]
