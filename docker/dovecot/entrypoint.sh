#!/bin/bash
# Prepares the demo POP3 server, then runs its command (by default `dovecot -F`):
#   1. TLS: a CA and a server certificate it signed, made on first start. The CA's public
#      certificate goes to the shared certs volume ($POPGATE_CERTS_DIR/ca.pem), where the
#      gateway reads it as POP3_CA_FILE; the CA's private key is thrown away once it has
#      signed, and the server key never leaves $POPGATE_DATA_DIR.
#   2. The passwd-file with the demo user (hashed), rewritten on every start so a changed
#      DEMO_PASSWORD takes effect.
#   3. The demo Maildir, seeded once from $POPGATE_SEED_DIR: what clients delete stays
#      deleted across restarts while the data volume lives.
# Every path comes from the environment so the script also runs outside a container
# (test/integration/deploy runs it against a temp dir).
set -euo pipefail

data_dir=${POPGATE_DATA_DIR:-/var/lib/popgate}
certs_dir=${POPGATE_CERTS_DIR:-/certs}
seed_dir=${POPGATE_SEED_DIR:-/usr/share/popgate/seed}
cert_names=${POPGATE_CERT_NAMES:-dovecot localhost}
mail_owner=${POPGATE_MAIL_OWNER:-vmail}
# Dovecot's auth process runs as its internal user (default_internal_user = dovecot).
auth_group=${POPGATE_AUTH_GROUP:-dovecot}
demo_user=${DEMO_USER:-demo}
demo_password=${DEMO_PASSWORD:-demo}

tls_dir=$data_dir/tls
# Re-issue certificates this long before they expire (seconds).
renew_margin=$((30 * 24 * 3600))

log() { echo "popgate-dovecot: $*" >&2; }
die() { log "$*"; exit 1; }

[[ $demo_user =~ ^[A-Za-z0-9._-]+$ ]] || die "DEMO_USER must be letters, digits, '.', '_' or '-'"
[[ -n $demo_password ]] || die 'DEMO_PASSWORD must not be empty'
mail_uid=$(id -u "$mail_owner") || die "no user $mail_owner to own the mail"
mail_gid=$(id -g "$mail_owner")

# The SAN list wanted, e.g. "DNS:dovecot,DNS:localhost".
wanted_sans() {
  local name sans=''
  for name in $cert_names; do sans+="${sans:+,}DNS:$name"; done
  echo "$sans"
}

# True when the existing files still serve: the server cert verifies against the shared
# CA, matches its key, names exactly $cert_names and is not about to expire.
tls_is_usable() {
  [[ -s $certs_dir/ca.pem && -s $tls_dir/server.pem && -s $tls_dir/server.key ]] || return 1
  openssl verify -CAfile "$certs_dir/ca.pem" "$tls_dir/server.pem" >/dev/null 2>&1 || return 1
  openssl x509 -in "$tls_dir/server.pem" -noout -checkend "$renew_margin" >/dev/null || return 1
  [[ "$(openssl x509 -in "$tls_dir/server.pem" -noout -pubkey)" == \
     "$(openssl pkey -in "$tls_dir/server.key" -pubout)" ]] || return 1
  local sans
  sans=$(openssl x509 -in "$tls_dir/server.pem" -noout -ext subjectAltName | tail -n +2 | tr -d ' ')
  [[ $sans == "$(wanted_sans)" ]]
}

issue_certificates() {
  local work
  work=$(mktemp -d)
  # EC P-256: small, fast, and accepted by every TLS stack the gateway may run on.
  openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key"
  openssl req -x509 -new -key "$work/ca.key" -subj '/CN=popgate demo CA' -days 3650 \
    -addext 'basicConstraints=critical,CA:TRUE' \
    -addext 'keyUsage=critical,keyCertSign,cRLSign' -out "$work/ca.pem"
  openssl ecparam -name prime256v1 -genkey -noout -out "$work/server.key"
  openssl req -new -key "$work/server.key" -subj "/CN=${cert_names%% *}" -out "$work/server.csr"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "$(wanted_sans)" >"$work/server.ext"
  # 825 days: the longest validity that Apple's TLS clients accept for a server cert.
  openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 825 -extfile "$work/server.ext" \
    -out "$work/server.pem" 2>/dev/null

  install -d -m 0700 "$tls_dir"
  install -m 0600 "$work/server.key" "$tls_dir/server.key"
  install -m 0644 "$work/server.pem" "$tls_dir/server.pem"
  # The gateway (another user, read-only mount) must be able to read the CA; written
  # under a temporary name and renamed so a reader never sees half a file.
  install -d -m 0755 "$certs_dir"
  install -m 0644 "$work/ca.pem" "$certs_dir/.ca.pem.new"
  mv -f "$certs_dir/.ca.pem.new" "$certs_dir/ca.pem"
  rm -rf "$work"
  log "issued a new CA ($certs_dir/ca.pem) and a server certificate for: $cert_names"
}

write_passwd() {
  local hash home=$data_dir/mail/$demo_user
  # SHA512-CRYPT ($6$): the password never sits in the file in clear.
  hash=$(openssl passwd -6 -stdin <<<"$demo_password")
  # Only Dovecot's auth process (running as group $auth_group) reads it: created
  # unreadable, opened to that group, then renamed into place whole.
  (umask 077 && printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' \
    "$demo_user" "$hash" "$mail_uid" "$mail_gid" "$home" >"$data_dir/passwd.new")
  chgrp "$auth_group" "$data_dir/passwd.new"
  chmod 0640 "$data_dir/passwd.new"
  mv -f "$data_dir/passwd.new" "$data_dir/passwd"
}

seed_mailbox() {
  local home=$data_dir/mail/$demo_user
  [[ -e $home/.popgate-seeded ]] && return 0
  local maildir=$home/Maildir
  install -d -m 0700 -o "$mail_uid" -g "$mail_gid" "$home" "$maildir" "$maildir/cur" "$maildir/new" "$maildir/tmp"
  local stamp count=0 file
  stamp=$(date +%s)
  shopt -s nullglob
  # Dovecot numbers new messages in the order of their file names' time and M fields,
  # so the seed files' sorted order becomes POP3 order (01-… is message 1).
  for file in "$seed_dir"/*.eml; do
    count=$((count + 1))
    local name
    name=$(printf '%d.M%06dP%d.popgate-seed' "$stamp" "$count" "$$")
    install -m 0600 -o "$mail_uid" -g "$mail_gid" "$file" "$maildir/tmp/$name"
    mv "$maildir/tmp/$name" "$maildir/new/$name"
  done
  shopt -u nullglob
  touch "$home/.popgate-seeded"
  log "seeded $demo_user's mailbox with $count messages from $seed_dir"
}

install -d -m 0755 "$data_dir" "$data_dir/mail"
if tls_is_usable; then
  log "reusing the certificates in $tls_dir and $certs_dir/ca.pem"
else
  issue_certificates
fi
write_passwd
seed_mailbox

exec "$@"
