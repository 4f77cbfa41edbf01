# Varnish in front of Quotidien's app servers (Varnish 7, Debian's package).
#
# What is cached: what the app itself marks for a shared cache, anonymous pages sent with
# `Cache-Control: public, max-age=0, s-maxage=N` (PAGE_CACHE_CDN_SECONDS=N). Anything
# else (a subscriber's article, a page that sets a cookie, the back office) goes through
# uncached, so that nothing personal can be kept and served to someone else.
#
# What keeps it exact: every change that outdates pages is followed, once committed, by a
# `PURGE /x/y/` from the background worker (wagtail.contrib.frontend_cache's HTTP
# backend, with the site's Host header). It forgets /x/y/ and everything under it on that
# host, every query string and variant; `PURGE /` empties the host.
#
# The backends, their health probe and the addresses allowed to purge are in
# quotidien-backends.vcl, found on varnishd's vcl_path: `make cluster` writes its own,
# deploy/varnish/quotidien-backends.vcl is the example to adapt.

vcl 4.1;

import std;
import directors;

# Defines `app`, the director of the app servers, and `purgers`, the ACL.
include "quotidien-backends.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();
    # One spelling of each host, as Django reads it (case, a final dot, the scheme's own
    # port): the objects' keys must match the Host the purges carry (both without any
    # other port, see vcl_hash).
    if (req.http.host) {
        set req.http.host = std.tolower(regsub(req.http.host, "\.?(:(80|443))?$", ""));
    }

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Purge refused"));
        }
        # Bans test headers the objects carry themselves (set in vcl_backend_response),
        # so that the ban lurker clears them in the background instead of each lookup
        # testing every ban. The path is quoted for the regular expression.
        ban("obj.http.X-Cache-Host == " + regsub(req.http.host, ":[0-9]+$", "")
            + " && obj.http.X-Cache-Url ~ ^"
            + regsuball(regsub(req.url, "\?.*$", ""), "([][.*+?^$(){}|\\])", "\\\1"));
        return (synth(200, "Purged"));
    }

    # Tracking parameters change nothing on the page: strip them so that a link shared
    # with utm_source=… finds the page already cached, and sort what remains.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url,
            "([?&])(utm_[a-zA-Z0-9_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|xtor|at_medium|at_campaign)=[^&]*",
            "\1");
        set req.url = regsuball(req.url, "([?&])&+", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    # A body larger than the app reads is refused here, before it reaches a server: the
    # app's limits, REQUEST_BODY_MAX_BYTES (8 Mo) and, for the back office's photos,
    # ADMIN_REQUEST_BODY_MAX_BYTES (32 Mo), to change with them. A body sent in chunks
    # has no length to read here: the app stops reading it at its limit.
    if (req.http.Content-Length ~ "^[0-9]{9,}$"
        || std.integer(req.http.Content-Length, 0) > 32000000
        || (req.url !~ "^/admin(/|$)" && std.integer(req.http.Content-Length, 0) > 8000000)) {
        return (synth(413, "Payload Too Large"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # Comments, logins, the back office's and the API's writes.
        return (pass);
    }
    # The back office and readers' accounts are always someone's own.
    if (req.url ~ "^/(admin|compte)(/|$)") {
        return (pass);
    }

    # One address per page, as the app keys its own cache (quotidien/pagecache/pages.py),
    # and the app gets that address: a page reads the last value of a repeated parameter,
    # so the earlier ones go (before sorting, which would change which is last); a page
    # number is read as a number (0002 and +2 are 2) and the first page is the plain
    # address. The API, whose lists take repeated parameters, keeps its query as it came.
    if (req.url ~ "\?" && req.url !~ "^/api(/|\?|$)") {
        set req.url = regsuball(req.url,
            "(?<=[?&])([^=&]+)(=[^&]*)?&(?=([^&]*&)*\1([=&]|$))", "");
        set req.url = regsuball(req.url, "([?&](page|p)=)(\+|%2[bB]|%20)*0*(?=[1-9])", "\1");
        set req.url = regsuball(req.url, "([?&](page|p)=[0-9]+)(\+|%20)+(?=&|$)", "\1");
        set req.url = regsuball(req.url, "([?&])(page|p)=1?(?=&|$)", "\1");
        set req.url = regsuball(req.url, "([?&])&+", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    if (req.url ~ "\?") {
        set req.url = std.querysort(req.url);
    }
    # A logged-in reader (Django's session), a message waiting to be shown, whoever just
    # wrote something and reads the primary for a few seconds (quotidien/replica.py), or
    # an API client with its token: the answer is theirs alone.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|lecture_primaire)="
        || req.http.Authorization) {
        return (pass);
    }
    # Other cookies (analytics, consent) do not change the page: dropped, they would
    # split the cache by visitor.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    # The host without its port: any port passes the app's ALLOWED_HOSTS, and nothing
    # the app renders depends on it (its links are built on the site's own address).
    hash_data(regsub(req.http.host, ":[0-9]+$", ""));
    # Behind a TLS terminator the app writes its links for the scheme it was asked in.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_fetch {
    # The app sees the reader's address in X-Forwarded-For, set by Varnish.
    unset bereq.http.X-Cache-Host;
    unset bereq.http.X-Cache-Url;
}

sub vcl_backend_response {
    # For the bans (see vcl_recv): where the object was fetched from.
    set beresp.http.X-Cache-Host = regsub(bereq.http.host, ":[0-9]+$", "");
    set beresp.http.X-Cache-Url = bereq.url;

    # Only what the app marks for a shared cache is kept; a Set-Cookie never.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "s-maxage=[1-9]"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # An expired page may be served for a few seconds while it is fetched again: it was
    # not changed (a change purges it), only old.
    set beresp.grace = 10s;
    set beresp.keep = 0s;
    # Small pages the app sends uncompressed are compressed here once.
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    # An app server that stopped answering: the read goes to the next one at once,
    # instead of failing until the probe notices.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_synth {
    # What the app answers to a body too large (quotidien/errors.py), in short: the API's
    # error shape for the API, a line in French for the rest.
    if (resp.status == 413) {
        set resp.http.Cache-Control = "no-store";
        if (req.url ~ "^/api(/|\?|$)") {
            set resp.http.Content-Type = "application/json";
            synthetic({"{"erreur": {"code": "trop_volumineux", "message": "Contenu trop volumineux.", "details": []}}"});
        } else {
            set resp.http.Content-Type = "text/plain; charset=utf-8";
            synthetic({"Envoi trop volumineux : retirez les fichiers trop lourds ou réduisez-les, puis envoyez de nouveau.
"});
        }
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.X-Cache-Host;
    unset resp.http.X-Cache-Url;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    return (deliver);
}
