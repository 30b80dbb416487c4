#!/usr/bin/env bash
# Gives coturn the certificate of the TURN name, which Caddy obtains and renews: copies it from
# Caddy's storage to /etc/serambi/turn-tls (readable by the turnserver group only) when it changed,
# then has coturn reload it (SIGUSR2; a restart the first time, when coturn started without one).
# Run by serambi-turn-cert.timer every hour and by deploy/install.sh. Usage: turn-cert.sh <turn name>
set -euo pipefail

name=${1:?usage: turn-cert.sh <turn name>}
# Where the caddy package keeps its data (the caddy user's home is /var/lib/caddy).
caddy_data=${CADDY_DATA_DIR:-/var/lib/caddy/.local/share/caddy}
target=${TURN_TLS_DIR:-/etc/serambi/turn-tls}
group=${TURN_GROUP:-turnserver}

# Caddy keeps one folder per certificate authority (Let's Encrypt, or ZeroSSL when it fell back):
# take the newest certificate for the name from any of them.
newest=''
if [ -d "$caddy_data/certificates" ]; then
  newest=$(find "$caddy_data/certificates" -path "*/$name/$name.crt" -printf '%T@ %p\n' | sort -n | tail -n 1)
fi
if [ -z "$newest" ]; then
  echo "No certificate for $name in $caddy_data yet: Caddy obtains it once $name points at this server (port 80 open)." >&2
  exit 0
fi
certificate=${newest#* }
key=${certificate%.crt}.key

if cmp -s "$certificate" "$target/fullchain.pem" && cmp -s "$key" "$target/privkey.pem"; then
  exit 0
fi
first=true
[ -e "$target/fullchain.pem" ] && first=false

install -d -m 0750 -g "$group" "$target"
# Write beside, then rename: coturn never reads half a file.
install -m 0640 -g "$group" "$certificate" "$target/fullchain.pem.new"
install -m 0640 -g "$group" "$key" "$target/privkey.pem.new"
mv -f "$target/fullchain.pem.new" "$target/fullchain.pem"
mv -f "$target/privkey.pem.new" "$target/privkey.pem"
echo "TURN certificate for $name updated from $certificate"

if systemctl --quiet is-active coturn.service; then
  if $first; then
    # coturn opens no TLS port when it started without a certificate: a reload would not add one.
    systemctl restart coturn.service
  else
    systemctl kill --kill-whom=main --signal=SIGUSR2 coturn.service
  fi
fi
