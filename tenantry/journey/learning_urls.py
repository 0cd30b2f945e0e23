"""Training for everyone, at `/tenant-control/training/…`: sessions to come and e-learning
(public), booking and quizzes (signed in), and each person's training record."""

from django.urls import path

from .views import learning

app_name = "learning"
urlpatterns = [
    path("", learning.mine, name="mine"),
    path("courses/", learning.courses, name="courses"),
    path("sessions/<int:session>/", learning.session, name="session"),
    path("sessions/<int:session>/book/", learning.book, name="book"),
    path("bookings/<int:booking>/cancel/", learning.cancel, name="cancel"),
    path("modules/<slug:module>/", learning.module, name="module"),
    path("modules/<slug:module>/<int:page>/", learning.module, name="module-page"),
    path("modules/<slug:module>/quiz/", learning.quiz, name="quiz"),
    path(
        "certificates/session/<int:booking>/",
        learning.session_certificate,
        name="session-certificate",
    ),
    path(
        "certificates/module/<int:attempt>/", learning.module_certificate, name="module-certificate"
    ),
]
