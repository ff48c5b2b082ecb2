from django.urls import path, re_path

from reintegra.employers.placements import views

app_name = "placements"

urlpatterns = [
    path("", views.placement_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.placement_export, name="export"),
    path("offers/<id:pk>/propose/", views.propose_for_offer, name="propose_for_offer"),
    path("people/<id:pk>/", views.propose_for_person, name="propose_for_person"),
    path("<id:pk>/", views.placement_detail, name="detail"),
    path("<id:pk>/move/", views.placement_move, name="move"),
    path("<id:pk>/meeting-agreed/", views.placement_meeting_agreed, name="meeting_agreed"),
    path("<id:pk>/terms/", views.placement_terms, name="terms"),
    path("<id:pk>/employer-feedback/", views.placement_employer_feedback, name="employer_feedback"),
    path("<id:pk>/person-feedback/", views.placement_participant_feedback, name="participant_feedback"),
    path("<id:pk>/mentoring/", views.placement_mentoring_meeting, name="mentoring_meeting"),
    path("<id:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("<id:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/<id:pk>/", views.follow_up_record, name="follow_up_record"),
    path("candidates/", views.candidate_list, name="candidates"),
    path("candidates/<id:pk>/", views.candidate_detail, name="candidate"),
    path("candidates/<id:pk>/move/", views.candidate_move, name="candidate_move"),
    path("candidates/<id:pk>/terms/", views.candidate_terms, name="candidate_terms"),
    path("candidates/<id:pk>/feedback/", views.candidate_feedback, name="candidate_feedback"),
    path(
        "candidates/<id:pk>/mentoring/", views.candidate_mentoring_meeting, name="candidate_mentoring_meeting"
    ),
    path("candidates/<id:pk>/agreement.pdf", views.candidate_agreement_pdf, name="candidate_agreement_pdf"),
    path(
        "candidates/<id:pk>/certificate.pdf",
        views.candidate_certificate_pdf,
        name="candidate_certificate_pdf",
    ),
    path("mentors/", views.mentor_list, name="mentors"),
    path("mentors/employers/<id:pk>/new/", views.mentor_create, name="mentor_create"),
    path("mentors/<id:pk>/", views.mentor_edit, name="mentor_edit"),
]
