"""Structured parts of a service page: required documents and fee rules."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.core.uploads import UPLOAD_KINDS


class RequiredDocumentBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Document"), max_length=255)
    original_or_copy = blocks.ChoiceBlock(
        label=_("Original or copy"),
        choices=[
            ("original", _("Original")),
            ("copy", _("Copy")),
            ("either", _("Original or copy")),
        ],
        default="copy",
    )
    copies = blocks.IntegerBlock(label=_("How many"), default=1, min_value=1, max_value=20)
    mandatory = blocks.BooleanBlock(label=_("Mandatory"), required=False, default=True)
    accepted_types = blocks.MultipleChoiceBlock(
        label=_("Accepted file types online"),
        choices=[(key, kind.label) for key, kind in UPLOAD_KINDS.items()],
        default=list(UPLOAD_KINDS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = _("Required document")


class FixedFeeBlock(blocks.StructBlock):
    amount = blocks.DecimalBlock(label=_("Amount"), min_value=Decimal(0), decimal_places=2)

    class Meta:
        icon = "tag"
        label = _("Fixed fee")


class QuantityFeeBlock(blocks.StructBlock):
    amount = blocks.DecimalBlock(label=_("Amount per unit"), min_value=Decimal(0), decimal_places=2)
    unit = blocks.CharBlock(label=_("Unit"), max_length=64, help_text=_("For example: copy, page"))
    quantity_field = blocks.CharBlock(
        label=_("Quantity from the form field"),
        required=False,
        max_length=64,
        help_text=_("The machine name of the number field that gives the quantity; empty: one."),
    )

    class Meta:
        icon = "tag"
        label = _("Fee per quantity")


class FeeOptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Option"), max_length=255)
    amount = blocks.DecimalBlock(label=_("Amount"), min_value=Decimal(0), decimal_places=2)
    value = blocks.CharBlock(
        label=_("Chosen by the answer"),
        required=False,
        max_length=64,
        help_text=_("The option's value in the form's choice field that selects this fee."),
    )


class OptionFeeBlock(blocks.StructBlock):
    option_field = blocks.CharBlock(
        label=_("Option from the form field"),
        required=False,
        max_length=64,
        help_text=_("The machine name of the choice field whose answer selects the fee."),
    )
    options = blocks.ListBlock(FeeOptionBlock(), label=_("Options"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Fee by option")


class FeeBlock(blocks.StreamBlock):
    """One fee rule; none means the service is free."""

    fixed = FixedFeeBlock()
    per_quantity = QuantityFeeBlock()
    options = OptionFeeBlock()

    class Meta:
        max_num = 1
