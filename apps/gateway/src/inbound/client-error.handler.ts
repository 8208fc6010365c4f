import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problem } from '../problems/problem';

const statusOf = (code: string | undefined): number =>
  code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_REQUEST_TIMEOUT' ? 408 : 400;

/**
 * What Node's HTTP parser refuses (an unknown method, raw bytes or NUL in the
 * request line or a header, Content-Length with Transfer-Encoding, headers
 * over the size limit) never reaches Express; Node would answer it with an
 * empty body. This answers it as problem+json too, then closes the connection.
 */
export const answerClientErrors = (server: Server & { requireHostHeader?: boolean }): void => {
  // Node answers an HTTP/1.1 request without Host with an empty 400 of its own; no route here depends on Host, so it is served.
  server.requireHostHeader = false;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    // Nothing can be said on a dead socket, nor in the middle of another answer.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) return void socket.destroy();
    const status = statusOf(error.code);
    const body = JSON.stringify(problem(status, 'http-protocol', `The request is not valid HTTP/1.1 (${error.code ?? 'unknown'}): ${error.message}`));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
};
