import { MigrationInterface, QueryRunner } from 'typeorm';

/** The other HealthCheck probes the dashboard's fleet view polls (name and base URL). */
export class CreateFleetProbes1736900000000 implements MigrationInterface {
  name = 'CreateFleetProbes1736900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "fleet_probes" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "name" TEXT NOT NULL,
        "base_url" TEXT NOT NULL UNIQUE,
        "created_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "created_by" INTEGER NULL REFERENCES "users" ("id") ON DELETE SET NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "fleet_probes"`);
  }
}
