import { DataSource } from 'typeorm';
import { AppSettings } from '../common/settings/app-settings';
import { databaseOptions } from './database-options';

/** For the TypeORM CLI: `npx typeorm migration:run -d dist/database/data-source.js`. */
export default new DataSource({
  ...databaseOptions(AppSettings.fromEnv().databasePath),
  entities: [__dirname + '/../**/*.entity.js'],
});
