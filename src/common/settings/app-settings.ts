import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Thrown at start when an environment variable is invalid; its message names the variable. */
export class SettingsError extends Error {}

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
    ? true
    : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
      ? false
      : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value).trim()) ? Number(value) : value;
const toList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/**
 * The environment variables, as the process receives them. Every setting of HealthCheck is declared
 * here, with its default; README.md documents each one.
 */
class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() @MinLength(1) HOST?: string;
  @IsOptional() @IsString() @MinLength(1) DATABASE_PATH?: string;
  @IsOptional() @IsString() @MinLength(1) DISK_PATH?: string;
  @IsOptional() @IsString() MONITORED_SERVICES?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(60) SAMPLE_INTERVAL_SECONDS?: number;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() SWAGGER_ENABLED?: boolean;
}

export interface AppSettingsValues {
  nodeEnv: string;
  port: number;
  host: string;
  databasePath: string;
  diskPath: string;
  monitoredServices: string[];
  sampleIntervalSeconds: number;
  logLevel: string;
  swaggerEnabled: boolean;
}

/** The validated settings, injected wherever a setting is needed (`constructor(settings: AppSettings)`). */
export class AppSettings implements AppSettingsValues {
  nodeEnv: string;
  port: number;
  host: string;
  databasePath: string;
  diskPath: string;
  monitoredServices: string[];
  sampleIntervalSeconds: number;
  logLevel: string;
  swaggerEnabled: boolean;

  constructor(values: AppSettingsValues) {
    Object.assign(this, values);
  }

  /** Reads and validates the environment; an invalid value throws a SettingsError naming the variable. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppSettings {
    const raw = plainToInstance(EnvironmentVariables, env, { exposeDefaultValues: true });
    const errors = validateSync(raw, { skipMissingProperties: false, whitelist: false });
    if (errors.length > 0) {
      const first = errors[0];
      const why = Object.values(first.constraints ?? {}).join('; ');
      throw new SettingsError(`Invalid environment variable ${first.property}=${JSON.stringify(env[first.property])}: ${why}`);
    }
    return new AppSettings({
      nodeEnv: raw.NODE_ENV ?? 'development',
      port: raw.PORT ?? 3000,
      host: raw.HOST ?? '0.0.0.0',
      databasePath: raw.DATABASE_PATH ?? './data/healthcheck.sqlite',
      diskPath: raw.DISK_PATH ?? '/',
      monitoredServices: toList(raw.MONITORED_SERVICES ?? 'nginx,mysql,redis'),
      sampleIntervalSeconds: raw.SAMPLE_INTERVAL_SECONDS ?? 2,
      logLevel: raw.LOG_LEVEL ?? 'info',
      swaggerEnabled: raw.SWAGGER_ENABLED ?? true,
    });
  }
}
