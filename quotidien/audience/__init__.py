"""The paper's audience: article views counted on the server, for "Les plus lus".

No cookie, no third party, no database write per view: each web process adds views up in
memory (`counting`) and writes them at most every few seconds, in one statement, into
hourly counts per article (`models.HourlyViews`); the front page ranks the last 24 hours.
A reader counts once per article and hour, whatever they reload: see `readers`.
Views of pages served by the page cache count too: see `quotidien.pagecache.viewing`;
behind a shared cache (Varnish, a CDN), through the article's beacon: see `beacon`.
"""
