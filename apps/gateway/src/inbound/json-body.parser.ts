import type { NextFunction, Request, Response } from 'express';
import { problem } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import { requestInvalid } from '../problems/validation-errors';

/** What the JSON parser reads: these media types, up to this size (larger: 413). */
export const JSON_BODY = { type: ['application/json', 'application/*+json'], limit: '1mb' };
/** Deeper documents are refused before they are parsed: validating them would exhaust the stack. */
export const MAX_JSON_DEPTH = 32;
/** No list in the API allows more than 200 items; far beyond that the body is refused before any element is validated. */
export const MAX_ARRAY_ITEMS = 1000;
/** No object in the API has more than a dozen members; thousands would each cost a validation error. */
export const MAX_OBJECT_MEMBERS = 100;

const OPEN = [0x7b, 0x5b]; // { [
const CLOSE = [0x7d, 0x5d]; // } ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** How deep the document nests, read from its bytes (these ASCII bytes never occur inside a UTF-8 sequence). */
const nestingDepth = (bytes: Buffer): number => {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPEN.includes(byte)) deepest = Math.max(deepest, ++depth);
    else if (CLOSE.includes(byte)) depth--;
  }
  return deepest;
};

/** Arrays and objects over their bound, by dotted path (the depth is bounded, so this recursion is too). */
const oversized = (value: unknown, path: string): { path: string; message: string }[] => {
  if (value === null || typeof value !== 'object') return [];
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) return [{ path: path || '(body)', message: `must hold at most ${MAX_ARRAY_ITEMS} items; got ${value.length}` }];
    return value.flatMap((item, i) => oversized(item, at(i)));
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_OBJECT_MEMBERS) return [{ path: path || '(body)', message: `must have at most ${MAX_OBJECT_MEMBERS} members; got ${entries.length}` }];
  return entries.flatMap(([key, item]) => oversized(item, at(key)));
};

/**
 * Express middleware after the raw body reader: the gateway's one JSON parser.
 * It refuses, before any transformation or validation, a document nested
 * deeper than {@link MAX_JSON_DEPTH} (400), malformed JSON (400) and lists or
 * objects far over any limit of the API (422).
 */
export const parseJsonBody = (req: Request, _res: Response, next: NextFunction): void => {
  if (!Buffer.isBuffer(req.body)) return next();
  const bytes = req.body;
  if (bytes.length === 0) return (req.body = {}), next();
  if (nestingDepth(bytes) > MAX_JSON_DEPTH)
    return next(new ProblemException(problem(400, 'REQUEST.TOO_DEEP', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`)));
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return next(new ProblemException(problem(400, 'malformed-json', `The request body is not valid JSON: ${(error as Error).message}`)));
  }
  const errors = oversized(parsed, '');
  if (errors.length > 0) return next(requestInvalid(errors));
  req.body = parsed;
  next();
};
