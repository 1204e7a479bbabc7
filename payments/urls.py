from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("demo/<uuid:payment_id>/", views.demo_checkout, name="demo_checkout"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
