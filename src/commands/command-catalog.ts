import { accessSync, constants, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** The PATH commands are resolved against and run with: fixed, so the environment cannot redirect them. */
export const COMMAND_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What a service name may look like (a systemd unit name without the suffix); also refuses leading '-'. */
export const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9@._-]{0,99}$/;

const COMMAND_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const SERVICE_PLACEHOLDER = '{service}';
const ENTRY_KEYS = new Set(['name', 'description', 'argv', 'service_param', 'max_lines']);

/** One allow-listed command, as the file declares it, with its executable resolved. */
export interface CommandEntry {
  name: string;
  description: string;
  /** argv[0] resolved to an absolute path; may hold the `{service}` placeholder as a whole element. */
  argv: string[];
  serviceParam: boolean;
  maxLines: number | null;
}

export class CommandCatalogError extends Error {}

/** Finds an executable on COMMAND_PATH (or checks an absolute one); null when absent. */
export function resolveExecutable(file: string): string | null {
  const candidates = isAbsolute(file) ? [file] : COMMAND_PATH.split(':').map((dir) => join(dir, file));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next folder
    }
  }
  return null;
}

/**
 * Reads and validates the allow-list. Any mistake stops the start with a message naming the file;
 * entries whose executable is not installed are returned in `missing` (left out of the list).
 */
export function loadCommandCatalog(path: string): { commands: CommandEntry[]; missing: string[] } {
  const fail = (why: string): never => {
    throw new CommandCatalogError(`COMMANDS_FILE=${path}: ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(error instanceof SyntaxError ? `not valid JSON (${error.message})` : `cannot be read (${(error as Error).message})`);
  }
  const list = (raw as { commands?: unknown })?.commands;
  if (!Array.isArray(list)) fail('expected an object {"commands": [...]}');
  const commands: CommandEntry[] = [];
  const missing: string[] = [];
  const names = new Set<string>();
  (list as unknown[]).forEach((item, index) => {
    const where = `commands[${index}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) fail(`${where} must be an object`);
    const entry = item as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!ENTRY_KEYS.has(key)) fail(`${where} has an unknown key '${key}'`);
    const { name, description, argv } = entry;
    if (typeof name !== 'string' || !COMMAND_NAME.test(name)) fail(`${where}.name must match ${COMMAND_NAME}`);
    if (names.has(name as string)) fail(`${where}.name '${name}' is declared twice`);
    names.add(name as string);
    if (typeof description !== 'string' || description.trim() === '' || description.length > 300) {
      fail(`${where}.description must be a non-empty string of at most 300 characters`);
    }
    if (!Array.isArray(argv) || argv.length === 0 || argv.some((arg) => typeof arg !== 'string' || arg === '')) {
      fail(`${where}.argv must be a non-empty array of non-empty strings`);
    }
    const args = argv as string[];
    const serviceParam = entry.service_param ?? false;
    if (typeof serviceParam !== 'boolean') fail(`${where}.service_param must be a boolean`);
    const placeholders = args.filter((arg) => arg.includes(SERVICE_PLACEHOLDER));
    if (args[0].includes(SERVICE_PLACEHOLDER)) fail(`${where}.argv[0] cannot be the service placeholder`);
    if (placeholders.some((arg) => arg !== SERVICE_PLACEHOLDER)) fail(`${where}: '{service}' must be a whole argument`);
    if (serviceParam && placeholders.length === 0) fail(`${where}: service_param is true but argv has no '{service}'`);
    if (!serviceParam && placeholders.length > 0) fail(`${where}: argv uses '{service}' but service_param is not true`);
    const maxLines = entry.max_lines ?? null;
    if (maxLines !== null && (!Number.isInteger(maxLines) || (maxLines as number) < 1 || (maxLines as number) > 10000)) {
      fail(`${where}.max_lines must be an integer from 1 to 10000`);
    }
    const executable = resolveExecutable(args[0]);
    if (!executable) {
      missing.push(`${name} (${args[0]} not found)`);
      return;
    }
    commands.push({
      name: name as string,
      description: description as string,
      argv: [executable, ...args.slice(1)],
      serviceParam: serviceParam as boolean,
      maxLines: maxLines as number | null,
    });
  });
  return { commands, missing };
}

/** The argv of an entry for one service (already checked against MONITORED_SERVICES). */
export function bindService(entry: CommandEntry, service: string | null): string[] {
  return entry.argv.map((arg) => (arg === SERVICE_PLACEHOLDER ? (service as string) : arg));
}
