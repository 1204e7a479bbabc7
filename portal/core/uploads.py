"""Upload checks, the one place that decides whether a file is accepted: size, a virus scan
(clamd, when ``CLAMD_ADDRESS`` is set; no verdict means no), the real type read from the
content and matching the file name's ending, and a look inside: images are decoded and
re-encoded (which drops hidden data such as location metadata) after their decoded size is
bounded from their header, PDFs are parsed (a damaged or locked PDF is refused) and lose their
active content (scripts, launch and submit actions, attached files).
"""

import hashlib
import io
import logging
import os
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .clamd import ScanUnavailable, clamd_scan

logger = logging.getLogger(__name__)

# A scan of an A4 page at 600 dpi is about 35 million pixels; more is not a document.
MAX_IMAGE_PIXELS = 50_000_000
# The memory an image takes decoded, with the copy its re-encoding may make: a 12-megapixel
# photo takes 48 MB, an A4 page scanned in grey at 600 dpi 35 MB. Read from the header, so a
# small file that would unpack to far more is refused before it is decoded.
MAX_IMAGE_DECODED_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True)
class UploadKind:
    label: str
    content_type: str
    signature: bytes
    pillow_format: str = ""
    suffixes: str = ""
    other_suffixes: str = ""  # other endings of the name the type has, not offered to pick

    @property
    def name_endings(self) -> tuple[str, ...]:
        return tuple((self.suffixes + " " + self.other_suffixes).split())

    @property
    def accept(self) -> str:
        """For the file input's ``accept``: the type and its usual file name endings."""
        return ",".join([self.content_type, *self.suffixes.split()])


UPLOAD_KINDS = {
    "pdf": UploadKind(_("PDF"), "application/pdf", b"%PDF-", suffixes=".pdf"),
    "jpeg": UploadKind(
        _("JPEG image"),
        "image/jpeg",
        b"\xff\xd8\xff",
        "JPEG",
        suffixes=".jpg .jpeg",
        other_suffixes=".jpe .jfif",
    ),
    "png": UploadKind(_("PNG image"), "image/png", b"\x89PNG\r\n\x1a\n", "PNG", suffixes=".png"),
}


class DocumentType(models.TextChoices):
    """What a document is, beyond its file type: a company document has one, and an upload
    field of a form names those it takes, so a company's documents are offered only where
    they answer the question."""

    REGISTRATION = "registration", _("Enterprise registration certificate")
    TAX = "tax", _("Tax registration certificate")
    LICENCE = "licence", _("Business licence")
    ARTICLES = "articles", _("Articles of association")
    IDENTITY = "identity", _("Identity document of the director")
    OTHER = "other", _("Other document")


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


# --- The virus scan ---------------------------------------------------------------------------

_SCANNED = "_onedoor_upload_scanned"


def upload_mark_scanned(file: UploadedFile) -> UploadedFile:
    """Mark a file that passed these checks, scan included, when it was uploaded (one kept
    between the sends of a form, a company's document): it is not sent to the scanner again."""
    setattr(file, _SCANNED, True)
    return file


def _scan(file: UploadedFile) -> None:
    address = settings.CLAMD_ADDRESS
    if not address or getattr(file, _SCANNED, False):
        return
    try:
        found = clamd_scan(file, address=address, timeout=settings.CLAMD_TIMEOUT)
    except ScanUnavailable as error:
        logger.error(
            "The virus scanner at %s gave no verdict on an upload of %s bytes, so it was "
            "refused: %s",
            address,
            file.size,
            error,
        )
        raise ValidationError(
            _(
                "The selected file could not be checked for viruses just now, so it was not "
                "accepted. Try again in a few minutes."
            ),
            code="scan_unavailable",
        ) from None
    if found:
        logger.warning(
            "The virus scanner found %r in an upload of %s bytes; it was refused.",
            found,
            file.size,
        )
        raise ValidationError(
            _(
                "The selected file was refused because our virus check found it unsafe. Check "
                "your computer or phone for viruses, then upload a clean copy."
            ),
            code="unsafe",
        )


# --- PDFs: active content removed -------------------------------------------------------------

# Actions that run something, send something, or open another file.
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/ResetForm",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
    "/Movie",
    "/Sound",
}
# Entries that only hold active content: actions run on events, scripts, attached files, forms
# with scripts of their own (XFA).
ACTIVE_KEYS = {"/AA", "/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/Collection"}
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}


# Dictionaries and arrays looked at in one PDF: a 500-page report has some ten thousand. Bounds
# the work a small file that unpacks into many objects can cause.
MAX_PDF_PARTS = 100_000


def _too_many_parts() -> ValidationError:
    return ValidationError(
        _(
            "The selected PDF has too many parts to check. Print it to a new PDF, or scan the "
            "paper again, and upload that."
        ),
        code="too_many_parts",
    )


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _is_active(value) -> bool:
    value = _resolved(value)
    if not isinstance(value, DictionaryObject):
        return False
    return (
        value.get("/S") in ACTIVE_ACTIONS
        or "/JS" in value
        or value.get("/Type") == "/EmbeddedFile"
        or value.get("/Subtype") in ACTIVE_ANNOTATIONS
    )


def _pdf_containers(reader: PdfReader):
    """Every dictionary and array reachable from the trailer, each once (a stream's
    dictionary, not its data). The caller may change one before its entries are visited."""
    stack, seen, count = [reader.trailer], set(), 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, (DictionaryObject, ArrayObject)):
            count += 1
            if count > MAX_PDF_PARTS:
                raise _too_many_parts()
            yield item
            if isinstance(item, DictionaryObject):
                stack.extend(dict.values(item))
            else:
                stack.extend(list.__iter__(item))


