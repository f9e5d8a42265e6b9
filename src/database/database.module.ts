import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSettings } from '../common/settings/app-settings';
import { databaseOptions } from './database-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppSettings],
      useFactory: (settings: AppSettings) => ({ ...databaseOptions(settings.databasePath), autoLoadEntities: true }),
    }),
  ],
})
export class DatabaseModule {}
