import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { JsonLogger } from './json-logger';

/** After this long without NATS, say so; then again at this interval, so that a long outage writes a line a minute, not a flood. */
const WAITING_NOTICE_MS = 2_000;
const STILL_WAITING_EVERY_MS = 60_000;

/** NATS_URL names one server or several, comma-separated (the nodes of a cluster). */
export const natsServers = (url: string): string[] =>
  url
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');

/**
 * Connects to NATS and stays connected: a process started while NATS is down
 * waits for it rather than exiting, and one that loses it reconnects for as
 * long as it takes, to any node of the cluster. Each outage is logged once
 * when it starts and once when it ends.
 */
export const connectNats = async (url: string, name: string, logger: JsonLogger): Promise<NatsConnection> => {
  const started = Date.now();
  const waiting = () => logger.warn(`NATS at ${url} (NATS_URL) does not answer; waiting for it (${Math.round((Date.now() - started) / 1000)} s so far)`);
  let repeat: NodeJS.Timeout | undefined;
  const notice = setTimeout(() => (waiting(), (repeat = setInterval(waiting, STILL_WAITING_EVERY_MS))), WAITING_NOTICE_MS);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: natsServers(url),
      name,
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // A server that stalls without closing the socket is noticed within about 30 s.
      pingInterval: 10_000,
      maxPingOut: 2,
      // No async stack traces: they cost an Error with its stack per request and publish, and our errors say what failed.
      noAsyncTraces: true,
    });
  } finally {
    clearTimeout(notice);
    clearInterval(repeat);
  }
  if (Date.now() - started > WAITING_NOTICE_MS) logger.log(`NATS is back: connected to ${nc.getServer()}`);
  void watch(nc, logger);
  return nc;
};

const watch = async (nc: NatsConnection, logger: JsonLogger): Promise<void> => {
  let down = false;
  for await (const status of nc.status()) {
    if (status.type === 'disconnect' && !down) {
      down = true;
      logger.warn(`lost NATS (${status.server}); reconnecting`);
    } else if (status.type === 'reconnect') {
      down = false;
      logger.log(`reconnected to NATS (${status.server})`);
    }
  }
};
