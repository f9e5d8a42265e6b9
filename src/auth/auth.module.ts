import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { KeyObject } from 'node:crypto';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { AppSettings } from '../common/settings/app-settings';
import { User } from '../users/entities/user.entity';
import { AuthStateService } from './auth-state.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Session } from './entities/session.entity';
import { AuthGuard } from './guards/auth.guard';
import { JWT_KEY, loadJwtKey } from './jwt-key';
import { JwtStrategy } from './jwt.strategy';
import { LoginLockService } from './login-lock.service';

const jwtKeyProvider = { provide: JWT_KEY, inject: [AppSettings], useFactory: (settings: AppSettings) => loadJwtKey(settings) };

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Session]),
    PassportModule,
    RateLimitModule,
    JwtModule.registerAsync({
      extraProviders: [jwtKeyProvider],
      inject: [JWT_KEY],
      useFactory: (key: KeyObject) => ({ secret: key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController],
  providers: [jwtKeyProvider, AuthStateService, AuthService, JwtStrategy, LoginLockService, AuthGuard],
  exports: [AuthStateService, AuthGuard, TypeOrmModule],
})
export class AuthModule {}
