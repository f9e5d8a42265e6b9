import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { isoSeconds } from '../common/format/time';
import { ApiError } from '../common/http/api-error';
import { AppSettings } from '../common/settings/app-settings';
import { bindService, CommandEntry, loadCommandCatalog, resolveExecutable, SERVICE_NAME } from './command-catalog';
import { runCommand } from './command-runner';
import { CommandResultDto } from './dto/command-result.dto';
import { CommandSummaryDto } from './dto/command-list-response.dto';

/** At most this many commands (restarts included) run at once; more answer 429. */
export const MAX_CONCURRENT_COMMANDS = 2;
/** Bytes kept per output stream. */
export const OUTPUT_CAP_BYTES = 64 * 1024;
/** systemd's own marker that it runs as PID 1 (systemctl is useless without it, e.g. in a container). */
const SYSTEMD_RUNTIME_DIR = '/run/systemd/system';

@Injectable()
export class CommandsService implements OnModuleInit {
  private readonly logger = new Logger('Commands');
  private commands = new Map<string, CommandEntry>();
  private running = 0;

  constructor(private readonly settings: AppSettings) {}

  onModuleInit(): void {
    const { commands, missing } = loadCommandCatalog(this.settings.commandsFile);
    this.commands = new Map(commands.map((entry) => [entry.name, entry]));
    if (missing.length > 0) this.logger.warn(`Commands left out (executable not installed): ${missing.join(', ')}`);
  }

  list(): CommandSummaryDto[] {
    return [...this.commands.values()].map((entry) => ({
      name: entry.name,
      description: entry.description,
      service_param: entry.serviceParam,
      ...(entry.serviceParam ? { services: this.services() } : {}),
    }));
  }

  async run(name: string, service: string | undefined): Promise<CommandResultDto> {
    const entry = this.commands.get(name);
    if (!entry) throw new ApiError(404, 'Commande introuvable', `La commande '${name}' n'est pas dans la liste autorisée`);
    let bound: string | null = null;
    if (entry.serviceParam) {
      if (service === undefined) {
        throw new ApiError(400, 'Requête invalide', `La commande '${name}' demande le champ 'service' (un service de MONITORED_SERVICES)`);
      }
      bound = this.checkService(service, 400);
    } else if (service !== undefined) {
      throw new ApiError(400, 'Requête invalide', `La commande '${name}' ne prend pas de champ 'service'`);
    }
    return this.execute(name, bindService(entry, bound), entry.maxLines, bound);
  }

  async restart(service: string): Promise<CommandResultDto> {
    const name = this.checkService(service, 404);
    const systemctl = resolveExecutable('systemctl');
    if (!systemctl || !existsSync(SYSTEMD_RUNTIME_DIR)) {
      throw new ApiError(
        501,
        'Non implémenté',
        systemctl
          ? "systemd ne gère pas ce système (pas de /run/systemd/system) : le redémarrage d'un service est impossible ici"
          : "systemctl est absent de ce système : le redémarrage d'un service est impossible ici",
      );
    }
    return this.execute('service-restart', [systemctl, 'restart', name], null, name);
  }

  /** A service name from MONITORED_SERVICES, else `status` (400 for a command field, 404 for a path). */
  private checkService(service: string, status: 400 | 404): string {
    if (typeof service !== 'string' || !SERVICE_NAME.test(service) || !this.services().includes(service)) {
      const shown = String(service).slice(0, 100);
      throw new ApiError(
        status,
        status === 404 ? 'Service introuvable' : 'Requête invalide',
        `Le service '${shown}' n'est pas dans MONITORED_SERVICES (${this.services().join(', ') || 'aucun'})`,
      );
    }
    return service;
  }

  private services(): string[] {
    return this.settings.monitoredServices.filter((name) => SERVICE_NAME.test(name));
  }

  private async execute(command: string, argv: string[], maxLines: number | null, service: string | null): Promise<CommandResultDto> {
    if (this.running >= MAX_CONCURRENT_COMMANDS) {
      const error = new ApiError(
        429,
        'Trop de requêtes',
        `Déjà ${MAX_CONCURRENT_COMMANDS} commandes en cours : réessayez quand l'une d'elles est terminée`,
      );
      Object.assign(error, { retryAfterSeconds: 1 });
      throw error;
    }
    this.running++;
    const checkedAt = isoSeconds(Date.now());
    try {
      const result = await runCommand(argv, {
        timeoutMs: this.settings.commandTimeoutSeconds * 1000,
        maxBytes: OUTPUT_CAP_BYTES,
        maxLines,
      });
      return {
        checked_at: checkedAt,
        command,
        ...(service ? { service } : {}),
        exit_code: result.exitCode,
        stdout: result.stdout,
        stderr: result.stderr,
        duration_ms: result.durationMs,
        truncated: result.truncated,
        timed_out: result.timedOut,
      };
    } finally {
      this.running--;
    }
  }
}
