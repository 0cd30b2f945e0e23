from django.urls import path

from . import views_newsletters as views

urlpatterns = [
    path("newsletters/", views.newsletters, name="newsletters"),
    path("newsletters/new/", views.new_newsletter, name="newsletter-new"),
    path("newsletters/<int:pk>/", views.newsletter, name="newsletter"),
    path("newsletters/<int:pk>/change/", views.change_newsletter, name="newsletter-change"),
    path(
        "newsletters/<int:pk>/items/new/<slug:kind>/",
        views.add_item,
        name="newsletter-add-item",
    ),
    path(
        "newsletters/<int:pk>/items/<int:item>/remove/",
        views.remove_item,
        name="newsletter-remove-item",
    ),
    path(
        "newsletters/<int:pk>/items/<int:item>/up/",
        views.move_item_up,
        name="newsletter-move-item-up",
    ),
    path("newsletters/<int:pk>/email/", views.email_preview, name="newsletter-email"),
    path("newsletters/<int:pk>/email.txt", views.email_text, name="newsletter-email-text"),
    path("newsletters/<int:pk>/letter.pdf", views.sample_letter, name="newsletter-letter"),
    path("newsletters/<int:pk>/send/", views.send, name="newsletter-send"),
    path("newsletters/<int:pk>/letters/", views.letters, name="newsletter-letters"),
    path(
        "newsletters/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="newsletter-unsubscribe",
    ),
]
