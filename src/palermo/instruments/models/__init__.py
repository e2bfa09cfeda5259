from palermo.instruments.models.instruments import (
    Article,
    Cluster,
    ClusterComposition,
    Instrument,
    Obligation,
)
from palermo.instruments.models.legislation import Law, Provision, ProvisionArticle
from palermo.instruments.models.states import Ratification, RegionalGroup, State

__all__ = [
    "Article",
    "Cluster",
    "ClusterComposition",
    "Instrument",
    "Law",
    "Obligation",
    "Provision",
    "ProvisionArticle",
    "Ratification",
    "RegionalGroup",
    "State",
]
