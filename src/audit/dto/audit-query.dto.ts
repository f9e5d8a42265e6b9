import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../common/pagination/cursor-page-query.dto';
import { AUDIT_ACTIONS } from '../audit.decorator';

export class AuditQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `Le paramètre 'action' doit valoir l'une de : ${AUDIT_ACTIONS.join(', ')}` })
  action?: string;

  @ApiPropertyOptional({ description: 'A username, or a user id', example: 'admin' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: "Le paramètre 'user' fait au plus 64 caractères" })
  @Matches(/^[^\u0000]*$/, { message: "Le paramètre 'user' est invalide" })
  user?: string;
}
