"""Upload checks: size, and the real type read from the content, never from the file name."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class UploadKind:
    label: str
    content_type: str
    signature: bytes


UPLOAD_KINDS = {
    "pdf": UploadKind(_("PDF"), "application/pdf", b"%PDF-"),
    "jpeg": UploadKind(_("JPEG image"), "image/jpeg", b"\xff\xd8\xff"),
    "png": UploadKind(_("PNG image"), "image/png", b"\x89PNG\r\n\x1a\n"),
}


def upload_kind_detect(file: UploadedFile) -> str | None:
    """The key of the kind the file's first bytes show, or None."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for key, kind in UPLOAD_KINDS.items():
        if head.startswith(kind.signature):
            return key
    return None


def upload_validate(file: UploadedFile, *, accepted: list[str], max_bytes: int) -> str:
    """The detected content type of an acceptable file; ValidationError saying why otherwise."""
    if file.size == 0:
        raise ValidationError(_("The selected file is empty."), code="empty")
    if file.size > max_bytes:
        raise ValidationError(
            _("The selected file must be smaller than %(limit)s.")
            % {"limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    key = upload_kind_detect(file)
    if key not in accepted:
        names = ", ".join(str(UPLOAD_KINDS[k].label) for k in accepted if k in UPLOAD_KINDS)
        raise ValidationError(
            _("The selected file must be one of: %(types)s.") % {"types": names}, code="type"
        )
    return UPLOAD_KINDS[key].content_type
