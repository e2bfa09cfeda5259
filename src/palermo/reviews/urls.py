from django.contrib.auth.decorators import login_required
from django.urls import path

from palermo.reviews.views import answers, civil_society, peer_review, reviews, xlsform

app_name = "reviews"
urlpatterns = [
    path("", login_required(reviews.review_list), name="review-list"),
    path("new/", login_required(reviews.review_open), name="review-open"),
    path("<int:review_id>/", login_required(reviews.review_detail), name="review-detail"),
    path(
        "<int:review_id>/reviewers/",
        login_required(peer_review.reviewers),
        name="review-reviewers",
    ),
    path(
        "<int:review_id>/observations/",
        login_required(peer_review.observations),
        name="review-observations",
    ),
    path("<int:review_id>/milestone/", login_required(peer_review.milestone), name="milestone"),
    path("<int:review_id>/xlsform/", login_required(xlsform.xlsform_download), name="xlsform"),
    path(
        "<int:review_id>/xlsform/import/",
        login_required(xlsform.xlsform_upload),
        name="xlsform-import",
    ),
    path(
        "<int:review_id>/civil-society/",
        login_required(civil_society.civil_society),
        name="civil-society",
    ),
    path(
        "<int:review_id>/side-by-side/",
        login_required(civil_society.side_by_side),
        name="side-by-side",
    ),
    path(
        "<int:review_id>/<str:action>/", login_required(reviews.review_phase), name="review-phase"
    ),
    path(
        "<int:review_id>/answers/<int:answer_id>/",
        login_required(answers.answer_detail),
        name="answer-detail",
    ),
]
