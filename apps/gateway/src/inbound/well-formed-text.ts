import type { FieldError } from '@oms/contracts';

// Postgres text and jsonb cannot hold NUL, and a lone surrogate is not Unicode (nor valid UTF-8 once stored or URI-encoded).
const ILL_FORMED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/**
 * The one check of text that comes from outside: every string and member name
 * of `value` (a body, a query, path parameters) that holds NUL or a lone
 * surrogate, by dotted path under `root`. The walk is iterative, so no input
 * can exhaust the stack, and the JSON parser has bounded the size already.
 */
export const illFormedText = (value: unknown, root: string): FieldError[] => {
  const errors: FieldError[] = [];
  const pending: [unknown, string][] = [[value, root]];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (ILL_FORMED.test(current)) errors.push({ path: path || '(body)', message: MESSAGE });
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => pending.push([item, at(path, String(i))]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (ILL_FORMED.test(key)) errors.push({ path: at(path, JSON.stringify(key)), message: `member name ${MESSAGE}` });
        else pending.push([item, at(path, key)]);
      }
    }
  }
  return errors.reverse();
};
