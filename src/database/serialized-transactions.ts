import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's sqlite driver has ONE connection: two `manager.transaction()` calls at once collide
 * ("cannot start a transaction within a transaction", a 500 under load). This queues them, for every
 * caller of `dataSource.transaction()` / `repository.manager.transaction()`.
 */
@Injectable()
export class SerializedTransactions implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    serializeTransactions(this.dataSource.manager);
  }
}

export function serializeTransactions(manager: EntityManager): void {
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const run = tail.then(() => original(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}
