import { Transform } from 'class-transformer';

// Decimal notation only: Number() would read '' as 0 and '0x10' as 16.
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * A number in a query string, read strictly. Anything else is left as the
 * string it was, so the property's @IsNumber/@IsInt refuses it by name.
 */
export const QueryNumber = () => Transform(({ value }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value));
