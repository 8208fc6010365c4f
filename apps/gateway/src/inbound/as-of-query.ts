import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, registerDecorator } from 'class-validator';

/** Time travel reads the past only: a future instant has no events to fold yet. */
const NotInTheFuture = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'notInTheFuture',
    target: target.constructor,
    propertyName,
    validator: { validate: (value: unknown) => typeof value !== 'string' || !(Date.parse(value) > Date.now()) },
    options: { message: `${propertyName} must not be in the future` },
  });

/** `asOf` on a single resource's read: the resource as it stood then, rebuilt from its events (API.md "Time travel"). */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'An ISO 8601 instant in the past: the resource as it stood then (404 if it did not exist yet)', example: '2026-11-30T14:05:00Z' })
  @IsOptional() @IsISO8601({ strict: true }) @NotInTheFuture()
  asOf?: string;
}
