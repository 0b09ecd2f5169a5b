# net.sh: a free loopback port, and lighttpd on one, for the tests, the
# WARC fixtures' crawl (tests/data/warc/make-fixtures.sh) and the
# benchmarks (bench/options.sh); sourced.
# SPDX-License-Identifier: GPL-2.0-or-later

# free_port: a loopback port nobody listens on now (the kernel's choice);
# a server may still lose a race for it, so callers retry.
free_port() {
    "${PYTHON3:-python3}" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# lighttpd_serve ROOT DIR SETTINGS: lighttpd in the background (its pid in
# $server_pid) serving ROOT on 127.0.0.1:$port, a free port, with SETTINGS
# (lighttpd lines: modules, handlers) added; its configuration, error log
# and output in DIR.  The caller waits until it answers.
lighttpd_serve() {
    port=$(free_port)
    cat > "$2/lighttpd.conf" <<CONF
server.document-root = "$1"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$2/lighttpd-error.log"
$3
CONF
    "${lighttpd_bin:-/usr/sbin/lighttpd}" -D -f "$2/lighttpd.conf" > "$2/lighttpd.out" 2>&1 &
    server_pid=$!
}
