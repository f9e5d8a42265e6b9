import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import type { SilenceWindow } from '../alerts/alert-engine';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { UnitOfWork } from '../database/unit-of-work';
import { Silence, SilenceType } from './entities/silence.entity';

export interface NewSilence {
  type: SilenceType;
  mount: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string;
  createdById: number | null;
}

type Listener = () => void;

/**
 * Silences in SQLite, with the active and future ones kept in memory for the alert engine (asked at
 * every sample). Ended silences stay stored (DELETE sets their end to now).
 */
@Injectable()
export class SilencesService implements OnModuleInit {
  private windows: SilenceWindow[] = [];
  private readonly listeners: Listener[] = [];

  constructor(
    @InjectRepository(Silence) private readonly repository: Repository<Silence>,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** The silences not yet over (active or future), for the engine. */
  windowsNow(): readonly SilenceWindow[] {
    return this.windows;
  }

  /** Active and future silences, soonest end first. */
  list(now: Date = new Date()): Promise<Silence[]> {
    return this.repository.find({ where: { endsAt: MoreThan(now) }, order: { endsAt: 'ASC', id: 'ASC' } });
  }

  async create(silence: NewSilence): Promise<Silence> {
    const created = await this.unitOfWork.run(async (manager) => {
      const result = await manager.insert(Silence, { ...silence, createdAt: new Date() });
      return manager.findOneByOrFail(Silence, { id: result.identifiers[0].id as number });
    });
    await this.changed();
    return created;
  }

  /** Ends a silence now; 404 when unknown, 409 when already over. */
  async end(id: number, now: Date = new Date()): Promise<Silence> {
    const ended = await this.unitOfWork.run(async (manager) => {
      const silence = await manager.findOneBy(Silence, { id });
      if (!silence) throw new ApiError(404, ERROR_LABELS[404], `Silence ${id} introuvable`);
      if (silence.endsAt.getTime() <= now.getTime()) throw new ApiError(409, ERROR_LABELS[409], `Le silence ${id} est déjà terminé`);
      const update: Partial<Silence> = { endsAt: now };
      // A future silence ended before it began: its window becomes empty.
      if (silence.startsAt.getTime() > now.getTime()) update.startsAt = now;
      await manager.update(Silence, { id }, update);
      return { ...silence, ...update };
    });
    await this.changed();
    return ended;
  }

  private async changed(): Promise<void> {
    await this.reload();
    for (const listener of this.listeners) listener();
  }

  private async reload(): Promise<void> {
    const rows = await this.list();
    this.windows = rows.map((row) => ({
      id: row.id,
      type: row.type,
      mount: row.mount,
      startsAt: row.startsAt.getTime(),
      endsAt: row.endsAt.getTime(),
    }));
  }
}
