from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tenantry.reviews"
    label = "reviews"
