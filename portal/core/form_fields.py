"""One Django form field in the design system's markup (GOV.UK Frontend): label or legend, hint,
error message, control. Used by every form of the portal through ``{% form_field %}``: the
application forms, the account pages, allauth's pages, the status look-up.

Written in Python rather than as a template: a form step has many fields, and each of them
through Django's template engine cost more than the rest of the page.
"""

from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Widgets shown as a group of controls under a legend.
GROUPED = ("radioselect", "checkboxselectmultiple", "address")


def form_field_html(
    field,
    *,
    stored_file=None,
    company_files=None,
    company=None,
    company_document_suffix: str = "",
) -> SafeString:
    """The markup of the bound ``field``. For a file: ``stored_file`` is the file already
    uploaded for it (its ``name`` and ``size``, as the form wizard keeps them),
    ``company_files`` the documents of ``company`` the applicant may attach instead (chosen in
    a second control whose name ends with ``company_document_suffix``)."""
    if field.is_hidden:
        return mark_safe(str(field))  # noqa: S308 (Django's own rendering of the widget)
    widget = field.field.widget
    widget_type = field.widget_type
    input_type = getattr(widget, "input_type", "") or ""
    errors = list(field.errors)
    auto_id = field.auto_id or ""
    hint_id, error_id = f"{auto_id}-hint", f"{auto_id}-error"
    described = _described_by(bool(field.help_text), bool(errors), hint_id, error_id)
    error_messages = _errors(errors, error_id)
    hint = (
        format_html('<div class="govuk-hint" id="{}">{}</div>', hint_id, field.help_text)
        if field.help_text
        else ""
    )
    label = _label_text(field)
    if widget_type in GROUPED:
        if widget_type == "address":
            controls = _address(field, bool(errors))
        elif widget_type == "radioselect":
            controls = _options(field, "radios", "radio")
        else:
            controls = _options(field, "checkboxes", "checkbox")
        inner = format_html(
            '<fieldset class="govuk-fieldset"{}>\n'
            '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend>\n'
            "{}{}{}\n</fieldset>",
            _attribute("aria-describedby", described),
            label,
            hint,
            error_messages,
            controls,
        )
    elif input_type == "checkbox":
        inner = format_html(
            '{}<div class="govuk-checkboxes govuk-checkboxes--small" '
            'data-module="govuk-checkboxes">\n<div class="govuk-checkboxes__item">\n'
            '<input class="govuk-checkboxes__input" id="{}" name="{}" type="checkbox"{}>\n'
            '<label class="govuk-label govuk-checkboxes__label" for="{}">{}</label>\n'
            "</div>\n</div>",
            error_messages,
            field.id_for_label,
            field.html_name,
            mark_safe(" checked") if field.value() else "",
            field.id_for_label,
            field.label,
        )
    else:
        if input_type == "file":
            control = _file(
                field, bool(errors), described, stored_file, company_files, company,
                company_document_suffix,
            )  # fmt: skip
        elif widget_type == "textarea":
            control = format_html(
                '<textarea name="{}" id="{}" rows="5" class="govuk-textarea{}"{}{}>{}</textarea>',
                field.html_name,
                field.id_for_label,
                " govuk-textarea--error" if errors else "",
                _attribute("maxlength", getattr(field.field, "max_length", None)),
                _attribute("aria-describedby", described),
                _shown(field.value()),
            )
        elif widget_type == "select":
            control = _select(field, bool(errors), described)
        else:
            control = _input(field, widget, input_type, bool(errors), described)
        inner = format_html(
            '<label class="govuk-label govuk-label--s" for="{}">{}</label>\n{}{}{}',
            field.id_for_label,
            label,
            hint,
            error_messages,
            control,
        )
    return format_html(
        '<div class="govuk-form-group{}">\n{}\n</div>\n',
        " govuk-form-group--error" if errors else "",
        inner,
    )


def field_is_optional(field) -> bool:
    """Whether a field is labelled "(optional)": not required, and not one that becomes required
    under a condition (application forms say which in ``conditionally_required``)."""
    conditional = getattr(field.form, "conditionally_required", ())
    return not field.field.required and field.name not in conditional


def _label_text(field) -> SafeString:
    if field_is_optional(field):
        return format_html("{} ({})", field.label, _("optional"))
    return conditional_escape(field.label)


def _described_by(hint: bool, errors: bool, hint_id: str, error_id: str) -> str:
    """The ids of what describes the control: its hint, then its error."""
    return " ".join(name for name, shown in ((hint_id, hint), (error_id, errors)) if shown)


def _attribute(name: str, value) -> SafeString | str:
    """`` name="value"``, or nothing when there is no value."""
    if value in (None, "", False):
        return ""
    return format_html(' {}="{}"', mark_safe(name), value)  # noqa: S308 (our own names)


def _errors(errors: list, error_id: str) -> SafeString:
    return format_html_join(
        "",
        '<p class="govuk-error-message" id="{}"><span class="govuk-visually-hidden">{}</span> '
        "{}</p>\n",
        ((error_id, _("Error:"), error) for error in errors),
    )


def _shown(value) -> str:
    """A value as a template shows it: nothing for None, dates and numbers as the language
    writes them."""
    return "" if value is None else localize(value)


