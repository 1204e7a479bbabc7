"""The Wagtail admin's user forms, with what a one-door portal needs: the phone number and the
offices an officer serves (officers see and act on those offices' applications only)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from portal.core.phone import phone_normalise

from .models import Office


class OfficeFieldsMixin(forms.Form):
    phone = forms.CharField(label=_("Phone number"), max_length=32, required=False)
    offices = forms.ModelMultipleChoiceField(
        label=_("Offices served"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Officers see and act on the applications of these offices only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = Office.objects.filter(locale=Locale.get_default())

    def clean_phone(self):
        return phone_normalise(self.cleaned_data["phone"])  # E.164, as texts need it


class OfficerCreationForm(OfficeFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"phone", "offices"}


class OfficerEditForm(OfficeFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"phone", "offices"}


class PeopleOnly:
    """Service accounts (API clients') are managed with their client on the API clients'
    page: not listed here, and not edited or deleted here (a password, offices or groups
    given here would let them sign in or see beyond their client's offices)."""

    def get_queryset(self):
        return super().get_queryset().exclude(is_service_account=True)


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().exclude(is_service_account=True)


class EditView(PeopleOnly, wagtail_users.EditView):
    """Wagtail's edit page of a user, for people only (``PeopleOnly``)."""


class DeleteView(PeopleOnly, wagtail_users.DeleteView):
    """Wagtail's delete page of a user, for people only (``PeopleOnly``)."""


class HistoryView(PeopleOnly, wagtail_users.HistoryView):
    """Wagtail's history page of a user, for people only (``PeopleOnly``)."""


class UserViewSet(WagtailUserViewSet):
    create_template_name = "accounts/users/create.html"
    edit_template_name = "accounts/users/edit.html"
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    # A user's id in the address as in every address of ours: bounded to what the database
    # holds (portal.core.ids), never an integer too large for it.
    pk_path_converter = "id"

    def get_form_class(self, for_update=False):
        return OfficerEditForm if for_update else OfficerCreationForm
