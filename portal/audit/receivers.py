"""What writes the trail by itself: sign-ins (Django's and allauth's signals), the Events of
applications and payments (each saved row is copied, so the trail holds them even when the
case file's rows are gone), the admin's own log of changes (every create, edit, delete and
publish in the Wagtail admin: workflows, offices, service pages and their fees, users, groups)
and changes of whose group holds which permission.

Models are named by label (``"applications.Event"``): this package imports nothing of the
packages whose rows it copies.
"""

from allauth.account.signals import login_code_rejected
from allauth.mfa.signals import authentication_failed
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save

from .middleware import current_request
from .models import AuditRecord
from .services import FROM_REQUEST, audit_record

Action = AuditRecord.Action


def _cached(instance, name: str):
    """The related object ``name`` if it came with the instance (no query), else None."""
    field = instance._meta.get_field(name)
    return field.get_cached_value(instance) if field.is_cached(instance) else None


def _person(instance, name: str = "actor"):
    """Who acted on a row: the related user, read without a query when the caller gave the
    object (as every service does)."""
    user_id = getattr(instance, f"{name}_id")
    if user_id is None:
        return None
    user = _cached(instance, name)
    if user is None:
        request = current_request()
        requester = getattr(request, "user", None)
        if requester is not None and requester.pk == user_id:
            return requester
        return getattr(instance, name)
    return user


# --- signing in and out -------------------------------------------------------------------------


def signed_in(sender, request, user, **kwargs):
    audit_record(action=Action.SIGNED_IN, request=request, user=user)


def signed_out(sender, request, user, **kwargs):
    audit_record(action=Action.SIGNED_OUT, request=request, user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    """A wrong password, or an unknown address: the address tried is kept (escaped when
    shown); the password is not (Django hides it before it gets here)."""
    tried = credentials.get("email") or credentials.get("username") or ""
    audit_record(
        action=Action.SIGN_IN_FAILED,
        request=request,
        user=None,
        email=str(tried),
        detail="password",
    )


def sign_in_code_rejected(sender, request, user, **kwargs):
    audit_record(action=Action.SIGN_IN_FAILED, request=request, user=user, detail="login code")


def second_step_failed(sender, request, user, **kwargs):
    audit_record(
        action=Action.SIGN_IN_FAILED, request=request, user=user, detail="two-step verification"
    )


# --- applications and payments ------------------------------------------------------------------


def application_changed(sender, instance, created, raw=False, **kwargs):
    """An Event of an application, copied: what, from and to which status and stage."""
    if not created or raw:
        return
    application = _cached(instance, "application")
    detail = f"{instance.kind}: {instance.from_status or '-'} → {instance.to_status or '-'}"
    if instance.from_stage_name != instance.to_stage_name:
        detail += f"; stage: {instance.from_stage_name or '-'} → {instance.to_stage_name or '-'}"
    audit_record(
        action=Action.APPLICATION_CHANGED,
        user=_person(instance),
        object_type="applications.application",
        object_id=instance.application_id,
        reference=application.reference if application is not None else "",
        application_id=instance.application_id,
        detail=detail,
    )


def payment_changed(sender, instance, created, raw=False, **kwargs):
    """A PaymentEvent, copied: from and to which status, by which source, how much."""
    if not created or raw:
        return
    payment = _cached(instance, "payment")
    detail = (
        f"{instance.source}: {instance.from_status or '-'} → {instance.to_status or '-'}"
        f"; {instance.gateway}"
    )
    if instance.amount is not None:
        detail += f"; amount {instance.amount}"
    audit_record(
        action=Action.PAYMENT_CHANGED,
        user=_person(instance),
        object_type="payments.payment",
        object_id=instance.payment_id,
        reference=(payment.receipt_number or "") if payment is not None else "",
        application_id=payment.application_id if payment is not None else None,
        detail=detail,
    )


# --- the admin ----------------------------------------------------------------------------------


def admin_logged(sender, instance, created, raw=False, **kwargs):
    """An entry of the Wagtail admin's log (``wagtail.create``, ``wagtail.edit``,
    ``wagtail.delete``, ``wagtail.publish`` ...) of any object: snippets (workflows,
    offices), pages (services and their fees), users and groups."""
    if not created or raw:
        return
    content_type = _cached(instance, "content_type") or instance.content_type
    audit_record(
        action=Action.ADMIN_CHANGE,
        user=_person(instance, "user"),
        object_type=f"{content_type.app_label}.{content_type.model}",
        object_id=instance.object_id,
        reference=instance.label,
        detail=instance.action,
    )


def _names(model, pk_set) -> str:
    if not pk_set:
        return ""
    if model is Permission:
        rows = model.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
        return ", ".join(sorted(f"{app}.{codename}" for app, codename in rows))
    return ", ".join(sorted(str(name) for name in model.objects.filter(pk__in=pk_set)))


def permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A user given or taken a group or a permission, or a group given or taken a permission
    (in the admin's user and group forms, or by code)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        what = f"{model._meta.verbose_name_plural}: all removed"
    else:
        verb = "added" if action == "post_add" else "removed"
        if not pk_set:
            return
        what = f"{model._meta.verbose_name_plural} {verb}: {_names(model, pk_set)}"
    label = instance._meta.label_lower
    audit_record(
        action=Action.PERMISSIONS_CHANGED,
        user=FROM_REQUEST,
        object_type=label,
        object_id=instance.pk,
        reference=getattr(instance, "email", "") or str(instance),
        detail=what,
    )


def connect() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="audit_signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="audit_signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit_sign_in_failed")
    login_code_rejected.connect(sign_in_code_rejected, dispatch_uid="audit_code_rejected")
    authentication_failed.connect(second_step_failed, dispatch_uid="audit_mfa_failed")
    post_save.connect(
        application_changed, sender="applications.Event", dispatch_uid="audit_application"
    )
    post_save.connect(payment_changed, sender="payments.PaymentEvent", dispatch_uid="audit_pay")
    for log in ("wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry"):
        post_save.connect(admin_logged, sender=log, dispatch_uid=f"audit_{log}")
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            permissions_changed, sender=through, dispatch_uid=f"audit_{through._meta.label}"
        )
