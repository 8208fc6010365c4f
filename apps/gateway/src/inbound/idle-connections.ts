import type { Server } from 'node:http';

/** Longer than the idle timeout of 60 s common to the load balancers and HTTP clients in front of a service. */
const IDLE_CONNECTION_MS = 65_000;

/**
 * Keeps an idle connection open for longer than whoever sends on it keeps it: a client that reuses a
 * connection just as the gateway closes it sees its request reset (ECONNRESET). Node's default of 5 s
 * made that likely for any client keeping connections longer (a placement in 60,000 over ten minutes
 * at 100 orders/s, from the benchmark's load generator).
 */
export const keepIdleConnections = (server: Server): void => {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // Kept above it, so that only the idle timeout ever closes an idle connection.
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
};
