"""How editors edit the catalogue's pages in the Wagtail admin.

A slug already taken by a draft (one an abandoned "Add page" left behind, saved by autosave)
says so and links to that draft.

On a translation, what belongs to the service (``cms.translations``) is shown read-only, with
the language of the page where it is edited; the form leaves those fields out, so nothing
posted for them is taken. The fee rule stays editable for its words (option names, unit), and
any other change to it is refused with a message that says where to make it.

A fee chosen by a form field must name a field the form has. Publishing (or submitting for
moderation) a service whose required documents and upload fields disagree is refused, with
what to change; a draft keeps whatever was typed.
"""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel

from forms.blocks import answer_values
from portal.core.uploads import UPLOAD_KINDS

from .localize import localized_offices
from .translations import (
    SERVICE_FIELDS,
    SERVICE_RELATIONS,
    fee_raw,
    fee_structure,
    service_source_page,
)


def edited_on(source) -> str:
    return _("Edited on the %(language)s page: the same in every language.") % {
        "language": source.locale.get_display_name()
    }


class CataloguePageForm(WagtailAdminPageForm):
    """The admin form of every catalogue page: a slug a draft holds names the draft."""

    def clean(self):
        slug = self.cleaned_data.get("slug")
        cleaned_data = super().clean()
        if slug and self.has_error("slug") and self.parent_page is not None:
            draft = (
                self.parent_page.get_children()
                .filter(slug=slug, live=False)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if draft is not None:
                self.errors["slug"] = self.error_class(
                    [
                        format_html(
                            '{} <a href="{}">{}</a>',
                            _(
                                "A draft page, “%(title)s”, already has this slug here: perhaps "
                                "one left by an earlier “Add page” that was not finished. Carry "
                                "on with that draft, delete it, or choose another slug."
                            )
                            % {"title": draft.title},
                            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                            _("Open the draft"),
                        )
                    ]
                )
        return cleaned_data


class CountrySettingsForm(WagtailAdminModelForm):
    """A portal's country settings: its languages ticked, kept as a list of codes."""

    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Readers of a language not ticked are sent to the default language, or to the first "
            "ticked one when the default is not ticked."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = [code for code in (self.instance.languages or "").split(",") if code]
        self.initial["languages"] = chosen or [code for code, _name in settings.LANGUAGES]

    def clean_languages(self):
        return ",".join(self.cleaned_data["languages"])


class ServicePageForm(CataloguePageForm):
    """The service page's edit form; on a translation, without the service's fields. A new
    service starts in its portal's currency."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and self.parent_page is not None:
            from .catalogue import portal_settings_of_page

            found = portal_settings_of_page(self.parent_page)
            if found is not None:
                self.initial["fee_currency"] = found.currency
        source = service_source_page(self.instance) if self.instance.pk else self.instance
        #: The page where the service's fields are edited, when this is a translation of it.
        self.source_page = source if source.pk != self.instance.pk else None
        if self.source_page is None:
            return
        for name in SERVICE_FIELDS:
            self.fields.pop(name, None)
        for relation in SERVICE_RELATIONS:
            self.formsets.pop(relation, None)
        if "fee" in self.fields:
            self.fields["fee"].help_text = _(
                "Translate the names of the options and the unit here. The amounts and options "
                "are edited on the %(language)s page."
            ) % {"language": self.source_page.locale.get_display_name()}

    def clean(self):
        cleaned_data = super().clean()
        fee, source = cleaned_data.get("fee"), self.source_page
        if (
            source is not None
            and fee is not None
            and fee_structure(fee_raw(fee)) != fee_structure(fee_raw(source.fee))
        ):
            self.add_error(
                "fee",
                _(
                    "The fee's amounts and options are the same in every language: change them "
                    "on the %(language)s page. Here you translate the names of the options and "
                    "the unit."
                )
                % {"language": source.locale.get_display_name()},
            )
        steps = cleaned_data.get("application_form")
        if steps is None or self.has_error("application_form"):
            return cleaned_data
        form_fields = [
            (field.block_type, dict(field.value))
            for step in steps
            if step.block_type == "step"
            for field in step.value["fields"]
        ]
        # A StreamField shows one error: the messages about each go as one.
        fee_errors = fee_field_errors(fee, form_fields) if fee is not None and form_fields else []
        if fee_errors and not self.has_error("fee"):
            self.add_error("fee", " ".join(fee_errors))
        documents = cleaned_data.get("required_documents")
        publishing = any(self.data.get(action) for action in ("action-publish", "action-submit"))
        if publishing and form_fields and documents is not None:
            on_documents, on_form = document_upload_errors(
                [dict(block.value) for block in documents],
                [field for kind, field in form_fields if kind == "file_upload"],
            )
            if on_documents:
                self.add_error("required_documents", " ".join(on_documents))
            if on_form:
                self.add_error("application_form", " ".join(on_form))
        return cleaned_data


def _names(fields: list[tuple[str, dict]], kinds: tuple[str, ...]) -> str:
    return ", ".join(field["name"] for kind, field in fields if kind in kinds) or "—"


def fee_field_errors(fee, form_fields: list[tuple[str, dict]]) -> list[str]:
    """What is wrong with the form fields the fee rule (a ``fee`` StreamField's value) reads:
    the choice field that chooses the option, the number field that gives the quantity."""
    by_name = {field["name"]: (kind, field) for kind, field in form_fields}
    errors = []
    for rule in fee:
        value = rule.value
        if rule.block_type == "options" and value.get("option_field"):
            name = value["option_field"]
            kind, field = by_name.get(name, ("", {}))
            if kind not in ("single_choice", "yes_no"):
                errors.append(
                    _(
                        "The fee is chosen by “%(name)s”, but the form has no such choice "
                        "field. Choice fields: %(names)s."
                    )
                    % {"name": name, "names": _names(form_fields, ("single_choice", "yes_no"))}
                )
                continue
            allowed = answer_values(kind, field) or []
            labels = [option["label"] for option in field.get("options") or []]
            for option in value["options"]:
                chosen_by = option.get("value") or option.get("label")
                if chosen_by not in allowed and chosen_by not in labels:
                    errors.append(
                        _(
                            "The fee option “%(option)s” is chosen by the answer "
                            "“%(value)s”, but “%(name)s” has no such option. Its values: "
                            "%(values)s."
                        )
                        % {
                            "option": option.get("label"),
                            "value": chosen_by,
                            "name": name,
                            "values": ", ".join(allowed),
                        }
                    )
        if rule.block_type == "per_quantity" and value.get("quantity_field"):
            name = value["quantity_field"]
            if by_name.get(name, ("",))[0] != "number":
                errors.append(
                    _(
                        "The fee is counted by “%(name)s”, but the form has no such number "
                        "field. Number fields: %(names)s."
                    )
                    % {"name": name, "names": _names(form_fields, ("number",))}
                )
    return errors


def _same(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _types(keys) -> str:
    return get_text_list([str(UPLOAD_KINDS[key].label) for key in keys], _("and"))


def document_upload_errors(documents: list[dict], uploads: list[dict]):
    """Where the required documents and the form's upload fields disagree: each document has
    an upload field of its name, and each upload field a document; a mandatory document's
    upload is required (a condition may ask it of some applicants only), an optional one's is
    not required of everyone; an upload takes no file type its document does not list.
    Returns (errors about the documents, errors about the form)."""
    by_name = {_same(upload["label"]): upload for upload in uploads}
    named = {_same(document["name"]) for document in documents}
    on_documents, on_form = [], []
    for document in documents:
        name = document["name"]
        upload = by_name.get(_same(name))
        if upload is None:
            on_documents.append(
                _(
                    "“%(name)s” is a required document, but the form has no upload field "
                    "labelled “%(name)s”. Add one, or give the upload that takes it this name."
                )
                % {"name": name}
            )
            continue
        conditional = bool((dict(upload.get("condition") or {}).get("field") or "").strip())
        if document["mandatory"] and not upload["required"]:
            on_form.append(
                _(
                    "“%(name)s” is mandatory, but its upload field is optional. Make the upload "
                    "required (with a condition if only some applicants need it), or the "
                    "document optional."
                )
                % {"name": name}
            )
        elif not document["mandatory"] and upload["required"] and not conditional:
            on_form.append(
                _(
                    "“%(name)s” is optional, but its upload field is required of everyone. "
                    "Make the upload optional, or the document mandatory."
                )
                % {"name": name}
            )
        listed = list(document.get("accepted_types") or [])
        extra = [kind for kind in upload.get("accepted_types") or [] if kind not in listed]
        if listed and extra:
            on_form.append(
                _(
                    "The upload “%(label)s” takes %(types)s, which the required document does "
                    "not list. Tick the same file types in both."
                )
                % {"label": upload["label"], "types": _types(extra)}
            )
    for upload in uploads:
        if _same(upload["label"]) not in named:
            on_form.append(
                _(
                    "The form asks for “%(label)s”, which is not in the required documents. Add "
                    "it to them, or give the upload the name of the document it takes."
                )
                % {"label": upload["label"]}
            )
    return on_documents, on_form


class ServiceFieldPanel(FieldPanel):
    """A field of the service: editable on the source page, read-only on a translation
    (``empty_text`` says what an empty value means)."""

    def __init__(self, *args, empty_text="—", **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_text = empty_text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "empty_text": self.empty_text}

    def format_value_for_display(self, value):
        if value is None or value == "":
            return self.empty_text
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        choices = dict(self.db_field.flatchoices)
        if choices:
            return choices.get(value, value)
        return super().format_value_for_display(value)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            source = getattr(self.form, "source_page", None)
            if self.bound_field is None and source is not None:
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = edited_on(source)


class ServiceOfficesPanel(InlinePanel):
    """The responsible offices: a list to edit on the source page, read-only on a translation
    (in its language)."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form, panel = kwargs.get("form"), kwargs["panel"]
            source = getattr(form, "source_page", None)
            self.read_only = source is not None and panel.relation_name not in form.formsets
            if not self.read_only:
                super().__init__(**kwargs)
                return
            Panel.BoundPanel.__init__(self, **kwargs)
            self.label = panel.label
            self.help_text = edited_on(source)
            self.offices = localized_offices(self.instance)
            self.template_name = "cms/service_offices_read_only.html"

        def get_context_data(self, parent_context=None):
            if self.read_only:
                return Panel.BoundPanel.get_context_data(self, parent_context)
            return super().get_context_data(parent_context)

        def telepath_pack(self, context):
            if self.read_only:  # a plain panel to the admin's scripts: nothing to edit
                return (Panel.BoundPanel.telepath_adapter_name, [Panel.BoundPanel.js_opts(self)])
            return super().telepath_pack(context)

        def get_comparison(self):
            return [] if self.read_only else super().get_comparison()
