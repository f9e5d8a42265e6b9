import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../../common/auth-user';
import { ROLES } from '../../auth/permissions';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE, USERNAME_PATTERN, USERNAME_RULE } from '../user-rules';

export const ROLE_RULE = 'Le rôle doit être viewer, technicien ou admin';

export class CreateUserDto {
  @ApiProperty({ example: 'jean.dupont', pattern: USERNAME_PATTERN.source })
  @IsString({ message: USERNAME_RULE })
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username: string;

  @ApiProperty({ example: 'TempPassword123!', minLength: PASSWORD_MIN_LENGTH, description: 'The user must change it at first login' })
  @IsString({ message: PASSWORD_RULE })
  @MinLength(PASSWORD_MIN_LENGTH, { message: PASSWORD_RULE })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: PASSWORD_RULE })
  password: string;

  @ApiProperty({ example: 'technicien', enum: ROLES })
  @IsIn(ROLES, { message: ROLE_RULE })
  role: Role;
}
