"""Every write of the reviews app, one function per action, re-exported here."""

from palermo.reviews.services.answers import (
    answer_approve,
    answer_assign,
    answer_comment,
    answer_return,
    answer_save,
    answer_send_for_approval,
    answer_share,
)
from palermo.reviews.services.observations import (
    observation_create,
    observation_reply,
    observation_set_status,
)
from palermo.reviews.services.opening import question_save, review_open
from palermo.reviews.services.parallel import consolidation_save, parallel_save, parallel_submit
from palermo.reviews.services.phases import (
    milestone_set,
    review_advance,
    review_reopen,
    review_submit,
)
from palermo.reviews.services.reviewers import participant_add, reviewers_draw, reviewers_set

__all__ = [
    "answer_approve",
    "answer_assign",
    "answer_comment",
    "answer_return",
    "answer_save",
    "answer_send_for_approval",
    "answer_share",
    "consolidation_save",
    "milestone_set",
    "observation_create",
    "observation_reply",
    "observation_set_status",
    "parallel_save",
    "parallel_submit",
    "participant_add",
    "question_save",
    "review_advance",
    "review_open",
    "review_reopen",
    "review_submit",
    "reviewers_draw",
    "reviewers_set",
]
