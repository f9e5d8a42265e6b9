/** Usernames: 3 to 32 of a-z, 0-9, '.', '_', '-'. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const USERNAME_RULE = "Le nom d'utilisateur doit faire 3 à 32 caractères parmi a-z, 0-9, '.', '_' et '-'";

export const PASSWORD_MIN_LENGTH = 8;
/** An upper bound so that nobody makes the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_RULE = `Le mot de passe doit faire entre ${PASSWORD_MIN_LENGTH} et ${PASSWORD_MAX_LENGTH} caractères`;

export function isValidUsername(value: unknown): value is string {
  return typeof value === 'string' && USERNAME_PATTERN.test(value);
}

export function isValidPassword(value: unknown): value is string {
  return typeof value === 'string' && value.length >= PASSWORD_MIN_LENGTH && value.length <= PASSWORD_MAX_LENGTH;
}
