#!/usr/bin/env bash
# Serambi on one server (Debian 12 or Ubuntu 24.04): HTTPS with Caddy, TURN with coturn, both on
# port 443 through nginx's SNI router, and Serambi as a systemd service. Run it as root from the
# checkout the server should run (e.g. /opt/serambi):
#
#   deploy/install.sh <domain> <admin email>
#
# It installs what is missing (./setup: Node 22, pnpm, ffmpeg, fonts, LiveKit; then caddy, nginx,
# coturn), creates the serambi user, writes its configuration with a generated TURN secret, and
# enables and (re)starts the services whose configuration changed. Running it again changes
# nothing, or puts back what drifted; after `git pull` it updates and restarts Serambi.
#
# It writes only files of its own:
#   /etc/serambi/                      serambi.env (kept once written: yours to edit), caddy.env,
#                                      Caddyfile, turnserver.conf, turn-tls/, installed-commit
#   /etc/systemd/system/               serambi.service, serambi-turn-cert.{service,timer},
#                                      caddy.service.d/serambi.conf, coturn.service.d/serambi.conf
#   /etc/nginx/modules-enabled/60-serambi-sni.conf
#   /var/lib/serambi                   Serambi's data (created by systemd)
# and, only where Debian's caddy is too old to read the PROXY protocol (before 2.7), Caddy's own
# apt repository (/etc/apt/sources.list.d/caddy-stable.list and its key, as caddyserver.com
# describes). It changes nothing else: not /etc/caddy/Caddyfile, not /etc/turnserver.conf, not the
# firewall, not another nginx site; nginx's untouched default site, which would hold port 80, is
# disabled (its symlink removed).
#
#   deploy/install.sh --render <dir> <domain> <admin email>
#
# writes the same files under <dir> instead of / and does nothing else (the tests check them).
#
# Settings taken from the environment the first time: SMTP_URL (else asked for), MAIL_FROM,
# TURN_DOMAIN (default turn.<domain>), LIVEKIT_NODE_IP (default: detected by Serambi), SERAMBI_PORT
# (default 3000).
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true

SERAMBI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPLOY="$SERAMBI_DIR/deploy"
# Caddy's signing key for its apt repository (key id 155B6D79CA56EA34).
CADDY_KEY_FINGERPRINT=65760C51EDEA2017CEA2CA15155B6D79CA56EA34
CADDY_KEYRING=/usr/share/keyrings/caddy-stable-archive-keyring.gpg
CADDY_REPO="deb [signed-by=$CADDY_KEYRING] https://dl.cloudsmith.io/public/caddy/stable/deb/debian any-version main"

if [ -t 2 ]; then bold=$'\033[1m' yellow=$'\033[1;33m' red=$'\033[1;31m' plain=$'\033[0m'; else bold='' yellow='' red='' plain=''; fi
say() { printf '%s[serambi]%s %s\n' "$bold" "$plain" "$*"; }
warn() { printf '%s[serambi] %s%s\n' "$yellow" "$*" "$plain" >&2; }
die() {
  printf '%s[serambi] %s%s\n' "$red" "$*" "$plain" >&2
  exit 1
}
usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
  exit "${1:-0}"
}

ROOT=""
render=false
case "${1:-}" in
  -h | --help) usage 0 ;;
  --render)
    render=true
    ROOT=${2:?--render needs a folder}
    shift 2
    ;;
