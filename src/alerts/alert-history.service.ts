import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, IsNull, LessThan, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import { AppSettings } from '../common/settings/app-settings';
import { UnitOfWork } from '../database/unit-of-work';
import type { Episode, Transition } from './alert-engine';
import type { AlertType } from './alert-evaluator';
import { AlertEpisode } from './entities/alert-episode.entity';

export interface HistoryQuery {
  type?: AlertType;
  since?: Date;
  until?: Date;
  limit: number;
  before?: number;
}

/**
 * The alert history: an episode is stored once it has lasted ALERT_HISTORY_MIN_SECONDS, then
 * updated on its transitions only (level change, silenced, resolved), never on every sample. Writes
 * go one after the other through the unit of work, in the order of the transitions.
 */
@Injectable()
export class AlertHistoryService {
  private readonly logger = new Logger('AlertHistory');
  private chain: Promise<void> = Promise.resolve();
  /** Episodes whose insert is queued or done. */
  private readonly stored = new WeakSet<Episode>();

  constructor(
    @InjectRepository(AlertEpisode) private readonly repository: Repository<AlertEpisode>,
    private readonly unitOfWork: UnitOfWork,
    private readonly settings: AppSettings,
  ) {}

  private get minMs(): number {
    return this.settings.alertHistoryMinSeconds * 1000;
  }

  /** The engine's transitions of one evaluation, plus the open episodes that have now lasted long enough. */
  record(transitions: readonly Transition[], open: readonly Episode[], now: number): void {
    for (const { kind, episode } of transitions) {
      if (this.stored.has(episode)) this.queue(() => this.update(episode));
      else if (kind === 'resolved' ? episode.resolvedAt! - episode.openedAt >= this.minMs : now - episode.openedAt >= this.minMs) this.insert(episode);
    }
    for (const episode of open) if (!this.stored.has(episode) && now - episode.openedAt >= this.minMs) this.insert(episode);
  }

  /** Resolves once every queued write is done (shutdown, tests). */
  async idle(): Promise<void> {
    let chain;
    do {
      chain = this.chain;
      await chain;
    } while (chain !== this.chain);
  }

  /** Episodes left open by the last run (shutdown, crash), for the engine to continue or close. */
  async openEpisodes(): Promise<Episode[]> {
    const rows = await this.repository.find({ where: { resolvedAt: IsNull() }, order: { id: 'ASC' } });
    return rows.map((row) => {
      const episode: Episode = {
        key: row.alertKey,
        type: row.type,
        mount: row.mount,
        openedAt: row.openedAt.getTime(),
        resolvedAt: null,
        level: row.currentLevel,
        maxLevel: row.level,
        threshold: row.threshold,
        peak: row.peakValue,
        silenced: row.silenced,
        id: row.id,
      };
      this.stored.add(episode);
      return episode;
    });
  }

  /** Newest first; `before` is the id of the last episode of the previous page. */
  async list(query: HistoryQuery): Promise<{ rows: AlertEpisode[]; nextBefore: number | null }> {
    const where: FindOptionsWhere<AlertEpisode> = {};
    if (query.type) where.type = query.type;
    if (query.before !== undefined) where.id = LessThan(query.before);
    if (query.until) where.openedAt = LessThanOrEqual(query.until);
    // An episode overlapping [since, until]: still open, or resolved at or after `since`.
    const filters: FindOptionsWhere<AlertEpisode>[] = query.since
      ? [{ ...where, resolvedAt: IsNull() }, { ...where, resolvedAt: MoreThanOrEqual(query.since) }]
      : [where];
    const rows = await this.repository.find({ where: filters, order: { id: 'DESC' }, take: query.limit });
    return { rows, nextBefore: rows.length === query.limit ? rows[rows.length - 1].id : null };
  }

  /** Stored episodes that opened at or after `from` and resolved by `to` (Discord's between-runs report). */
  closedBetween(from: Date, to: Date): Promise<AlertEpisode[]> {
    return this.repository.find({
      where: { openedAt: MoreThanOrEqual(from), resolvedAt: LessThanOrEqual(to) },
      order: { id: 'ASC' },
      take: 50,
    });
  }

  /** Deletes the episodes resolved more than ALERT_HISTORY_DAYS ago; returns how many. */
  async prune(now: number = Date.now()): Promise<number> {
    const limit = new Date(now - this.settings.alertHistoryDays * 86_400_000);
    await this.idle();
    const result = await this.unitOfWork.run((manager) => manager.delete(AlertEpisode, { resolvedAt: LessThan(limit) }));
    return result.affected ?? 0;
  }

  private insert(episode: Episode): void {
    this.stored.add(episode);
    this.queue(async () => {
      const id = await this.unitOfWork.run(async (manager) => {
        const result = await manager.insert(AlertEpisode, this.columns(episode));
        return result.identifiers[0]?.id as number;
      });
      episode.id = id;
    });
  }

  private async update(episode: Episode): Promise<void> {
    if (episode.id === null) return;
    const id = episode.id;
    await this.unitOfWork.run((manager) => manager.update(AlertEpisode, { id }, this.columns(episode)));
  }

  private columns(episode: Episode): Omit<AlertEpisode, 'id'> {
    return {
      alertKey: episode.key,
      type: episode.type,
      mount: episode.mount,
      level: episode.maxLevel,
      currentLevel: episode.level,
      openedAt: new Date(episode.openedAt),
      resolvedAt: episode.resolvedAt === null ? null : new Date(episode.resolvedAt),
      peakValue: episode.peak,
      threshold: episode.threshold,
      silenced: episode.silenced,
    };
  }

  private queue(write: () => Promise<void>): void {
    this.chain = this.chain.then(write).catch((error: unknown) => {
      this.logger.warn(`alert history not written: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
