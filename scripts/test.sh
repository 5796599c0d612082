#!/usr/bin/env bash
# The whole check, on a fresh Debian machine or a developer's: installs what the tests need
# (Dovecot's POP3 server, Courier's pop3d, openssl, Redis) when missing, then lint, typecheck,
# the OpenAPI drift check (spec and client types), both OpenAPI linters (Redocly, Spectral)
# and every jest test. Runs every stage, then exits non-zero if any failed.
#
#   bash scripts/test.sh
#
# Tests start their own Dovecot instances on free loopback ports (test/support/dovecot.ts);
# the system Dovecot service, /etc/dovecot and ports 110/995 are never used. Courier's pop3d
# (test/support/courier.ts) runs the same way, in private mount and PID namespaces.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '\n==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

SUDO=''
if [ "$(id -u)" != 0 ]; then SUDO='sudo'; fi

apt_updated=''
apt_install() {
  # Keep Debian's maintainer scripts from starting the packaged services (dovecot on
  # 110/995, a system redis): policy-rc.d answering 101 means "do not start".
  local policy=/usr/sbin/policy-rc.d added_policy=''
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod 755 "$policy" && added_policy=1
  fi
  if [ -z "$apt_updated" ]; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt_updated=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
  local rc=$?
  if [ -n "$added_policy" ]; then $SUDO rm -f "$policy"; fi
  return $rc
}

redis_answers() {
  # PING over bash's /dev/tcp, so redis-cli is not needed.
  (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && IFS= read -r -t 2 reply <&3 && [[ "$reply" == '+PONG'* ]]) 2>/dev/null
}

# ---------------------------------------------------------------- system packages
missing=()
have dovecot && have doveadm || missing+=(dovecot-pop3d)
have openssl || missing+=(openssl)
# Deploy tests (test/unit/deploy): docker-compose validates the compose files without a
# Docker engine; haproxy -c checks docker/haproxy/haproxy.cfg.
have docker-compose || missing+=(docker-compose)
have haproxy || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt_install "${missing[@]}" || { echo 'FATAL: could not install the test dependencies' >&2; exit 1; }
  # A packaged Dovecot that got started anyway (no policy-rc.d support) is not ours to use.
  if [ -s /run/dovecot/master.pid ] && kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
    $SUDO doveadm stop >/dev/null 2>&1 || true
  fi
fi

# ---------------------------------------------------------------- Courier's pop3d
# test/support/courier.ts runs Courier's pop3d (test/integration/courier). The package
# courier-pop conflicts with dovecot-pop3d (both provide pop3-server; installing it removes
# Dovecot), so only what it needs is installed (couriertcpd, couriertls, authdaemond, makeuserdb)
# and courier-pop itself is unpacked, not installed, into .tmp/courier-pop. policy-rc.d keeps
# courier-authdaemon's postinst from starting a system authdaemond.
courier_pop_dir=.tmp/courier-pop
if ! have couriertcpd || ! have couriertls || ! have authdaemond || ! have makeuserdb; then
  log 'installing courier-base courier-authdaemon courier-authlib-userdb'
  apt_install courier-base courier-authdaemon courier-authlib-userdb \
    || { echo 'FATAL: could not install Courier (courier-base courier-authdaemon courier-authlib-userdb)' >&2; exit 1; }
  if [ -s /run/courier/authdaemon/pid ] && kill -0 "$(cat /run/courier/authdaemon/pid)" 2>/dev/null; then
    $SUDO /usr/sbin/authdaemond stop >/dev/null 2>&1 || true
  fi
fi
if [ ! -x "$courier_pop_dir/usr/lib/courier/courier/courierpop3d" ]; then
  log "unpacking courier-pop into $courier_pop_dir"
  rm -rf "$courier_pop_dir" && mkdir -p "$courier_pop_dir/deb"
  # Into the current dir; as root it warns that the download is not sandboxed (harmless).
  courier_download() { (cd "$courier_pop_dir/deb" && apt-get download -qq courier-pop); }
  if ! courier_download; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt_updated=1
    courier_download || { echo 'FATAL: could not download courier-pop' >&2; exit 1; }
  fi
  dpkg -x "$courier_pop_dir"/deb/courier-pop_*.deb "$courier_pop_dir" \
    || { echo 'FATAL: could not unpack courier-pop' >&2; exit 1; }
fi
# The courier packages must not have taken Dovecot away (courier-pop would have).
have dovecot || { echo 'FATAL: /usr/sbin/dovecot is gone (was courier-pop installed?)' >&2; exit 1; }

# ---------------------------------------------------------------- Chromium
# test/integration/ops/swagger-ui.test.ts drives Debian's /usr/bin/chromium with playwright-core
# (Playwright's own browser download cannot work here).
if ! command -v chromium >/dev/null 2>&1; then
  log 'installing chromium'
  apt_install chromium fonts-liberation || { echo 'FATAL: could not install chromium' >&2; exit 1; }
fi

# ---------------------------------------------------------------- Redis on 127.0.0.1:6379
if ! redis_answers; then
  have redis-server || { log 'installing redis-server'; apt_install redis-server || exit 1; }
  log 'starting redis-server on 127.0.0.1:6379'
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  for _ in $(seq 1 50); do redis_answers && break; sleep 0.1; done
  redis_answers || { echo 'FATAL: Redis does not answer on 127.0.0.1:6379' >&2; exit 1; }
fi

# ---------------------------------------------------------------- node
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || { echo "FATAL: Node >= 20 required, found $(node --version 2>/dev/null || echo none)" >&2; exit 1; }

log 'npm ci'
npm ci --no-audit --no-fund || { echo 'FATAL: npm ci failed' >&2; exit 1; }

# ---------------------------------------------------------------- stages
failed=()
stage() {
  local name=$1; shift
  log "$name"
  if "$@"; then echo "--> $name: ok"; else echo "--> $name: FAILED"; failed+=("$name"); fi
}

stage lint npm run --silent lint
stage typecheck npm run --silent typecheck
if node -e 'process.exit(require("./package.json").scripts?.["spec:check"] ? 0 : 1)'; then
  stage spec:check npm run --silent spec:check
fi
# 0 errors and 0 warnings from each (their rules: redocly.yaml, .spectral.yaml).
stage spec:lint:redocly npm run --silent spec:lint:redocly
stage spec:lint:spectral npm run --silent spec:lint:spectral

mkdir -p .tmp
results=.tmp/jest-results.json
rm -f "$results"
# --forceExit: a test that fails mid-way may leave a reconnecting Redis client behind; the run
# must still end (its failure is reported) rather than hang until CI times out.
stage jest npx jest --runInBand --ci --forceExit --json --outputFile="$results"

# A plain closing line with the counts, for tools that read it.
if [ -s "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    if (r.numTotalTests === 0) { console.error("jest ran no test"); process.exit(1); }
  ' "$(pwd)/$results" || failed+=('no tests ran')
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo 'all checks passed'
