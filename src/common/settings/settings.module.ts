import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppSettings } from './app-settings';

@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: AppSettings): DynamicModule {
    return { module: SettingsModule, providers: [{ provide: AppSettings, useValue: settings }], exports: [AppSettings] };
  }
}
