from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.profile, name="profile"),
    path("account/phone/", views.phone_confirm, name="phone_confirm"),
    path("companies/", views.company_list, name="company_list"),
    path("companies/new/", views.company_create, name="company_create"),
    path("companies/join/<str:token>/", views.invitation, name="invitation"),
    path("companies/<id:company_id>/", views.company_detail, name="company_detail"),
    path("companies/<id:company_id>/edit/", views.company_edit, name="company_edit"),
    path("companies/<id:company_id>/invite/", views.company_invite, name="company_invite"),
    path(
        "companies/<id:company_id>/invitations/<id:invitation_id>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path(
        "companies/<id:company_id>/members/<id:membership_id>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "companies/<id:company_id>/members/<id:membership_id>/role/",
        views.membership_role,
        name="membership_role",
    ),
    path(
        "companies/<id:company_id>/documents/new/",
        views.company_document_add,
        name="company_document_add",
    ),
    path(
        "company-documents/<uuid:document_id>/",
        views.company_document_download,
        name="company_document_download",
    ),
    path(
        "company-documents/<uuid:document_id>/delete/",
        views.company_document_delete,
        name="company_document_delete",
    ),
]
