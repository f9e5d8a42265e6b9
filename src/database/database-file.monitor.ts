import { Injectable, OnModuleInit } from '@nestjs/common';
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppSettings } from '../common/settings/app-settings';

/** How long a file check is trusted: writes and /health stay cheap. */
const CHECK_TTL_MS = 500;

/**
 * Watches the database file itself. SQLite keeps its file open, so a file removed or replaced while
 * running would go unnoticed (writes would land in a deleted inode and be lost); this notices.
 */
@Injectable()
export class DatabaseFileMonitor implements OnModuleInit {
  readonly file: string;
  private identity: { dev: number; ino: number } | null = null;
  private checked: { at: number; problem: string | null } | null = null;

  constructor(settings: AppSettings) {
    this.file = resolve(settings.databasePath);
  }

  onModuleInit(): void {
    const stats = statSync(this.file);
    this.identity = { dev: stats.dev, ino: stats.ino };
  }

  /** null when the file is there, the one opened at start, and writable; else why not. */
  problem(now = Date.now()): string | null {
    if (this.checked && now - this.checked.at < CHECK_TTL_MS) return this.checked.problem;
    this.checked = { at: now, problem: this.inspect() };
    return this.checked.problem;
  }

  private inspect(): string | null {
    let stats;
    try {
      stats = statSync(this.file);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `database file missing: ${this.file}`
        : `database file unreadable: ${(error as Error).message}`;
    }
    if (this.identity && (stats.dev !== this.identity.dev || stats.ino !== this.identity.ino)) {
      return `database file replaced since start (restart HealthCheck to use the new one): ${this.file}`;
    }
    // No write bit at all is an operator's "read-only" even for root, whom access() never refuses.
    if ((stats.mode & 0o222) === 0) return `database file is read-only: ${this.file}`;
    try {
      accessSync(this.file, constants.W_OK);
    } catch {
      return `database file is read-only: ${this.file}`;
    }
    return null;
  }
}
