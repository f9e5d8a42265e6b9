import { ApiProperty } from '@nestjs/swagger';

export class LoginUserDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 'admin' }) username: string;
  @ApiProperty({ example: 'admin', enum: ['viewer', 'technicien', 'admin'] }) role: string;
  @ApiProperty({ example: ['read', 'execute', 'config', 'users'], type: [String] }) permissions: string[];
}

export class LoginResponseDto {
  @ApiProperty({ example: 'Connexion réussie' }) message: string;
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' }) token: string;
  @ApiProperty() user: LoginUserDto;
  @ApiProperty({ example: '2025-01-09T15:30:00Z' }) expires_at: string;
  @ApiProperty({ example: true }) must_change_password: boolean;
}

export class MessageResponseDto {
  @ApiProperty({ example: 'Mot de passe modifié avec succès' }) message: string;
}

export class MeResponseDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 'admin' }) username: string;
  @ApiProperty({ example: 'admin', enum: ['viewer', 'technicien', 'admin'] }) role: string;
  @ApiProperty({ example: ['read', 'execute', 'config', 'users'], type: [String] }) permissions: string[];
  @ApiProperty({ example: '2025-01-01T10:00:00Z' }) created_at: string;
  @ApiProperty({ example: '2025-01-08T14:00:00Z', nullable: true, type: String }) last_login: string | null;
  @ApiProperty({ example: false }) must_change_password: boolean;
  @ApiProperty({ example: '2025-01-09T14:00:00Z', description: 'When the token of this request expires' })
  token_expires_at: string;
}
