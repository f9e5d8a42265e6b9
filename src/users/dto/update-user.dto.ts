import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { Role } from '../../common/auth-user';
import { IsAcceptablePassword } from '../../auth/password-policy';
import { ROLES } from '../../auth/permissions';
import { PASSWORD_MIN_LENGTH, PASSWORD_RULE } from '../user-rules';
import { ROLE_RULE } from './create-user.dto';

/** A role change, a password reset (the user must then change it), or both. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'viewer', enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_RULE })
  role?: Role;

  @ApiPropertyOptional({ example: 'ResetPassword123!', minLength: PASSWORD_MIN_LENGTH, description: 'Reset: revokes every session of the user, who must change it at next login. Same rule as POST /users' })
  @IsOptional()
  @IsString({ message: PASSWORD_RULE })
  @IsAcceptablePassword()
  password?: string;
}
