from django.urls import path

from palermo.reviews.views import answers, civil_society, peer_review, reviews, xlsform

app_name = "reviews"
urlpatterns = [
    path("", reviews.review_list, name="review-list"),
    path("new/", reviews.review_open, name="review-open"),
    path("<int:review_id>/", reviews.review_detail, name="review-detail"),
    path(
        "<int:review_id>/reviewers/",
        peer_review.reviewers,
        name="review-reviewers",
    ),
    path(
        "<int:review_id>/observations/",
        peer_review.observations,
        name="review-observations",
    ),
    path("<int:review_id>/milestone/", peer_review.milestone, name="milestone"),
    path("<int:review_id>/xlsform/", xlsform.xlsform_download, name="xlsform"),
    path(
        "<int:review_id>/xlsform/import/",
        xlsform.xlsform_upload,
        name="xlsform-import",
    ),
    path(
        "<int:review_id>/civil-society/",
        civil_society.civil_society,
        name="civil-society",
    ),
    path(
        "<int:review_id>/side-by-side/",
        civil_society.side_by_side,
        name="side-by-side",
    ),
    path("<int:review_id>/<str:action>/", reviews.review_phase, name="review-phase"),
    path(
        "<int:review_id>/answers/<int:answer_id>/",
        answers.answer_detail,
        name="answer-detail",
    ),
]
