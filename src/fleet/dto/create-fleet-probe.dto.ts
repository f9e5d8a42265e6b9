import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUrl, Length, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateFleetProbeDto {
  @ApiProperty({ example: 'web-01', minLength: 1, maxLength: 64 })
  @Transform(trim)
  @IsString({ message: "Le champ 'name' doit être une chaîne" })
  @Length(1, 64, { message: "Le champ 'name' doit faire de 1 à 64 caractères" })
  name: string;

  @ApiProperty({
    example: 'https://web-01.example.com:3000',
    description: "URL de base d'une autre sonde HealthCheck (http ou https, sans identifiants ni paramètres)",
  })
  @Transform(trim)
  @IsString({ message: "Le champ 'base_url' doit être une chaîne" })
  @MaxLength(2048, { message: "Le champ 'base_url' dépasse 2048 caractères" })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true },
    { message: "Le champ 'base_url' doit être une URL http ou https (ex. https://web-01.example.com:3000)" },
  )
  base_url: string;
}
