"""Upload checks: size, the real type read from the content (never from the file name), and a
look inside: images are decoded and re-encoded (which drops hidden data such as location
metadata, and refuses decompression bombs), PDFs are parsed (a damaged or locked PDF is refused).
"""

import hashlib
import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

# A scan of an A4 page at 600 dpi is about 35 million pixels; more is not a document.
MAX_IMAGE_PIXELS = 50_000_000


@dataclass(frozen=True)
class UploadKind:
    label: str
    content_type: str
    signature: bytes
    pillow_format: str = ""
    suffixes: str = ""

    @property
    def accept(self) -> str:
        """For the file input's ``accept``: the type and its usual file name endings."""
        return ",".join([self.content_type, *self.suffixes.split()])


UPLOAD_KINDS = {
    "pdf": UploadKind(_("PDF"), "application/pdf", b"%PDF-", suffixes=".pdf"),
    "jpeg": UploadKind(
        _("JPEG image"), "image/jpeg", b"\xff\xd8\xff", "JPEG", suffixes=".jpg .jpeg"
    ),
    "png": UploadKind(_("PNG image"), "image/png", b"\x89PNG\r\n\x1a\n", "PNG", suffixes=".png"),
}


MB = 1024 * 1024


def upload_max_bytes(max_size_mb: int | None = None) -> int:
    """The largest upload a field accepts, in bytes: its own size in MB when it has one, never
    more than ``UPLOAD_MAX_MB``, the ceiling of every upload in the portal."""
    ceiling = settings.UPLOAD_MAX_MB
    return min(int(max_size_mb), ceiling) * MB if max_size_mb else ceiling * MB


def upload_rule(accepted: list[str], max_bytes: int) -> str:
    """What a file input accepts, in words: "PDF or JPEG image, at most 5 MB."."""
    return _("%(types)s, at most %(size)s.") % {
        "types": _(" or ").join(str(UPLOAD_KINDS[key].label) for key in accepted),
        "size": filesizeformat(max_bytes),
    }


def upload_input_attrs(accepted: list[str], max_bytes: int) -> dict:
    """The file input's ``accept``, and its size limit for the script that refuses a file too
    big before it is sent."""
    return {
        "accept": ",".join(UPLOAD_KINDS[key].accept for key in accepted),
        "data-max-bytes": str(max_bytes),
        "data-too-big": _("The selected file must be smaller than %(limit)s.")
        % {"limit": filesizeformat(max_bytes)},
    }


def upload_sha256(file: UploadedFile) -> str:
    """The file's SHA-256, read in chunks; the file is left at its start."""
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def upload_stored_name(folder: str, content_type: str) -> str:
    """A random name in a dated folder, its suffix from the checked type, never from the name
    the uploader gave (kept only as data)."""
    kind = next((k for k in UPLOAD_KINDS.values() if k.content_type == content_type), None)
    suffix = kind.suffixes.split()[0] if kind else ""
    return timezone.now().strftime(f"{folder}/%Y/%m/{uuid.uuid4().hex}{suffix}")


def upload_kind_detect(file: UploadedFile) -> str | None:
    """The key of the kind the file's first bytes show, or None."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for key, kind in UPLOAD_KINDS.items():
        if head.startswith(kind.signature):
            return key
    return None


def _damaged() -> ValidationError:
    return ValidationError(
        _("The selected file is damaged or not what its type says. Save it again and retry."),
        code="damaged",
    )


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The selected image has too many pixels. Scan or photograph it again at a normal size."),
        code="too_many_pixels",
    )


def _check_pdf(file: UploadedFile) -> UploadedFile:
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The selected PDF is protected by a password. Upload it without one."),
                code="encrypted",
            )
        if len(reader.pages) == 0:
            raise _damaged()
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise _damaged() from None
    file.seek(0)
    return file


def _reencode_image(file: UploadedFile, kind: UploadKind) -> UploadedFile:
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format != kind.pillow_format:
                    raise _damaged()
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image.load()
                if kind.pillow_format == "JPEG":
                    clean = image.convert("RGB")
                    options = {"quality": 90, "optimize": True}
                else:
                    clean = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                    options = {"optimize": True}
                buffer = io.BytesIO()
                clean.save(buffer, kind.pillow_format, **options)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _damaged() from None
    # The applicant's file name is kept as data; the stored name is random (see the model).
    return SimpleUploadedFile(file.name, buffer.getvalue(), content_type=kind.content_type)


def upload_validate(file: UploadedFile, *, accepted: list[str], max_bytes: int) -> tuple:
    """``(file, content type)`` for an acceptable upload, the file re-encoded if it is an
    image; a ValidationError that says what is wrong otherwise."""
    if file.size == 0:
        raise ValidationError(_("The selected file is empty."), code="empty")
    if file.size > max_bytes:
        raise ValidationError(
            _("The selected file must be smaller than %(limit)s.")
            % {"limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    key = upload_kind_detect(file)
    claimed = next(
        (
            k
            for k in accepted
            if file.name.lower().endswith(tuple(UPLOAD_KINDS[k].suffixes.split()))
        ),
        None,
    )
    if key not in accepted and claimed and key is None:
        message = _("The selected file is named like a %(type)s but is not one.")
        advice = _("Save it again as a %(type)s.")
        raise ValidationError(
            f"{message} {advice}" % {"type": UPLOAD_KINDS[claimed].label}, code="type"
        )
    if key not in accepted:
        names = ", ".join(str(UPLOAD_KINDS[k].label) for k in accepted if k in UPLOAD_KINDS)
        raise ValidationError(
            _("The selected file must be one of: %(types)s.") % {"types": names}, code="type"
        )
    kind = UPLOAD_KINDS[key]
    checked = _check_pdf(file) if key == "pdf" else _reencode_image(file, kind)
    return checked, kind.content_type
