#!/bin/sh
# Watchdog for a control plane owned by a process (see control-plane.ts): once the owner is gone
# (or a zombie) while the run directory still exists, stops every process group listed in
# RUN_DIR/pids (etcd, listed last, after the others) and removes the run directory. Exits as
# soon as the run directory is removed.
owner=$1
run=$2
alive() {
  kill -0 "$owner" 2>/dev/null || return 1
  state=$(sed 's/.*) //' "/proc/$owner/stat" 2>/dev/null | cut -c1)
  [ "$state" != Z ]
}
while alive && [ -d "$run" ]; do sleep 1; done
[ -d "$run" ] || exit 0
pgids=$(cat "$run/pids" 2>/dev/null)
last=$(echo "$pgids" | tail -n 1)
for pgid in $pgids; do
  [ "$pgid" = "$last" ] && continue
  kill -TERM "-$pgid" 2>/dev/null
  kill -CONT "-$pgid" 2>/dev/null
done
sleep 1
kill -TERM "-$last" 2>/dev/null
sleep 2
for pgid in $pgids; do kill -KILL "-$pgid" 2>/dev/null; done
rm -rf "$run"
