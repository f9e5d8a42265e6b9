import { ValidateBy, ValidationArguments } from 'class-validator';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE } from '../users/user-rules';

/**
 * The one password rule of HealthCheck, for every password a person chooses: a created user's
 * (POST /users), one's own (POST /change-password), an admin's reset (PUT /users/:id) and
 * ADMIN_PASSWORD at start-up. Not for `admin123`, the spec's first-login password, which must be
 * changed at once anyway.
 */
export type PasswordProblem = 'length' | 'blank' | 'username' | 'common';

export const PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  length: PASSWORD_RULE,
  blank: "Le mot de passe ne peut pas être fait que d'espaces ou de caractères de contrôle",
  username: "Le mot de passe ne doit pas contenir le nom d'utilisateur",
  common: 'Le mot de passe fait partie des plus courants : choisissez-en un autre',
};

/** Only spaces, line breaks, invisible format characters or control characters. */
const BLANK = /^[\s\p{C}]*$/u;

let common: Set<string> | undefined;

/**
 * The ~49,000 most common passwords of the zxcvbn-ts project (@zxcvbn-ts/language-common, lower
 * case), loaded at the first check: most runs of the probe never set a password.
 */
function commonPasswords(): Set<string> {
  if (common === undefined) {
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  }
  return common;
}

/** How many passwords the common list holds (for the tests and the README's claim). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** What is wrong with this password for this user, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): PasswordProblem | undefined {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return 'length';
  if (BLANK.test(password)) return 'blank';
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return 'username';
  if (commonPasswords().has(lower)) return 'common';
  return undefined;
}

/** Throws the API's 400 (French message) when the password breaks the rule. */
export function assertAcceptablePassword(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new ApiError(400, ERROR_LABELS[400], PASSWORD_PROBLEMS[problem]);
}

/**
 * The rule as a DTO decorator (length included). `usernameProperty` names the body's field that holds
 * the username, when the body has one (POST /users); otherwise the service checks the username.
 * A value that is not a string is left to `@IsString`.
 */
export function IsAcceptablePassword(usernameProperty?: string): PropertyDecorator {
  const problemOf = (args: ValidationArguments) => {
    const username = usernameProperty ? (args.object as Record<string, unknown>)[usernameProperty] : undefined;
    return typeof args.value === 'string' ? passwordProblem(args.value, typeof username === 'string' ? username : undefined) : undefined;
  };
  return ValidateBy({
    name: 'isAcceptablePassword',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => args === undefined || problemOf(args) === undefined,
      defaultMessage: (args?: ValidationArguments) => PASSWORD_PROBLEMS[(args && problemOf(args)) ?? 'length'],
    },
  });
}
