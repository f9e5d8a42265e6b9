import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ChangePasswordDto } from '../auth/dto/change-password.dto';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hasPermission, permissionsOf } from '../auth/permissions';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { isValidPassword, isValidUsername } from './user-rules';

const errorsOf = (cls: any, body: object) =>
  validateSync(plainToInstance(cls, body) as object).flatMap((e) => Object.values(e.constraints ?? {}));

describe('username and password rules', () => {
  it.each(['abc', 'jean.dupont', 'a_b-c.9', 'x'.repeat(32)])('accepts the username %s', (name) => {
    expect(isValidUsername(name)).toBe(true);
  });

  it.each(['ab', 'x'.repeat(33), 'Jean', 'jean dupont', 'jean@x', 'é-toile', '', 'a/b'])('refuses the username %j', (name) => {
    expect(isValidUsername(name)).toBe(false);
  });

  it('passwords need 8 to 256 characters', () => {
    expect(isValidPassword('1234567')).toBe(false);
    expect(isValidPassword('12345678')).toBe(true);
    expect(isValidPassword('x'.repeat(256))).toBe(true);
    expect(isValidPassword('x'.repeat(257))).toBe(false);
    expect(isValidPassword(12345678)).toBe(false);
  });

  it('CreateUserDto checks the three fields with French messages', () => {
    expect(errorsOf(CreateUserDto, { username: 'jean.dupont', password: 'TempPass123!', role: 'viewer' })).toEqual([]);
    expect(errorsOf(CreateUserDto, { username: 'JD', password: 'short', role: 'root' })).toEqual([
      expect.stringContaining("Le nom d'utilisateur"),
      expect.stringContaining('Le mot de passe'),
      'Le rôle doit être viewer, technicien ou admin',
    ]);
  });

  it('UpdateUserDto takes role and/or password', () => {
    expect(errorsOf(UpdateUserDto, {})).toEqual([]);
    expect(errorsOf(UpdateUserDto, { role: 'technicien' })).toEqual([]);
    expect(errorsOf(UpdateUserDto, { role: 'superadmin' })).toHaveLength(1);
    expect(errorsOf(UpdateUserDto, { password: 'short' })).toHaveLength(1);
  });

  it('ChangePasswordDto needs a new password of 8 characters', () => {
    expect(errorsOf(ChangePasswordDto, { current_password: 'a', new_password: 'abcdefgh', confirm_password: 'x' })).toEqual([]);
    expect(errorsOf(ChangePasswordDto, { current_password: 'a', new_password: 'abc', confirm_password: 'abc' })).toHaveLength(1);
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Secret-Pass-1');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'Secret-Pass-1')).toBe(true);
    expect(await verifyPassword(hash, 'secret-pass-1')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('maps roles to the spec permissions', () => {
    expect(permissionsOf('viewer')).toEqual(['read']);
    expect(permissionsOf('technicien')).toEqual(['read', 'execute']);
    expect(permissionsOf('admin')).toEqual(['read', 'execute', 'config', 'users']);
    expect(hasPermission('technicien', 'config')).toBe(false);
  });
});
