import { HttpException, HttpStatus } from '@nestjs/common';
import { translateFastifyMessage } from './fastify-errors';

/** The one error shape of the API: `{"error": "...", "message": "..."}`, plus `details` for validation. */
export interface ApiErrorBody {
  error: string;
  message: string;
  details?: string[];
}

/** Default `error` labels, for exceptions thrown without one. */
export const ERROR_LABELS: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Non authentifié',
  403: 'Accès refusé',
  404: 'Ressource introuvable',
  405: 'Méthode non autorisée',
  408: 'Délai dépassé',
  409: 'Conflit',
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non supporté',
  429: 'Trop de requêtes',
  431: 'En-têtes trop volumineux',
  500: 'Erreur interne',
  501: 'Non implémenté',
  503: 'Service indisponible',
};

export function errorLabel(status: number): string {
  return ERROR_LABELS[status] ?? (status >= 500 ? ERROR_LABELS[500] : ERROR_LABELS[400]);
}

/** An HttpException whose body is already in the API's shape. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus | number, error: string, message: string, details?: string[]) {
    super(details ? { error, message, details } : { error, message }, status);
  }
}

/** Turns whatever an HttpException carries into the API's error body. */
export function toErrorBody(status: number, response: unknown): ApiErrorBody {
  if (typeof response === 'string') return { error: errorLabel(status), message: translateFastifyMessage(response) };
  if (response && typeof response === 'object') {
    const body = response as Record<string, unknown>;
    if (typeof body.error === 'string' && typeof body.message === 'string' && body.error !== '') {
      const shaped: ApiErrorBody = { error: body.error, message: body.message };
      if (Array.isArray(body.details)) shaped.details = body.details.map(String);
      return shaped;
    }
    if (Array.isArray(body.message)) {
      const details = body.message.map(String);
      return { error: errorLabel(status), message: details[0] ?? errorLabel(status), details };
    }
    if (typeof body.message === 'string') return { error: errorLabel(status), message: translateFastifyMessage(body.message) };
  }
  return { error: errorLabel(status), message: errorLabel(status) };
}
