from django.urls import path

from .views import grants, my_groups, pages, register, tools

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
    path("groups/<int:group>/", my_groups.group, name="group"),
]
