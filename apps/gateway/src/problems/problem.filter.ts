import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@oms/contracts';
import { JsonLogger, ServiceFailure, ServiceUnavailable } from '@oms/messaging';
import { GatewayConfig } from '../gateway-config';
import { ProblemException } from './problem.exception';
import { PROBLEM_CONTENT_TYPE, STATUS_BY_KIND, problem, type Problem } from './problem';

/** Every error leaves the gateway as application/problem+json; unexpected ones are logged here, once. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new JsonLogger('gateway', 'problems');

  constructor(private readonly config: GatewayConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(error);
    if (body.status < 500) this.logger.debug(`${body.status} ${body.type}: ${body.detail}`);
    if (response.headersSent) return void response.end();
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof ProblemException) return error.problem;
    if (error instanceof DomainError)
      return problem(STATUS_BY_KIND[error.kind] ?? 500, error.code, error.message, error.errors ? { errors: error.errors } : {});
    if (error instanceof ServiceUnavailable) {
      const service = this.serviceOf(error.subject);
      this.logger.error(error, error.stack);
      return problem(503, 'service-unavailable', `The ${service} service is unavailable (${error.message.replace(`${error.subject}: `, '')}); retry later`, { service });
    }
    if (error instanceof HttpException) {
      if (error.getStatus() >= 500) this.logger.error(error, error.stack);
      return problem(error.getStatus(), slug(error.getStatus()), httpDetail(error));
    }
    // A ServiceFailure was logged with its stack by the service; here it is logged with the request's correlation id.
    this.logger.error(error instanceof Error ? error : String(error), error instanceof ServiceFailure ? undefined : (error as Error)?.stack);
    return problem(500, 'internal', 'An unexpected error occurred; it has been logged with the correlation id');
  }

  /** `oms.order.place` → `order`. */
  private serviceOf(subject: string): string {
    const prefix = this.config.namespace.subject('');
    return (subject.startsWith(prefix) ? subject.slice(prefix.length) : subject).split('.')[0] ?? subject;
  }
}

const slug = (status: number): string =>
  ({ 400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 405: 'method-not-allowed', 413: 'payload-too-large', 415: 'unsupported-media-type' })[status] ??
  `http-${status}`;

const httpDetail = (error: HttpException): string => {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
};