def _pdf_active_content(reader: PdfReader, *, remove: bool) -> bool:
    """Whether the PDF has active content; with ``remove``, every entry that holds some is
    dropped as it is found (a link that would run a script stays as text that does nothing)."""
    found = False
    for container in _pdf_containers(reader):
        if isinstance(container, DictionaryObject):
            active = [
                key
                for key, value in dict.items(container)
                if key in ACTIVE_KEYS or _is_active(value)
            ]
            if active and remove:
                for key in active:
                    del container[key]
        else:
            kept = [item for item in list.__iter__(container) if not _is_active(item)]
            active = len(kept) < len(container)
            if active and remove:
                container[:] = kept
        if active:
            found = True
            if not remove:
                return True
    return found


def _active_content_stays() -> ValidationError:
    return ValidationError(
        _(
            "The selected PDF has scripts or attached files that could not be removed. Print "
            "it to a new PDF, or scan the paper again, and upload that."
        ),
        code="active_content",
    )


def _check_pdf(file: UploadedFile) -> UploadedFile:
    """The PDF as sent when it has no active content; otherwise a copy without it."""
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The selected PDF is protected by a password. Upload it without one."),
                code="encrypted",
            )
        pages = len(reader.pages)
        if pages == 0:
            raise _damaged()
        if not _pdf_active_content(reader, remove=False):
            file.seek(0)
            return file
        _pdf_active_content(reader, remove=True)
        buffer = io.BytesIO()
        PdfWriter(clone_from=reader).write(buffer)
        cleaned = PdfReader(io.BytesIO(buffer.getvalue()), strict=False)
        if len(cleaned.pages) != pages or _pdf_active_content(cleaned, remove=False):
            raise _active_content_stays()
    except ValidationError:
        raise
    except Exception:  # whatever a damaged or hostile file makes the parser raise
        raise _damaged() from None
    return SimpleUploadedFile(file.name, buffer.getvalue(), content_type="application/pdf")


# --- Images: decoded size bounded, re-encoded -------------------------------------------------

# The bytes a pixel takes in memory once decoded: Pillow keeps one-bit images in a byte per
# pixel, and three bands (RGB) in four bytes.
_PIXEL_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}
# The modes each format is written in as they are: no converted copy of the image is made.
_KEPT_MODES = {"JPEG": {"L", "RGB"}, "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"}}


def _clean_mode(image: Image.Image, kind: UploadKind) -> str:
    if image.mode in _KEPT_MODES[kind.pillow_format]:
        return image.mode
    if kind.pillow_format == "PNG" and ("A" in image.getbands() or "transparency" in image.info):
        return "RGBA"
    return "RGB"


def image_decoded_bytes(width: int, height: int, mode: str, clean_mode: str) -> int:
    """The memory an image takes decoded, with the converted copy when its mode changes."""
    pixels = width * height
    cost = pixels * _PIXEL_BYTES.get(mode, 4)
    if clean_mode != mode:
        cost += pixels * _PIXEL_BYTES.get(clean_mode, 4)
    return cost


def _reencode_image(file: UploadedFile, kind: UploadKind) -> UploadedFile:
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:  # reads the header only
                if image.format != kind.pillow_format:
                    raise _damaged()
                mode = _clean_mode(image, kind)
                if (
                    image.width * image.height > MAX_IMAGE_PIXELS
                    or image_decoded_bytes(image.width, image.height, image.mode, mode)
                    > MAX_IMAGE_DECODED_BYTES
                ):
                    raise _too_many_pixels()
                image.load()
                clean = image if mode == image.mode else image.convert(mode)
                # Nothing of the original's metadata is written again but its transparency.
                clean.info = {k: v for k, v in image.info.items() if k == "transparency"}
                if kind.pillow_format == "JPEG":
                    options = {"quality": 90, "optimize": True}
                else:
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


# --- The decision -----------------------------------------------------------------------------


def _check_type(file: UploadedFile, accepted: list[str]) -> str:
    """The key of the file's kind: read from its content, accepted here, and the one its
    name's ending says (a name with no ending says nothing)."""
    key = upload_kind_detect(file)
    ending = os.path.splitext(file.name or "")[1].lower()
    claimed = next((k for k in accepted if ending in UPLOAD_KINDS[k].name_endings), None)
    if key is None and claimed:
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
    if ending and ending not in kind.name_endings:
        # Downloaded later under this name, it would open as what the name says.
        raise ValidationError(
            _(
                "The selected file is a %(type)s, but its name ends in “%(ending)s”. Rename it "
                "to end in “%(suffix)s”, or choose the file you meant."
            )
            % {"type": kind.label, "ending": ending, "suffix": kind.suffixes.split()[0]},
            code="name_mismatch",
        )
    return key


def upload_validate(file: UploadedFile, *, accepted: list[str], max_bytes: int) -> tuple:
    """``(file, content type)`` for an acceptable upload, the file re-encoded if it is an
    image and without active content if it is a PDF; a ValidationError that says what is wrong
    otherwise. Every upload of the portal is judged here."""
    if file.size == 0:
        raise ValidationError(_("The selected file is empty."), code="empty")
    if file.size > max_bytes:
        raise ValidationError(
            _("The selected file must be smaller than %(limit)s.")
            % {"limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    # Before any parser reads it: a file clamd knows is harmful never reaches pypdf or Pillow.
    _scan(file)
    key = _check_type(file, accepted)
    kind = UPLOAD_KINDS[key]
    checked = _check_pdf(file) if key == "pdf" else _reencode_image(file, kind)
    return checked, kind.content_type
