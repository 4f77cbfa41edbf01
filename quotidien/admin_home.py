"""The back office's dashboard: Wagtail's, without the search of all pages for staff who
work on no page (moderators, the Service abonnés), whom it led to a refusal."""

from wagtail.admin.views import home

from quotidien.admin_policies import works_on_pages


class HomeView(home.HomeView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not works_on_pages(self.request.user):
            context["search_form"] = None
        return context
