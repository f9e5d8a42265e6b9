#!/bin/sh
# Installs or upgrades HealthCheck from this unpacked bundle; run it again at any time (idempotent).
#   sudo ./install.sh
# Puts the application in /opt/healthcheck, the settings in /etc/healthcheck/healthcheck.env (only
# when missing: an existing file is kept), the unit in /etc/systemd/system/healthcheck.service, and
# creates the system user healthcheck. The database stays in /var/lib/healthcheck (the unit's
# StateDirectory), untouched by an upgrade.
#
# Overrides, for packagers and tests:
#   DESTDIR=/tmp/root  install under that folder: no user created, no systemctl, root not required
#   PREFIX (/opt/healthcheck), CONFDIR (/etc/healthcheck), UNITDIR (/etc/systemd/system)
#   NODE   the node binary the unit runs (default: the first node on PATH, Node.js 20 or later)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/opt/healthcheck}
CONFDIR=${CONFDIR:-/etc/healthcheck}
UNITDIR=${UNITDIR:-/etc/systemd/system}
NODE=${NODE:-$(command -v node || true)}

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

[ -n "$DESTDIR" ] || [ "$(id -u)" -eq 0 ] || fail "run it as root (sudo $0), or set DESTDIR to install into a folder"
[ -f "$here/dist/main.js" ] && [ -d "$here/node_modules" ] || fail "run it from the unpacked bundle (dist/ and node_modules/ beside it)"
[ -n "$NODE" ] && [ -x "$NODE" ] || fail "node not found: install Node.js 20 or later (or set NODE=/path/to/node)"
case "$NODE" in /*) ;; *) fail "NODE must be an absolute path (got $NODE)" ;; esac
"$NODE" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  fail "$NODE is Node.js $("$NODE" --version); HealthCheck needs 20 or later"
bundle_arch=$(cat "$here/ARCH" 2>/dev/null || true)
node_arch=$("$NODE" -p 'process.platform + "-" + process.arch')
[ -z "$bundle_arch" ] || [ "$bundle_arch" = "$node_arch" ] ||
  fail "this bundle is built for $bundle_arch, this machine's node is $node_arch"

# 1. The service user: a system account without a shell or a home of its own.
if [ -z "$DESTDIR" ] && ! id healthcheck >/dev/null 2>&1; then
  nologin=$(command -v nologin || echo /usr/sbin/nologin)
  useradd --system --user-group --home-dir /var/lib/healthcheck --no-create-home --shell "$nologin" \
    --comment "HealthCheck monitoring probe" healthcheck
  say "Created the system user healthcheck"
fi

# 2. The application, replaced as a whole (files of an older version never linger), owned by root.
app="$DESTDIR$PREFIX"
mkdir -p "$(dirname "$app")"
rm -rf "$app.new" "$app.old"
mkdir "$app.new"
for item in dist node_modules config package.json README.md VERSION; do
  if [ -e "$here/$item" ]; then cp -R "$here/$item" "$app.new/"; fi
done
chmod -R u+rwX,go+rX,go-w "$app.new"
if [ -z "$DESTDIR" ]; then chown -R root:root "$app.new"; fi
if [ -d "$app" ]; then mv "$app" "$app.old"; fi
mv "$app.new" "$app"
rm -rf "$app.old"
say "Installed HealthCheck $(cat "$here/VERSION" 2>/dev/null || echo) in $app"

# 3. The settings: written once, kept afterwards (they may hold ADMIN_PASSWORD or JWT_SECRET).
conf="$DESTDIR$CONFDIR"
mkdir -p "$conf"
chmod 0755 "$conf"
if [ -e "$conf/healthcheck.env" ]; then
  say "Kept the settings in $CONFDIR/healthcheck.env"
else
  (umask 077 && cp "$here/deploy/healthcheck.env" "$conf/healthcheck.env")
  say "Wrote the settings in $CONFDIR/healthcheck.env (mode 0600)"
fi

# 4. The unit, with this machine's paths.
mkdir -p "$DESTDIR$UNITDIR"
sed -e "s|/usr/bin/node |$NODE |" -e "s|/opt/healthcheck|$PREFIX|g" -e "s|/etc/healthcheck/|$CONFDIR/|g" \
  "$here/deploy/healthcheck.service" >"$DESTDIR$UNITDIR/healthcheck.service.tmp"
chmod 0644 "$DESTDIR$UNITDIR/healthcheck.service.tmp"
mv "$DESTDIR$UNITDIR/healthcheck.service.tmp" "$DESTDIR$UNITDIR/healthcheck.service"
say "Installed the unit $UNITDIR/healthcheck.service"

running=no
if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload
  if systemctl is-active --quiet healthcheck; then
    systemctl restart healthcheck
    running=yes
    say "Restarted healthcheck with the new version"
  fi
fi

if [ "$running" = no ]; then
  say ""
  say "Next steps:"
  say "  1. Edit $CONFDIR/healthcheck.env: set ADMIN_PASSWORD (8 characters at least) before the first"
  say "     start, or log in afterwards as admin / admin123 and change that password at once."
  say "  2. systemctl enable --now healthcheck"
  say "  3. curl -s http://localhost:3000/health    (journalctl -u healthcheck for the log)"
fi
