# Varnish in front of the site (docs/http-cache.md). bin/varnish writes the site's
# address into the backend below and starts varnishd with this file.
vcl 4.1;

import std;

backend site {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may ban and purge: the site's own processes, on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Ban-All) {
            if (std.ban("obj.status != 0")) {
                return (synth(200, "Banned every kept answer"));
            }
            return (synth(500, std.ban_error()));
        }
        # Tags are letters and digits (home/http_cache.py), joined by "|".
        if (req.http.X-Ban-Tags !~ "^[a-z0-9]+(\|[a-z0-9]+)*$") {
            return (synth(400, "X-Ban-Tags: tags joined by |, or X-Ban-All: 1"));
        }
        # obj.* only, so that the ban lurker can drop matching objects in the background. A
        # ban's words are split at spaces, so the tags' edges are \b, not spaces.
        if (std.ban({"obj.http.X-Cache-Tags ~ \b("} + req.http.X-Ban-Tags + {")\b"})) {
            return (synth(200, "Banned"));
        }
        return (synth(500, std.ban_error()));
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, previews and anyone logged in (or with messages waiting) go to the site.
    if (req.url ~ "^/(admin|django-admin)/" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (the CSRF token of a form seen earlier) change nothing in a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # The site says what may be kept (Cache-Control: public, s-maxage, stale-while-revalidate)
    # and Varnish's built-in rules refuse private, no-store and Set-Cookie answers.
    if (beresp.status >= 500) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # The tags are for bans, not for readers.
    unset resp.http.X-Cache-Tags;
}
