"""Who calls: a registered client with its key (``Authorization: Bearer odk_...``), or a
signed-in citizen through their session. Every call with a key is counted against the
client's limit and written to the audit trail."""

from ninja.security import HttpBearer, SessionAuth

from portal.audit.models import AuditRecord
from portal.audit.services import audit_record
from portal.core.limits import rate_limit_count

from .errors import ApiProblem
from .models import ApiClient
from .services import api_client_for_key, api_client_used

WINDOW = 60  # seconds: a client's limit is per minute


class ClientKey(HttpBearer):
    """A registered client's key. The request acts as the client's account from here on, so
    the audit trail and every Event name it."""

    openapi_description = "The key of a registered API client, given once by an admin."

    def authenticate(self, request, token: str) -> ApiClient | None:
        client = api_client_for_key(token.strip())
        if client is None:
            return None
        if not rate_limit_count(f"api-client:{client.pk}", limit=client.rate_limit, window=WINDOW):
            raise ApiProblem(
                429,
                f"More than {client.rate_limit} calls in a minute: wait and try again.",
                headers={"Retry-After": str(WINDOW)},
            )
        request.user = client.user
        request.api_client = client
        api_client_used(client=client)
        audit_record(
            action=AuditRecord.Action.API_CALL,
            request=request,
            user=client.user,
            object_type="api.apiclient",
            object_id=client.pk,
            reference=client.name,
            detail=f"{request.method} {request.get_full_path()[:500]}",
        )
        return client


class Citizen(SessionAuth):
    """A person signed in on the portal (the tracking app uses the portal's sign-in)."""

    openapi_description = "The portal's session cookie of a signed-in person."

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and user.is_active and not hasattr(user, "api_client"):
            return user
        return None


client_key = ClientKey()
citizen = Citizen(csrf=True)


def require_scope(request, scope: str) -> ApiClient:
    client = request.auth
    if not client.has_scope(scope):
        raise ApiProblem(403, f"This client's key does not have the scope {scope}.")
    return client
