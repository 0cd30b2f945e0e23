from django.urls import path

from .views import directory, grants, my_groups, pages, register, tools, tracker

app_name = "journey"
urlpatterns = [
    path("", pages.index, name="index"),
    path("forms/", pages.forms, name="forms"),
    path("services/", pages.services, name="services"),
    path("what-it-takes/", pages.what_it_takes, name="what-it-takes"),
    path("right-to-manage/", tools.right_to_manage, name="right-to-manage"),
    path("right-to-manage/time-limits/", tools.time_limits, name="time-limits"),
    path("grants/", grants.programmes, name="grants"),
    path("grants/<int:pk>/", grants.check_programme, name="check-grant"),
    path("register/", register.register, name="register-interest"),
    path("register/thank-you/", register.registered, name="registered"),
    path("register/confirm/<str:token>/", register.confirm_email, name="confirm-email"),
    path("groups/", my_groups.my_groups, name="my-groups"),
    path("directory/", directory.directory, name="directory"),
    path("directory/<slug:organisation>/", directory.profile, name="directory-profile"),
    path("groups/<int:group>/visits/", directory.group_visits, name="group-visits"),
    path("groups/<int:group>/visits/ask/<slug:host>/", directory.ask_visit, name="ask-visit"),
    path("groups/<int:group>/visits/<int:visit>/", directory.group_visit, name="group-visit"),
    path(
        "groups/<int:group>/visits/<int:visit>/choose/",
        directory.choose_visit_date,
        name="choose-visit-date",
    ),
    path(
        "groups/<int:group>/visits/<int:visit>/cancel/",
        directory.group_cancel_visit,
        name="group-cancel-visit",
    ),
    path(
        "groups/<int:group>/visits/<int:visit>/learnt/",
        directory.group_record_visit,
        name="group-record-visit",
    ),
    # A group's journey tracker (journey.access: its members and its network's advisers).
    path("groups/<int:group>/", tracker.group, name="group"),
    path("groups/<int:group>/dates/", tracker.record_milestone, name="group-milestone"),
    path("groups/<int:group>/tasks/new/", tracker.add_task, name="group-add-task"),
    path("groups/<int:group>/tasks/<int:task>/done/", tracker.task_done, name="group-task-done"),
    path("groups/<int:group>/documents/new/", tracker.add_document, name="group-add-document"),
    path("groups/<int:group>/documents/<int:document>/", tracker.document, name="group-document"),
    path("groups/<int:group>/eligibility/", tracker.eligibility_check, name="group-eligibility"),
    path(
        "groups/<int:group>/organisation/",
        tracker.make_organisation,
        name="group-make-organisation",
    ),
    path("groups/<int:group>/ballot/", tracker.schedule_ballot, name="group-schedule-ballot"),
]
