import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users` (the spec's columns) and `sessions` (one row per login), then `thresholds.updated_by`
 * becomes a foreign key to `users`: SQLite cannot add one to an existing column, so the table is
 * rebuilt (create, copy, drop, rename).
 */
export class CreateUsersSessions1736100000000 implements MigrationInterface {
  name = 'CreateUsersSessions1736100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "username" TEXT NOT NULL UNIQUE,
        "password_hash" TEXT NOT NULL,
        "role" TEXT NOT NULL CHECK ("role" IN ('viewer', 'technicien', 'admin')),
        "token" TEXT NULL,
        "token_expires" DATETIME NULL,
        "created_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "last_login" DATETIME NULL,
        "must_change_password" BOOLEAN NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`
      CREATE TABLE "sessions" (
        "id" TEXT PRIMARY KEY NOT NULL,
        "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "token_hash" TEXT NOT NULL,
        "expires_at" DATETIME NOT NULL,
        "created_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "revoked_at" DATETIME NULL
      )`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "thresholds_new" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "resource" TEXT NOT NULL UNIQUE CHECK ("resource" IN ('cpu', 'memory', 'disk')),
        "warning_level" INTEGER NOT NULL,
        "critical_level" INTEGER NOT NULL,
        "updated_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "updated_by" INTEGER NULL REFERENCES "users" ("id") ON DELETE SET NULL
      )`);
    // No user existed before this migration: any old updated_by is dangling.
    await queryRunner.query(`
      INSERT INTO "thresholds_new" ("id", "resource", "warning_level", "critical_level", "updated_at", "updated_by")
      SELECT "id", "resource", "warning_level", "critical_level", "updated_at", NULL FROM "thresholds"`);
    await queryRunner.query(`DROP TABLE "thresholds"`);
    await queryRunner.query(`ALTER TABLE "thresholds_new" RENAME TO "thresholds"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "thresholds_old" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "resource" TEXT NOT NULL UNIQUE CHECK ("resource" IN ('cpu', 'memory', 'disk')),
        "warning_level" INTEGER NOT NULL,
        "critical_level" INTEGER NOT NULL,
        "updated_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "updated_by" INTEGER NULL
      )`);
    await queryRunner.query(`INSERT INTO "thresholds_old" SELECT * FROM "thresholds"`);
    await queryRunner.query(`DROP TABLE "thresholds"`);
    await queryRunner.query(`ALTER TABLE "thresholds_old" RENAME TO "thresholds"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
