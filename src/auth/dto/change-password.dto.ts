import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../users/user-rules';
import { IsAcceptablePassword } from '../password-policy';

export class ChangePasswordDto {
  @ApiProperty({ example: 'admin123' })
  @IsString({ message: "Le champ 'current_password' doit être une chaîne" })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: "Le champ 'current_password' est trop long" })
  current_password: string;

  @ApiProperty({
    example: 'MonNouveauMotDePasse!456',
    minLength: PASSWORD_MIN_LENGTH,
    description: 'Refused: a common password, one containing the username, only spaces',
  })
  @IsString({ message: "Le champ 'new_password' doit être une chaîne" })
  @IsAcceptablePassword()
  new_password: string;

  @ApiProperty({ example: 'MonNouveauMotDePasse!456' })
  @IsString({ message: "Le champ 'confirm_password' doit être une chaîne" })
  confirm_password: string;
}
