# popgate, the HTTP gateway. Build: `docker build -t popgate .`; see docs/deployment.md.

# ---- builder: installs every dependency, generates routes and spec, compiles TypeScript
FROM node:20-bookworm-slim AS builder
WORKDIR /app
# Keeps swagger-ui's install-time analytics (@scarf/scarf) from calling home.
ENV SCARF_ANALYTICS=false

# The lockfile alone decides the dependency layer, so source edits reuse the cache.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
# tsoa routes, then tsc -p tsconfig.build.json: dist/src/server.js (the committed spec is served as-is).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies and compiled code only, run as a non-root user
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Owned by root and not writable by `node`: the process cannot change its own code.
COPY --from=builder /app/package.json ./package.json
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
COPY --from=builder /app/openapi ./openapi

USER node
EXPOSE 3000

# slim images have no curl: node itself asks /healthz on the port the server listens on.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node as PID 1 gets SIGTERM from `docker stop`; server.ts drains and closes on it.
CMD ["node", "dist/src/server.js"]
