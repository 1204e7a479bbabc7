from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Content")

    def ready(self):
        # Cache invalidation is the one job these signals do: publishing can happen from the
        # admin, the scheduler or code, and every path must empty the anonymous page cache.
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal.accounts.models import Office

        from .cache import page_cache_clear

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache_clear, dispatch_uid=f"cms-page-cache-{signal!r}")
        post_delete.connect(page_cache_clear, sender=Page, dispatch_uid="cms-page-cache-delete")
        for signal in (post_save, post_delete):
            signal.connect(page_cache_clear, sender=Office, dispatch_uid=f"cms-office-{signal!r}")