esac
[ $# -eq 2 ] || usage 2
DOMAIN=${1,,}
ADMIN_EMAIL=$2

domain_pattern='^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$'
[[ $DOMAIN =~ $domain_pattern ]] || die "\"$1\" is not a domain name like serambi.example.id."
[[ $ADMIN_EMAIL =~ ^[^@[:space:]\']+@[^@[:space:]\']+\.[^@[:space:]\']+$ ]] ||
  die "\"$ADMIN_EMAIL\" is not an email address (Let's Encrypt writes to it about the certificates)."

ENV_FILE="$ROOT/etc/serambi/serambi.env"

# ---------------------------------------------------------------------------------------------
# Writing files

changed=()
# write_file <path> <mode> <owner:group> <content>: writes $ROOT<path> when its content differs.
write_file() {
  local target="$ROOT$1" mode=$2 owner=$3 content=$4
  mkdir -p "$(dirname "$target")"
  if [ -f "$target" ] && [ "$(cat "$target")" = "$content" ]; then
    chmod "$mode" "$target"
    $render || chown "$owner" "$target"
    return 0
  fi
  local temporary
  temporary=$(mktemp "$target.XXXXXX")
  printf '%s\n' "$content" >"$temporary"
  chmod "$mode" "$temporary"
  $render || chown "$owner" "$temporary"
  mv -f "$temporary" "$target"
  changed+=("$1")
}
# copy_file <file in deploy/> <path> <mode> <owner:group>
copy_file() {
  local content
  content=$(cat "$DEPLOY/$1")
  write_file "$2" "$3" "$4" "$content"
}
# template_file <template in deploy/> <path> <mode> <owner:group>: with its @NAME@s filled in.
template_file() {
  local content
  content=$(render "$DEPLOY/$1")
  write_file "$2" "$3" "$4" "$content"
}
was_changed() {
  local path
  for path in "${changed[@]}"; do
    [[ $path == "$1"* ]] && return 0
  done
  return 1
}

# render <template>: the template with each @NAME@ replaced by the value of the variable NAME.
render() {
  local content name
  content=$(cat "$1")
  for name in SERAMBI_DIR NODE SERAMBI_DOMAIN SERAMBI_PORT TURN_DOMAIN TURN_SECRET TURN_UDP_PORT \
    SMTP_URL MAIL_FROM LIVEKIT_NODE_IP; do
    content=${content//"@$name@"/"${!name:-}"}
  done
  if [[ $content =~ @[A-Z_]+@ ]]; then
    die "$1: no value for ${BASH_REMATCH[0]}"
  fi
  printf '%s\n' "$content"
}

# The value of one variable in an env file (sh syntax, as serambi.env is written).
env_value() {
  # shellcheck disable=SC1090
  (
    set -a
    . "$1"
    printf '%s' "${!2:-}"
  )
}

random_secret() { base64 -w0 < <(head -c 36 /dev/urandom) | tr '+/' 'xy'; }

# ---------------------------------------------------------------------------------------------
# Settings: the first run decides them and writes serambi.env; later runs read them from it.

quoted_ok() {
  [[ $2 != *"'"* ]] || die "$1 may not contain a single quote ('): write it %-encoded (%27)."
}

url_encode() {
  local LC_ALL=C value=$1 out='' character i
  for ((i = 0; i < ${#value}; i++)); do
    character=${value:i:1}
    case $character in
      [A-Za-z0-9._~-]) out+=$character ;;
      *) printf -v character '%%%02X' "'$character" && out+=$character ;;
    esac
  done
  printf '%s' "$out"
}

ask_for_smtp() {
  [ -t 0 ] || return 0
  local server user password
  say "Serambi sends mail (join links, reminders, certificates, password resets) through SMTP."
  read -r -p "  SMTP server as host:port (e.g. smtp.example.id:465), or Enter to set it later: " server
  [ -n "$server" ] || return 0
  [[ $server == *:* ]] || server="$server:465"
  read -r -p "  SMTP user: " user
  read -r -s -p "  SMTP password (not shown): " password
  echo
  local scheme=smtp
  [ "${server##*:}" = 465 ] && scheme=smtps
  SMTP_URL="$scheme://$(url_encode "$user"):$(url_encode "$password")@$server"
}

settle_settings() {
  SERAMBI_DOMAIN=$DOMAIN
  if [ -f "$ENV_FILE" ]; then
    local public_url
    public_url=$(env_value "$ENV_FILE" PUBLIC_URL)
    [ "$public_url" = "https://$DOMAIN" ] ||
      die "This server is set up for $public_url (PUBLIC_URL in $ENV_FILE). To move it to https://$DOMAIN, change PUBLIC_URL there first."
    TURN_DOMAIN=$(env_value "$ENV_FILE" TURN_DOMAIN)
    TURN_SECRET=$(env_value "$ENV_FILE" TURN_SECRET)
    TURN_UDP_PORT=$(env_value "$ENV_FILE" TURN_UDP_PORT)
    SERAMBI_PORT=$(env_value "$ENV_FILE" PORT)
    SMTP_URL=$(env_value "$ENV_FILE" SMTP_URL)
    if [ -z "$TURN_DOMAIN" ] || [ -z "$TURN_SECRET" ] || [ -z "$SERAMBI_PORT" ]; then
      die "$ENV_FILE lacks TURN_DOMAIN, TURN_SECRET or PORT: put them back (deploy/serambi.env shows them)."
    fi
    TURN_UDP_PORT=${TURN_UDP_PORT:-3478}
    return 0
  fi
  TURN_DOMAIN=${TURN_DOMAIN:-turn.$DOMAIN}
  TURN_DOMAIN=${TURN_DOMAIN,,}
  [[ $TURN_DOMAIN =~ $domain_pattern ]] || die "TURN_DOMAIN=\"$TURN_DOMAIN\" is not a domain name."
  [ "$TURN_DOMAIN" != "$DOMAIN" ] || die "TURN_DOMAIN must be a name of its own (e.g. turn.$DOMAIN): port 443 tells them apart by name."
  TURN_SECRET=$(random_secret)
  TURN_UDP_PORT=3478
  SERAMBI_PORT=${SERAMBI_PORT:-3000}
  [[ $SERAMBI_PORT =~ ^[0-9]+$ ]] || die "SERAMBI_PORT=\"$SERAMBI_PORT\" is not a port number."
  SMTP_URL=${SMTP_URL:-}
  $render || [ -n "$SMTP_URL" ] || ask_for_smtp
  MAIL_FROM=${MAIL_FROM:-Serambi <no-reply@$DOMAIN>}
  LIVEKIT_NODE_IP=${LIVEKIT_NODE_IP:-}
  quoted_ok SMTP_URL "$SMTP_URL"
  quoted_ok MAIL_FROM "$MAIL_FROM"
  quoted_ok LIVEKIT_NODE_IP "$LIVEKIT_NODE_IP"
  template_file serambi.env /etc/serambi/serambi.env 0600 root:root
}

# ---------------------------------------------------------------------------------------------
# The configuration files

write_configuration() {
  NODE=$(command -v node || true)
  [ -n "$NODE" ] || die "node is not installed (./setup installs it)."
  write_file /etc/serambi/caddy.env 0644 root:root "# The names in /etc/serambi/Caddyfile, from serambi.env (written by deploy/install.sh).
SERAMBI_DOMAIN=$SERAMBI_DOMAIN
TURN_DOMAIN=$TURN_DOMAIN
ACME_EMAIL=$ADMIN_EMAIL
SERAMBI_PORT=$SERAMBI_PORT"
  copy_file Caddyfile /etc/serambi/Caddyfile 0644 root:root
  template_file turnserver.conf /etc/serambi/turnserver.conf 0640 root:turnserver
  template_file nginx-sni.conf /etc/nginx/modules-enabled/60-serambi-sni.conf 0644 root:root
  template_file systemd/serambi.service /etc/systemd/system/serambi.service 0644 root:root
  template_file systemd/serambi-turn-cert.service /etc/systemd/system/serambi-turn-cert.service 0644 root:root
  copy_file systemd/serambi-turn-cert.timer /etc/systemd/system/serambi-turn-cert.timer 0644 root:root
  copy_file systemd/caddy-serambi.conf /etc/systemd/system/caddy.service.d/serambi.conf 0644 root:root
  copy_file systemd/coturn-serambi.conf /etc/systemd/system/coturn.service.d/serambi.conf 0644 root:root
  if $render; then
    mkdir -p "$ROOT/etc/serambi/turn-tls"
  else
    install -d -m 0750 -o root -g turnserver /etc/serambi/turn-tls
  fi
}

# ---------------------------------------------------------------------------------------------
# Packages, user, build

is_installed() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed; }

caddy_reads_proxy_protocol() {
  command -v caddy >/dev/null && caddy list-modules 2>/dev/null | grep -qx caddy.listeners.proxy_protocol
}

add_caddy_repository() {
  [ -f /etc/apt/sources.list.d/caddy-stable.list ] && return 0
  say "Debian's caddy cannot read the client's address from nginx (PROXY protocol, Caddy 2.7+): adding Caddy's apt repository"
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v gpg >/dev/null || missing+=(gpg)
  is_installed ca-certificates || missing+=(ca-certificates)
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  local key
  key=$(mktemp)
  curl -fsSL https://dl.cloudsmith.io/public/caddy/stable/gpg.key -o "$key"
  gpg --show-keys --with-colons "$key" | grep -q "^fpr:::::::::$CADDY_KEY_FINGERPRINT:" ||
    die "The key at dl.cloudsmith.io is not Caddy's ($CADDY_KEY_FINGERPRINT): stopping."
  gpg --dearmor <"$key" >"$CADDY_KEYRING.new" && mv -f "$CADDY_KEYRING.new" "$CADDY_KEYRING"
  chmod 0644 "$CADDY_KEYRING"
  rm -f "$key"
  printf '%s\n' "$CADDY_REPO" >/etc/apt/sources.list.d/caddy-stable.list
  apt-get update -qq
}

install_packages() {
  say "Node, pnpm, ffmpeg, fonts, dependencies and LiveKit (./setup)"
  "$SERAMBI_DIR/setup"
  say "web app (pnpm build)"
  (cd "$SERAMBI_DIR" && pnpm build >/dev/null)

  apt-get update -qq
  # nginx first, while port 80 is free: its package fails to install when it cannot start.
  local missing=()
  for package in nginx libnginx-mod-stream coturn; do
    is_installed "$package" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # Port 80 is Caddy's: nginx's own default site (as the package installed it) would hold it.
  if [ "$(readlink /etc/nginx/sites-enabled/default 2>/dev/null)" = /etc/nginx/sites-available/default ]; then
    say "disabling nginx's default site (port 80 is Caddy's)"
    rm -f /etc/nginx/sites-enabled/default
    changed+=(/etc/nginx/sites-enabled/default)
    systemctl reload-or-restart nginx.service
  fi

  if ! caddy_reads_proxy_protocol; then
    local candidate
    candidate=$(apt-cache policy caddy | awk '/Candidate:/ { print $2 }')
    if ! dpkg --compare-versions "${candidate:-0}" ge 2.7; then
      add_caddy_repository
    fi
    say "installing caddy"
    apt-get install -y -qq caddy >/dev/null
    caddy_reads_proxy_protocol || die "caddy $(caddy version) cannot read the PROXY protocol: Caddy 2.7 or newer is needed."
  fi
}

# Whether a package's configuration file was changed from what the package installed.
conffile_changed() {
  local recorded
  recorded=$(dpkg-query -W -f='${Conffiles}\n' "$1" 2>/dev/null | awk -v file="$2" '$1 == file { print $2 }')
  [ -n "$recorded" ] && [ -f "$2" ] && [ "$(md5sum <"$2" | cut -d' ' -f1)" != "$recorded" ]
}

# A server of its own: Caddy, coturn and nginx serving something else here would be taken over.
check_server_is_free() {
  [ -f /etc/systemd/system/serambi.service ] && return 0 # set up by this installer before
  if is_installed caddy && conffile_changed caddy /etc/caddy/Caddyfile; then
    die "Caddy serves something here already (/etc/caddy/Caddyfile was changed): Serambi's installer needs a server of its own."
  fi
  if is_installed coturn && conffile_changed coturn /etc/turnserver.conf; then
    die "coturn is set up here already (/etc/turnserver.conf was changed): Serambi's installer needs a server of its own."
  fi
  local site
  for site in /etc/nginx/sites-enabled/* /etc/nginx/conf.d/*.conf; do
    [ -e "$site" ] || continue
    [ "$(readlink "$site" 2>/dev/null)" = /etc/nginx/sites-available/default ] && continue
    die "nginx serves $site here already: Serambi's installer needs a server of its own."
  done
}

create_user() {
  if ! getent passwd serambi >/dev/null; then
    say "creating the system user serambi"
    useradd --system --user-group --home-dir /var/lib/serambi --no-create-home --shell /usr/sbin/nologin serambi
  fi
  runuser -u serambi -- test -r "$SERAMBI_DIR/package.json" -a -x "$SERAMBI_DIR/server" ||
    die "The serambi user cannot read $SERAMBI_DIR: clone Serambi to a folder everyone may read, e.g. /opt/serambi."
}

preflight() {
  [ "$(id -u)" -eq 0 ] || die "Run it as root (sudo $0 $DOMAIN $ADMIN_EMAIL)."
  command -v apt-get >/dev/null || die "This installer is for Debian and Ubuntu (apt-get not found)."
  [ -d /run/systemd/system ] || die "This installer needs systemd running."
  if command -v ss >/dev/null; then
    local port users
    for port in 80 443; do
      users=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*"' | cut -d'"' -f2 | sort -u | tr '\n' ' ')
      for user in $users; do
        case $user in caddy | nginx) ;; *) die "Port $port is taken by $user: Caddy (80) and nginx (443) need it." ;; esac
      done
    done
  fi
}

check_dns() {
  local name address mine resolved
  mine=" $(ip -o addr show scope global 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | tr '\n' ' ')"
  for name in "$DOMAIN" "$TURN_DOMAIN"; do
    resolved=$(getent ahosts "$name" 2>/dev/null | awk '{print $1}' | sort -u | tr '\n' ' ')
    if [ -z "$resolved" ]; then
      warn "$name does not resolve yet: add its DNS record (A, and AAAA if the server has IPv6); Caddy keeps trying to get its certificate."
      continue
    fi
    for address in $resolved; do
      [[ $mine == *" $address "* ]] && continue 2
    done
    warn "$name points at $resolved, not at an address of this server ($mine): fine behind NAT, otherwise fix its DNS record."
  done
}

# ---------------------------------------------------------------------------------------------
# Services

wait_for() { # wait_for <seconds> <command...>
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 2
  done
}

serambi_healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$SERAMBI_PORT/api/health"
}

restart() { # restart <unit>: restarts it, or stops the installer with where to look
  systemctl restart "$1" || die "$1 did not start: journalctl -u $1 -n 50"
}

start_services() {
  systemctl daemon-reload
  nginx -t -q || die "nginx's configuration is not valid (nginx -t, above)."
  # nginx first: with its default site gone, port 80 is free for Caddy.
  systemctl enable --quiet nginx.service caddy.service coturn.service serambi.service serambi-turn-cert.timer
  if was_changed /etc/nginx/ || ! systemctl --quiet is-active nginx.service; then restart nginx.service; fi
  if was_changed /etc/serambi/Caddyfile || was_changed /etc/serambi/caddy.env ||
    was_changed /etc/systemd/system/caddy.service.d/ || ! systemctl --quiet is-active caddy.service; then
    restart caddy.service
  fi
  if was_changed /etc/serambi/turnserver.conf || was_changed /etc/systemd/system/coturn.service.d/ ||
    ! systemctl --quiet is-active coturn.service; then
    restart coturn.service
  fi
  systemctl start serambi-turn-cert.timer

  if [ -z "$SMTP_URL" ]; then
    warn "SMTP_URL is empty, and Serambi does not start without it: set it in $ENV_FILE, then systemctl restart serambi"
  else
    local commit
    commit=$(git -C "$SERAMBI_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
    if was_changed /etc/serambi/serambi.env || was_changed /etc/systemd/system/serambi.service ||
      [ "$(cat /etc/serambi/installed-commit 2>/dev/null)" != "$commit" ] ||
      ! systemctl --quiet is-active serambi.service; then
      say "starting Serambi"
      restart serambi.service
    fi
    if wait_for 120 serambi_healthy; then
      write_file /etc/serambi/installed-commit 0644 root:root "$commit"
    else
      warn "Serambi did not answer on http://127.0.0.1:$SERAMBI_PORT/api/health within two minutes: journalctl -u serambi -n 50"
    fi
  fi

  say "waiting for Caddy to get the certificate of $TURN_DOMAIN (for coturn)"
  local certificates=/var/lib/caddy/.local/share/caddy/certificates
  if wait_for 90 compgen -G "$certificates/*/$TURN_DOMAIN/$TURN_DOMAIN.crt" >/dev/null; then
    systemctl start serambi-turn-cert.service
  else
    warn "No certificate for $TURN_DOMAIN yet (its DNS record? port 80 open?): serambi-turn-cert.timer hands it to coturn once Caddy has it."
  fi
}

summary() {
  cat <<EOF

Serambi: https://$DOMAIN
  1. Open the firewall, if there is one, for: TCP 80 and 443, UDP $TURN_UDP_PORT (TURN),
     UDP 7882 and TCP 7881 (LiveKit's media); nothing else needs to be reachable.
  2. Make the first organizer account: https://$DOMAIN/signup (with $ADMIN_EMAIL), then create
     your community at https://$DOMAIN/new.
  3. Check it from a participant's side: sudo $SERAMBI_DIR/deploy/run.sh pnpm run doctor --mail $ADMIN_EMAIL

Settings: $ENV_FILE (then: systemctl restart serambi). Logs: journalctl -u serambi -f
EOF
}

# ---------------------------------------------------------------------------------------------

if $render; then
  mkdir -p "$ROOT"
  settle_settings
  write_configuration
  exit 0
fi

preflight
check_server_is_free
install_packages
settle_settings
check_dns
create_user
write_configuration
start_services
summary
