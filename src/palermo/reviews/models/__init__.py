from palermo.reviews.models.answers import (
    AnswerComment,
    AnswerStatus,
    ArticleAnswer,
    Compliance,
    Question,
)
from palermo.reviews.models.observations import Observation, ObservationReply
from palermo.reviews.models.parallel import (
    Assessment,
    ConsolidatedAssessment,
    ParallelAssessment,
    ParallelSubmission,
)
from palermo.reviews.models.review import Milestone, Phase, Review, ReviewerDraw

__all__ = [
    "AnswerComment",
    "AnswerStatus",
    "ArticleAnswer",
    "Assessment",
    "Compliance",
    "ConsolidatedAssessment",
    "Milestone",
    "Observation",
    "ObservationReply",
    "ParallelAssessment",
    "ParallelSubmission",
    "Phase",
    "Question",
    "Review",
    "ReviewerDraw",
]
