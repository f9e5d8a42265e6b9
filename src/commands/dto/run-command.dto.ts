import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The optional body of POST /commands/{name}: only commands with a service parameter take one. */
export class RunCommandDto {
  @ApiPropertyOptional({ example: 'nginx', description: 'A service of MONITORED_SERVICES (commands with service_param only)' })
  @IsOptional()
  @IsString({ message: "Le champ 'service' doit être une chaîne" })
  @MaxLength(100, { message: "Le champ 'service' fait au plus 100 caractères" })
  service?: string;
}
