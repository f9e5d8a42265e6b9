import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: "Le champ 'username' doit être une chaîne" })
  @MaxLength(64, { message: "Le champ 'username' est trop long" })
  username: string;

  @ApiProperty({ example: 'admin123' })
  @IsString({ message: "Le champ 'password' doit être une chaîne" })
  @MaxLength(256, { message: "Le champ 'password' est trop long" })
  password: string;
}
