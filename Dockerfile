# zicht: one image, several roles (`zicht start`, `zicht worker`, `zicht serve`, `zicht crawl`, …).
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV CHROMIUM_PATH=/usr/bin/chromium NODE_ENV=production
# Workers hold no state of their own (Postgres and Redis do), so they need no writable volume.
USER node
ENTRYPOINT ["node", "bin/zicht.js"]
CMD ["start"]
