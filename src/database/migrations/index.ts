import { CreateThresholds1736000000000 } from './1736000000000-create-thresholds';

/** Every migration, in order. A new table or column is a new file here, never `synchronize`. */
export const MIGRATIONS = [CreateThresholds1736000000000];
