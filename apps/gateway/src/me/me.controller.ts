import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ROLES, type Role } from '@oms/contracts';
import { Caller } from '../auth/caller';
import { Roles } from '../auth/roles.decorator';

export class MeDto {
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiPropertyOptional({ example: 'paris-rivoli', description: 'Store keys: the one location they act on' }) locationId?: string;
  @ApiProperty({ example: 'store:paris-rivoli', description: 'The name recorded as the actor in event history' }) name!: string;
}

/** Who a key is: a client (the console) shows the views of its role without being told twice. */
@ApiTags('me')
@Controller('v1/me')
export class MeController {
  @Get()
  @Roles('checkout', 'store', 'logistics')
  @ApiOperation({ summary: 'The calling key\'s role, location (store keys) and name; every role' })
  @ApiOkResponse({ type: MeDto })
  me(@Caller() caller: Caller): MeDto {
    return { role: caller.role, ...(caller.locationId ? { locationId: caller.locationId } : {}), name: caller.name };
  }
}
