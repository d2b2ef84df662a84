# One image recipe for the four services (issue 8): docker-compose.yml builds each with its name,
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=case-intake -t kelisim/case-intake .
# Sources run with tsx, as in development (docs/adr/0003): no build step, no dist/ to drift.
# The major of .node-version, which `npm test` and `npm start` run on (docs/adr/0010).
ARG NODE_IMAGE=node:24-slim

# Stage 1: the pinned pnpm and the service's workspace slice, installed from the lockfile.
FROM ${NODE_IMAGE} AS install
ARG SERVICE
RUN test -n "$SERVICE" || (echo 'build with --build-arg SERVICE=<service directory>' >&2; exit 1)
WORKDIR /app
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml tsconfig.base.json ./
# The version of package.json's "packageManager", so that the lockfile reads the same everywhere.
RUN npm install --global --no-audit --no-fund "pnpm@$(node -p "require('./package.json').packageManager.split('@')[1]")"
COPY packages/contracts packages/contracts
COPY packages/service-kit packages/service-kit
COPY services/${SERVICE} services/${SERVICE}
RUN pnpm install --frozen-lockfile --reporter=append-only --filter "@kelisim/${SERVICE}..."

# Stage 2: the same tree without pnpm, its store or npm's cache; run as the image's non-root user.
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE_NAME=${SERVICE} \
    HOST=0.0.0.0 \
    PORT=8080
COPY --from=install --chown=node:node /app /app
WORKDIR /app/services/${SERVICE}
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node_modules/.bin/tsx", "src/main.ts"]
