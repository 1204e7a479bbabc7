"""Version 1 of the REST API, under /api/v1/, described in OpenAPI 3.1 at /api/schema/ (made
from the code by django-ninja) with a browsable page at /api/docs/."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from ninja import NinjaAPI

from . import applications, catalogue, citizens, statistics
from .errors import PROBLEM, problem_handlers

DESCRIPTION = """\
Onedoor's API for other agencies' systems and apps.

* **Catalogue** and **statistics**: public, no key.
* **Applications**: a registered client's key (`Authorization: Bearer odk_...`), within its
  scopes and offices; every call is on the audit trail and counted against its limit per minute.
* **Citizens**: the signed-in person's own applications (the portal's session), and the status
  look-up by reference and PIN.

Errors are `application/problem+json` with a `detail` that says what to change. Lists are
pages of at most 200 rows: follow `next_cursor`. Webhooks are described in the README.
"""


class OnedoorApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's description, with errors described as problem+json, as they are sent."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM] = content.pop("application/json")
        return schema


api = OnedoorApi(
    title="Onedoor API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url=None,
    docs_url=None,
)
problem_handlers(api)
api.add_router("", catalogue.router)
api.add_router("", applications.router)
api.add_router("", statistics.router)
api.add_router("", citizens.router)


@require_GET
def schema_view(request):
    return JsonResponse(
        api.get_openapi_schema(path_prefix="/api/v1"),
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def docs_view(request):
    """Swagger UI, its scripts served from here (ninja's static files), reading /api/schema/."""
    import json

    settings = {"layout": "BaseLayout", "deepLinking": True, "url": "/api/schema/"}
    return render(
        request,
        "ninja/swagger.html",
        {"swagger_settings": json.dumps(settings), "api": api, "add_csrf": False},
    )
