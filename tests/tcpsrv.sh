# tcpsrv.sh: xapian-tcpsrv serving shards on 127.0.0.1, for the shard tests.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced after test-lib.sh.  start_server SHARD serves an index on a free
# loopback port and sets $port and $pid; every server is stopped on exit,
# whether the test passes, fails or is interrupted.

# Servers started here; each runs in a session of its own (setsid), since
# xapian-tcpsrv answers SIGTERM by signalling its whole process group.
server_pids=
stop_servers() {
    for pid in $server_pids; do
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
    server_pids=
}
stop_on_exit stop_servers

# start_server SHARD: serves SHARD on a free loopback port, sets $port and
# $pid; another process may take the port first, so a few ports are tried.
start_server() {
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" \
            > "$tmp/server-$port.log" 2>&1 &
        pid=$!
        server_pids="$server_pids $pid"
        wait_until "$pid" grep -q '^Listening' "$tmp/server-$port.log" && return 0
    done
    echo "Bail out! xapian-tcpsrv did not start: $(cat "$tmp/server-$port.log")"
    exit 1
}

