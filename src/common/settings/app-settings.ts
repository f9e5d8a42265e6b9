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
  ValidateBy,
} from 'class-validator';
import { CronTime } from 'cron';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { PasswordProblem, passwordProblem } from '../../auth/password-policy';

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
/** `3600`, `45s`, `30m`, `24h` or `7d` to seconds; anything else is left for the validator to refuse. */
const toSeconds = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d+)\s*([smhd]?)$/.exec(String(value).trim().toLowerCase());
  if (!match) return value;
  return Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
};
/** An empty variable (`ADMIN_PASSWORD=`) means "not set". */
const emptyIsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** The hosts a Discord webhook URL may point to (`DISCORD_ALLOWED_HOSTS`). */
const DEFAULT_DISCORD_HOSTS = 'discord.com,discordapp.com,ptb.discord.com,canary.discord.com';

/** The allow-list shipped in the repository (`config/commands.json`), found from `src/` and `dist/` alike. */
const DEFAULT_COMMANDS_FILE = join(__dirname, '..', '..', '..', 'config', 'commands.json');

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address (`10.0.0.1`), a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a range name (`loopback`). */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * `TRUST_PROXY`: off (`false`, empty), a hop count (`1`), or the proxies' addresses, ranges or
 * range names, comma-separated. Not `true`: trusting every sender of X-Forwarded-For would let any
 * client choose the address that rate limits and the login lock count against.
 */
function toTrustProxy(value: string | undefined): false | number | string[] {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || ['false', 'off', 'no', '0'].includes(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  return toList(text);
}

const IsTrustProxy = () =>
  ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const parsed = toTrustProxy(value);
        if (parsed === false) return true;
        if (typeof parsed === 'number') return parsed >= 1 && parsed <= 10;
        return parsed.length > 0 && parsed.every(isProxyAddress);
      },
      defaultMessage: () =>
        'must be false, a hop count (1-10), or comma-separated proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal',
    },
  });

/** `DISCORD_ALLOWED_HOSTS`: at least one host name, each optionally with `:port` (`127.0.0.1:4200`). */
const IsHostList = () =>
  ValidateBy({
    name: 'isHostList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        toList(value).length > 0 &&
        toList(value).every((host) => /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[::1\])(?::\d{1,5})?$/.test(host)),
      defaultMessage: () => 'must be a comma-separated list of host names (optionally host:port), at least one',
    },
  });

/** A cron expression the scheduler accepts: five fields, or six with seconds first. */
const IsCronExpression = () =>
  ValidateBy({
    name: 'isCronExpression',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !/^\S+(\s+\S+){4,5}$/.test(value.trim())) return false;
        try {
          new CronTime(value.trim());
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'must be a cron expression of 5 fields (or 6 with seconds first)',
    },
  });

const ADMIN_PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  length: 'must be 8 to 256 characters',
  blank: 'must not be only spaces or control characters',
  username: "must not contain the username 'admin'",
  common: 'is one of the most common passwords: choose another',
};

/** ADMIN_PASSWORD follows the same rule as every password chosen through the API. */
const IsAdminPassword = () =>
  ValidateBy({
    name: 'isAdminPassword',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && passwordProblem(value, 'admin') === undefined,
      defaultMessage: (args) =>
        ADMIN_PASSWORD_PROBLEMS[typeof args?.value === 'string' ? (passwordProblem(args.value, 'admin') ?? 'length') : 'length'],
    },
  });

