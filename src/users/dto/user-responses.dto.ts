import { ApiProperty } from '@nestjs/swagger';

export class UserListItemDto {
  @ApiProperty({ type: 'integer', example: 2 }) id: number;
  @ApiProperty({ example: 'jean.dupont' }) username: string;
  @ApiProperty({ example: 'technicien', enum: ['viewer', 'technicien', 'admin'] }) role: string;
  @ApiProperty({ example: '2025-01-05T09:00:00Z' }) created_at: string;
  @ApiProperty({ example: '2025-01-08T08:30:00Z', nullable: true, type: String }) last_login: string | null;
  @ApiProperty({ example: false }) must_change_password: boolean;
}

export class UserDetailDto extends UserListItemDto {
  @ApiProperty({ example: ['read', 'execute'], type: [String] }) permissions: string[];
}

export class UserListResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [UserListItemDto] }) users: UserListItemDto[];
  @ApiProperty({ type: 'integer', example: 2 }) total: number;
}

export class UserResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty() user: UserDetailDto;
}

export class CreatedUserDto {
  @ApiProperty({ type: 'integer', example: 5 }) id: number;
  @ApiProperty({ example: 'jean.dupont' }) username: string;
  @ApiProperty({ example: 'technicien' }) role: string;
  @ApiProperty({ example: ['read', 'execute'], type: [String] }) permissions: string[];
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) created_at: string;
}

export class CreateUserResponseDto {
  @ApiProperty({ example: 'Utilisateur créé avec succès' }) message: string;
  @ApiProperty() user: CreatedUserDto;
}

export class UpdateUserResponseDto {
  @ApiProperty({ example: 'Utilisateur modifié avec succès' }) message: string;
  @ApiProperty() user: UserDetailDto;
}

export class DeleteUserResponseDto {
  @ApiProperty({ example: 'Utilisateur supprimé avec succès' }) message: string;
}
