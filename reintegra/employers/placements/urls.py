from django.urls import path, re_path

from reintegra.employers.placements.views import employer, mentors, staff

app_name = "placements"

urlpatterns = [
    path("", staff.placement_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", staff.placement_export, name="export"),
    path("offers/<id:pk>/propose/", staff.propose_for_offer, name="propose_for_offer"),
    path("people/<id:pk>/", staff.propose_for_person, name="propose_for_person"),
    path("<id:pk>/", staff.placement_detail, name="detail"),
    path("<id:pk>/move/", staff.placement_move, name="move"),
    path("<id:pk>/meeting-agreed/", staff.placement_meeting_agreed, name="meeting_agreed"),
    path("<id:pk>/terms/", staff.placement_terms, name="terms"),
    path("<id:pk>/employer-feedback/", staff.placement_employer_feedback, name="employer_feedback"),
    path("<id:pk>/person-feedback/", staff.placement_participant_feedback, name="participant_feedback"),
    path("<id:pk>/mentoring/", staff.placement_mentoring_meeting, name="mentoring_meeting"),
    path("<id:pk>/agreement.pdf", staff.agreement_pdf, name="agreement_pdf"),
    path("<id:pk>/certificate.pdf", staff.certificate_pdf, name="certificate_pdf"),
    path("follow-ups/", staff.follow_up_list, name="follow_ups"),
    path("follow-ups/<id:pk>/", staff.follow_up_record, name="follow_up_record"),
    path("candidates/", employer.candidate_list, name="candidates"),
    path("candidates/<id:pk>/", employer.candidate_detail, name="candidate"),
    path("candidates/<id:pk>/move/", employer.candidate_move, name="candidate_move"),
    path("candidates/<id:pk>/terms/", employer.candidate_terms, name="candidate_terms"),
    path("candidates/<id:pk>/feedback/", employer.candidate_feedback, name="candidate_feedback"),
    path(
        "candidates/<id:pk>/mentoring/",
        employer.candidate_mentoring_meeting,
        name="candidate_mentoring_meeting",
    ),
    path(
        "candidates/<id:pk>/agreement.pdf", employer.candidate_agreement_pdf, name="candidate_agreement_pdf"
    ),
    path(
        "candidates/<id:pk>/certificate.pdf",
        employer.candidate_certificate_pdf,
        name="candidate_certificate_pdf",
    ),
    path("mentors/", mentors.mentor_list, name="mentors"),
    path("mentors/employers/<id:pk>/new/", mentors.mentor_create, name="mentor_create"),
    path("mentors/<id:pk>/", mentors.mentor_edit, name="mentor_edit"),
]
