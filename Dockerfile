# One image for every service: the command names which one runs
# (dist/apps/<gateway|order|inventory|fulfilment>/src/main.js).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY migrations migrations
COPY scripts scripts
COPY bench bench
COPY chaos chaos
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
# The gateway's HTTP port and the services' health port (OMS_HEALTH_PORT).
EXPOSE 3000 8080
ENTRYPOINT ["node"]
CMD ["dist/apps/gateway/src/main.js"]
