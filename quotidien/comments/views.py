"""Readers' comment pages: an article's comments, posting, reporting, and one's own comments."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quotidien.moderation import policy
from quotidien.news.models import ArticlePage
from quotidien.news.pagination import paginate
from quotidien.news.queries import attach_sections, section_map
from quotidien.ratelimits import limits

from . import queries
from .forms import CommentForm, ReportForm
from .models import Comment
from .services import (
    TooManyReports,
    comment_report,
    comment_submit,
    outcome_message,
    reply_parent,
)


def comments_url(article) -> str:
    """The address of the article's page of all comments."""
    return article.url + article.reverse_subpage("comments")


def comment_section_context(request, article, *, form: CommentForm | None = None) -> dict:
    """What the end of the article and its comments page both show: count, newest, form.

    The reader's own waiting comments are theirs alone: the article shows them as a
    personal part (see personal.py), the comments page reads them itself."""
    count, newest = queries.summary(article)
    return {
        "article": article,
        "count": count,
        "newest": newest,
        "comments_open": policy.comments_open(article),
        "form": form or CommentForm(),
        "comments_url": comments_url(article),
        # Where "Se connecter pour répondre" brings a reader back: the page they read.
        "return_path": article.url,
    }


def article_comments(request, article: ArticlePage):
    """All published comments of an article, newest first or oldest first; POST adds one."""
    # The kicker and the section's moderation policy both need the article's sections.
    attach_sections([article], section_map(request))
    if request.method == "POST":
        return post_comment(request, article)
    return render_comments(request, article)


def render_comments(request, article: ArticlePage, *, form: CommentForm | None = None):
    order = queries.OLDEST_FIRST if request.GET.get("ordre") == queries.OLDEST_FIRST else ""
    threads = queries.threads(article, order=order)
    listing = paginate(request, threads, settings.QUOTIDIEN_COMMENTS_PAGE_SIZE)
    section = comment_section_context(request, article, form=form)
    section["awaiting"] = place_waiting_replies(
        listing, queries.awaiting_for(article, request.user)
    )
    query = {"ordre": order} if order else {}
    if listing.number > 1:
        query["page"] = listing.number
    context = {
        **section,
        "page": article,
        "listing": listing,
        "order": order,
        # Only the parameters this page reads: the anonymous page is cached by them.
        "return_path": section["comments_url"] + (f"?{urlencode(query)}" if query else ""),
    }
    return render(request, "comments/article_comments.html", context, status=400 if form else 200)


def place_waiting_replies(listing, awaiting: list[Comment]) -> list[Comment]:
    """Put the reader's held replies under their threads on this page (`waiting_replies`);
    return the held comments left to show above the list."""
    threads = list(listing.object_list)
    listing.object_list = threads
    by_pk = {thread.pk: thread for thread in threads}
    for thread in threads:
        thread.waiting_replies = []
    elsewhere = []
    for comment in awaiting:
        thread = by_pk.get(comment.parent_id)
        (thread.waiting_replies if thread else elsewhere).append(comment)
    for thread in threads:
        thread.waiting_replies.reverse()  # oldest first, as the published replies
    return elsewhere


def thread_url(article: ArticlePage, thread: Comment) -> str:
    """The address of `thread` on the comments page, newest threads first, at its page."""
    number = queries.newer_threads(article, thread) // settings.QUOTIDIEN_COMMENTS_PAGE_SIZE + 1
    query = f"?page={number}" if number > 1 else ""
    return f"{comments_url(article)}{query}#commentaire-{thread.pk}"


def post_comment(request, article: ArticlePage):
    if not request.user.is_authenticated:
        return redirect_to_login(comments_url(article))
    form = CommentForm(request.POST)
    if form.is_valid() and not (verdict := limits.hit("comment", request.user.pk)):
        # Too many in a short while: the form comes back with the text, nothing is stored.
        form.add_error(None, limits.too_soon_message(verdict))
        return limits.stopped(render_comments(request, article, form=form), verdict)
    if form.is_valid():
        try:
            parent = reply_parent(article=article, pk=form.cleaned_data["parent"])
            comment = comment_submit(
                article=article, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as error:
            if error.code == "parent":
                form.refuse_reply(error)
            else:
                form.add_error(None, error)
        else:
            announce(request, comment)
            if comment.parent is not None:
                # A reply is read under the comment it answers, which the article page
                # may no longer show.
                return redirect(thread_url(article, comment.parent))
            return redirect(f"{article.url}#commentaires")
    return render_comments(request, article, form=form)


def announce(request, comment: Comment) -> None:
    """Tell the reader what became of the comment they just posted."""
    level = {
        Comment.Status.PUBLISHED: messages.SUCCESS,
        Comment.Status.PENDING: messages.INFO,
    }.get(comment.status, messages.WARNING)
    messages.add_message(request, level, outcome_message(comment))


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    """« Signaler »: a reader tells the moderators about a comment any reader can read."""
    comment = get_object_or_404(queries.public_comments(), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment_report(
                comment=comment,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except TooManyReports as error:
            # Nothing is recorded: the reader may send this one later.
            form.add_error(None, error)
            return limits.stopped(render_report(request, comment, form), error.verdict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Merci : votre signalement a été transmis aux modérateurs.")
            )
            return redirect(comments_url(comment.article))
    return render_report(request, comment, form)


def render_report(request, comment: Comment, form: ReportForm):
    return render(
        request,
        "comments/report.html",
        {"comment": comment, "article": comment.article, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def my_comments(request):
    """The reader's own comments and the fate of each: published, hidden with the thread
    it answers, waiting or refused."""
    comments = (
        Comment.objects.filter(author=request.user)
        .select_related("article", "parent")
        .order_by("-created_at", "-pk")
    )
    listing = paginate(request, comments, settings.QUOTIDIEN_COMMENTS_PAGE_SIZE)
    return render(request, "comments/my_comments.html", {"listing": listing})
