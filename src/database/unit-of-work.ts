import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * PLACEHOLDER until main's unit of work is merged (same interface): every write runs here, one
 * transaction at a time, with the manager it is given.
 */
@Injectable()
export class UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.dataSource.transaction((manager) => work(manager)));
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export type { EntityManager };
