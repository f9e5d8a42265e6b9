import { Logger } from '@nestjs/common';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { AppSettings } from '../common/settings/app-settings';

export const JWT_KEY = Symbol('JWT_KEY');

/** Where the generated secret lives: beside the database, so that a restart keeps sessions valid. */
export function jwtSecretFile(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'jwt-secret');
}

/**
 * The HS256 key: `JWT_SECRET` when set, else 32 random bytes generated once into a 0600 file.
 * A KeyObject, not a string: jsonwebtoken verifies ten times faster with one.
 */
export function loadJwtKey(settings: AppSettings, logger = new Logger('Auth')): KeyObject {
  if (settings.jwtSecret) return createSecretKey(Buffer.from(settings.jwtSecret, 'utf8'));
  const file = jwtSecretFile(settings.databasePath);
  mkdirSync(dirname(file), { recursive: true });
  const existing = readSecret(file);
  if (existing) return createSecretKey(existing);
  try {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    logger.log(`Generated a JWT secret in ${file} (set JWT_SECRET to provide your own)`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = readSecret(file);
  if (!created) throw new Error(`The JWT secret file ${file} is unreadable or malformed`);
  return createSecretKey(created);
}

function readSecret(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!/^[0-9a-f]{64,}$/.test(text)) throw new Error(`The JWT secret file ${file} is malformed: delete it to generate a new one`);
  chmodSync(file, 0o600);
  return Buffer.from(text, 'hex');
}
