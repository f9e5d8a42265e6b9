import { ApiError } from '../common/http/api-error';

/** The auth errors, worded exactly as the spec and issue 3 say. */
export const tokenMissing = () => new ApiError(401, 'Token manquant', "Header 'Authorization: Bearer <token>' requis");

export const tokenInvalid = () => new ApiError(401, 'Token invalide', 'Le token est invalide, expiré ou révoqué');

export const permissionDenied = (permission: string) =>
  new ApiError(403, 'Accès refusé', `Permission '${permission}' requise pour cette action`);

export const passwordChangeRequired = () =>
  new ApiError(
    403,
    'Changement de mot de passe requis',
    "Changez votre mot de passe (POST /change-password) avant d'utiliser l'API",
  );

export const loginFailed = () => new ApiError(401, 'Connexion échouée', "Nom d'utilisateur ou mot de passe incorrect");

/** A 429 whose `Retry-After` header the exception filter writes. */
export function tooManyRequests(message: string, retryAfterSeconds: number, error = 'Trop de requêtes'): ApiError {
  const exception = new ApiError(429, error, message) as ApiError & { retryAfterSeconds: number };
  exception.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return exception;
}
