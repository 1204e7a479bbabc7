from wagtail import hooks
from wagtail.permissions import register_permission_policy

from portal.applications.models import Application

from .views import ApplicationPermissionPolicy, ApplicationViewSet

register_permission_policy(Application, ApplicationPermissionPolicy(Application), exact_class=True)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet("applications")
