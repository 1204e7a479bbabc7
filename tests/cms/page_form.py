"""The data a Wagtail admin page edit form posts, as an editor's browser would send it."""

from django.forms import CheckboxInput
from wagtail.blocks import BlockField, ListBlock, StreamBlock, StructBlock


def page_edit_data(page, user) -> dict:
    """What the edit form of ``page`` posts unchanged: its latest version, every field,
    StreamField and inline formset (change entries, then add ``action-publish``)."""
    page = page.specific.get_latest_revision_as_object()
    form_class = type(page).get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=page.get_parent(), for_user=user)
    data: dict = {}
    _form_data(form, data)
    return data


def _form_data(form, data: dict) -> None:
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        if isinstance(field, BlockField):
            data.update(_block_data(field.block, value, key))
        elif isinstance(field.widget, CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = "" if value is None else value
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for child in formset.forms:
            _form_data(child, data)


def _block_data(block, value, prefix: str) -> dict:
    if isinstance(block, StreamBlock):
        children = list(value or [])
        data = {f"{prefix}-count": len(children)}
        for index, child in enumerate(children):
            key = f"{prefix}-{index}"
            data |= {f"{key}-type": child.block_type, f"{key}-deleted": "", f"{key}-order": index}
            data[f"{key}-id"] = child.id or ""
            data |= _block_data(child.block, child.value, f"{key}-value")
        return data
    if isinstance(block, ListBlock):
        items = list(value.bound_blocks) if value is not None else []
        data = {f"{prefix}-count": len(items)}
        for index, item in enumerate(items):
            key = f"{prefix}-{index}"
            data |= {f"{key}-deleted": "", f"{key}-order": index, f"{key}-id": item.id or ""}
            data |= _block_data(block.child_block, item.value, f"{key}-value")
        return data
    if isinstance(block, StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= _block_data(child, value.get(name) if value else None, f"{prefix}-{name}")
        return data
    form_value = block.value_for_form(value) if value is not None else ""
    if isinstance(block.field.widget, CheckboxInput):
        return {prefix: "on"} if form_value else {}
    if isinstance(form_value, list | tuple):
        return {prefix: [str(item) for item in form_value]}
    return {prefix: "" if form_value is None else form_value}