/** Their values are never repeated in an error message. */
const SECRET_VARIABLES = ['ADMIN_PASSWORD', 'JWT_SECRET'];

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
  @IsOptional() @Transform(toBool) @IsBoolean() DASHBOARD_ENABLED?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() PUBLIC_METRICS?: boolean;
  @IsOptional() @Transform(toSeconds) @IsInt() @Min(60) @Max(30 * 86400) TOKEN_TTL?: number;
  @IsOptional() @Transform(emptyIsUnset) @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional() @Transform(emptyIsUnset) @IsAdminPassword() ADMIN_PASSWORD?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100000) LOGIN_RATE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100000) WRITE_RATE_LIMIT?: number;
  @IsOptional() @IsString() @MinLength(1) COMMANDS_FILE?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(300) COMMAND_TIMEOUT_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3650) AUDIT_RETENTION_DAYS?: number;
  @IsOptional() @IsString() CORS_ORIGINS?: string;
  @IsOptional() @IsTrustProxy() TRUST_PROXY?: string;
  @IsOptional() @IsCronExpression() ALERTS_CRON?: string;
  @IsOptional() @IsHostList() DISCORD_ALLOWED_HOSTS?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(60) DISCORD_TIMEOUT_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(600) REQUEST_TIMEOUT_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86400) ALERT_HISTORY_MIN_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3650) ALERT_HISTORY_DAYS?: number;
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
  dashboardEnabled: boolean;
  publicMetrics: boolean;
  tokenTtlSeconds: number;
  jwtSecret: string | undefined;
  adminPassword: string | undefined;
  loginRateLimit: number;
  writeRateLimit: number;
  commandsFile: string;
  commandTimeoutSeconds: number;
  auditRetentionDays: number;
  corsOrigins: string[];
  /** Whose X-Forwarded-For to believe for the client's address (Fastify's `trustProxy`). */
  trustProxy: false | number | string[];
  alertsCron: string;
  discordAllowedHosts: string[];
  discordTimeoutSeconds: number;
  /** A request (head and body) not received in full by then is answered 408 and closed. */
  requestTimeoutSeconds: number;
  /** How long an alert episode must last before the history stores it. */
  alertHistoryMinSeconds: number;
  alertHistoryDays: number;
}

/**
 * The validated settings, injected wherever a setting is needed (`constructor(settings: AppSettings)`).
 * Its fields are those of AppSettingsValues (declaration merging: the list is written once).
 */
export interface AppSettings extends AppSettingsValues {}
export class AppSettings {
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
      const shown = SECRET_VARIABLES.includes(first.property) ? ' (value not shown)' : `=${JSON.stringify(env[first.property])}`;
      throw new SettingsError(`Invalid environment variable ${first.property}${shown}: ${why}`);
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
      dashboardEnabled: raw.DASHBOARD_ENABLED ?? true,
      publicMetrics: raw.PUBLIC_METRICS ?? false,
      tokenTtlSeconds: raw.TOKEN_TTL ?? 86400,
      jwtSecret: raw.JWT_SECRET,
      adminPassword: raw.ADMIN_PASSWORD,
      loginRateLimit: raw.LOGIN_RATE_LIMIT ?? 60,
      writeRateLimit: raw.WRITE_RATE_LIMIT ?? 120,
      commandsFile: raw.COMMANDS_FILE ?? DEFAULT_COMMANDS_FILE,
      commandTimeoutSeconds: raw.COMMAND_TIMEOUT_SECONDS ?? 10,
      auditRetentionDays: raw.AUDIT_RETENTION_DAYS ?? 90,
      corsOrigins: toList(raw.CORS_ORIGINS ?? ''),
      trustProxy: toTrustProxy(raw.TRUST_PROXY),
      alertsCron: (raw.ALERTS_CRON ?? '*/5 * * * *').trim(),
      discordAllowedHosts: toList(raw.DISCORD_ALLOWED_HOSTS ?? DEFAULT_DISCORD_HOSTS).map((host) => host.toLowerCase()),
      discordTimeoutSeconds: raw.DISCORD_TIMEOUT_SECONDS ?? 10,
      requestTimeoutSeconds: raw.REQUEST_TIMEOUT_SECONDS ?? 30,
      alertHistoryMinSeconds: raw.ALERT_HISTORY_MIN_SECONDS ?? 30,
      alertHistoryDays: raw.ALERT_HISTORY_DAYS ?? 90,
    });
  }
}
