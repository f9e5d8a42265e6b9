import { MigrationInterface, QueryRunner } from 'typeorm';

/** The `thresholds` table as the spec draws it; `updated_by` stays nullable until users exist. */
export class CreateThresholds1736000000000 implements MigrationInterface {
  name = 'CreateThresholds1736000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "thresholds" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "resource" TEXT NOT NULL UNIQUE CHECK ("resource" IN ('cpu', 'memory', 'disk')),
        "warning_level" INTEGER NOT NULL,
        "critical_level" INTEGER NOT NULL,
        "updated_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "updated_by" INTEGER NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "thresholds"`);
  }
}
