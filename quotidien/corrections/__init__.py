"""Corrections of published articles and readers' right of reply (article 13 of the law of
29 July 1881): the dated notes at the end of an article, their public list and feed, and
the requests for a reply from the public form to their publication or refusal."""
