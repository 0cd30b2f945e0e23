from django.urls import path

from .views import grants, pages, tools, tracker

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
