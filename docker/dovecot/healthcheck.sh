#!/bin/sh
# Healthy means: POP3S answers on its port, its certificate verifies against the CA the
# gateway is given (certs volume), and the greeting is +OK. A bare TCP check would pass
# while the TLS files were still missing or mismatched.
set -eu

host=${POPGATE_HEALTH_HOST:-127.0.0.1}
port=${POPGATE_HEALTH_PORT:-995}
ca=${POPGATE_CERTS_DIR:-/certs}/ca.pem

# -quiet implies -ign_eof: s_client keeps reading until the server closes after QUIT.
reply=$(printf 'QUIT\r\n' \
  | timeout 5 openssl s_client -connect "$host:$port" -CAfile "$ca" \
      -verify_return_error -verify_hostname localhost -quiet 2>/dev/null) || exit 1

case "$reply" in
  '+OK'*) exit 0 ;;
  *) exit 1 ;;
esac
