import { Module } from '@nestjs/common';
import { CommandsController } from './commands.controller';
import { CommandsService } from './commands.service';
import { ServiceRestartController } from './service-restart.controller';

@Module({
  controllers: [CommandsController, ServiceRestartController],
  providers: [CommandsService],
})
export class CommandsModule {}
