"""How editors edit a service page in the Wagtail admin.

On a translation, what belongs to the service (``cms.translations``) is shown read-only, with
the language of the page where it is edited; the form leaves those fields out, so nothing
posted for them is taken. The fee rule stays editable for its words (option names, unit), and
any other change to it is refused with a message that says where to make it.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel

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


class ServicePageForm(WagtailAdminPageForm):
    """The service page's edit form; on a translation, without the service's fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        return cleaned_data


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
