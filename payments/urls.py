from django.urls import path

from . import views

app_name = "payments"
# Outside the language prefix: gateways call them.
urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]

# Pages the payer reads, under the language prefix (see portal/urls.py).
checkout_urlpatterns = [
    path("demo/<uuid:payment_id>/", views.demo_checkout, name="demo_checkout"),
]
