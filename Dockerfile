# syntax=docker/dockerfile:1
# CSP Hub: a production image. Build with `docker build -t csp-hub .`; run it with compose.yaml (the app
# and PostgreSQL), or alone on the embedded database (data in the /app/data volume).

ARG NODE_VERSION=20

# --- build: install everything, compile TypeScript to dist/, build public/, then drop the dev tools ---
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# dist/: the compiled code, its migrations (dist/db/migrations/*.js) and views (*.njk); public/: CSS and JS
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# --- runtime: only what runs, as a user without privileges ---
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    CSP_HUB_DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY --from=build /app/bin ./bin
# The embedded database's folder (unused when DATABASE_URL names a PostgreSQL server).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `docker compose exec app node dist/cli.js --help` for the other commands (migrate, user add, …).
CMD ["node", "dist/cli.js", "serve"]
