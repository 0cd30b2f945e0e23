from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("about/", views.detail, name="detail"),
    path("edit/", views.edit, name="edit"),
    path("organisations/new/", views.create, name="create"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/new/", views.create_agreement, name="create-agreement"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
    path("agreements/<int:pk>/edit/", views.edit_agreement, name="edit-agreement"),
    path("history/", views.history, name="history"),
    path("people/", views.people, name="people"),
    path("people/add/", views.add_person, name="add-person"),
    path("people/<int:pk>/remove/", views.remove_role, name="remove-role"),
    path("files/<int:pk>/", views.prepared_file, name="prepared-file"),
    path("files/<int:pk>/download/", views.download_prepared_file, name="download-prepared-file"),
    path("files/<int:pk>/again/", views.prepare_again, name="prepare-again"),
]
