# syntax=docker/dockerfile:1
# The gateway's image. The build stage runs the commands .ci/run proves on every change
# (`npm ci`, then the TypeScript build `npm test` starts with); no Docker engine runs in this
# project's CI, so the image itself is not built there (README, "Deploy").

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the emulator's store) is compiled from source by node-gyp.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# `npm ci` also runs the `prepare` script, which bundles the offline IDE into public/ide.
RUN npm ci
RUN npm run build
# Production dependencies only in what is copied on.
RUN npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    ESS_GATEWAY_METRICS_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
# The emulator mode keeps its state in ./data; the image's user must be able to write there.
RUN mkdir -p /app/data && chown node:node /app/data
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 4000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1 receives SIGTERM directly: the gateway drains and exits 0 (docs/operations.md).
# The node flags are `npm start`'s: a 32 MiB young generation (docs/performance.md, "Young generation").
CMD ["node", "--max-semi-space-size=32", "dist/src/server/main.js"]
