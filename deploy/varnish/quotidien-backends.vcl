# The app servers behind Varnish and who may purge: an example for two servers on this
# machine, to adapt (`make cluster` writes its own beside its other files).

probe health {
    # /sante/ answers 503 when the server cannot reach its database.
    .url = "/sante/";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = health;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = health;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
}

# The app servers in turn (the probe takes a failing one out).
sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

# Addresses allowed to send PURGE: the app servers and their workers. Varnish judges the
# address a connection comes from: where a TLS terminator on the same machine hands it
# every reader's request over the loopback, the loopback must not be listed here (anyone
# could empty the cache); let the workers purge from another address, or on a listening
# address of its own (varnishd -a) that only they reach.
acl purgers {
    "127.0.0.1";
    "::1";
}
