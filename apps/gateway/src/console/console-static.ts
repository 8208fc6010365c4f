import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { problem, PROBLEM_CONTENT_TYPE } from '../problems/problem';

/** Where `npm run build` puts the console (vite's outDir), from dist/apps/gateway/src/console. */
export const CONSOLE_DIR = join(__dirname, '..', '..', '..', '..', 'console');

/**
 * Serves the operations console's static files at /console. It is a client of
 * the public API like any other and needs no key to load: it asks for one.
 * Hashed assets are cached for good; index.html never, so a new build is seen at once.
 */
export const serveConsole = (app: NestExpressApplication, warn: (message: string) => void): void => {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
    warn(`the console is not built (${CONSOLE_DIR} has no index.html): run npm run build`);
    return;
  }
  app.use('/console', (request: Request, response: Response, next: NextFunction) => {
    // The static server would answer an undecodable path with an HTML page; every answer here is problem+json.
    if (!decodable(request.path)) {
      response.status(400).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem(400, 'REQUEST.MALFORMED_PATH', 'The path is not valid percent-encoded UTF-8')));
      return;
    }
    if (request.path === '/' || request.path === '/index.html') response.setHeader('cache-control', 'no-store');
    // The console reads only the same origin and never frames or is framed.
    response.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    response.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.useStaticAssets(CONSOLE_DIR, { prefix: '/console', index: 'index.html', immutable: true, maxAge: '365d', setHeaders: noCacheForIndex });
};

const decodable = (path: string): boolean => {
  try {
    return !decodeURIComponent(path).includes('\0');
  } catch {
    return false;
  }
};

const noCacheForIndex = (response: Response, path: string): void => {
  if (path.endsWith('index.html')) response.setHeader('cache-control', 'no-store');
};
