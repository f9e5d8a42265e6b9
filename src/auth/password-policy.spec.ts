import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { CreateUserDto } from '../users/dto/create-user.dto';
import { commonPasswordCount, PASSWORD_PROBLEMS, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('uses a common-password list of at least 10,000 entries', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it.each([
    ['password123', 'common'],
    ['12345678', 'common'],
    ['PassWord123', 'common'],
    ['azerty123', 'common'],
    ['        ', 'blank'],
    ['\t\n\r\u0000\u0007 \u200b  ', 'blank'],
    ['short', 'length'],
    ['x'.repeat(257), 'length'],
  ])('refuses %j (%s)', (password, problem) => {
    expect(passwordProblem(password, 'jean.dupont')).toBe(problem);
  });

  it('refuses a password that contains the username, whatever the case', () => {
    expect(passwordProblem('Jean.Dupont-2024!', 'jean.dupont')).toBe('username');
    expect(passwordProblem('xx-ADMIN-yy-42', 'admin')).toBe('username');
    expect(passwordProblem('xx-ADMIN-yy-42', 'jean.dupont')).toBeUndefined();
  });

  it('accepts a password that is long, uncommon and free of the username', () => {
    expect(passwordProblem('Correct-Horse-Battery-9', 'jean.dupont')).toBeUndefined();
    expect(passwordProblem('  mot de passe à moi  ', 'jean.dupont')).toBeUndefined();
  });

  it('is what the DTO decorator applies, with the body’s username', () => {
    const errors = (body: object) =>
      validateSync(plainToInstance(CreateUserDto, body)).flatMap((error) => Object.values(error.constraints ?? {}));
    expect(errors({ username: 'jean.dupont', password: 'password123', role: 'viewer' })).toEqual([PASSWORD_PROBLEMS.common]);
    expect(errors({ username: 'jean.dupont', password: 'My-jean.dupont-9', role: 'viewer' })).toEqual([PASSWORD_PROBLEMS.username]);
    expect(errors({ username: 'jean.dupont', password: 'short', role: 'viewer' })).toEqual([PASSWORD_PROBLEMS.length]);
    expect(errors({ username: 'jean.dupont', password: 'Correct-Horse-Battery-9', role: 'viewer' })).toEqual([]);
  });
});
