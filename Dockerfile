# The CDS service image (docker-compose.yml). Build context: the repository root.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
RUN npx nx build cds-service --outputStyle=static

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The build writes a pruned package.json/lockfile for the bundle; install only runtime dependencies.
COPY --from=build /src/dist/apps/cds-service ./
COPY --from=build /src/config ./config
# better-sqlite3 builds from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/* \
 && npm ci --omit=dev --no-audit --no-fund && mkdir -p data && chown node data
EXPOSE 3000
USER node
CMD ["node", "main.js"]
