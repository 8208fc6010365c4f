import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { FieldError } from '@oms/contracts';
import { requestInvalid, requestValidationFailed } from '../problems/validation-errors';
import { illFormedText } from './well-formed-text';

/** Lists of a DTO longer than their @ArrayMaxSize, found before a single item is transformed or validated. */
const listsOverLimit = (metatype: ArgumentMetadata['metatype'], value: unknown, root: string): FieldError[] => {
  if (!metatype || value === null || typeof value !== 'object') return [];
  return getMetadataStorage()
    .getTargetValidationMetadatas(metatype, '', true, false)
    .filter((rule) => rule.name === 'arrayMaxSize')
    .flatMap((rule) => {
      const list = (value as Record<string, unknown>)[rule.propertyName];
      const max = rule.constraints[0] as number;
      const path = root ? `${root}.${rule.propertyName}` : rule.propertyName;
      return Array.isArray(list) && list.length > max ? [{ path, message: `must hold at most ${max} items; got ${list.length}` }] : [];
    });
};

/**
 * The global pipe. Every body, query and path parameter has its text checked
 * ({@link illFormedText}) and its lists measured before the DTO's own
 * validation runs (whitelisting and transforming as usual), so neither bad
 * text nor a huge list costs more than one look.
 */
export class EdgeValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: requestValidationFailed });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const root = metadata.data ?? '';
      const errors = illFormedText(value, root);
      if (errors.length > 0) throw requestInvalid(errors);
      const tooLong = listsOverLimit(metadata.metatype, value, root);
      if (tooLong.length > 0) throw requestInvalid(tooLong);
    }
    return super.transform(value, metadata);
  }
}
