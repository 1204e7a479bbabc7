from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Content")

    def ready(self):
        # Two jobs are done on these signals, because publishing can happen from the admin
        # (editing or moderation), the scheduler or code, and every path must do them: empty
        # the page cache (and the sites and page trees cms.routing keeps), and keep a service's
        # language versions in agreement.
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal.accounts.models import Office

        from .cache import page_cache_clear
        from .models import CountrySettings

        def page_saved(sender, instance, **kwargs):
            # A page saved by code (a new page, a slug changed) may change an address.
            if isinstance(instance, Page):
                page_cache_clear()

        def settings_changed(sender, instance, created=False, **kwargs):
            # Made with the defaults on first read: what pages show does not change.
            if not created:
                page_cache_clear()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache_clear, dispatch_uid=f"cms-page-cache-{signal!r}")
        post_save.connect(page_saved, weak=False, dispatch_uid="cms-page-cache-save")
        post_delete.connect(page_cache_clear, sender=Page, dispatch_uid="cms-page-cache-delete")
        for signal in (post_save, post_delete):
            for model in (Office, Site, PageViewRestriction):
                signal.connect(
                    page_cache_clear, sender=model, dispatch_uid=f"cms-{model.__name__}-{signal!r}"
                )
            signal.connect(
                settings_changed,
                sender=CountrySettings,
                weak=False,
                dispatch_uid=f"cms-cs-{signal!r}",
            )

        # Publishing a service in any language gives its translations the source page's fee,
        # workflow and offices (cms.translations).
        from .models import ServicePage
        from .translations import translations_synchronise

        def service_published(sender, instance, **kwargs):
            translations_synchronise(page=instance)

        page_published.connect(
            service_published, sender=ServicePage, weak=False, dispatch_uid="cms-translations"
        )
