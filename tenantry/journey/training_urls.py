"""An organisation's training, at its address (`/o/<slug>/training/…`): courses, sessions,
bookings and attendance, the committee's skills coverage and the figures."""

from django.urls import path

from .views import training

app_name = "training"
urlpatterns = [
    path("training/", training.courses, name="courses"),
    path("training/courses/new/", training.add_course, name="add-course"),
    path("training/courses/<int:course>/", training.course, name="course"),
    path("training/courses/<int:course>/edit/", training.edit_course, name="edit-course"),
    path("training/courses/<int:course>/sessions/new/", training.add_session, name="add-session"),
    path("training/sessions/<int:session>/", training.session, name="session"),
    path("training/sessions/<int:session>/book/", training.book_for, name="book-for"),
    path("training/sessions/<int:session>/attendance/", training.attendance, name="attendance"),
    path("training/bookings/<int:booking>/cancel/", training.cancel_booking, name="cancel-booking"),
    path("training/skills/", training.skills, name="skills"),
    path("training/figures/", training.figures, name="figures"),
]
