import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSettings } from '../common/settings/app-settings';
import { DatabaseFileMonitor } from './database-file.monitor';
import { databaseOptions } from './database-options';
import { DatabaseWriteGate } from './database-write.gate';
import { TypeOrmNestLogger } from './typeorm-nest-logger';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppSettings],
      useFactory: (settings: AppSettings) => ({
        ...databaseOptions(settings.databasePath),
        autoLoadEntities: true,
        logger: new TypeOrmNestLogger(),
      }),
    }),
  ],
  providers: [DatabaseFileMonitor, UnitOfWork, DatabaseWriteGate],
  exports: [DatabaseFileMonitor, UnitOfWork, DatabaseWriteGate],
})
export class DatabaseModule {}
