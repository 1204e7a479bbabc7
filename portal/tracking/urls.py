from django.urls import path

from . import my_data, views

app_name = "tracking"
urlpatterns = [
    path("account/data/", my_data.data_download, name="data_download"),
    path("account/delete/", my_data.account_delete_view, name="account_delete"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<str:reference>/", views.application_detail, name="application_detail"),
    path("applications/<str:reference>/pay/", views.application_pay, name="application_pay"),
    path("applications/<str:reference>/delete/", views.draft_discard, name="draft_discard"),
    path(
        "applications/<str:reference>/feedback/",
        views.application_feedback,
        name="application_feedback",
    ),
    path(
        "applications/<str:reference>/answer/", views.application_answer, name="application_answer"
    ),
    path(
        "applications/<str:reference>/withdraw/",
        views.application_withdraw_view,
        name="application_withdraw",
    ),
    path("applications/<str:reference>/certificate/", views.certificate, name="certificate"),
    path("applications/<str:reference>/pay/return/", views.payment_return, name="payment_return"),
    path(
        "applications/<str:reference>/receipts/<uuid:payment_id>/",
        views.receipt,
        name="receipt",
    ),
]