def _options(field, module: str, kind: str) -> SafeString:
    """Radios or checkboxes, one per choice (radios side by side when there are two)."""
    inline = " govuk-radios--inline" if kind == "radio" and len(field.field.choices) == 2 else ""
    items = format_html_join(
        "",
        '<div class="govuk-{0}__item">\n'
        '<input class="govuk-{0}__input" id="{1}" name="{2}" type="{3}" value="{4}"{5}>\n'
        '<label class="govuk-label govuk-{0}__label" for="{1}">{6}</label>\n</div>\n',
        (
            (
                module,
                option.id_for_label,
                field.html_name,
                kind,
                option.data["value"],
                mark_safe(" checked") if option.data["selected"] else "",
                option.choice_label,
            )
            for option in field.subwidgets
        ),
    )
    return format_html(
        '<div class="govuk-{}{}" data-module="govuk-{}">\n{}</div>', module, inline, module, items
    )


def _address(field, errors: bool) -> SafeString:
    """Province, district and village: one text input each, labelled."""
    parts = field.subwidgets[0].data["subwidgets"]
    return format_html_join(
        "",
        '<div class="govuk-form-group govuk-!-margin-bottom-3">\n'
        '<label class="govuk-label" for="{0}">{1}</label>\n'
        '<input class="govuk-input govuk-!-width-two-thirds{2}" type="text" name="{3}" '
        'id="{0}" value="{4}" maxlength="100">\n</div>\n',
        (
            (
                part["attrs"].get("id", ""),
                label,
                " govuk-input--error" if errors else "",
                part["name"],
                _shown(part["value"]),
            )
            for part, label in zip(parts, field.field.part_labels, strict=False)
        ),
    )


def _select(field, errors: bool, described: str) -> SafeString:
    chosen = str(field.value())
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == chosen else "", label)
            for value, label in field.field.choices
        ),
    )
    return format_html(
        '<select name="{}" id="{}" class="govuk-select{}"{}>\n{}\n</select>',
        field.html_name,
        field.id_for_label,
        " govuk-select--error" if errors else "",
        _attribute("aria-describedby", described),
        options,
    )


def _input(field, widget, input_type: str, errors: bool, described: str) -> SafeString:
    attrs = widget.attrs
    narrow = attrs.get("inputmode") or attrs.get("type") == "date"
    return format_html(
        '<input type="{}" name="{}" id="{}"{} class="govuk-input{}{}"{}{}{}{}{}>',
        attrs.get("type") or input_type or "text",
        field.html_name,
        field.id_for_label,
        "" if input_type == "password" else format_html(' value="{}"', _shown(field.value())),
        " govuk-input--width-10" if narrow else "",
        " govuk-input--error" if errors else "",
        _attribute("maxlength", getattr(field.field, "max_length", None)),
        _attribute("autocomplete", attrs.get("autocomplete")),
        _attribute("inputmode", attrs.get("inputmode")),
        mark_safe(' spellcheck="false"') if input_type == "email" else "",
        _attribute("aria-describedby", described),
    )


def _file(field, errors, described, stored_file, company_files, company, suffix) -> SafeString:
    """GOV.UK Frontend's file upload: with JavaScript, a button and status in our words;
    without, the browser's own control. Beside it, the file already uploaded, and the
    company's documents that may be attached instead."""
    attrs = field.field.widget.attrs
    stored = (
        format_html(
            '<p class="govuk-body onedoor-stored-file"><strong>{}:</strong> {} ({}). {}</p>\n',
            _("Uploaded"),
            stored_file["name"],
            filesizeformat(stored_file["size"]),
            _("Choose another file only to replace it."),
        )
        if stored_file
        else ""
    )
    upload = format_html(
        '<div class="govuk-file-upload-wrapper" data-module="govuk-file-upload" '
        'data-i18n.choose-files-button="{}" data-i18n.no-file-chosen="{}" '
        'data-i18n.drop-instruction="{}" data-i18n.entered-drop-zone="{}" '
        'data-i18n.left-drop-zone="{}">\n'
        '<input type="file" name="{}" id="{}" class="govuk-file-upload{}"{}{}{}{}>\n</div>\n',
        _("Choose file"),
        _("No file chosen"),
        _("or drop file"),
        _("Entered drop zone"),
        _("Left drop zone"),
        field.html_name,
        field.id_for_label,
        " govuk-file-upload--error" if errors else "",
        _attribute("accept", attrs.get("accept")),
        _attribute("data-max-bytes", attrs.get("data-max-bytes")),
        _attribute("data-too-big", attrs.get("data-too-big")),
        _attribute("aria-describedby", described),
    )
    if not company_files:
        return format_html("{}{}", stored, upload)
    control_id = f"{field.id_for_label}{suffix}"
    documents = format_html_join(
        "",
        '<option value="{}">{} · {}{}</option>',
        (
            (
                document.pk,
                document.name,
                document.original_name,
                format_html(
                    " · {}",
                    _("valid until %(date)s")
                    % {"date": date_format(document.valid_until, "DATE_FORMAT")},
                )
                if document.valid_until
                else "",
            )
            for document in company_files
        ),
    )
    return format_html(
        '{}{}<div class="onedoor-company-document">\n'
        '<label class="govuk-label" for="{}">{}</label>\n'
        '<div class="govuk-hint" id="{}-hint">{}</div>\n'
        '<select class="govuk-select" name="{}{}" id="{}" aria-describedby="{}-hint">\n'
        '<option value="">{}</option>{}\n</select>\n</div>',
        stored,
        upload,
        control_id,
        _("Or attach a document %(company)s keeps") % {"company": company.name if company else ""},
        control_id,
        _("Choose one: a file you upload above is used instead."),
        field.html_name,
        suffix,
        control_id,
        control_id,
        _("None: I upload a file"),
        documents,
    )
