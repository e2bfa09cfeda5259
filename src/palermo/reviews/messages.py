from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

REVIEW_EXISTS = _("This State is already reviewed under this cluster in this cycle.")
REVIEW_LOCKED = _(
    "The review was submitted: answers can no longer change. The secretariat can open a new "
    "version, with a reason, to correct them."
)
ANSWER_CHANGED_MEANWHILE = _(
    "%(name)s saved this answer at %(time)s, after you opened it. Reload the page to see their "
    "version, then make your changes again."
)
ANSWER_APPROVED_LOCKED = _(
    "This answer is approved. The secretariat must return it before it can change."
)
ANSWER_AWAITS_APPROVAL_LOCKED = _(
    "This answer was sent to the secretariat for approval. It can change again if the "
    "secretariat returns it; the secretariat may also edit it."
)
UNKNOWN_QUESTIONS = _("These questions are not part of this article: %(keys)s.")
FOREIGN_PROVISIONS = _("Only provisions of this State's laws can be cited.")
BODY_NOT_ASSIGNABLE = _(
    "Articles can be assigned only to a government body of the State under review."
)
ASSIGNEE_NOT_ASSIGNABLE = _(
    "Articles can be assigned only to an active person of the State under review."
)
HISTORY_NOT_ALLOWED = _(
    "Only the review secretariat and government focal persons can read an answer's history."
)
NOTHING_TO_APPROVE = _("An answer needs at least the first question answered before approval.")
NOT_APPROVABLE = _("Only draft, returned or sent answers can be approved or returned.")
RETURN_NEEDS_COMMENT = _("Say what needs to change when you return an answer.")
UNAPPROVED_ARTICLES = _("These articles have no approved answer yet: %(articles)s.")
WRONG_PHASE = _("This cannot be done while the review is in the phase “%(phase)s”.")
REOPEN_NEEDS_REASON = _("Give the reason for opening a new version.")
NO_CONVENTION = _(
    "The State is not party to the Convention on the start date; it cannot be reviewed."
)
NO_REGIONAL_GROUP = _(
    "The State under review has no UN regional group recorded; set it before drawing reviewers."
)
NO_CANDIDATE = _(
    "No State party to the %(instrument)s in %(where)s can be drawn; record their ratifications "
    "and regional groups first, or set the reviewers by hand."
)
SAME_GROUP = _("the same regional group")
OTHER_GROUP = _("another regional group")
REVIEWER_IS_STATE = _("A State cannot review itself.")
REVIEWER_NOT_PARTY = _("A reviewing State must be party to the instrument it reviews.")
OBSERVATIONS_FROZEN = _("The list of observations is agreed and frozen.")
EMPTY_TEXT = _("Write something first.")
NO_ORGANISATION = _("Your account belongs to no organisation, so you cannot submit for one.")
SUBMISSION_LOCKED = _(
    "Your organisation's submission was sent to the coordinator and can no longer change."
)
NOTHING_TO_SUBMIT = _("Assess at least one article before submitting.")

# Notifications: stored untranslated with their fields, shown in each reader's language.
NOTIFY_DRAFT_ASKED = gettext_noop(
    "You are asked to draft the answers on %(articles)s for %(review)s."
)
NOTIFY_AWAITS_APPROVAL = gettext_noop(
    "The answer on %(article)s awaits your approval (%(review)s)."
)
NOTIFY_RETURNED = gettext_noop("The answer on %(article)s was returned: %(comment)s")
NOTIFY_NEW_OBSERVATION = gettext_noop("New observation on %(article)s in %(review)s.")
NOTIFY_STATE_REPLIED = gettext_noop("%(state)s replied to your observation on %(article)s.")
NOTIFY_FOLLOWED_UP = gettext_noop("A reviewer followed up on %(article)s in %(review)s.")
NOTIFY_PARALLEL_SUBMITTED = gettext_noop("%(organisation)s submitted its assessment of %(review)s.")
NOTIFY_SUBMITTED = gettext_noop("%(review)s was submitted to the peer reviewers.")
NOTIFY_LATE = gettext_noop("Late: %(milestone)s for %(review)s was due on %(due)s.")
NOTIFY_DUE = gettext_noop("Due on %(due)s: %(milestone)s for %(review)s.")
