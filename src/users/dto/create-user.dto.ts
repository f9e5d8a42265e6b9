import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import type { Role } from '../../common/auth-user';
import { IsAcceptablePassword } from '../../auth/password-policy';
import { ROLES } from '../../auth/permissions';
import { PASSWORD_MIN_LENGTH, PASSWORD_RULE, USERNAME_PATTERN, USERNAME_RULE } from '../user-rules';

export const ROLE_RULE = 'Le rôle doit être viewer, technicien ou admin';

export class CreateUserDto {
  @ApiProperty({ example: 'jean.dupont', pattern: USERNAME_PATTERN.source })
  @IsString({ message: USERNAME_RULE })
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username: string;

  @ApiProperty({ example: 'TempPassword123!', minLength: PASSWORD_MIN_LENGTH, description: 'The user must change it at first login. Refused: a common password, one containing the username, only spaces' })
  @IsString({ message: PASSWORD_RULE })
  @IsAcceptablePassword('username')
  password: string;

  @ApiProperty({ example: 'technicien', enum: ROLES })
  @IsIn(ROLES, { message: ROLE_RULE })
  role: Role;
}
