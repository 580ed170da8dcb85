# MCI Customers: one image for every role (API, worker, or both), run as a non-root user.
# Build: docker build -t mci-customers .     Topology and settings: docs/operations.md, compose.yaml.

# 1. Build the web app (Vite, dev dependencies) and check the message catalogues.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN node scripts/build-web.mjs

# 2. Production dependencies only (the server runs its TypeScript through tsx, a dependency).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev --ignore-scripts

# 3. The runtime: sources, production modules and the built web app; no compilers, no dev tools.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 MCI_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY --from=build /app/dist/web ./dist/web
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Liveness only: readiness (/api/v1/health/ready) is for the load balancer, not for restarts.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) drains requests and jobs within SHUTDOWN_GRACE_SECONDS (20): give it 30 s.
STOPSIGNAL SIGTERM
CMD ["node", "bin/mci.mjs", "start"]
