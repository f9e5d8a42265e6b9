import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who did what: kept for AUDIT_RETENTION_DAYS; no foreign key, so the trail outlives deleted users. */
export class CreateAuditLog1736700000000 implements MigrationInterface {
  name = 'CreateAuditLog1736700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "at" TEXT NOT NULL,
        "user_id" INTEGER NULL,
        "username" TEXT NULL,
        "source_ip" TEXT NULL,
        "action" TEXT NOT NULL,
        "target" TEXT NULL,
        "outcome" TEXT NOT NULL CHECK ("outcome" IN ('success', 'failure')),
        "details" TEXT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_at" ON "audit_log" ("at")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_action" ON "audit_log" ("action", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_username" ON "audit_log" ("username", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
