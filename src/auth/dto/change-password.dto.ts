import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE } from '../../users/user-rules';

export class ChangePasswordDto {
  @ApiProperty({ example: 'admin123' })
  @IsString({ message: "Le champ 'current_password' doit être une chaîne" })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: "Le champ 'current_password' est trop long" })
  current_password: string;

  @ApiProperty({ example: 'MonNouveauMotDePasse!456', minLength: PASSWORD_MIN_LENGTH })
  @IsString({ message: "Le champ 'new_password' doit être une chaîne" })
  @MinLength(PASSWORD_MIN_LENGTH, { message: PASSWORD_RULE })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: PASSWORD_RULE })
  new_password: string;

  @ApiProperty({ example: 'MonNouveauMotDePasse!456' })
  @IsString({ message: "Le champ 'confirm_password' doit être une chaîne" })
  confirm_password: string;
}
