import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditScheduler } from './audit.scheduler';
import { AuditService } from './audit.service';
import { AuditEntry } from './entities/audit-entry.entity';

/** Global: `@Audit` routes of every module get an `AuditInterceptor`, which needs `AuditService`. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditController],
  providers: [AuditService, AuditScheduler, AuditInterceptor],
  exports: [AuditService, AuditInterceptor],
})
export class AuditModule {}
