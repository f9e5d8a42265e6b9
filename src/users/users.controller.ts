import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import {
  CreateUserResponseDto,
  DeleteUserResponseDto,
  UpdateUserResponseDto,
  UserListResponseDto,
  UserResponseDto,
} from './dto/user-responses.dto';
import { IdParamPipe } from '../common/validation/id-param.pipe';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users', 'List the users (admin)')
  @ApiOkResponse({ type: UserListResponseDto })
  async list(): Promise<UserListResponseDto> {
    const users = await this.users.list();
    return { checked_at: isoSeconds(Date.now()), users, total: users.length };
  }

  @Post()
  @RequirePermission('users', 'Create a user (admin); they must change the password at first login')
  @Audit('user.create')
  @WriteRateLimit()
  @ApiCreatedResponse({ type: CreateUserResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: "Nom d'utilisateur, mot de passe ou rôle invalide" })
  @ApiConflictResponse({ type: ApiErrorDto, description: "Nom d'utilisateur déjà pris" })
  async create(@Body() body: CreateUserDto): Promise<CreateUserResponseDto> {
    return { message: 'Utilisateur créé avec succès', user: await this.users.create(body) };
  }

  @Get(':id')
  @RequirePermission('users', 'One user (admin)')
  @ApiParam({ name: 'id', schema: { type: 'integer', minimum: 1, maximum: 2147483647 }, example: 2 })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async get(@Param('id', IdParamPipe) id: number): Promise<UserResponseDto> {
    return { checked_at: isoSeconds(Date.now()), user: await this.users.get(id) };
  }

  @Put(':id')
  @RequirePermission('users', 'Change the role and/or reset the password of a user (admin)')
  @Audit('user.update')
  @WriteRateLimit()
  @ApiParam({ name: 'id', schema: { type: 'integer', minimum: 1, maximum: 2147483647 }, example: 2 })
  @ApiOkResponse({ type: UpdateUserResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Le dernier administrateur ne peut pas être rétrogradé' })
  async update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateUserDto): Promise<UpdateUserResponseDto> {
    return { message: 'Utilisateur modifié avec succès', user: await this.users.update(id, body) };
  }

  @Delete(':id')
  @RequirePermission('users', 'Delete a user (admin); their tokens stop working at once')
  @Audit('user.delete')
  @WriteRateLimit()
  @ApiParam({ name: 'id', schema: { type: 'integer', minimum: 1, maximum: 2147483647 }, example: 2 })
  @ApiOkResponse({ type: DeleteUserResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Son propre compte, ou le dernier administrateur' })
  async remove(@Param('id', IdParamPipe) id: number, @CurrentUser() actor: AuthUser): Promise<DeleteUserResponseDto> {
    await this.users.remove(id, actor);
    return { message: 'Utilisateur supprimé avec succès' };
  }
}
