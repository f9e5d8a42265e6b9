import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Audit } from '../audit/audit.decorator';
import type { AuthUser } from '../common/auth-user';
import { AllowPendingPasswordChange } from '../common/decorators/allow-pending-password-change.decorator';
import { Authenticated } from '../common/decorators/authenticated.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { LoginRateLimit, WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { AuthService } from './auth.service';
import { LoginResponseDto, MeResponseDto, MessageResponseDto } from './dto/auth-responses.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @LoginRateLimit()
  @Audit('login')
  @ApiOperation({ summary: 'Log in and get a bearer token (public)' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Champs manquants ou invalides' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Connexion échouée' })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponseDto> {
    return this.auth.login(body, request.ip);
  }

  @Post('logout')
  @HttpCode(200)
  @Authenticated('Log out: the token of this request is revoked at once')
  @Audit('logout')
  @AllowPendingPasswordChange()
  @WriteRateLimit()
  @ApiOkResponse({ type: MessageResponseDto })
  async logout(@CurrentUser() user: AuthUser): Promise<MessageResponseDto> {
    await this.auth.logout(user);
    return { message: 'Déconnexion réussie' };
  }

  @Get('me')
  @Authenticated('My profile')
  @AllowPendingPasswordChange()
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: AuthUser): Promise<MeResponseDto> {
    return this.auth.me(user);
  }

  @Post('change-password')
  @HttpCode(200)
  @Authenticated('Change my password (keeps this session, revokes my other sessions)')
  @Audit('password.change')
  @AllowPendingPasswordChange()
  @WriteRateLimit()
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Mot de passe actuel incorrect, nouveau mot de passe refusé (trop court, courant, contenant le nom, identique) ou confirmation différente',
  })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: '5 mots de passe actuels faux : compte verrouillé (Retry-After), /login aussi' })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<MessageResponseDto> {
    await this.auth.changePassword(user, body, request.ip);
    return { message: 'Mot de passe modifié avec succès' };
  }
}
